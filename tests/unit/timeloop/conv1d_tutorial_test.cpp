// The Timeloop conv1d tutorial designs, written as Timeloop YAML (tests/data/timeloop/conv1d) and
// imported. One- and two-level: DESIGN section 3, worked examples A and B (Timeloop reference
// outputs with the 40 nm ERT), and identical to the JSON specs of arch/examples. Three-level, with
// and without bypass, and the 16-PE spatial variant: the published Timeloop reference outputs of
// the Accelergy/Timeloop ISPASS 2020 tutorial (timeloop-accelergy-exercises,
// workspace/tutorial_exercises/01_accelergy_timeloop_2020_ispass/timeloop/
// 03-model-conv1d+oc-3level/ref-output/{no-bypass,bypass}/timeloop-model.stats.txt and
// 04-model-conv1d+oc-3levelspatial/ref-output/kp/timeloop-model.stats.txt).
#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "mapper/model.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/timeloop/import_support.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arch::DataSpace;
using arraysim::testing::counts_at;
using arraysim::testing::run_timeloop;
using arraysim::testing::source_path;

const std::string kDir = "tests/data/timeloop/conv1d/";

struct Expect {
  std::uint64_t capacity, reads, fills, updates;
};

void check(const arraysim::testing::ImportedRun& r, const std::string& level, DataSpace ds,
           Expect e) {
  INFO(level << " " << arch::dataspace_name(ds));
  const auto& c = counts_at(r, level, ds);
  CHECK(c.utilized_capacity == e.capacity);
  CHECK(c.reads == e.reads);
  CHECK(c.fills == e.fills);
  CHECK(c.updates == e.updates);
}

// The same design given as arraysim JSON specs.
mapper::Stats json_stats(const std::string& arch_file, const std::string& mapping_file) {
  const auto a = arch::load_architecture(source_path(arch_file));
  const auto net = arch::load_workload(source_path("workloads/conv1d_r3_p16.json"));
  const auto nest =
      mapper::bind_mapping(arch::load_mapping(source_path(mapping_file)), a, net.layers.front());
  const auto result = mapper::evaluate(a, net.layers.front(), nest);
  REQUIRE(result.ok());
  return mapper::make_stats(a, "conv1d", result.counts, arraysim::energy::resolve_energy(a));
}

void same_counts(const mapper::Stats& a, const mapper::Stats& b) {
  REQUIRE(a.levels.size() == b.levels.size());
  CHECK(a.cycles == b.cycles);
  CHECK(a.energy_pj == Approx(b.energy_pj).epsilon(1e-9));
  for (std::size_t l = 0; l < a.levels.size(); ++l) {
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      const auto& x = a.levels[l].dataspaces[d];
      const auto& y = b.levels[l].dataspaces[d];
      CHECK(x.reads == y.reads);
      CHECK(x.fills == y.fills);
      CHECK(x.updates == y.updates);
      CHECK(x.energy_pj == Approx(y.energy_pj).epsilon(1e-9));
    }
  }
}

}  // namespace

TEST_CASE("Timeloop import: one-level conv1d (worked example A)", "[timeloop][golden]") {
  const auto r = run_timeloop({kDir + "1level.arch.yaml", kDir + "ert_40nm.yaml",
                               kDir + "conv1d.prob.yaml", kDir + "conv1d-1level.map.yaml"});
  CHECK(r.counts.macs == 48);
  CHECK(r.counts.cycles == 48);
  check(r, "Buffer", DataSpace::Weights, {3, 48, 0, 0});
  check(r, "Buffer", DataSpace::Inputs, {18, 48, 0, 0});
  check(r, "Buffer", DataSpace::Outputs, {16, 32, 0, 48});
  CHECK(r.stats.compute_energy_pj == Approx(40.56).epsilon(0).margin(0.005));
  CHECK(r.stats.energy_per_mac_pj * 1000.0 == Approx(2406.54).epsilon(0).margin(0.005));
  same_counts(r.stats, json_stats("arch/examples/conv1d_1level.json",
                                  "tests/golden/examples/conv1d_1level/example_a.json"));
}

TEST_CASE("Timeloop import: two-level conv1d (worked example B)", "[timeloop][golden]") {
  for (const std::string variant : {"ws", "os"}) {
    INFO(variant);
    const auto r =
        run_timeloop({kDir + "2level.arch.yaml", kDir + "ert_40nm.yaml", kDir + "conv1d.prob.yaml",
                      kDir + "conv1d-2level-" + variant + ".map.yaml"});
    const bool ws = variant == "ws";
    CHECK(r.counts.cycles == 48);
    check(r, "Buffer", DataSpace::Weights, {ws ? 1U : 3U, 48, 3, 0});
    check(r, "Buffer", DataSpace::Inputs, {ws ? 16U : 3U, 48, 18, 0});
    check(r, "Buffer", DataSpace::Outputs, {ws ? 16U : 1U, 32, 0, 48});
    CHECK(counts_at(r, "MainMemory", DataSpace::Weights).reads == 3);
    CHECK(counts_at(r, "MainMemory", DataSpace::Inputs).reads == 18);
    CHECK(counts_at(r, "MainMemory", DataSpace::Outputs).updates == 16);
    CHECK(r.stats.levels[0].dataspaces[0].energy_pj == Approx(43.35).epsilon(0).margin(0.005));
    CHECK(r.stats.levels[0].dataspaces[1].energy_pj == Approx(130.06).epsilon(0).margin(0.005));
    CHECK(r.stats.levels[0].dataspaces[2].energy_pj == Approx(61.76).epsilon(0).margin(0.005));
    CHECK(r.stats.energy_per_mac_pj * 1000.0 == Approx(7500.08).epsilon(0).margin(0.02));
    same_counts(r.stats,
                json_stats("arch/examples/conv1d_2level.json",
                           "tests/golden/examples/conv1d_2level/example_b_" + variant + ".json"));
  }
}

TEST_CASE("Timeloop import: three-level conv1d+oc, no bypass", "[timeloop][golden]") {
  const auto r = run_timeloop({kDir + "3level.arch.yaml", kDir + "conv1d_oc.prob.yaml",
                               kDir + "conv1d_oc-3level.map.yaml"});
  CHECK(r.counts.macs == 1536);
  CHECK(r.counts.cycles == 1536);
  check(r, "RegisterFile", DataSpace::Weights, {6, 1536, 96, 0});
  check(r, "RegisterFile", DataSpace::Inputs, {3, 1536, 288, 0});
  check(r, "RegisterFile", DataSpace::Outputs, {2, 1024, 0, 1536});
  check(r, "GlobalBuffer", DataSpace::Weights, {96, 96, 96, 0});
  check(r, "GlobalBuffer", DataSpace::Inputs, {18, 288, 18, 0});
  check(r, "GlobalBuffer", DataSpace::Outputs, {512, 0, 0, 512});
  check(r, "MainMemory", DataSpace::Weights, {96, 96, 0, 0});
  check(r, "MainMemory", DataSpace::Inputs, {18, 18, 0, 0});
  check(r, "MainMemory", DataSpace::Outputs, {512, 0, 0, 512});
}

TEST_CASE("Timeloop import: three-level conv1d+oc with bypass", "[timeloop][golden]") {
  const auto r = run_timeloop({kDir + "3level.arch.yaml", kDir + "conv1d_oc.prob.yaml",
                               kDir + "conv1d_oc-3level-bypass.map.yaml"});
  CHECK(r.counts.cycles == 1536);
  check(r, "RegisterFile", DataSpace::Outputs, {2, 1024, 0, 1536});
  CHECK(counts_at(r, "RegisterFile", DataSpace::Weights).utilized_capacity == 0);
  check(r, "GlobalBuffer", DataSpace::Weights, {96, 1536, 96, 0});
  check(r, "GlobalBuffer", DataSpace::Inputs, {18, 1536, 18, 0});
  CHECK(counts_at(r, "GlobalBuffer", DataSpace::Outputs).updates == 0);
  check(r, "MainMemory", DataSpace::Weights, {96, 96, 0, 0});
  check(r, "MainMemory", DataSpace::Inputs, {18, 18, 0, 0});
  check(r, "MainMemory", DataSpace::Outputs, {512, 0, 0, 512});
}

TEST_CASE("Timeloop import: 16-PE conv1d+oc+ic, K partitioned", "[timeloop][golden]") {
  const auto r = run_timeloop({kDir + "3levelspatial.arch.yaml", kDir + "conv1d_oc_ic.prob.yaml",
                               kDir + "conv1d_oc_ic-3levelspatial-kp.map.yaml"});
  CHECK(r.counts.macs == 49152);
  CHECK(r.counts.cycles == 3072);
  CHECK(r.stats.utilized_macs == 16);
  check(r, "RegisterFile", DataSpace::Weights, {1, 3072, 192, 0});
  check(r, "RegisterFile", DataSpace::Inputs, {16, 3072, 1152, 0});
  check(r, "RegisterFile", DataSpace::Outputs, {16, 3040, 992, 3072});
  check(r, "GlobalBuffer", DataSpace::Weights, {192, 192, 192, 0});
  check(r, "GlobalBuffer", DataSpace::Inputs, {576, 1152, 576, 0});
  check(r, "GlobalBuffer", DataSpace::Outputs, {32, 992, 0, 1024});
  check(r, "MainMemory", DataSpace::Weights, {3072, 3072, 0, 0});
  check(r, "MainMemory", DataSpace::Inputs, {576, 576, 0, 0});
  check(r, "MainMemory", DataSpace::Outputs, {512, 0, 0, 512});
  // Timeloop prices this design's networks at 0 (no wire or router energy: "Energy (per-hop)
  // 0.00 fJ", "Energy (total) 0.00 pJ" for every network): words cross links, at no cost.
  REQUIRE(r.stats.networks.size() == 1);
  CHECK(r.stats.networks[0].link_transfers > 0);
  CHECK(r.stats.networks[0].energy_pj == 0.0);
}
