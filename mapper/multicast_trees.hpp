// Link and router traversals of the words moved between two keeping levels: the spatial loops
// between them place the children on each stage's grid and group the children that need the same
// words at the same time; a group's words travel its multicast (or, for psums, reduction) tree on
// each stage's topology, one tree per instance they pass through, and a word sent to one child
// travels that child's route. Memoized per thread and spatial-loop signature, so the model builds
// the trees once per distinct spatial mapping and an evaluation only looks them up.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/noc/topology.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/nest_geometry.hpp"
#include "mapper/projection.hpp"

namespace arraysim::mapper {

// One stage's traversals per word entering one child, summed over the children of one parent
// instance: `shared` when each group of children receives the word once (multicast/reduction),
// `unicast` when every child receives it on its own (a psum refill; with vertical psum
// forwarding a refill enters each column of a reduction group once, at its top).
struct StageTrees {
  std::size_t stage = 0;  // child level of the stage (the MACs: num_levels)
  arch::noc::TreeCost shared;
  arch::noc::TreeCost unicast;
};

// Whether a stage has an entry in ActionCounts::networks: it fans out or declares a network.
bool network_stage(const arch::Architecture& arch, std::size_t stage);

// The stages in (parent, child] that have a network entry, with their traversals. `shared`: the
// children's identical tiles combine (every fanning stage multicasts, or reduces for Outputs).
// The result stays valid until the next call on this thread.
const std::vector<StageTrees>& stage_trees(const arch::Architecture& arch,
                                           const NestGeometry& geometry, const LoopNest& nest,
                                           std::size_t parent, std::size_t child, DataSpace ds,
                                           bool shared);

}  // namespace arraysim::mapper
