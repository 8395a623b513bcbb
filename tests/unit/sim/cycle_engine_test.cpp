// The cycle-level engine against the analytical model: with unlimited bandwidth and zero latency
// every per-instance count its processes tally (reads, fills, updates, network transfers, link and
// router traversals) equals the model's on every golden case and on 300 random cases, and the
// cycles equal the model's compute cycles plus the pipeline fill.
#include <filesystem>
#include <random>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "arch/spec_error.hpp"
#include "mapper/model.hpp"
#include "sim/core/simulator.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"
#include "tests/support/random_cases.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
namespace sim = arraysim::sim;

// Network entries: transfers, deliveries, link and router traversals per data space.
void network_differences(const mapper::ActionCounts& want, const mapper::ActionCounts& got,
                         std::vector<std::string>& diffs) {
  const auto& nets = want.networks;
  for (std::size_t n = 0; n < nets.size(); ++n) {
    const auto& net = got.networks.at(n);
    for (arch::DataSpace ds : arch::kAllDataSpaces) {
      const auto d = static_cast<std::size_t>(arch::index(ds));
      const std::string where =
          std::string(arch::dataspace_name(ds)) + " into level " + std::to_string(nets[n].into);
      if (nets[n].transfers[d] != net.transfers[d]) diffs.push_back("transfers " + where);
      if (nets[n].delivered[d] != net.delivered[d]) diffs.push_back("delivered " + where);
      if (nets[n].link_words[d] != net.link_words[d]) diffs.push_back("link words " + where);
      if (nets[n].router_words[d] != net.router_words[d]) diffs.push_back("router words " + where);
    }
  }
}

std::vector<std::string> compare_unlimited(const arraysim::testing::RandomCase& rc) {
  const auto model = mapper::evaluate(rc.arch, rc.layer, rc.nest);
  sim::SimOptions options;
  options.unlimited = true;
  const auto cycle = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, options);
  auto diffs = arraysim::testing::differences(model.counts, cycle.sim.counts, rc, "cycle engine");
  const mapper::Cycle expected =
      model.counts.compute_cycles + static_cast<mapper::Cycle>(rc.arch.compute.pipeline_depth - 1);
  if (cycle.sim.counts.cycles != expected) {
    diffs.push_back("cycles: cycle engine " + std::to_string(cycle.sim.counts.cycles) +
                    ", expected " + std::to_string(expected));
  }
  network_differences(model.counts, cycle.sim.counts, diffs);
  return diffs;
}

}  // namespace

TEST_CASE("Cycle engine counts equal the model on every golden case (unlimited bandwidth)",
          "[sim][sc][golden]") {
  std::size_t cases = 0;
  for (const auto& [name, rc] : arraysim::testing::timeloop_golden_cases()) {
    INFO(name);
    CHECK(arraysim::testing::join(compare_unlimited(rc)) == "");
    ++cases;
  }
  CHECK(cases == 18);
}

TEST_CASE("Cycle engine counts and cycles equal the model on 300 random cases", "[sim][sc]") {
  std::mt19937 rng(97531);
  for (int i = 0; i < 300; ++i) {
    const auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    INFO(arraysim::testing::describe(rc));
    REQUIRE(arraysim::testing::join(compare_unlimited(rc)) == "");
  }
}

TEST_CASE("Cycle engine counts equal the fast estimate's under random bandwidths and topologies",
          "[sim][sc]") {
  // Counts do not depend on timing; cycles are bounded below by the MAC work plus the pipeline and
  // by every port's busy time.
  std::mt19937 rng(8642);
  for (int i = 0; i < 200; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    arraysim::testing::add_random_timing(rc.arch, rng);
    const auto fast = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto cycle = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    INFO(arraysim::testing::describe(rc));
    auto diffs = arraysim::testing::differences(fast.counts, cycle.sim.counts, rc, "cycle engine");
    network_differences(fast.counts, cycle.sim.counts, diffs);
    REQUIRE(arraysim::testing::join(diffs) == "");
    const auto& counts = cycle.sim.counts;
    CHECK(counts.cycles >=
          counts.compute_cycles + static_cast<mapper::Cycle>(rc.arch.compute.pipeline_depth - 1));
    for (const auto& level : counts.levels) CHECK(counts.cycles >= level.cycles);
    for (const auto& pe : cycle.pes) CHECK(pe.busy >= counts.compute_cycles);
  }
}

TEST_CASE(
    "Cycle engine: the same run twice gives the same per-PE result, and a spec error "
    "found while elaborating leaves the next run intact",
    "[sim][sc]") {
  using arraysim::testing::source_path;
  const auto rc =
      arraysim::testing::load_case(source_path("tests/data/noc/mesh_4x4_ddr4.json"),
                                   source_path("tests/data/noc/unique_weights_layer.json"),
                                   source_path("tests/data/noc/mesh_4x4_map.json"));
  const auto first = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
  // A refresh longer than its interval: only the assembled DRAM configuration can tell.
  auto broken = rc.arch;
  broken.levels.front().dram->trfc = 10000;
  broken.levels.front().dram->trefi = 100;
  CHECK_THROWS_AS(sim::sc::simulate_cycle(broken, rc.layer, rc.nest, sim::SimOptions{}),
                  arch::SpecError);
  const auto second = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
  CHECK(second.sim.counts.cycles == first.sim.counts.cycles);
  REQUIRE(second.pes.size() == first.pes.size());
  for (std::size_t i = 0; i < first.pes.size(); ++i) {
    CHECK(second.pes[i].finish == first.pes[i].finish);
    CHECK(second.pes[i].stall == first.pes[i].stall);
  }
}
