#include "sim/core/tile_walk.hpp"

#include "arch/noc/topology.hpp"
#include "mapper/multicast_trees.hpp"
#include "mapper/precision.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace arraysim::sim {

TileWalk::TileWalk(const arch::Architecture& arch, const arch::Layer& layer,
                   const mapper::LoopNest& nest)
    : arch_(&arch), layer_(&layer), projection_(layer) {
  const std::size_t num_levels = arch.num_levels();
  const std::size_t macs = num_levels;
  const std::vector<NestLoop> flat = flatten_nest(nest);
  for (const NestLoop& loop : flat) {
    if (loop.spatial) continue;
    if (loop.level + 1 == num_levels) {
      inner_steps_ *= static_cast<std::uint64_t>(loop.factor);
    } else if (loop.factor > 1) {
      loops_.push_back({loop.dim, loop.factor, loop.weight, loop.level});
      outer_steps_ *= static_cast<std::uint64_t>(loop.factor);
    }
  }
  index_.assign(loops_.size(), 0);

  auto coord = [this](DataSpace ds, arch::Dim dim) {
    return projection_.coord[arch::index(ds)][arch::index(dim)];
  };
  auto coef = [this](DataSpace ds, arch::Dim dim) {
    return projection_.coef[arch::index(ds)][arch::index(dim)];
  };
  // Children below one parent instance and their distinct tiles, by enumerating the spatial loops
  // between the two levels.
  // One topology per fanning stage, its links numbered after those of earlier stages.
  std::map<std::size_t, std::pair<std::unique_ptr<arch::noc::StageTopology>, std::size_t>> stages;
  auto topology_of = [&](std::size_t stage) {
    auto it = stages.find(stage);
    if (it == stages.end()) {
      auto topology = std::make_unique<arch::noc::StageTopology>(
          arch.network_into(stage), arch.fanout_x(stage), arch.fanout_y(stage));
      const std::size_t offset = link_stage_.size();
      link_stage_.resize(offset + topology->num_links(), stage);
      it = stages.emplace(stage, std::make_pair(std::move(topology), offset)).first;
    }
    return std::make_pair(it->second.first.get(), it->second.second);
  };
  std::vector<std::pair<std::size_t, std::uint64_t>> load_out;
  std::uint64_t depth_out = 0;
  std::vector<mapper::StageTrees> trees_out;
  auto sharing = [&](std::size_t parent, std::size_t child, DataSpace ds, std::uint64_t& children,
                     std::uint64_t& groups, std::size_t& stage_out) {
    const ChildGrouping g =
        group_children(arch, flat, projection_, parent, child, ds,
                       [&topology_of](std::size_t stage) { return topology_of(stage).first; });
    children = g.children;
    groups = g.groups.size();
    stage_out = g.fanning_stage;
    trees_out.clear();
    for (std::size_t j = 0; j < g.stages.size(); ++j) {
      mapper::StageTrees trees;
      trees.stage = g.stages[j];
      for (const auto& cost : g.child_cost) {
        trees.unicast.links += cost[j].links;
        trees.unicast.routers += cost[j].routers;
      }
      for (const auto& cost : g.group_cost) {
        trees.shared.links += cost[j].links;
        trees.shared.routers += cost[j].routers;
      }
      trees_out.push_back(trees);
    }
    load_out.clear();
    depth_out = 0;
    if (stage_out == 0) return;
    const auto [topology, offset] = topology_of(stage_out);
    const std::size_t f = static_cast<std::size_t>(
        std::find(g.stages.begin(), g.stages.end(), stage_out) - g.stages.begin());
    std::vector<std::size_t> endpoints;
    endpoints.reserve(g.grid.size());
    for (const auto& at : g.grid)
      endpoints.push_back(topology->endpoint(at[f].first, at[f].second));
    std::map<std::size_t, std::uint64_t> load;
    for (const auto& group : g.groups) {
      std::vector<std::size_t> destinations;
      destinations.reserve(group.size());
      for (std::uint32_t i : group) destinations.push_back(endpoints[i]);
      for (std::size_t id : topology->tree_link_ids(destinations)) ++load[offset + id];
    }
    load_out.assign(load.begin(), load.end());
    depth_out = topology->tree_depth(endpoints);
  };

  counts_.levels.resize(num_levels);
  for (std::size_t l = 0; l < num_levels; ++l) {
    counts_.levels[l].keep = nest.levels[l].keep;
    counts_.levels[l].instances = arch.levels[l].instances;
  }
  counts_.utilized_macs = 1;
  for (const NestLoop& loop : flat) {
    if (!loop.spatial) continue;
    counts_.utilized_macs *= loop.factor;
    for (std::size_t l = loop.level + 1; l < num_levels; ++l) {
      counts_.levels[l].utilized_instances *= loop.factor;
    }
  }

  for (DataSpace ds : arch::kAllDataSpaces) {
    std::size_t parent = 0;
    for (std::size_t l = 0; l < num_levels; ++l) {
      if (!arch::contains(nest.levels[l].keep, ds)) continue;
      Keeper keeper;
      keeper.ds = ds;
      keeper.level = l;
      keeper.parent = parent;
      keeper.extents.fill(1);
      for (const NestLoop& loop : flat) {
        const int c = coord(ds, loop.dim);
        if (loop.level >= l && c >= 0)
          keeper.extents[c] += (loop.factor - 1) * loop.weight * coef(ds, loop.dim);
      }
      keeper.tile_words = 1;
      for (std::int64_t e : keeper.extents) keeper.tile_words *= static_cast<std::uint64_t>(e);
      if (l > 0) {
        sharing(parent, l, ds, keeper.children, keeper.groups, keeper.stage);
        keeper.link_load = load_out;
        keeper.route_depth = depth_out;
        keeper.trees = trees_out;
      }
      for (std::size_t i = 0; i < loops_.size(); ++i) {
        if (loops_[i].level >= l) continue;
        keeper.above.push_back(i);
        if (ds == DataSpace::Outputs && coord(ds, loops_[i].dim) < 0) keeper.revisits.push_back(i);
      }
      counts_.levels[l].dataspaces[arch::index(ds)].utilized_capacity = keeper.tile_words;
      if (l == 0) tensor_extents_[arch::index(ds)] = keeper.extents;
      keepers_.push_back(keeper);
      parent = l;
    }
    std::uint64_t children = 1;
    std::uint64_t groups = 1;
    std::size_t operand_stage = 0;
    sharing(parent, macs, ds, children, groups, operand_stage);
    operand_trees_[arch::index(ds)] = trees_out;
    operand_words_[arch::index(ds)] = groups;
    operand_keeper_[arch::index(ds)] = parent;
  }
}

std::uint64_t TileWalk::address(DataSpace ds, const Origin& origin) const {
  // Data spaces lie one after another in memory: Weights, Inputs, Outputs.
  std::uint64_t address = 0;
  for (int d = 0; d < arch::index(ds); ++d) {
    std::uint64_t words = 1;
    for (std::int64_t e : tensor_extents_[d]) words *= static_cast<std::uint64_t>(e);
    address += words;
  }
  std::uint64_t offset = 0;
  for (int x = 0; x < mapper::kMaxCoords; ++x) {
    offset = offset * static_cast<std::uint64_t>(tensor_extents_[arch::index(ds)][x]) +
             static_cast<std::uint64_t>(origin[x]);
  }
  return address + offset;
}

Origin TileWalk::origin(const Keeper& keeper) const {
  Origin o{};
  const auto& coord = projection_.coord[arch::index(keeper.ds)];
  const auto& coef = projection_.coef[arch::index(keeper.ds)];
  for (std::size_t i : keeper.above) {
    const OuterLoop& loop = loops_[i];
    const int c = coord[arch::index(loop.dim)];
    if (c >= 0) o[c] += index_[i] * loop.weight * coef[arch::index(loop.dim)];
  }
  return o;
}

bool TileWalk::seen_before(const Keeper& keeper) const {
  // Outputs coordinates are each moved by one dimension, with mixed-radix weights: the tile's
  // origin is a one-to-one function of the indices of the loops above that index Outputs. An
  // earlier iteration had the same origin exactly when a loop above that does not index Outputs
  // (C, R, S) has left its first index.
  for (std::size_t i : keeper.revisits) {
    if (index_[i] != 0) return true;
  }
  return false;
}

void TileWalk::enter(std::size_t k, std::uint64_t words, std::vector<TileEvent>& events) {
  const Keeper& keeper = keepers_[k];
  moved_[k] += words;
  if (keeper.ds != DataSpace::Outputs) {
    if (keeper.level > 0) {
      events.push_back({k, words, TileEvent::Kind::Fill, address(keeper.ds, current_[k])});
    }
    return;
  }
  if (!seen_before(keeper)) {
    first_writes_[k] += words;
  } else {
    refills_[k] += words;
    events.push_back({k, words, TileEvent::Kind::Refill, address(keeper.ds, current_[k])});
  }
}

void TileWalk::start(std::vector<TileEvent>& events) {
  const std::size_t n = keepers_.size();
  current_.assign(n, Origin{});
  moved_.assign(n, 0);
  first_writes_.assign(n, 0);
  refills_.assign(n, 0);
  std::fill(index_.begin(), index_.end(), 0);
  step_ = 0;
  events.clear();
  for (std::size_t k = 0; k < n; ++k) {
    current_[k] = origin(keepers_[k]);
    enter(k, keepers_[k].tile_words, events);
  }
}

bool TileWalk::next(std::vector<TileEvent>& events) {
  events.clear();
  if (step_ >= outer_steps_) return false;
  if (++step_ == outer_steps_) {
    for (std::size_t k = 0; k < keepers_.size(); ++k) {
      const Keeper& keeper = keepers_[k];
      if (keeper.ds == DataSpace::Outputs && keeper.level > 0) {
        events.push_back(
            {k, keeper.tile_words, TileEvent::Kind::Writeback, address(keeper.ds, current_[k])});
      }
    }
    finish_counts();
    return false;
  }
  // Advance the odometer: the innermost loop that does not wrap moves, the ones inside restart.
  std::size_t advanced = loops_.size();
  while (advanced-- > 0) {
    if (++index_[advanced] < loops_[advanced].factor) break;
    index_[advanced] = 0;
  }
  for (std::size_t k = 0; k < keepers_.size(); ++k) {
    const Keeper& keeper = keepers_[k];
    if (keeper.level == 0 || keeper.above.empty() || advanced > keeper.above.back()) continue;
    const Origin next = origin(keeper);
    bool changed = false;
    std::uint64_t overlap = 1;
    for (int x = 0; x < mapper::kMaxCoords; ++x) {
      const std::int64_t delta = std::llabs(next[x] - current_[k][x]);
      changed = changed || delta != 0;
      overlap *= static_cast<std::uint64_t>(std::max<std::int64_t>(0, keeper.extents[x] - delta));
    }
    if (!changed) continue;
    // Only the innermost iterating loop above advancing keeps the overlap (sliding window).
    const std::uint64_t words =
        advanced == keeper.above.back() ? keeper.tile_words - overlap : keeper.tile_words;
    if (keeper.ds == DataSpace::Outputs) {
      events.push_back({k, words, TileEvent::Kind::Writeback, address(keeper.ds, current_[k])});
    }
    current_[k] = next;
    enter(k, words, events);
  }
  return true;
}

void TileWalk::run(const std::function<void(std::uint64_t, const std::vector<TileEvent>&)>& visit) {
  std::vector<TileEvent> events;
  start(events);
  visit(0, events);
  while (next(events)) visit(step_, events);
  visit(outer_steps_, events);
}

void TileWalk::finish_counts() {
  const std::size_t n = keepers_.size();
  const std::vector<std::uint64_t>& moved = moved_;
  const std::vector<std::uint64_t>& first_writes = first_writes_;
  const std::vector<std::uint64_t>& refills = refills_;
  // Counts, by the rules of DESIGN section 3, from what moved.
  const std::uint64_t steps = total_steps();
  counts_.macs = layer_->macs();
  counts_.bits = layer_->bits;
  counts_.psum_bits = mapper::psum_bits(*arch_, *layer_);
  counts_.compute_cycles = steps;
  counts_.cycles = steps;
  for (auto& level : counts_.levels) {
    for (auto& ds : level.dataspaces) ds.reads = ds.fills = ds.updates = 0;
  }
  entering_ = {};
  for (DataSpace ds : arch::kAllDataSpaces)
    entering_[arch::index(ds)][counts_.levels.size()] = steps;
  for (std::size_t k = 0; k < n; ++k) {
    const Keeper& keeper = keepers_[k];
    auto& here = counts_.levels[keeper.level].dataspaces[arch::index(keeper.ds)];
    auto& up = counts_.levels[keeper.parent].dataspaces[arch::index(keeper.ds)];
    if (keeper.level == 0) continue;
    entering_[arch::index(keeper.ds)][keeper.level] = moved[k];
    if (keeper.ds == DataSpace::Outputs) {
      up.updates += moved[k] * keeper.groups;
      here.fills = refills[k];
    } else {
      here.fills = moved[k];
      up.reads += moved[k] * keeper.groups;
    }
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    auto& innermost = counts_.levels[operand_keeper_[arch::index(ds)]].dataspaces[arch::index(ds)];
    const std::uint64_t words = steps * operand_words_[arch::index(ds)];
    (ds == DataSpace::Outputs ? innermost.updates : innermost.reads) += words;
  }
  for (std::size_t k = 0; k < n; ++k) {
    const Keeper& keeper = keepers_[k];
    if (keeper.ds != DataSpace::Outputs) continue;
    auto& here = counts_.levels[keeper.level].dataspaces[arch::index(keeper.ds)];
    here.reads = here.updates - std::min(here.updates, first_writes[k]);
  }
  // Link and router traversals per stage: every word a keeper receives (or, for Outputs, sends
  // back) crosses each stage along its group's multicast or reduction tree, a refill along its
  // child's route; once per parent instance.
  link_words_ = {};
  router_words_ = {};
  auto add = [&](DataSpace ds, const mapper::StageTrees& t, std::uint64_t words,
                 std::uint64_t refilled, std::uint64_t parents) {
    link_words_[arch::index(ds)][t.stage] +=
        (words * t.shared.links + refilled * t.unicast.links) * parents;
    router_words_[arch::index(ds)][t.stage] +=
        (words * t.shared.routers + refilled * t.unicast.routers) * parents;
  };
  for (std::size_t k = 0; k < n; ++k) {
    const Keeper& keeper = keepers_[k];
    const auto parents =
        static_cast<std::uint64_t>(counts_.levels[keeper.parent].utilized_instances);
    for (const auto& t : keeper.trees) add(keeper.ds, t, moved[k], refills[k], parents);
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    const auto parents = static_cast<std::uint64_t>(
        counts_.levels[operand_keeper_[arch::index(ds)]].utilized_instances);
    for (const auto& t : operand_trees_[arch::index(ds)]) add(ds, t, steps, 0, parents);
  }
}

}  // namespace arraysim::sim
