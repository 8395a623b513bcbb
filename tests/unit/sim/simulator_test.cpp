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
  const std::filesystem::path root = source_path("tests/golden/timeloop");
  std::size_t cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const auto dir = entry.path();
    arraysim::testing::RandomCase rc;
    rc.arch = arch::load_architecture((dir / "arch.json").string());
    rc.layer = arch::load_workload((dir / "workload.json").string()).layers.front();
    rc.nest = mapper::bind_mapping(arch::load_mapping((dir / "mapping.json").string()), rc.arch,
                                   rc.layer);
    INFO(dir.filename().string());
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

namespace {

// Random bandwidths, latencies and buffering on every level of a random case.
void add_random_timing(arch::Architecture& a, std::mt19937& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (auto& level : a.levels) {
    if (pick(0, 3) > 0) level.read_bandwidth = pick(1, 4);
    if (pick(0, 3) > 0) level.write_bandwidth = pick(1, 4);
    if (pick(0, 5) == 0) level.shared_bandwidth = pick(2, 6);
    level.latency_cycles = pick(0, 2) == 0 ? pick(1, 20) : 0;
    level.multiple_buffering = pick(1, 2);
    if (level.capacity_words) level.capacity_words = *level.capacity_words * 2;
    // Links of a random topology, width and hop latency: transfers contend for them.
    const arch::Topology topologies[] = {arch::Topology::Bus,      arch::Topology::EyerissBus,
                                         arch::Topology::Mesh,     arch::Topology::HierarchicalMesh,
                                         arch::Topology::Crossbar, arch::Topology::Systolic};
    level.network.topology = topologies[pick(0, 5)];
    level.network.link_bits = pick(0, 2) == 0 ? 0 : 8 * pick(1, 4);
    level.network.hop_latency_cycles = pick(0, 2);
    level.network.cluster_x = pick(1, 2);
    level.network.cluster_y = pick(1, 2);
  }
  // DRAM banks with small rows so that accesses hit and miss.
  auto& dram = a.levels.front();
  dram.kind = arch::LevelKind::Dram;
  dram.banks = pick(1, 4);
  dram.row_words = pick(4, 32);
  dram.row_hit_cycles = pick(0, 2);
  dram.row_miss_cycles = pick(0, 12);
}

}  // namespace

TEST_CASE("Fast and clocked engines give identical cycles, stalls and counts", "[sim]") {
  std::mt19937 rng(777);
  for (int i = 0; i < 80; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    add_random_timing(rc.arch, rng);
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
