// Mapper benchmarks: the exhaustive row-stationary search of eyeriss_256 on the VGG layer (Timeloop
// needs about 26 s for the same mapspace on one core), every AlexNet layer under all five
// dataflows on eyeriss_v1, and raw mapspace-point evaluations per second on one core.
#include <benchmark/benchmark.h>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "mapper/search.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;

std::string path(const std::string& relative) {
  return std::string(ARRAYSIM_SOURCE_DIR "/") + relative;
}

void BM_ExhaustiveEyeriss256VggRs(benchmark::State& state) {
  const auto architecture = arch::load_architecture(path("arch/examples/eyeriss_256.json"));
  const auto layer = arch::load_workload(path("workloads/vgg16_conv3_2.json")).layers.front();
  const auto rs = arch::load_dataflow(path("dataflows/rs.json"));
  const auto energy = arraysim::energy::resolve_energy(architecture);
  mapper::SearchOptions options;
  options.threads = static_cast<int>(state.range(0));
  std::uint64_t evaluated = 0;
  for (auto _ : state) {
    const mapper::Mapspace space(architecture, layer, rs);
    const auto result = mapper::run_search("exhaustive", space, energy, options);
    evaluated += result.stats.evaluated;
    benchmark::DoNotOptimize(result.energy_pj);
  }
  state.counters["mappings/s"] =
      benchmark::Counter(static_cast<double>(evaluated), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExhaustiveEyeriss256VggRs)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_AlexNetFiveDataflowsEyerissV1(benchmark::State& state) {
  const auto architecture = arch::load_architecture(path("arch/examples/eyeriss_v1.json"));
  const auto net = arch::load_workload(path("workloads/alexnet.json"));
  const auto energy = arraysim::energy::resolve_energy(architecture);
  mapper::SearchOptions options;
  options.threads = static_cast<int>(state.range(0));
  std::uint64_t evaluated = 0;
  for (auto _ : state) {
    for (const char* name : {"ws", "os", "is", "rs", "nlr"}) {
      const auto dataflow = arch::load_dataflow(path(std::string("dataflows/") + name + ".json"));
      for (const arch::Layer* layer : net.mac_layers()) {
        const mapper::Mapspace space(architecture, *layer, dataflow);
        const auto result = mapper::run_search("exhaustive", space, energy, options);
        evaluated += result.stats.evaluated;
        benchmark::DoNotOptimize(result.energy_pj);
      }
    }
  }
  state.counters["mappings/s"] =
      benchmark::Counter(static_cast<double>(evaluated), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AlexNetFiveDataflowsEyerissV1)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
