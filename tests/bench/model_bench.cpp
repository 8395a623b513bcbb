// Benchmarks of the analytical model: evaluations per second of one mapping (eyeriss_v1, VGG-16
// CONV3_2, row-stationary), with and without pricing the counts into energy.
#include <benchmark/benchmark.h>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/stats.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;

struct Fixture {
  arch::Architecture architecture;
  arch::Layer layer;
  mapper::LoopNest nest;
  arraysim::energy::ResolvedEnergy energy;

  Fixture(const std::string& arch_file, const std::string& workload, const std::string& mapping) {
    const std::string root = ARRAYSIM_SOURCE_DIR "/";
    architecture = arch::load_architecture(root + arch_file);
    layer = arch::load_workload(root + workload).layers.front();
    nest = mapper::bind_mapping(arch::load_mapping(root + mapping), architecture, layer);
    energy = arraysim::energy::resolve_energy(architecture);
  }
};

const Fixture& vgg_rs() {
  static const Fixture fixture("arch/examples/eyeriss_v1.json", "workloads/vgg16_conv3_2.json",
                               "tests/golden/examples/eyeriss_v1/vgg_conv3_2_rs.json");
  return fixture;
}

void BM_ModelEvaluate(benchmark::State& state) {
  const Fixture& f = vgg_rs();
  mapper::Evaluation result;
  for (auto _ : state) {
    mapper::evaluate_into(f.architecture, f.layer, f.nest, result);
    benchmark::DoNotOptimize(result.counts.cycles);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ModelEvaluate);

void BM_ModelEvaluateAndPrice(benchmark::State& state) {
  const Fixture& f = vgg_rs();
  mapper::Evaluation result;
  for (auto _ : state) {
    mapper::evaluate_into(f.architecture, f.layer, f.nest, result);
    auto stats = mapper::make_stats(f.architecture, f.layer.name, result.counts, f.energy);
    benchmark::DoNotOptimize(stats.energy_pj);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ModelEvaluateAndPrice);

// What the mapper does per candidate: evaluate, then total energy only.
void BM_ModelEvaluateAndScore(benchmark::State& state) {
  const Fixture& f = vgg_rs();
  mapper::Evaluation result;
  for (auto _ : state) {
    mapper::evaluate_into(f.architecture, f.layer, f.nest, result);
    benchmark::DoNotOptimize(mapper::total_energy_pj(f.architecture, result.counts, f.energy));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ModelEvaluateAndScore);

}  // namespace

BENCHMARK_MAIN();
