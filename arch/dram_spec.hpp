// A DRAM level's device description: an optional datasheet preset ("dram_preset") and optional
// overrides of its organisation and JEDEC timings ("dram": {...}), as written in the spec. The
// simulator (sim/core/dram_config) merges them into a full configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"

namespace arraysim::arch {

// Names a "dram_preset" may take (sim/core/dram_presets defines their values).
const std::vector<std::string>& dram_preset_names();

// Fields of a DRAM address, as named in "address_mapping" ("RoBaRaCoCh": MSB to LSB).
const std::vector<std::string>& dram_address_fields();

struct DramSpec {
  std::optional<std::string> preset;
  // Organisation: channels, ranks per channel, bank groups per rank, banks per rank (all groups),
  // rows per bank, bytes per row (page) of a rank, data bus bits, burst length (beats), beats per
  // clock (2: DDR).
  std::optional<std::int64_t> channels, ranks, bank_groups, banks, rows, row_bytes, bus_bits,
      burst_length, data_rate;
  std::optional<std::int64_t> tck_ps;
  // Timings in DRAM clock cycles.
  std::optional<std::int64_t> trcd, trp, tcl, tcwl, tras, trc, trrd, trrd_l, tfaw, twr, twtr,
      twtr_l, trtp, tccd, tccd_l, trtw, trefi, trfc;
  std::optional<std::string> page_policy;      // "open" | "closed"
  std::optional<std::string> address_mapping;  // e.g. "RoBaRaCoCh"
  std::optional<std::string> scheduler;        // "fr_fcfs" | "fcfs"
  std::optional<std::int64_t> queue_depth;
  JsonLocation where;  // the "dram" object, or the level when only a preset is given
};

// Reads "dram_preset" and "dram" of a level; nullopt when neither is present. `is_dram` says
// whether the level is a DRAM level (the keys are rejected on others).
std::optional<DramSpec> parse_dram_spec(ObjectReader& level, bool is_dram);

}  // namespace arraysim::arch
