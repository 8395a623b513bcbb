// Energy ties: with an energy tolerance eps the search returns, among the mappings within
// (1 + eps) of the least energy, the one with the fewest cycles; deterministically, whatever the
// order candidates arrive in. A hand-derived near tie pins it on a real mapspace.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "arch/dataflow.hpp"
#include "mapper/search.hpp"
#include "mapper/search_selection.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arraysim::testing::source_path;

struct Point {
  double energy;
  mapper::Cycle cycles;
  std::uint64_t order;
};

// Offers the points in the given order, split over `parts` selections merged at the end.
mapper::Candidate pick(const std::vector<Point>& points, double eps, int parts) {
  const mapper::Objective energy = mapper::Objective::parse("energy");
  std::vector<mapper::Selection> selections(parts, mapper::Selection(energy, eps));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    selections[i % parts].offer(energy.score(p.energy, p.cycles), p.cycles, p.order, {});
  }
  mapper::Selection all(energy, eps);
  for (const auto& s : selections) all.merge(s);
  REQUIRE(all.found());
  return all.chosen();
}

}  // namespace

TEST_CASE("Energy tolerance picks the fewest cycles within (1 + eps) of the least energy",
          "[mapper]") {
  // E* = 100, so with eps = 0.5% the candidates are A (100) and B (100.4 <= 100.5); C (100.6) is
  // out. B has the fewest cycles of the two. D and E tie B on cycles: D costs more energy, E
  // equals B's energy but comes later in enumeration order.
  std::vector<Point> points = {
      {100.0, 1000, 0}, {100.4, 10, 1}, {100.6, 5, 2}, {100.45, 10, 3}, {100.4, 10, 4}};
  for (int parts : {1, 2, 3}) {
    do {
      const mapper::Candidate chosen = pick(points, 0.005, parts);
      CHECK(chosen.order == 1);
    } while (
        std::next_permutation(points.begin(), points.end(),
                              [](const Point& a, const Point& b) { return a.order < b.order; }));
    std::sort(points.begin(), points.end(),
              [](const Point& a, const Point& b) { return a.order < b.order; });
  }
  // eps 0: the pure optimum; a cheaper point arriving later moves E* and leaves only itself.
  CHECK(pick(points, 0.0, 1).order == 0);
  points.push_back({99.0, 2000, 5});
  CHECK(pick(points, 0.005, 2).order == 5);
  // A wide tolerance reaches C (100.6 <= 1.02 * 99).
  CHECK(pick(points, 0.02, 2).order == 2);
}

TEST_CASE("Energy tolerance on a hand-derived near tie: 2 PEs at +0.24% instead of 1 PE",
          "[mapper]") {
  // DRAM (read = write = 100 pJ) -> RF per PE (2 PEs, keeps everything, read = write = 1 pJ) ->
  // MAC (1 pJ); no leakage, free networks. Layer M = 2, P = 2 (C = R = S = 1): 4 MACs, 2 weights,
  // 2 inputs, 4 outputs. Every mapping reads W 2 and I 2 from DRAM (inputs multicast) and writes
  // 4 outputs: 800 pJ; 4 MACs: 4 pJ; the RF reads 8 operands and takes 4 updates: 12 pJ.
  // One PE fills W 2 + I 2 = 4 words: 820 pJ, 4 cycles. Two PEs (M or P across them) fill 6
  // (each PE needs all inputs, or all weights): 822 pJ (+0.244%), 2 cycles.
  arch::Architecture a;
  a.name = "near_tie";
  arch::StorageLevel dram;
  dram.name = "DRAM";
  dram.kind = arch::LevelKind::Dram;
  arch::StorageLevel rf;
  rf.name = "RF";
  rf.kind = arch::LevelKind::Regfile;
  rf.capacity_words = 64;
  rf.instances = 2;
  rf.mesh_x = 2;
  rf.residency = {arch::Residency::Keep, arch::Residency::Keep, arch::Residency::Keep};
  a.levels = {dram, rf};
  a.compute.instances = 2;
  a.compute.mesh_x = 2;
  arraysim::energy::ResolvedEnergy energy;
  energy.levels.resize(2);
  energy.levels[0].read_pj = energy.levels[0].write_pj = 100.0;
  energy.levels[1].read_pj = energy.levels[1].write_pj = 1.0;
  energy.mac.read_pj = 1.0;
  energy.networks.resize(3);
  energy.routers.resize(3);
  const arch::Json json = {{"spec", "layer"}, {"name", "tie"}, {"type", "conv"}, {"M", 2}, {"C", 1},
                           {"P", 2},          {"Q", 1},        {"R", 1},         {"S", 1}};
  const arch::Layer layer = arch::parse_layer(json, {"tie.json", ""}, false);
  const arch::Dataflow free = arch::load_dataflow(source_path("dataflows/free.json"));
  const mapper::Mapspace space(a, layer, free);
  mapper::SearchOptions options;
  for (int threads : {1, 2}) {
    options.threads = threads;
    options.energy_tolerance = 0.0;
    const auto pure = mapper::run_search("exhaustive", space, energy, options);
    REQUIRE(pure.found);
    CHECK(pure.energy_pj == 820.0);
    CHECK(pure.counts.cycles == 4);
    options.energy_tolerance = 0.001;  // 820.82: 822 is out
    CHECK(mapper::run_search("exhaustive", space, energy, options).counts.cycles == 4);
    options.energy_tolerance = 0.005;  // the default: 824.1
    const auto tolerant = mapper::run_search("exhaustive", space, energy, options);
    REQUIRE(tolerant.found);
    CHECK(tolerant.energy_pj == 822.0);
    CHECK(tolerant.counts.cycles == 2);
    CHECK(tolerant.optimum_energy_pj == 820.0);
    CHECK(tolerant.optimum_cycles == 4);
    CHECK(tolerant.energy_tolerance == 0.005);
    CHECK(tolerant.proved_optimal);
    options.branch_and_bound = false;
    const auto plain = mapper::run_search("exhaustive", space, energy, options);
    CHECK(mapper::mapping_to_json(mapper::to_mapping_spec(plain.best, a)) ==
          mapper::mapping_to_json(mapper::to_mapping_spec(tolerant.best, a)));
    options.branch_and_bound = true;
    // "delay" and "edp" first: no tolerance applies.
    options.objective = mapper::Objective::parse("delay");
    CHECK(mapper::run_search("exhaustive", space, energy, options).energy_tolerance == 0.0);
    options.objective = mapper::Objective::parse("energy");
  }
  CHECK(mapper::SearchOptions{}.energy_tolerance == 0.005);
}
