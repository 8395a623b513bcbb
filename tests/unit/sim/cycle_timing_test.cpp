// Hand-derived timing of the cycle engine: exact cycles worked out on paper (the derivation is in
// each test) for small architectures given inline.
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
  // The backing store's read port serves the weights fill first (6 words / 2 = cycles 0-3), then the inputs
  // (3 words: ceil(3/2) = 2 cycles, 3-5); the output tile starts fresh. The PE starts at 5 and
  // issues 6 MACs every 3 cycles: 18 cycles, the last issued by 23. The last psum leaves the
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
