// Words moved over the networks between levels, derived from a run's counts: the parent-side
// transfers (a multicast or a reduced update counts once), the words delivered to children, and
// (the model's) link and router traversals of those transfers on each stage's topology.
#pragma once

#include "arch/architecture.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/nest_geometry.hpp"

namespace arraysim::mapper {

// Records a network entry for every stage that fans out or declares a network, then adds the
// traffic of each data space between consecutive keeping levels (counts.levels[].keep). Shared by
// the analytical model and the simulator.
void add_network_traffic(const arch::Architecture& arch, const EnteringWords& entering,
                         ActionCounts& counts);

// The model's link and router traversals (after add_network_traffic): every word entering a child
// crosses each stage between it and its keeping parent along its group's multicast (or reduction)
// tree, a psum refill along the child's own route. groups[d][child]: the transfers per word among
// the children of one parent instance (distinct tiles when they may share, else every child).
void add_link_traffic(const arch::Architecture& arch, const LoopNest& nest,
                      const NestGeometry& geometry, const EnteringWords& entering,
                      const EnteringWords& groups, ActionCounts& counts);

}  // namespace arraysim::mapper
