// Accelergy energy reference tables (ERT, layouts 0.2 and 0.3) to per-level energy overrides of an
// imported architecture: read, write (update must equal write: arraysim charges fills and updates
// alike), leak, and the MAC's mac_random (or compute). Energies are per action, i.e. per block.
#pragma once

#include "arch/json_reader.hpp"
#include "arch/timeloop/level_map.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

// Adds "energy" overrides to the levels and compute of `arch_json`.
void apply_ert(const YamlValue& ert, Json& arch_json, const LevelMap& levels, ImportLog& log);

}  // namespace arraysim::arch::timeloop
