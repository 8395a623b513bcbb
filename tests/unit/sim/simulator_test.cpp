// The simulator against the analytical model: with unlimited bandwidth and zero latency the
// simulated reads, fills and updates equal the model's on every golden case and on random cases,
// and the cycles equal the model's compute cycles plus the pipeline fill/drain.
#include <filesystem>
#include <random>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "sim/core/simulator.hpp"
#include "tests/support/random_cases.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
namespace sim = arraysim::sim;
using arraysim::testing::source_path;

std::vector<std::string> compare(const arch::Architecture& a, const arch::Layer& layer,
                                 const mapper::LoopNest& nest,
                                 const arraysim::testing::RandomCase& rc) {
  const auto model = mapper::evaluate(a, layer, nest);
  const auto simulated = sim::simulate(a, layer, nest, sim::SimOptions{true});
  auto diffs = arraysim::testing::differences(model.counts, simulated.counts, rc, "simulator");
  const mapper::Cycle expected =
      model.counts.compute_cycles + static_cast<mapper::Cycle>(a.compute.pipeline_depth - 1);
  if (simulated.counts.cycles != expected) {
    diffs.push_back("cycles: simulator " + std::to_string(simulated.counts.cycles) + ", expected " +
                    std::to_string(expected));
  }
  for (std::size_t n = 0; n < model.counts.networks.size(); ++n) {
    if (model.counts.networks[n].transfers != simulated.counts.networks[n].transfers) {
      diffs.push_back("network transfers differ into level " +
                      std::to_string(model.counts.networks[n].into));
    }
  }
  return diffs;
}

}  // namespace

TEST_CASE("Simulator counts equal the model on every golden case (unlimited bandwidth)",
          "[sim][golden]") {
  std::size_t cases = 0;
  for (const auto& [name, rc] : arraysim::testing::timeloop_golden_cases()) {
    INFO(name);
    const auto diffs = compare(rc.arch, rc.layer, rc.nest, rc);
    CHECK(arraysim::testing::join(diffs) == "");
    ++cases;
  }
  CHECK(cases == 18);
}

TEST_CASE("Simulator counts and cycles equal the model on 300 random cases", "[sim]") {
  std::mt19937 rng(424242);
  for (int i = 0; i < 300; ++i) {
    const auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    const auto diffs = compare(rc.arch, rc.layer, rc.nest, rc);
    INFO(arraysim::testing::describe(rc));
    REQUIRE(arraysim::testing::join(diffs) == "");
  }
}

TEST_CASE("Fast and clocked engines give identical cycles, stalls and counts", "[sim]") {
  std::mt19937 rng(777);
  for (int i = 0; i < 80; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    arraysim::testing::add_random_timing(rc.arch, rng);
    const auto fast = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{false, false});
    const auto clocked = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{false, true});
    INFO(arraysim::testing::describe(rc));
    REQUIRE(fast.counts.cycles == clocked.counts.cycles);
    REQUIRE(fast.timing.stall_cycles == clocked.timing.stall_cycles);
    REQUIRE(fast.timing.compute_end == clocked.timing.compute_end);
    for (std::size_t l = 0; l < rc.arch.num_levels(); ++l) {
      CHECK(fast.timing.levels[l].busy_cycles == clocked.timing.levels[l].busy_cycles);
      CHECK(fast.timing.levels[l].stall_cycles() == clocked.timing.levels[l].stall_cycles());
    }
    CHECK(arraysim::testing::join(
              arraysim::testing::differences(fast.counts, clocked.counts, rc, "clocked")) == "");
  }
}
