// Reads a DRAM level's "dram_preset" and "dram" overrides: ranges of each field and the syntax of
// the address mapping. Checks that need the preset's values are made when the simulator merges
// them (sim/core/dram_config).
#include "arch/dram_spec.hpp"

#include <algorithm>

#include "arch/spec_limits.hpp"

namespace arraysim::arch {

namespace {

constexpr std::int64_t kMaxDramCount = std::int64_t{1} << 20;  // channels, ranks, banks, ...
constexpr std::int64_t kMaxDramRowBytes = std::int64_t{1} << 24;
constexpr std::int64_t kMaxDramRows = std::int64_t{1} << 32;
constexpr std::int64_t kMaxDramBusBits = 8192;
constexpr std::int64_t kMaxTckPs = 1000000;  // 1 us

// An integer in [low, high], or nullopt when absent.
std::optional<std::int64_t> bounded(ObjectReader& reader, const std::string& key, std::int64_t low,
                                    std::int64_t high) {
  if (!reader.has(key)) return std::nullopt;
  const std::int64_t value = low == 0 ? reader.non_negative(key) : reader.positive(key);
  if (value < low || value > high) {
    reader.at(key).fail("expected " + std::to_string(low) + " to " + std::to_string(high) +
                        ", got " + std::to_string(value));
  }
  return value;
}

// "RoBaRaCoCh": two-letter fields, each at most once; row, bank and column are required.
void check_mapping(const std::string& mapping, const JsonLocation& where) {
  const auto& fields = dram_address_fields();
  std::vector<std::string> seen;
  if (mapping.size() % 2 != 0) {
    where.fail("address mapping \"" + mapping + "\" is not a sequence of two-letter fields (" +
               "Ro, Ba, Bg, Ra, Co, Ch)");
  }
  const std::string quoted = "\"" + mapping + "\"";
  for (std::size_t i = 0; i < mapping.size(); i += 2) {
    const std::string field = mapping.substr(i, 2);
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      std::string message = "unknown address field \"" + field;
      message += "\" in " + quoted + ", expected Ro, Ba, Bg, Ra, Co or Ch";
      where.fail(message);
    }
    if (std::find(seen.begin(), seen.end(), field) != seen.end()) {
      std::string message = "address field \"" + field;
      message += "\" appears twice in " + quoted;
      where.fail(message);
    }
    seen.push_back(field);
  }
  for (const char* required : {"Ro", "Ba", "Co"}) {
    if (std::find(seen.begin(), seen.end(), required) == seen.end()) {
      where.fail("address mapping \"" + mapping + "\" has no " + required + " field");
    }
  }
}

void parse_overrides(ObjectReader& reader, DramSpec& spec) {
  spec.channels = bounded(reader, "channels", 1, kMaxDramCount);
  spec.ranks = bounded(reader, "ranks", 1, kMaxDramCount);
  spec.bank_groups = bounded(reader, "bank_groups", 1, kMaxDramCount);
  spec.banks = bounded(reader, "banks", 1, kMaxDramCount);
  spec.rows = bounded(reader, "rows", 1, kMaxDramRows);
  spec.row_bytes = bounded(reader, "row_bytes", 1, kMaxDramRowBytes);
  spec.bus_bits = bounded(reader, "bus_bits", 8, kMaxDramBusBits);
  if (spec.bus_bits && *spec.bus_bits % 8 != 0) {
    reader.at("bus_bits").fail("expected a multiple of 8, got " + std::to_string(*spec.bus_bits));
  }
  spec.burst_length = bounded(reader, "burst_length", 1, 1024);
  spec.data_rate = bounded(reader, "data_rate", 1, 2);
  spec.tck_ps = bounded(reader, "tck_ps", 1, kMaxTckPs);
  spec.trcd = bounded(reader, "trcd", 0, kMaxCycles);
  spec.trp = bounded(reader, "trp", 0, kMaxCycles);
  spec.tcl = bounded(reader, "tcl", 0, kMaxCycles);
  spec.tcwl = bounded(reader, "tcwl", 0, kMaxCycles);
  spec.tras = bounded(reader, "tras", 0, kMaxCycles);
  spec.trc = bounded(reader, "trc", 0, kMaxCycles);
  spec.trrd = bounded(reader, "trrd", 0, kMaxCycles);
  spec.trrd_l = bounded(reader, "trrd_l", 0, kMaxCycles);
  spec.tfaw = bounded(reader, "tfaw", 0, kMaxCycles);
  spec.twr = bounded(reader, "twr", 0, kMaxCycles);
  spec.twtr = bounded(reader, "twtr", 0, kMaxCycles);
  spec.twtr_l = bounded(reader, "twtr_l", 0, kMaxCycles);
  spec.trtp = bounded(reader, "trtp", 0, kMaxCycles);
  spec.tccd = bounded(reader, "tccd", 1, kMaxCycles);
  spec.tccd_l = bounded(reader, "tccd_l", 1, kMaxCycles);
  spec.trtw = bounded(reader, "trtw", 0, kMaxCycles);
  spec.trefi = bounded(reader, "trefi", 0, kMaxCycles);
  spec.trfc = bounded(reader, "trfc", 0, kMaxCycles);
  if (reader.has("page_policy"))
    spec.page_policy = reader.enum_string("page_policy", {"open", "closed"});
  if (reader.has("scheduler"))
    spec.scheduler = reader.enum_string("scheduler", {"fr_fcfs", "fcfs"});
  spec.address_mapping = reader.optional_string("address_mapping");
  if (spec.address_mapping) check_mapping(*spec.address_mapping, reader.at("address_mapping"));
  spec.queue_depth = bounded(reader, "queue_depth", 1, kMaxDramCount);
  reader.finish();
  if (spec.banks && spec.bank_groups && *spec.banks % *spec.bank_groups != 0) {
    reader.at("bank_groups")
        .fail(std::to_string(*spec.bank_groups) + " bank groups do not divide " +
              std::to_string(*spec.banks) + " banks");
  }
  if (spec.trefi && spec.trfc && *spec.trefi != 0 && *spec.trfc >= *spec.trefi) {
    reader.at("trfc").fail(
        "trfc = " + std::to_string(*spec.trfc) +
        " leaves no time between refreshes (trefi = " + std::to_string(*spec.trefi) + ")");
  }
}

}  // namespace

const std::vector<std::string>& dram_preset_names() {
  static const std::vector<std::string> names = {"DDR4-2400", "LPDDR4-3200", "HBM2"};
  return names;
}

const std::vector<std::string>& dram_address_fields() {
  static const std::vector<std::string> fields = {"Ro", "Ba", "Bg", "Ra", "Co", "Ch"};
  return fields;
}

std::optional<DramSpec> parse_dram_spec(ObjectReader& level, bool is_dram) {
  const bool has_preset = level.has("dram_preset");
  const bool has_object = level.has("dram");
  if (!has_preset && !has_object) return std::nullopt;
  if (!is_dram) {
    level.at(has_preset ? "dram_preset" : "dram")
        .fail("DRAM timing applies only to a level of kind \"dram\"");
  }
  DramSpec spec;
  spec.where = level.where();
  if (has_preset) spec.preset = level.enum_string("dram_preset", dram_preset_names());
  if (const Json* json = level.get("dram")) {
    if (!json->is_object()) level.at("dram").fail("expected an object");
    spec.where = level.at("dram");
    ObjectReader reader(*json, level.at("dram"));
    parse_overrides(reader, spec);
  }
  return spec;
}

}  // namespace arraysim::arch
