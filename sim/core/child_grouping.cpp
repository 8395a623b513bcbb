#include "sim/core/child_grouping.hpp"

#include <algorithm>
#include <map>

#include "mapper/multicast_trees.hpp"

namespace arraysim::sim {

std::vector<NestLoop> flatten_nest(const mapper::LoopNest& nest) {
  std::vector<NestLoop> loops;
  for (std::size_t l = 0; l < nest.levels.size(); ++l) {
    const auto& level = nest.levels[l];
    for (const auto& loop : level.temporal)
      loops.push_back({loop.dim, loop.factor, 1, l, false, false});
    for (const auto& loop : level.spatial_x)
      loops.push_back({loop.dim, loop.factor, 1, l, true, true});
    for (const auto& loop : level.spatial_y)
      loops.push_back({loop.dim, loop.factor, 1, l, true, false});
  }
  arch::DimSizes inner{1, 1, 1, 1, 1, 1, 1, 1};
  for (auto it = loops.rbegin(); it != loops.rend(); ++it) {
    it->weight = inner[arch::index(it->dim)];
    inner[arch::index(it->dim)] *= it->factor;
  }
  return loops;
}

ChildGrouping group_children(const arch::Architecture& arch, const std::vector<NestLoop>& loops,
                             const mapper::Projection& projection, std::size_t parent,
                             std::size_t child, arch::DataSpace ds, const TopologyOf& topology_of) {
  ChildGrouping g;
  std::vector<const NestLoop*> spatial;
  for (const NestLoop& loop : loops) {
    if (loop.spatial && loop.level >= parent && loop.level < child) spatial.push_back(&loop);
  }
  auto fan_of = [&spatial](std::size_t stage) {
    std::int64_t fan = 1;
    for (const NestLoop* loop : spatial) {
      if (loop->level + 1 == stage) fan *= loop->factor;
    }
    return fan;
  };
  std::size_t stages_fanning = 0;
  for (std::size_t stage = parent + 1; stage <= child; ++stage) {
    if (fan_of(stage) > 1) g.fanning_stage = stage, ++stages_fanning;
    if (mapper::network_stage(arch, stage)) g.stages.push_back(stage);
    const arch::NetworkSpec& net = arch.network_into(stage);
    if (fan_of(stage) > 1 && !(ds == arch::DataSpace::Outputs ? net.reduction : net.multicast)) {
      g.shared = false;
    }
  }
  if (stages_fanning != 1) g.fanning_stage = 0;

  const auto& coord = projection.coord[arch::index(ds)];
  const auto& coef = projection.coef[arch::index(ds)];
  const std::size_t num_stages = g.stages.size();
  std::map<Origin, std::uint32_t> group_by_origin;
  std::vector<std::int64_t> idx(spatial.size(), 0);
  g.children = 0;
  for (;;) {
    Origin o{};
    std::vector<std::pair<std::int64_t, std::int64_t>> at(num_stages, {0, 0});
    std::vector<std::int64_t> x_span(num_stages, 1), y_span(num_stages, 1);
    for (std::size_t k = spatial.size(); k-- > 0;) {
      const NestLoop& loop = *spatial[k];
      const int c = coord[arch::index(loop.dim)];
      if (c >= 0) o[c] += idx[k] * loop.weight * coef[arch::index(loop.dim)];
      // A stage's X and Y positions: mixed radix over its level's loops, inner loops first.
      for (std::size_t j = 0; j < num_stages; ++j) {
        if (loop.level + 1 != g.stages[j]) continue;
        if (loop.axis_x) {
          at[j].first += idx[k] * x_span[j], x_span[j] *= loop.factor;
        } else {
          at[j].second += idx[k] * y_span[j], y_span[j] *= loop.factor;
        }
      }
    }
    const auto child_index = static_cast<std::uint32_t>(g.children++);
    std::uint32_t group = child_index;
    if (g.shared) {
      group = group_by_origin.emplace(o, static_cast<std::uint32_t>(group_by_origin.size()))
                  .first->second;
    }
    if (group >= g.groups.size()) g.groups.resize(group + 1);
    g.groups[group].push_back(child_index);
    g.group_of.push_back(group);
    g.offset.push_back(o);
    g.grid.push_back(std::move(at));
    // Odometer with the innermost loop fastest.
    std::size_t k = spatial.size();
    while (k > 0 && ++idx[k - 1] == spatial[k - 1]->factor) idx[--k] = 0;
    if (k == 0) break;
  }

  g.child_cost.assign(g.children, std::vector<arch::noc::TreeCost>(num_stages));
  g.refill_entry.assign(g.children, true);
  g.group_cost.assign(g.groups.size(), std::vector<arch::noc::TreeCost>(num_stages));
  for (std::size_t j = 0; j < num_stages; ++j) {
    const arch::noc::StageTopology* topology = topology_of(g.stages[j]);
    auto node = [&](std::uint32_t i) {
      return topology->endpoint(g.grid[i][j].first, g.grid[i][j].second);
    };
    for (std::uint32_t i = 0; i < g.children; ++i)
      g.child_cost[i][j] = topology->tree_cost({node(i)});
    // A group's word crosses stage j once per instance above the stage that it passes (the
    // children's positions on the stages before j name that instance).
    const bool reduce = ds == arch::DataSpace::Outputs && g.shared;
    const bool forward = reduce && topology->forwards_vertically();
    for (std::size_t group = 0; group < g.groups.size(); ++group) {
      std::map<std::vector<std::pair<std::int64_t, std::int64_t>>, std::vector<std::uint32_t>>
          by_instance;
      for (std::uint32_t i : g.groups[group]) {
        by_instance[{g.grid[i].begin(), g.grid[i].begin() + static_cast<std::ptrdiff_t>(j)}]
            .push_back(i);
      }
      for (const auto& entry : by_instance) {
        std::vector<std::size_t> nodes;
        for (std::uint32_t i : entry.second) nodes.push_back(node(i));
        const arch::noc::TreeCost tree =
            reduce ? topology->reduction_cost(nodes) : topology->tree_cost(nodes);
        g.group_cost[group][j].links += tree.links;
        g.group_cost[group][j].routers += tree.routers;
        if (!forward) continue;
        // A psum refill enters each column once, at its top (charged to the first child there):
        // the other members cost nothing.
        auto tops = topology->column_tops(nodes.data(), nodes.size());
        for (std::uint32_t i : entry.second) {
          const auto top = std::find(tops.begin(), tops.end(), node(i));
          if (top == tops.end()) {
            g.child_cost[i][j] = {};
            g.refill_entry[i] = false;
          } else {
            tops.erase(top);
          }
        }
      }
    }
  }
  return g;
}

}  // namespace arraysim::sim
