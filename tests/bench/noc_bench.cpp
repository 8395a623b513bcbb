// Speed of the flit-level NoC fabric: an uncontended stream of broadcasts (64 words each, 64-bit
// links, 16-bit words: 16 flits a packet) from the parent to every PE of a 14 x 12 Eyeriss bus and
// of a 16 x 16 mesh (4-flit buffers, hop latency 1), one every 16 cycles; words x links traversed
// per second.
#include <benchmark/benchmark.h>

#include <numeric>

#include "sim/sc/noc_fabric.hpp"

namespace {

namespace arch = arraysim::arch;

void stream_broadcasts(benchmark::State& state, arch::Topology topology, std::int64_t fx,
                       std::int64_t fy) {
  arch::NetworkSpec spec;
  spec.topology = topology;
  spec.link_bits = 64;
  spec.hop_latency_cycles = 1;
  spec.buffer_flits = 4;
  std::vector<std::size_t> all(static_cast<std::size_t>(fx * fy));
  std::iota(all.begin(), all.end(), 0);
  const int packets = static_cast<int>(state.range(0));
  double word_links = 0.0;
  double flit_links = 0.0;
  double events = 0.0;
  for (auto _ : state) {
    auto* context = new sc_core::sc_simcontext();
    sc_core::sc_curr_simcontext = context;
    sc_core::sc_default_global_context = context;
    {
      arraysim::sim::sc::NocFabric fabric("fabric", spec, fx, fy, 16,
                                          sc_core::sc_time(1, sc_core::SC_NS), 0);
      std::size_t delivered = 0;
      // One packet every 16 cycles: back to back on the parent's link.
      for (int p = 0; p < packets; ++p) {
        fabric.send_down(64, arch::DataSpace::Inputs, all, 0,
                         [&delivered](std::size_t) { ++delivered; });
        sc_core::sc_start(sc_core::sc_time(16, sc_core::SC_NS));
      }
      sc_core::sc_start();
      const auto& s = fabric.stats();
      word_links += static_cast<double>(s.link_words[arch::index(arch::DataSpace::Inputs)]);
      for (const auto& l : s.down_links) flit_links += static_cast<double>(l.busy_cycles);
      events += static_cast<double>(fabric.evaluations());
      benchmark::DoNotOptimize(delivered);
    }
    delete context;
    sc_core::sc_curr_simcontext = nullptr;
    sc_core::sc_default_global_context = nullptr;
  }
  state.counters["word_hops/s"] = benchmark::Counter(word_links, benchmark::Counter::kIsRate);
  state.counters["flit_hops/s"] = benchmark::Counter(flit_links, benchmark::Counter::kIsRate);
  state.counters["port_evals/s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
}

void BM_NocEyerissBusBroadcast(benchmark::State& state) {
  stream_broadcasts(state, arch::Topology::EyerissBus, 14, 12);
}
BENCHMARK(BM_NocEyerissBusBroadcast)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_NocMeshBroadcast(benchmark::State& state) {
  stream_broadcasts(state, arch::Topology::Mesh, 16, 16);
}
BENCHMARK(BM_NocMeshBroadcast)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
