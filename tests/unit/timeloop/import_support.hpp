// Imports Timeloop test inputs and evaluates them with the analytical model.
#pragma once

#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/network.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/stats.hpp"

namespace arraysim::testing {

struct ImportedRun {
  arch::Architecture architecture;
  arch::Network network;
  mapper::ActionCounts counts;
  mapper::Stats stats;
};

// Files relative to the source tree, merged as Timeloop merges them (arch, problem, mapping, ERT).
ImportedRun run_timeloop(const std::vector<std::string>& files);

// Per-instance counts of a level and data space, by level name.
const mapper::DataSpaceCounts& counts_at(const ImportedRun& run, const std::string& level,
                                         arch::DataSpace ds);

}  // namespace arraysim::testing
