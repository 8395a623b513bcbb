// Energy estimator rules: exact entries, power-law interpolation over capacity, width scaling,
// multiply + add composition, overrides.
#include <cmath>

#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace energy = arraysim::energy;

arch::Architecture one_level(const std::string& kind, std::int64_t capacity_words,
                             std::int64_t word_bits, std::int64_t block_words) {
  arch::Json json = {{"spec", "architecture"},
                     {"name", "t"},
                     {"levels",
                      {{{"name", "DRAM"}, {"kind", "dram"}, {"word_bits", word_bits}},
                       {{"name", "Buf"},
                        {"kind", kind},
                        {"capacity_words", capacity_words},
                        {"word_bits", word_bits},
                        {"block_words", block_words}}}},
                     {"compute", {{"name", "MAC"}, {"word_bits", word_bits}}}};
  return arch::parse_architecture(json, "test.json");
}

}  // namespace

TEST_CASE("Horowitz SRAM: exact, interpolated and width-scaled reads", "[energy]") {
  const auto table =
      energy::load_energy_table(arraysim::testing::source_path("energy_tables/horowitz_45nm.json"));
  // 8 KB of 32-bit words: the table's own point.
  auto e = energy::resolve_energy(one_level("sram", 2048, 32, 1), &table);
  CHECK(e.levels[1].read_pj == Approx(5.0));
  // 16 KB lies between 8 KB (5 pJ) and 32 KB (10 pJ): exponent 0.5, so 5 * sqrt(2).
  e = energy::resolve_energy(one_level("sram", 4096, 32, 1), &table);
  CHECK(e.levels[1].read_pj == Approx(5.0 * std::sqrt(2.0)));
  CHECK(e.levels[1].rule.find("interpolated") != std::string::npos);
  // A 64-bit access (two 32-bit words) of the 32 KB array costs twice the 32-bit read.
  e = energy::resolve_energy(one_level("sram", 8192, 32, 2), &table);
  CHECK(e.levels[1].read_pj == Approx(20.0));
  // DRAM: 640 pJ per 32 bits.
  CHECK(e.levels[0].read_pj == Approx(640.0));
  // A 32-bit integer MAC: 3.1 pJ multiply + 0.1 pJ add.
  CHECK(e.mac.read_pj == Approx(3.2));
}

TEST_CASE("Horowitz 16-bit MAC interpolates the multiplier between 8 and 32 bits", "[energy]") {
  const auto table =
      energy::load_energy_table(arraysim::testing::source_path("energy_tables/horowitz_45nm.json"));
  const auto e = energy::resolve_energy(one_level("sram", 2048, 16, 1), &table);
  const double exponent = std::log(3.1 / 0.2) / std::log(4.0);
  CHECK(e.mac.read_pj == Approx(0.2 * std::pow(2.0, exponent) + 0.05));
}

TEST_CASE("Normalized table: depth-independent entries and overrides", "[energy]") {
  const auto table = energy::load_energy_table(
      arraysim::testing::source_path("energy_tables/eyeriss_isca16_normalized.json"));
  auto architecture = one_level("sram", 65536, 16, 4);
  auto e = energy::resolve_energy(architecture, &table);
  CHECK(e.levels[1].read_pj == Approx(24.0));  // 6 per word, 4-word blocks
  CHECK(e.levels[0].read_pj == Approx(200.0));
  CHECK(e.mac.read_pj == Approx(1.0));
  architecture.levels[1].energy.read_pj = 3.5;
  e = energy::resolve_energy(architecture, &table);
  CHECK(e.levels[1].read_pj == Approx(3.5));
  CHECK(e.levels[1].write_pj == Approx(24.0));
  CHECK(e.levels[1].rule.rfind("override", 0) == 0);
}

TEST_CASE("Network energy per link and per router: table entries and overrides", "[energy]") {
  const arch::Json table_json = {
      {"spec", "energy_table"},
      {"name", "noc"},
      {"entries",
       {{{"class", "dram"}, {"width_bits", 16}, {"read_pj", 200}, {"write_pj", 200}},
        {{"class", "regfile"}, {"width_bits", 16}, {"read_pj", 1}, {"write_pj", 1}},
        {{"class", "mac"}, {"bits", 16}, {"mac_pj", 1}},
        {{"class", "noc_hop"}, {"bits", 16}, {"transfer_pj", 0.4}},
        {{"class", "noc_router"}, {"bits", 16}, {"router_pj", 0.6}},
        {{"class", "noc_router"}, {"bits", 32}, {"router_pj", 1.2}}}}};
  const auto table = energy::parse_energy_table(table_json, "noc.json");
  arch::Json json = {{"spec", "architecture"},
                     {"name", "t"},
                     {"levels",
                      {{{"name", "DRAM"}, {"kind", "dram"}},
                       {{"name", "PE"},
                        {"kind", "regfile"},
                        {"capacity_words", 8},
                        {"instances", 4},
                        {"mesh_x", 2},
                        {"word_bits", 16},
                        {"network", {{"topology", "mesh"}}}}}},
                     {"compute", {{"name", "MAC"}, {"instances", 4}, {"mesh_x", 2}}}};
  auto e = energy::resolve_energy(arch::parse_architecture(json, "t.json"), &table);
  CHECK(e.networks[1].read_pj == Approx(0.4));
  CHECK(e.routers[1].read_pj == Approx(0.6));
  // 24-bit words: interpolated between the 16- and 32-bit routers (linear here).
  json["levels"][1]["word_bits"] = 24;
  e = energy::resolve_energy(arch::parse_architecture(json, "t.json"), &table);
  CHECK(e.routers[1].read_pj == Approx(0.9));
  // The network's own figures beat the table.
  json["levels"][1]["network"]["transfer_pj"] = 2.0;
  json["levels"][1]["network"]["router_pj"] = 3.0;
  e = energy::resolve_energy(arch::parse_architecture(json, "t.json"), &table);
  CHECK(e.networks[1].read_pj == Approx(2.0));
  CHECK(e.routers[1].read_pj == Approx(3.0));
  CHECK(e.routers[1].rule == "override (router)");
  // Without a table: nothing to price a router with (storage and MACs priced by overrides).
  const arch::Json zero = {{"read_pj", 0.0}, {"write_pj", 0.0}};
  json["levels"][0]["energy"] = zero;
  json["levels"][1]["energy"] = zero;
  json["compute"]["energy"] = {{"mac_pj", 0.0}};
  e = energy::resolve_energy(arch::parse_architecture(json, "t.json"), nullptr);
  CHECK(e.routers[1].read_pj == Approx(3.0));
  json["levels"][1]["network"].erase("router_pj");
  e = energy::resolve_energy(arch::parse_architecture(json, "t.json"), nullptr);
  CHECK(e.routers[1].read_pj == 0.0);
  CHECK(e.routers[1].rule == "no noc_router entry: 0");
}
