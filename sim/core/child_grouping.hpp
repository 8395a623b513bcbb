// How the spatial loops between a keeping level and a level below it place one parent instance's
// children: each child's position on every network stage's grid, which children hold the same tile
// of a data space (a multicast or reduction group), and the links and routers a word crosses to
// reach a group (along its multicast tree) or one child (along its route). Children are numbered
// by their spatial loop indices, outer loops most significant, so that instance i of a level sits
// below instance i / children of its parent level.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/noc/topology.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/projection.hpp"

namespace arraysim::sim {

using Origin = std::array<std::int64_t, mapper::kMaxCoords>;

// One loop of a bound nest, outer to inner, with its index step in its dimension.
struct NestLoop {
  arch::Dim dim;
  std::int64_t factor;
  std::int64_t weight;
  std::size_t level;
  bool spatial;
  bool axis_x;
};
std::vector<NestLoop> flatten_nest(const mapper::LoopNest& nest);

// The topology of the stage into a level (built once by the caller).
using TopologyOf = std::function<const arch::noc::StageTopology*(std::size_t stage)>;

struct ChildGrouping {
  std::uint64_t children = 1;  // below one parent instance
  bool shared = true;          // every fanning stage multicasts (or, for Outputs, reduces)
  std::vector<std::vector<std::uint32_t>> groups;  // children holding the same tile
  std::vector<std::uint32_t> group_of;             // per child
  std::vector<Origin> offset;                      // per child: its tile's origin offset
  // Stages in (parent, child] with a network entry, each child's (x, y) on them, and the links
  // and routers per word: to each group along its trees (one per instance above the stage it
  // passes), to each child along its route.
  std::vector<std::size_t> stages;
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> grid;  // [child][stage]
  std::vector<std::vector<arch::noc::TreeCost>> group_cost;              // [group][stage]
  std::vector<std::vector<arch::noc::TreeCost>> child_cost;              // [child][stage]
  // Per child: a psum refill reaches it over the networks (false: with vertical psum forwarding,
  // a member below its column's top, which restarts from zero; its child_cost is 0 there).
  std::vector<bool> refill_entry;
  std::size_t fanning_stage = 0;  // the one stage that fans out (0: none, or several)
};

ChildGrouping group_children(const arch::Architecture& arch, const std::vector<NestLoop>& loops,
                             const mapper::Projection& projection, std::size_t parent,
                             std::size_t child, arch::DataSpace ds, const TopologyOf& topology_of);

}  // namespace arraysim::sim
