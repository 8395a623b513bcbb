// The brute-force loop-nest reference (tests/support/brute_force) against the golden cases, then
// the closed-form analytical model against the brute force on seeded random small layers and
// mappings (random levels, fan-outs, loop orders, bypass and multicast/reduction flags).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "arch/layer.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/model.hpp"
#include "tests/support/brute_force.hpp"
#include "tests/support/random_cases.hpp"
#include "tests/support/test_paths.hpp"

namespace arraysim {
namespace {

using testing::describe;
using testing::differences;
using testing::join;
using testing::kLargerLayers;
using testing::kSmallLayers;
using testing::LayerLimits;
using testing::random_case;
using testing::RandomCase;

using arch::DataSpace;
using arch::Dim;

std::vector<std::filesystem::path> golden_case_dirs() {
  const std::filesystem::path root = arraysim::testing::source_path("tests/golden/timeloop");
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "expect.json")) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// How many of the random cases exercise each rule.
struct Coverage {
  int multicast_fanout = 0;  // a mapped fan-out > 1 into a level whose network multicasts
  int two_stages = 0;        // two or more mapped fan-out stages
  int strided = 0;
  int bypassing = 0;
  double slowest_ms = 0.0;  // slowest brute-force run
};

// Compares the model with the brute force on `cases` random cases drawn from `seed`. Reports the
// first few differing cases in full and, at the end, the smallest one.
Coverage compare_random_cases(std::uint32_t seed, int cases, const LayerLimits& limits) {
  constexpr int kReported = 5;
  Coverage coverage;
  int failing = 0;
  std::uint64_t smallest_failing_macs = 0;
  std::string smallest_failing;
  std::mt19937 rng(seed);
  for (int i = 0; i < cases; ++i) {
    const RandomCase rc = random_case(rng, limits);
    int stages = 0;
    bool multicast = false;
    for (std::size_t child = 1; child <= rc.arch.num_levels(); ++child) {
      if (rc.nest.levels[child - 1].spatial_product() <= 1) continue;
      ++stages;
      multicast = multicast || rc.arch.network_into(child).multicast;
    }
    const bool bypass = std::any_of(
        rc.nest.levels.begin(), rc.nest.levels.end(),
        [](const mapper::NestLevel& level) { return level.keep != arch::kAllDataSpacesMask; });
    coverage.multicast_fanout += multicast ? 1 : 0;
    coverage.two_stages += stages >= 2 ? 1 : 0;
    coverage.strided += rc.layer.stride[0] > 1 || rc.layer.stride[1] > 1 ? 1 : 0;
    coverage.bypassing += bypass ? 1 : 0;

    INFO("seed " << seed << " case " << i << "\n" << describe(rc));
    const mapper::Evaluation eval = mapper::evaluate(rc.arch, rc.layer, rc.nest);
    REQUIRE(eval.ok());
    const auto start = std::chrono::steady_clock::now();
    const mapper::ActionCounts ref = testing::brute_force_counts(rc.arch, rc.layer, rc.nest);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    coverage.slowest_ms = std::max(coverage.slowest_ms, took.count());
    const std::vector<std::string> diffs = differences(eval.counts, ref, rc, "brute force");
    if (diffs.empty()) continue;
    ++failing;
    if (smallest_failing.empty() || rc.layer.macs() < smallest_failing_macs) {
      smallest_failing_macs = rc.layer.macs();
      smallest_failing = "case " + std::to_string(i) + "\n" + describe(rc) + join(diffs);
    }
    if (failing <= kReported) FAIL_CHECK("model differs from the brute force:\n" << join(diffs));
  }
  if (failing > 0) {
    FAIL_CHECK(failing << " of " << cases << " random cases differ (seed " << seed
                       << "); the smallest:\n"
                       << smallest_failing);
  }
  return coverage;
}

}  // namespace

TEST_CASE("brute force reproduces every golden case", "[mapper]") {
  const auto dirs = golden_case_dirs();
  REQUIRE(dirs.size() >= 10);
  for (const auto& dir : dirs) {
    INFO("golden case " << dir.filename().string());
    const arch::Architecture a = arch::load_architecture((dir / "arch.json").string());
    const arch::Network net = arch::load_workload((dir / "workload.json").string());
    const arch::Layer& layer = *net.mac_layers().front();
    const mapper::LoopNest nest =
        mapper::bind_mapping(arch::load_mapping((dir / "mapping.json").string()), a, layer);
    const mapper::ActionCounts counts = testing::brute_force_counts(a, layer, nest);
    const arch::Json expect = arch::load_json_file((dir / "expect.json").string());
    CHECK(counts.macs == expect.at("macs").get<std::uint64_t>());
    for (const auto& [level_name, spaces] : expect.at("levels").items()) {
      const auto level = a.find_level(level_name);
      REQUIRE(level.has_value());
      for (const auto& [ds_name, want] : spaces.items()) {
        INFO(level_name << "." << ds_name);
        const auto ds = arch::dataspace_from_name(ds_name);
        REQUIRE(ds.has_value());
        const mapper::DataSpaceCounts& got = counts.levels[*level].dataspaces[arch::index(*ds)];
        CHECK(got.utilized_capacity == want.at("utilized_capacity").get<std::uint64_t>());
        CHECK(got.reads == want.at("reads_per_instance").get<std::uint64_t>());
        CHECK(got.fills == want.at("fills_per_instance").get<std::uint64_t>());
        CHECK(got.updates == want.at("updates_per_instance").get<std::uint64_t>());
      }
    }
  }
}

TEST_CASE("analytical model matches the brute force on random small layers and mappings",
          "[mapper]") {
  const Coverage coverage = compare_random_cases(20240611, 600, kSmallLayers);
  CAPTURE(coverage.multicast_fanout, coverage.two_stages, coverage.strided, coverage.bypassing,
          coverage.slowest_ms);
  CHECK(coverage.multicast_fanout >= 100);
  CHECK(coverage.two_stages >= 50);
  CHECK(coverage.strided >= 50);
  CHECK(coverage.bypassing >= 50);
}

TEST_CASE("analytical model matches the brute force on many more random cases", "[mapper][slow]") {
  for (std::uint32_t seed : {1U, 2U}) compare_random_cases(seed, 5000, kSmallLayers);
  for (std::uint32_t seed : {3U, 4U}) compare_random_cases(seed, 2000, kLargerLayers);
}

}  // namespace arraysim
