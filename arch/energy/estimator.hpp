// Resolves every level of an architecture to per-action energies and area: an explicit override
// beats an exact table entry, which beats an interpolated or scaled one. Each value says which
// rule produced it (like Accelergy's ERT summary).
#pragma once

#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/energy/energy_table.hpp"
#include "arch/spec_defaults.hpp"

namespace arraysim::energy {

struct ActionEnergy {
  double read_pj = 0.0;   // per access (a block of block_words); MACs: per MAC; NoC: per word
  double write_pj = 0.0;  // per access (fill or update)
  double leak_pj_per_cycle = 0.0;  // per instance
  double area_um2 = 0.0;           // per instance
  std::string rule;
};

struct ResolvedEnergy {
  std::string table_name;  // empty: no table
  std::vector<ActionEnergy> levels;
  ActionEnergy mac;
  // Per stage (index = child level, 1..num_levels, num_levels = MACs), per word: networks over
  // one link (or per word delivered, for energy_per delivery), routers through one router.
  std::vector<ActionEnergy> networks;
  std::vector<ActionEnergy> routers;
  // The table's dram_commands entries (per-command DRAM energies by device), for the cycle engine.
  std::vector<TableEntry> dram_commands;
  // Values the specs left out and arraysim filled in (leakage or area 0, unlimited bandwidth,
  // ...), in architecture order; `arraysim validate` lists them, --strict rejects them.
  std::vector<arch::SpecDefault> defaults;
};

// On-chip storage area: every non-DRAM level, all instances.
double storage_area_um2(const arch::Architecture& arch, const ResolvedEnergy& energy);

// Loads the architecture's energy_table (if any) and resolves it. A level, MAC or network that is
// used but whose access energy cannot be resolved (no override, no table entry of its class while
// other energies are given) is an error (SpecError); values where 0 is plausible (leakage, area,
// network energy) and bandwidths the spec leaves out are recorded in `defaults`.
ResolvedEnergy resolve_energy(const arch::Architecture& arch);
ResolvedEnergy resolve_energy(const arch::Architecture& arch, const EnergyTable* table);

// The entry of `energy` pricing commands of the DRAM device `device` (null: none).
const TableEntry* dram_command_energy(const ResolvedEnergy& energy, const std::string& device);

// Piecewise power law through (x, y) points, log-log; extrapolates with the end segments.
struct PowerLawPoint {
  double x = 0.0;
  double y = 0.0;
  std::string label;
};
struct Interpolated {
  double value = 0.0;
  std::string rule;
};
Interpolated interpolate_power_law(std::vector<PowerLawPoint> points, double x,
                                   const std::string& what, double default_exponent);

}  // namespace arraysim::energy
