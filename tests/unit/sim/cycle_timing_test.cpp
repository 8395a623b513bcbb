// Hand-derived timing of the cycle engine: exact cycles worked out on paper (the derivation is in
// each test) for small architectures given inline.
#include <array>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
namespace sim = arraysim::sim;
using arch::Json;

struct Case {
  arch::Architecture arch;
  arch::Layer layer;
  mapper::LoopNest nest;
};

Case make_case(const Json& architecture, const Json& layer, const Json& mapping) {
  Case c;
  c.arch = arch::parse_architecture(architecture, "arch.json");
  c.layer = arch::parse_workload(layer, std::string("layer.json")).layers.front();
  c.nest = mapper::bind_mapping(arch::parse_mapping(mapping, "mapping.json"), c.arch, c.layer);
  return c;
}

}  // namespace

TEST_CASE("Cycle engine: a PE whose MAC pipeline has an initiation interval of 3", "[sim][sc]") {
  // A backing store (an SRAM, so that no DRAM controller takes part: 2 words/cycle each way, no
  // latency) -> one register file keeping everything -> one MAC with initiation interval 3 and 4
  // pipeline stages. Layer M2 C3: 6 MACs, 6 weights, 3 inputs,
  // 2 outputs, all loops in the register file (one outer step of 6 MAC steps).
  const Json a = Json::parse(R"({
    "spec": "architecture", "name": "ii3", "clock_mhz": 1000,
    "levels": [
      { "name": "Mem", "kind": "sram", "capacity_words": 1024, "read_bandwidth": 2,
        "write_bandwidth": 2 },
      { "name": "RF", "kind": "regfile", "capacity_words": 64 } ],
    "compute": { "name": "MAC", "instances": 1, "pipeline_depth": 4, "initiation_interval": 3 } })");
  const Json l = Json::parse(R"({ "spec": "layer", "name": "l", "type": "conv",
    "N": 1, "G": 1, "M": 2, "C": 3, "P": 1, "Q": 1, "R": 1, "S": 1 })");
  const Json m = Json::parse(R"({ "spec": "mapping", "levels": [
    { "level": "Mem", "temporal": "" }, { "level": "RF", "temporal": "M2 C3" } ] })");
  const Case c = make_case(a, l, m);
  const auto r = sim::sc::simulate_cycle(c.arch, c.layer, c.nest, sim::SimOptions{});
  // The backing store's read port serves the weights fill first (6 words / 2 = cycles 0-3), then
  // the inputs (3 words: ceil(3/2) = 2 cycles, 3-5); the output tile starts fresh. The PE starts at
  // 5 and issues 6 MACs every 3 cycles: 18 cycles, the last issued by 23. The last psum leaves the
  // 4-stage pipeline 3 cycles later (26); its write-back (2 words / 2 = 1 cycle) ends at 27.
  REQUIRE(r.pes.size() == 1);
  CHECK(r.pes[0].busy == 18);
  CHECK(r.pes[0].stall == 5);
  CHECK(r.pes[0].stall_on[arch::index(arch::DataSpace::Inputs)] == 5);
  CHECK(r.pes[0].finish == 23);
  CHECK(r.sim.timing.compute_end == 23);
  CHECK(r.sim.counts.cycles == 27);
  CHECK(r.sim.counts.levels[0].cycles == 5);  // its read port: 3 + 2 busy cycles
}

TEST_CASE("Cycle engine: global buffer bank conflicts from the words' addresses", "[sim][sc]") {
  // A global buffer keeping only the weights, 4 banks of 1-word blocks, read port 4 words/cycle.
  // Layer M4 C4: the weights tile is M4 x C4, stored row-major (C fastest): word (m, c) at
  // address 4m + c, in bank (4m + c) mod 4 = c.
  const Json a = Json::parse(R"({
    "spec": "architecture", "name": "banks", "clock_mhz": 1000,
    "levels": [
      { "name": "DRAM", "kind": "dram" },
      { "name": "GLB", "kind": "sram", "capacity_words": 64, "banks": 4, "read_bandwidth": 4,
        "keep": ["Weights"], "bypass": ["Inputs", "Outputs"] },
      { "name": "RF", "kind": "regfile", "capacity_words": 64 } ],
    "compute": { "name": "MAC", "instances": 1 } })");
  const Json l = Json::parse(R"({ "spec": "layer", "name": "l", "type": "conv",
    "N": 1, "G": 1, "M": 4, "C": 4, "P": 1, "Q": 1, "R": 1, "S": 1 })");
  auto glb_read_cycles = [&](const char* glb_loops, const char* rf_loops) {
    const Json m =
        Json::parse(std::string(R"({ "spec": "mapping", "levels": [
      { "level": "DRAM", "temporal": "" }, { "level": "GLB", "temporal": ")") +
                    glb_loops + R"(" }, { "level": "RF", "temporal": ")" + rf_loops + R"(" } ] })");
    const Case c = make_case(a, l, m);
    return sim::sc::simulate_cycle(c.arch, c.layer, c.nest, sim::SimOptions{})
        .sim.counts.levels[1]
        .cycles;
  };
  // The register file holds one column c (M4 x C1: words 4m + c, all in bank c): each of the 4
  // fills needs 4 cycles of that one bank although the port could move 4 words in 1 cycle.
  CHECK(glb_read_cycles("C4", "M4") == 16);
  // It holds one row m (M1 x C4: words 4m .. 4m + 3, one per bank): each fill takes 1 cycle.
  CHECK(glb_read_cycles("M4", "C4") == 4);
}

TEST_CASE("Cycle engine: PEs far from the buffer on a hierarchical mesh finish later",
          "[sim][sc]") {
  // 8x8 PEs in 2x2 clusters behind a 4x4 mesh of cluster routers (one word per flit, 2 cycles per
  // hop), fed from the global buffer at cluster (0,0). Each PE gets its own 8 weights (M is spread
  // over the array) and computes 32 MACs; the inputs are multicast. A PE cannot start before its
  // weights have crossed the mesh, so the PE in the far corner starts, and finishes, at least
  // (3 + 3) cluster hops x (1 + 2) cycles = 18 cycles after the one next to the buffer (a
  // lockstep estimate times one PE for all). Requests of one cycle are granted in group order,
  // nearest PEs first here.
  const Json a = Json::parse(R"({
    "spec": "architecture", "name": "hmesh", "clock_mhz": 1000,
    "levels": [
      { "name": "DRAM", "kind": "dram" },
      { "name": "GLB", "kind": "sram", "capacity_words": 8192, "read_bandwidth": 4,
        "write_bandwidth": 4 },
      { "name": "RF", "kind": "regfile", "capacity_words": 64, "instances": 64, "mesh_x": 8,
        "write_bandwidth": 1,
        "network": { "topology": "hierarchical_mesh", "cluster_x": 2, "cluster_y": 2,
                     "link_bits": 16, "hop_latency_cycles": 2 } } ],
    "compute": { "name": "MAC", "instances": 64, "mesh_x": 8 } })");
  const Json l = Json::parse(R"({ "spec": "layer", "name": "l", "type": "conv",
    "N": 1, "G": 1, "M": 64, "C": 8, "P": 4, "Q": 1, "R": 1, "S": 1 })");
  const Json m = Json::parse(R"({ "spec": "mapping", "levels": [
    { "level": "DRAM", "temporal": "" },
    { "level": "GLB", "temporal": "", "spatial_x": "M8", "spatial_y": "M8" },
    { "level": "RF", "temporal": "C8 P4" } ] })");
  const Case c = make_case(a, l, m);
  const auto r = sim::sc::simulate_cycle(c.arch, c.layer, c.nest, sim::SimOptions{});
  REQUIRE(r.pes.size() == 64);
  std::array<std::array<sim::Cycle, 8>, 8> finish{};  // [y][x]
  for (const auto& pe : r.pes) {
    CHECK(pe.busy == 32);
    finish[static_cast<std::size_t>(pe.y)][static_cast<std::size_t>(pe.x)] = pe.finish;
  }
  CHECK(finish[7][7] >= finish[0][0] + 18);
  // Along every row, from the third column on, finishing times grow with the distance.
  for (std::size_t y = 0; y < 8; ++y) {
    for (std::size_t x = 3; x < 8; ++x) CHECK(finish[y][x] > finish[y][x - 1]);
  }
}
