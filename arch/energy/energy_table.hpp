// Energy/area reference tables (Accelergy-style): per component class, energy per action for
// reference sizes. The estimator resolves each architecture level against one of these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arch/energy/area_table.hpp"
#include "arch/json_reader.hpp"

namespace arraysim::energy {

enum class EntryClass { Mac, Mult, Add, Regfile, Sram, Dram, NocHop, NocRouter, DramCommands };
const char* entry_class_name(EntryClass cls);

struct TableEntry {
  EntryClass cls = EntryClass::Sram;
  std::string name;
  std::optional<std::int64_t> depth;  // words; absent: the energy does not depend on depth
  std::int64_t width_bits = 16;       // access width (storage) or operand bits (mac/mult/add/noc)
  bool floating_point = false;
  // storage read; mac/mult/add: per operation; noc_hop: per word and link; noc_router: per word
  // and router
  double read_pj = 0.0;
  double write_pj = 0.0;  // storage write
  double leak_pj_per_cycle = 0.0;
  bool leak_given = false;  // false: the entry states no leakage (0 is a default)
  std::optional<double> area_um2;
  std::string source;
  // dram_commands: energy per command of one rank of a DRAM device (a DRAM preset's name), for
  // the cycle engine's DRAM controller; standby (background) and I/O energy are not included.
  std::string device;
  struct {
    double activate = 0.0, precharge = 0.0, read = 0.0, write = 0.0, refresh = 0.0;
  } command_pj;

  double capacity_bits() const {
    return static_cast<double>(depth.value_or(0)) * static_cast<double>(width_bits);
  }
};

struct EnergyTable {
  std::string name;
  std::string file;
  std::optional<double> technology_nm;
  std::vector<TableEntry> entries;
  std::optional<AreaTable> area;  // "area_table": storage area curves, beat entries' area_um2
};

EnergyTable parse_energy_table(const arch::Json& json, const std::string& file);
EnergyTable load_energy_table(const std::string& path);

}  // namespace arraysim::energy
