// SCALE-Sim configuration files (.cfg, INI): the array size, SRAM sizes, dataflow and DRAM
// interface of `[general]`, `[architecture_presets]`, `[run_presets]` and `[network_presets]`.
// Keys are case-insensitive and separated from values by ':' or '='; unknown keys are errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace arraysim::scalesim {

struct Config {
  std::string file;
  std::string run_name = "scale_run";
  std::int64_t array_rows = 0;  // ArrayHeight
  std::int64_t array_cols = 0;  // ArrayWidth
  std::int64_t ifmap_sram_kb = 0, filter_sram_kb = 0, ofmap_sram_kb = 0;
  std::int64_t ifmap_offset = 0, filter_offset = 10000000, ofmap_offset = 20000000;
  std::string dataflow;                  // os, ws or is
  std::vector<std::int64_t> bandwidths;  // words per cycle; SCALE-Sim uses the first
  std::int64_t memory_banks = 1;
  bool user_bandwidth = false;  // InterfaceBandwidth USER (else CALC)
  std::string topology_csv;     // [network_presets] TopologyCsvLoc, as written
};

// Reads a .cfg file; throws SpecError "file:line: message" on unknown sections or keys, bad
// values and missing required keys.
Config read_config(const std::string& path);
Config parse_config(const std::string& text, const std::string& file);

}  // namespace arraysim::scalesim
