// The SystemC engine (modules for the storage levels, the NoC and the PE array) against the fast
// engine: identical cycles, stalls and counts on random cases with random bandwidths, latencies
// and buffering; its busy intervals add up to the busy cycles it reports.
#include <random>

#include <catch2/catch.hpp>

#include "sim/core/simulator.hpp"
#include "sim/sc/sc_simulator.hpp"
#include "tests/support/random_cases.hpp"

namespace {
namespace sim = arraysim::sim;
}  // namespace

TEST_CASE("SystemC engine equals the fast engine", "[sc]") {
  std::mt19937 rng(2468);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int i = 0; i < 40; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    for (auto& level : rc.arch.levels) {
      if (pick(0, 3) > 0) level.read_bandwidth = pick(1, 4);
      if (pick(0, 3) > 0) level.write_bandwidth = pick(1, 4);
      level.latency_cycles = pick(0, 2) == 0 ? pick(1, 20) : 0;
      level.multiple_buffering = pick(1, 2);
      level.network.topology =
          pick(0, 1) == 0 ? arraysim::arch::Topology::EyerissBus : arraysim::arch::Topology::Mesh;
      level.network.link_bits = 8 * pick(0, 2);
      level.network.hop_latency_cycles = pick(0, 1);
    }
    rc.arch.levels.front().banks = pick(1, 4);
    rc.arch.levels.front().row_words = pick(4, 32);
    rc.arch.levels.front().row_miss_cycles = pick(0, 12);
    const auto fast = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto systemc = sim::sc::simulate_systemc(rc.arch, rc.layer, rc.nest, false);
    INFO(arraysim::testing::describe(rc));
    REQUIRE(systemc.sim.counts.cycles == fast.counts.cycles);
    REQUIRE(systemc.sim.timing.stall_cycles == fast.timing.stall_cycles);
    CHECK(arraysim::testing::join(arraysim::testing::differences(fast.counts, systemc.sim.counts,
                                                                 rc, "systemc")) == "");
    for (std::size_t l = 0; l < rc.arch.num_levels(); ++l) {
      CHECK(systemc.sim.timing.levels[l].busy_cycles == fast.timing.levels[l].busy_cycles);
      sim::Cycle covered = 0;
      for (const auto& interval : systemc.busy[l]) covered += interval.end - interval.start;
      // Read and write ports may be busy at once, so intervals cover at most the busy cycles.
      CHECK(covered <= systemc.sim.timing.levels[l].busy_cycles);
    }
  }
}
