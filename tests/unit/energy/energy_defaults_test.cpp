// No silent defaults: a used level or MAC whose access energy cannot be resolved is an error, and
// every value arraysim fills in (leakage or area 0, unlimited bandwidth, network energy 0, banks
// it does not model, a technology other than the table's) is recorded in ResolvedEnergy::defaults.
// Out-of-range numbers (bandwidths, energies, block sizes, clusters) are rejected at load time.
#include <algorithm>

#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace energy = arraysim::energy;
using arraysim::testing::source_path;

arch::Json level(const std::string& name, const std::string& kind, std::int64_t capacity) {
  arch::Json json = {{"name", name}, {"kind", kind}, {"word_bits", 16}};
  if (capacity > 0) json["capacity_words"] = capacity;
  return json;
}

// DRAM -> GLB (1024 words) -> RF (64 words, 4 instances) -> 4 MACs.
arch::Json three_levels(const std::string& table) {
  arch::Json rf = level("RF", "regfile", 64);
  rf["instances"] = 4;
  arch::Json json = {{"spec", "architecture"},
                     {"name", "t"},
                     {"levels", {level("DRAM", "dram", 0), level("GLB", "sram", 1024), rf}},
                     {"compute", {{"name", "MAC"}, {"instances", 4}, {"word_bits", 16}}}};
  if (!table.empty()) json["energy_table"] = source_path(table);
  return json;
}

arch::Json table_json(const arch::Json& entries) {
  return {{"spec", "energy_table"}, {"name", "t"}, {"technology_nm", 45}, {"entries", entries}};
}

const arch::Json kMac = {{"class", "mac"}, {"bits", 16}, {"mac_pj", 1.0}};
const arch::Json kSram = {{"class", "sram"}, {"width_bits", 16}, {"read_pj", 6.0}};
const arch::Json kDram = {{"class", "dram"}, {"width_bits", 16}, {"read_pj", 200.0}};

std::string resolve_error(const arch::Json& arch_json, const arch::Json& entries) {
  const auto table = energy::parse_energy_table(table_json(entries), "table.json");
  try {
    energy::resolve_energy(arch::parse_architecture(arch_json, "arch.json"), &table);
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "";
}

std::vector<std::string> categories(const energy::ResolvedEnergy& e, const std::string& subject) {
  std::vector<std::string> out;
  for (const auto& d : e.defaults) {
    if (d.subject == subject) out.push_back(d.category);
  }
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string parse_error(const arch::Json& arch_json) {
  try {
    arch::parse_architecture(arch_json, "arch.json");
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A used level or MAC without a resolvable energy is an error instead of 0 pJ",
          "[energy]") {
  const arch::Json arch_json = three_levels("");
  // No dram entry: DRAM was free ("no dram entry: 0"), so a mapper could skip the buffers.
  CHECK(resolve_error(arch_json, {kMac, kSram}) ==
        "arch.json:/levels/0: no read and write energies for DRAM: the energy table \"t\" has no "
        "\"dram\" entry; add one, or give the level \"energy\": {\"read_pj\": ..., \"write_pj\": "
        "...}");
  // No sram entry: neither the SRAM nor the register file (which falls back to sram) resolves.
  CHECK(resolve_error(arch_json, {kMac, kDram})
            .find("arch.json:/levels/1: no read and write "
                  "energies for GLB") == 0);
  CHECK(resolve_error(arch_json, {kSram, kDram}).find("arch.json:/compute: no MAC energy") == 0);
  // Half an override: read given, write neither overridden nor in the table.
  arch::Json half = arch_json;
  half["levels"][0]["energy"] = {{"read_pj", 100.0}};
  CHECK(resolve_error(half, {kMac, kSram}).find("no write energy for DRAM") != std::string::npos);
  // A level that holds nothing is never charged, so it needs no energy.
  arch::Json bypassed = arch_json;
  bypassed["levels"][0]["energy"] = {{"read_pj", 100.0}, {"write_pj", 100.0}};
  bypassed["levels"][1]["keep"] = arch::Json::array();
  CHECK(resolve_error(bypassed, {kMac, kDram})
            .find("arch.json:/levels/2: no read and write "
                  "energies for RF") == 0);
  // The Timeloop 40 nm tutorial table has no DRAM: an architecture with DRAM cannot use it alone.
  arch::Json tutorial = three_levels("energy_tables/timeloop_40nm_tutorial.json");
  CHECK_THROWS_WITH(energy::resolve_energy(arch::parse_architecture(tutorial, "arch.json")),
                    Catch::Contains("no read and write energies for DRAM"));
}

TEST_CASE("Without any energy source the energy is not modelled and says so once", "[energy]") {
  const auto e = energy::resolve_energy(arch::parse_architecture(three_levels(""), "a.json"));
  REQUIRE(!e.defaults.empty());
  CHECK(e.defaults.front().category == "energy not modelled");
  CHECK(e.levels[0].read_pj == 0.0);
  // Energy overrides anywhere make the architecture priced: then every used level needs one.
  arch::Json partial = three_levels("");
  partial["compute"]["energy"] = {{"mac_pj", 1.0}};
  CHECK_THROWS_WITH(energy::resolve_energy(arch::parse_architecture(partial, "a.json")),
                    Catch::Contains("no read and write energies for DRAM"));
}

TEST_CASE("Defaulted leakage area bandwidth network energy and banks are recorded", "[energy]") {
  arch::Json arch_json = three_levels("");
  arch_json["levels"][0]["read_bandwidth"] = 8;
  arch_json["levels"][1]["shared_bandwidth"] = 16;
  arch_json["levels"][1]["banks"] = 4;
  arch_json["levels"][2]["read_bandwidth"] = 2;
  arch::Json sram_leak = kSram;
  sram_leak["leak_pj_per_cycle"] = 0.0;  // an explicit 0 is the user's choice, not a default
  sram_leak["area_um2"] = 100.0;
  const auto table = energy::parse_energy_table(table_json({kMac, sram_leak, kDram}), "t.json");
  const auto e = energy::resolve_energy(arch::parse_architecture(arch_json, "a.json"), &table);
  const auto glb = categories(e, "GLB");
  CHECK(!has(glb, "leakage 0"));
  CHECK(!has(glb, "area 0"));
  CHECK(has(glb, "banks in the cycle engine only"));
  CHECK(!has(glb, "bandwidth unlimited"));
  const auto dram = categories(e, "DRAM");
  CHECK(has(dram, "write bandwidth unlimited"));
  CHECK(!has(dram, "leakage 0"));  // off-chip: no leakage or area is charged for DRAM
  CHECK(has(categories(e, "RF"), "write bandwidth unlimited"));
  const auto mac = categories(e, "MAC");
  CHECK(has(mac, "leakage 0"));
  CHECK(has(mac, "area 0"));
  CHECK(has(categories(e, "->RF"), "network energy 0"));
  CHECK(arch::summarize_defaults(e.defaults).find("leakage 0 (MAC)") != std::string::npos);
  // A table entry without leak_pj_per_cycle: the levels priced from it record a leakage default.
  const auto horowitz = energy::load_energy_table(source_path("energy_tables/horowitz_45nm.json"));
  const auto h = energy::resolve_energy(arch::parse_architecture(arch_json, "a.json"), &horowitz);
  CHECK(has(categories(h, "GLB"), "leakage 0"));
  CHECK(has(categories(h, "RF"), "area 0"));
  // A technology other than the table's is used unscaled, and recorded.
  arch_json["technology"] = "16nm";
  const auto t = energy::resolve_energy(arch::parse_architecture(arch_json, "a.json"), &horowitz);
  CHECK(t.defaults.front().category == "technology differs from the energy table");
  CHECK(t.defaults.front().where.pointer == "/technology");
  arch_json["technology"] = "sixteen";
  CHECK(parse_error(arch_json) ==
        "arch.json:/technology: expected a technology node like \"45nm\", got \"sixteen\"");
}

TEST_CASE("Out-of-range architecture numbers are rejected at load time", "[energy]") {
  // Bandwidths 1e20 (SIGFPE before) and 1e-20 (0 cycles before).
  CHECK_THROWS_WITH(
      arch::load_architecture(source_path("tests/data/defects/bw_huge_arch.json")),
      Catch::Contains("/levels/0/read_bandwidth: expected 1e-06 to 1e+12 words per cycle, got "
                      "1e+20"));
  CHECK_THROWS_WITH(arch::load_architecture(source_path("tests/data/defects/bw_tiny_arch.json")),
                    Catch::Contains("got 1e-20"));
  // A block larger than the level (2^40 words in a 64-word buffer).
  arch::Json big_block = three_levels("");
  big_block["levels"][2]["block_words"] = std::int64_t{1} << 40;
  CHECK(parse_error(big_block).find("arch.json:/levels/2/block_words: expected at most") == 0);
  big_block["levels"][2]["block_words"] = 128;
  CHECK(parse_error(big_block) ==
        "arch.json:/levels/2/block_words: block_words = 128 is larger than capacity_words = 64");
  // Energies: the 1e308 pJ DRAM table (inf pJ and JSON null before) and a huge override.
  CHECK_THROWS_WITH(energy::load_energy_table(source_path("tests/data/defects/energy_1e308.json")),
                    Catch::Contains("/entries/12/read_pj: expected at most 1e+09, got 1e+308"));
  arch::Json hot = three_levels("");
  hot["levels"][0]["energy"] = {{"read_pj", 1e300}};
  CHECK(parse_error(hot).find("/levels/0/energy/read_pj: expected 0 to 1e+09 pJ") !=
        std::string::npos);
  // Hierarchical-mesh clusters must tile the fan-out; other topologies have no clusters.
  arch::Json mesh = three_levels("");
  mesh["levels"][2]["instances"] = 6;
  mesh["levels"][2]["mesh_x"] = 3;
  mesh["compute"]["instances"] = 6;
  mesh["compute"]["mesh_x"] = 3;
  mesh["levels"][2]["network"] = {{"topology", "hierarchical_mesh"}, {"cluster_x", 2}};
  CHECK(parse_error(mesh) ==
        "arch.json:/levels/2/network: clusters of 2x1 do not divide the 3x2 fan-out");
  mesh["levels"][2]["network"] = {{"topology", "mesh"}, {"cluster_x", 3}};
  CHECK(parse_error(mesh).find("/levels/2/network/cluster_x: cluster_x sets the cluster shape") !=
        std::string::npos);
  mesh["levels"][2]["network"] = {{"topology", "hierarchical_mesh"}, {"cluster_x", 3}};
  CHECK(parse_error(mesh).empty());
  // DRAM banks are allocated by the simulator: bounded.
  arch::Json banks = three_levels("");
  banks["levels"][0]["banks"] = std::int64_t{1} << 40;
  CHECK(parse_error(banks).find("/levels/0/banks: expected at most 65536") != std::string::npos);
}

TEST_CASE("Resolved energies stay finite even when a table extrapolates far", "[energy]") {
  // Two SRAM points 1 bit apart in capacity whose energies differ 1e6-fold give a huge exponent;
  // extrapolating to 1024 words must not produce inf.
  const arch::Json entries = {
      kMac,
      kDram,
      {{"class", "sram"}, {"depth", 2}, {"width_bits", 16}, {"read_pj", 1e-3}},
      {{"class", "sram"}, {"depth", 3}, {"width_bits", 16}, {"read_pj", 1e3}}};
  CHECK(resolve_error(three_levels(""), entries).find("outside 0 to 1e+09 pJ") !=
        std::string::npos);
}
