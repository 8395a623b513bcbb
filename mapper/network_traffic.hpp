// Words moved over the networks between levels, derived from a run's counts: the parent-side
// transfers (a multicast or a reduced update counts once) and the words delivered to children.
// Shared by the analytical model and the simulator.
#pragma once

#include "arch/architecture.hpp"
#include "mapper/action_counts.hpp"

namespace arraysim::mapper {

// Records a network entry for every stage that fans out or declares a network, then adds the
// traffic of each data space between consecutive keeping levels (counts.levels[].keep).
void add_network_traffic(const arch::Architecture& arch, const EnteringWords& entering,
                         ActionCounts& counts);

}  // namespace arraysim::mapper
