// Counts derived at run time never wrap: bandwidth cycles are converted from floating point only
// when they fit, and a mapping whose access counts, cycles or network words exceed 2^63 - 1 is
// reported as an overflow instead of evaluated. Energies stay finite; leakage is charged per
// utilized instance (Timeloop's convention).
#include <cmath>

#include <catch2/catch.hpp>

#include "arch/checked_math.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "mapper/model.hpp"
#include "mapper/stats.hpp"

namespace {

namespace arch = arraysim::arch;
namespace energy = arraysim::energy;
namespace mapper = arraysim::mapper;

arch::Architecture dram_rf(const arch::Json& dram_extra) {
  arch::Json dram = {{"name", "DRAM"}, {"kind", "dram"}};
  if (dram_extra.is_object()) dram.update(dram_extra);
  const arch::Json json = {
      {"spec", "architecture"},
      {"name", "t"},
      {"levels", {dram, {{"name", "RF"}, {"kind", "regfile"}, {"capacity_words", 64}}}},
      {"compute", {{"name", "MAC"}}}};
  return arch::parse_architecture(json, "a.json");
}

// 2^20 x 2^20 x 2^11 x 2^10 = 2^61 MACs: a layer that fits, every loop at DRAM.
mapper::Evaluation evaluate_huge(const arch::Architecture& architecture) {
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "huge"}, {"type", "conv"},
                                 {"M", 1 << 20},    {"C", 1 << 20},   {"P", 1 << 11},
                                 {"Q", 1 << 10}};
  const auto layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  const arch::Json mapping_json = {
      {"spec", "mapping"},
      {"levels",
       {{{"level", "DRAM"}, {"temporal", "M1048576 C1048576 P2048 Q1024"}}, {{"level", "RF"}}}}};
  const auto nest =
      mapper::bind_mapping(arch::parse_mapping(mapping_json, "m.json"), architecture, layer);
  return mapper::evaluate(architecture, layer, nest);
}

}  // namespace

TEST_CASE("Bandwidth cycles never wrap or convert an out-of-range double", "[mapper]") {
  CHECK(mapper::bandwidth_cycles(10, 3.0) == 4);
  CHECK(mapper::bandwidth_cycles(10, 2.5) == 4);
  CHECK(mapper::bandwidth_cycles(3, 0.25) == 12);
  // words + bandwidth - 1 wrapped: ceil((2^64 - 1) / 2) = 2^63.
  CHECK(mapper::bandwidth_cycles(arch::kSaturated, 2.0) == (std::uint64_t{1} << 63));
  // 2^63 / 1e-6 cycles is no count: saturated (an overflow), not an undefined conversion.
  CHECK(mapper::bandwidth_cycles(arch::kMaxCount, 1e-6) == arch::kSaturated);
  CHECK(!arch::ceil_to_count(1e30L));
  CHECK(!arch::ceil_to_count(-1.0L));
  CHECK(*arch::ceil_to_count(2.5L) == 3);
}

TEST_CASE("A mapping whose counts exceed 2^63 is an overflow instead of a wrapped count",
          "[mapper]") {
  // Every MAC reads a weight and an input from RF and updates an output there, and RF is filled
  // with each new input and output: about 6 x 2^61 accesses, more than 2^63.
  const auto result = evaluate_huge(dram_rf({}));
  REQUIRE(result.status == mapper::EvalStatus::Overflow);
  CHECK(result.level == 1);
  CHECK(result.reason(dram_rf({})).find("RF") != std::string::npos);
  // A bandwidth of 1e-6 words per cycle makes DRAM's cycles 2^61 x 1e6: beyond 2^63 too.
  const auto slow = evaluate_huge(dram_rf({{"read_bandwidth", 1e-6}}));
  REQUIRE(slow.status == mapper::EvalStatus::Overflow);
  CHECK(slow.level == 0);
}

TEST_CASE("Energies stay finite and are numbers in the stats JSON", "[mapper]") {
  // The largest energy per access a spec may give, on every access of a small layer.
  const arch::Json max_energy = {{"read_pj", 1e9}, {"write_pj", 1e9}, {"leak_pj_per_cycle", 1e9}};
  const arch::Json arch_json = {
      {"spec", "architecture"},
      {"name", "t"},
      {"levels",
       {{{"name", "DRAM"}, {"kind", "dram"}, {"energy", max_energy}},
        {{"name", "RF"}, {"kind", "regfile"}, {"capacity_words", 64}, {"energy", max_energy}}}},
      {"compute", {{"name", "MAC"}, {"energy", {{"mac_pj", 1e9}}}}}};
  const auto architecture = arch::parse_architecture(arch_json, "a.json");
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "l"}, {"type", "conv"},
                                 {"M", 4},          {"C", 4},      {"P", 8},
                                 {"Q", 8},          {"R", 3},      {"S", 3}};
  const auto layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  const arch::Json mapping_json = {{"spec", "mapping"},
                                   {"levels",
                                    {{{"level", "DRAM"}, {"temporal", "M4 C4 P8 Q8"}},
                                     {{"level", "RF"}, {"temporal", "R3 S3"}}}}};
  const auto nest =
      mapper::bind_mapping(arch::parse_mapping(mapping_json, "m.json"), architecture, layer);
  const auto result = mapper::evaluate(architecture, layer, nest);
  REQUIRE(result.ok());
  const auto stats =
      mapper::make_stats(architecture, "l", result.counts, energy::resolve_energy(architecture));
  const arch::Json json = mapper::stats_to_json(stats);
  CHECK(json["energy_pj"].is_number());
  CHECK(std::isfinite(stats.energy_pj));
  for (const auto& level : json["levels"]) CHECK(level["energy_pj"].is_number());
}

TEST_CASE("Leakage is charged per utilized instance as Timeloop does", "[mapper]") {
  // 4 PEs (RF + MAC each); the mapping unrolls M = 2 over 2 of them for 4 cycles (P4 each).
  // Access and MAC energies are 0, so the energy is leakage alone, by hand:
  // RF 1 pJ/cycle x 4 cycles x 2 used RFs + MAC 0.5 pJ/cycle x 4 cycles x 2 used MACs = 12 pJ.
  // (All four instances would give 24 pJ.)
  const arch::Json arch_json = {
      {"spec", "architecture"},
      {"name", "leaky"},
      {"levels",
       {{{"name", "DRAM"}, {"kind", "dram"}, {"energy", {{"read_pj", 0}, {"write_pj", 0}}}},
        {{"name", "RF"},
         {"kind", "regfile"},
         {"capacity_words", 64},
         {"instances", 4},
         {"network", {{"transfer_pj", 0}}},
         {"energy", {{"read_pj", 0}, {"write_pj", 0}, {"leak_pj_per_cycle", 1.0}}}}}},
      {"compute",
       {{"name", "MAC"},
        {"instances", 4},
        {"energy", {{"mac_pj", 0}, {"leak_pj_per_cycle", 0.5}}}}}};
  const auto architecture = arch::parse_architecture(arch_json, "leaky.json");
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "l"}, {"type", "conv"}, {"M", 2},
                                 {"C", 1},          {"P", 4},      {"Q", 1}};
  const auto layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  const arch::Json mapping_json = {
      {"spec", "mapping"},
      {"levels",
       {{{"level", "DRAM"}, {"spatial_x", "M2"}}, {{"level", "RF"}, {"temporal", "P4"}}}}};
  const auto nest =
      mapper::bind_mapping(arch::parse_mapping(mapping_json, "m.json"), architecture, layer);
  const auto result = mapper::evaluate(architecture, layer, nest);
  REQUIRE(result.ok());
  REQUIRE(result.counts.cycles == 4);
  const auto resolved = energy::resolve_energy(architecture);
  const auto stats = mapper::make_stats(architecture, "l", result.counts, resolved);
  CHECK(stats.levels[1].leak_energy_pj == Approx(8.0));
  CHECK(stats.compute_energy_pj == Approx(4.0));
  CHECK(stats.energy_pj == Approx(12.0));
  CHECK(mapper::total_energy_pj(architecture, result.counts, resolved) == Approx(12.0));
}
