// Datasheet DRAM devices a spec can name with "dram_preset": DDR4-2400, LPDDR4-3200 and HBM2, with
// their organisation and JEDEC timings converted to clock cycles (sources in dram_presets.cpp).
#pragma once

#include <optional>
#include <string>

#include "sim/core/dram_config.hpp"

namespace arraysim::sim {

// The preset of that name (one of arch::dram_preset_names()), or nullopt.
std::optional<DramConfig> dram_preset(const std::string& name);

}  // namespace arraysim::sim
