// Simulator speed: the five AlexNet conv layers on eyeriss_v1 with their row-stationary optimal
// mappings (found once, outside the timed loop), one core; simulated MACs and cycles per second.
#include <benchmark/benchmark.h>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "mapper/search.hpp"
#include "sim/core/simulator.hpp"
#include "sim/core/systolic.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;

struct Job {
  arch::Layer layer;
  mapper::LoopNest nest;
};

std::vector<Job> alexnet_conv_jobs(const arch::Architecture& architecture) {
  const std::string root = ARRAYSIM_SOURCE_DIR "/";
  const auto net = arch::load_workload(root + "workloads/alexnet.json");
  const auto rs = arch::load_dataflow(root + "dataflows/rs.json");
  const auto energy = arraysim::energy::resolve_energy(architecture);
  std::vector<Job> jobs;
  for (const arch::Layer* layer : net.mac_layers()) {
    if (layer->type != arch::LayerType::Conv) continue;
    const mapper::Mapspace space(architecture, *layer, rs);
    jobs.push_back({*layer, mapper::run_search("exhaustive", space, energy, {}).best});
  }
  return jobs;
}

void BM_SimulateAlexNetConvEyerissV1(benchmark::State& state) {
  const auto architecture =
      arch::load_architecture(ARRAYSIM_SOURCE_DIR "/arch/examples/eyeriss_v1.json");
  const std::vector<Job> jobs = alexnet_conv_jobs(architecture);
  double macs = 0.0;
  double cycles = 0.0;
  for (auto _ : state) {
    for (const Job& job : jobs) {
      const auto result = arraysim::sim::simulate(architecture, job.layer, job.nest, {});
      macs += static_cast<double>(result.counts.macs);
      cycles += static_cast<double>(result.counts.cycles);
    }
  }
  state.counters["MACs/s"] = benchmark::Counter(macs, benchmark::Counter::kIsRate);
  state.counters["cycles/s"] = benchmark::Counter(cycles, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateAlexNetConvEyerissV1)->Unit(benchmark::kMillisecond);

// The cycle engine on the same jobs: simulated PE-cycles (cycles x active PEs) per second.
void BM_CycleEngineAlexNetConvEyerissV1(benchmark::State& state) {
  const auto architecture =
      arch::load_architecture(ARRAYSIM_SOURCE_DIR "/arch/examples/eyeriss_v1.json");
  const std::vector<Job> jobs = alexnet_conv_jobs(architecture);
  double pe_cycles = 0.0;
  double cycles = 0.0;
  for (auto _ : state) {
    for (const Job& job : jobs) {
      const auto result = arraysim::sim::sc::simulate_cycle(architecture, job.layer, job.nest, {});
      pe_cycles += static_cast<double>(result.pe_cycles);
      cycles += static_cast<double>(result.sim.counts.cycles);
    }
  }
  state.counters["PE-cycles/s"] = benchmark::Counter(pe_cycles, benchmark::Counter::kIsRate);
  state.counters["cycles/s"] = benchmark::Counter(cycles, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CycleEngineAlexNetConvEyerissV1)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// Systolic mode on a 128x128 array (tpu_like): every VGG-16 layer, weight stationary.
void BM_SystolicVgg16On128x128(benchmark::State& state) {
  const std::string root = ARRAYSIM_SOURCE_DIR "/";
  const auto architecture = arraysim::arch::load_architecture(root + "arch/examples/tpu_like.json");
  const auto net = arraysim::arch::load_workload(root + "workloads/vgg16.json");
  double macs = 0.0;
  double cycles = 0.0;
  for (auto _ : state) {
    for (const arraysim::arch::Layer* layer : net.mac_layers()) {
      const auto r = arraysim::sim::simulate_systolic(
          architecture, *layer, arraysim::sim::SystolicDataflow::WeightStationary);
      macs += static_cast<double>(r.macs);
      cycles += static_cast<double>(r.cycles);
    }
  }
  state.counters["MACs/s"] = benchmark::Counter(macs, benchmark::Counter::kIsRate);
  state.counters["cycles/s"] = benchmark::Counter(cycles, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SystolicVgg16On128x128)->Unit(benchmark::kMicrosecond);

}  // namespace
