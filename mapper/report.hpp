// Human-readable report of one layer's stats: per level and data space counts and energy, the
// networks, cycles, utilization and the energy breakdown.
#pragma once

#include <string>

#include "mapper/stats.hpp"

namespace arraysim::mapper {

std::string format_report(const Stats& stats);

}  // namespace arraysim::mapper
