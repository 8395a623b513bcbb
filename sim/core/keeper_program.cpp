#include "sim/core/keeper_program.hpp"

#include <algorithm>
#include <map>
#include <memory>

namespace arraysim::sim {

namespace {

// Turns the walk's tile events into per-keeper actions: an output tile that changes without a
// refill starts fresh (zeros, no transfer).
void record_step(std::uint64_t step, bool last, const std::vector<TileEvent>& events,
                 std::vector<KeeperProgram>& programs, const std::vector<std::size_t>& program_of) {
  for (std::size_t e = 0; e < events.size(); ++e) {
    const TileEvent& event = events[e];
    KeeperProgram& p = programs[program_of[event.keeper]];
    const auto tile = static_cast<std::uint32_t>(p.tile_starts.size());
    switch (event.kind) {
      case TileEvent::Kind::Fill:
        p.tile_starts.push_back(step);
        p.tile_address.push_back(event.address);
        p.actions.push_back({KeeperAction::Kind::Fill, tile, step, event.words, event.address});
        break;
      case TileEvent::Kind::Refill:
        p.actions.push_back(
            {KeeperAction::Kind::Refill, tile - 1, step, event.words, event.address});
        break;
      case TileEvent::Kind::Writeback: {
        if (p.tile_address.size() < tile) p.tile_address.resize(tile);
        p.tile_address[tile - 1] = event.address;
        p.actions.push_back(
            {KeeperAction::Kind::Writeback, tile - 1, step, event.words, event.address});
        if (last) break;
        p.tile_starts.push_back(step);
        const bool refill = e + 1 < events.size() && events[e + 1].keeper == event.keeper &&
                            events[e + 1].kind == TileEvent::Kind::Refill;
        if (!refill) p.actions.push_back({KeeperAction::Kind::Fresh, tile, step, p.tile_words, 0});
        break;
      }
    }
  }
}

}  // namespace

Origin origin_of(std::uint64_t offset, const Origin& extents) {
  Origin o{};
  for (int x = mapper::kMaxCoords; x-- > 0;) {
    const auto e = static_cast<std::uint64_t>(extents[x]);
    o[x] = static_cast<std::int64_t>(offset % e);
    offset /= e;
  }
  return o;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> box_runs(std::uint64_t first,
                                                              const Origin& box,
                                                              const Origin& tensor,
                                                              std::uint64_t words) {
  constexpr int kCoords = mapper::kMaxCoords;
  std::array<std::uint64_t, kCoords> stride{};
  std::uint64_t s = 1;
  for (int x = kCoords; x-- > 0;) {
    stride[x] = s;
    s *= static_cast<std::uint64_t>(tensor[x]);
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;
  const auto run = static_cast<std::uint64_t>(box[kCoords - 1]);
  Origin index{};
  while (words > 0) {
    std::uint64_t start = first;
    for (int x = 0; x + 1 < kCoords; ++x) start += static_cast<std::uint64_t>(index[x]) * stride[x];
    const std::uint64_t length = std::min(run, words);
    if (!runs.empty() && runs.back().first + runs.back().second == start) {
      runs.back().second += length;
    } else {
      runs.emplace_back(start, length);
    }
    words -= length;
    int x = kCoords - 2;
    while (x >= 0 && ++index[x] == box[x]) index[x--] = 0;
    if (x < 0) break;
  }
  return runs;
}

InstanceProgram build_instance_program(const arch::Architecture& arch, const mapper::LoopNest& nest,
                                       TileWalk& walk) {
  InstanceProgram out;
  out.outer_steps = walk.outer_steps();
  out.inner_steps = walk.inner_steps();
  for (DataSpace ds : arch::kAllDataSpaces)
    out.tensor_extents[arch::index(ds)] = walk.tensor_extents(ds);
  const std::vector<NestLoop> loops = flatten_nest(nest);
  std::map<std::size_t, std::unique_ptr<arch::noc::StageTopology>> topologies;
  const TopologyOf topology_of = [&](std::size_t stage) {
    auto& slot = topologies[stage];
    if (!slot) {
      slot = std::make_unique<arch::noc::StageTopology>(arch.network_into(stage),
                                                        arch.fanout_x(stage), arch.fanout_y(stage));
    }
    return slot.get();
  };
  const std::size_t num_levels = arch.num_levels();
  out.instances.assign(num_levels + 1, 1);
  for (const NestLoop& loop : loops) {
    if (!loop.spatial) continue;
    for (std::size_t l = loop.level + 1; l <= num_levels; ++l) {
      out.instances[l] *= static_cast<std::uint64_t>(loop.factor);
    }
  }

  const auto& keepers = walk.keepers();
  std::vector<std::size_t> program_of(keepers.size());
  std::array<std::size_t, arch::kNumDataSpaces> last{};
  for (std::size_t k = 0; k < keepers.size(); ++k) {
    const Keeper& keeper = keepers[k];
    KeeperProgram p;
    p.keeper = k;
    p.ds = keeper.ds;
    p.level = keeper.level;
    p.parent = keeper.parent;
    p.tile_words = keeper.tile_words;
    p.extents = keeper.extents;
    p.buffers = static_cast<std::uint32_t>(arch.levels[keeper.level].multiple_buffering);
    if (keeper.level == 0) {
      p.tile_starts.push_back(0);
      p.tile_address.push_back(walk.address(keeper.ds, Origin{}));
    } else {
      p.parent_keeper = last[arch::index(keeper.ds)];
      p.grouping = group_children(arch, loops, walk.projection(), keeper.parent, keeper.level,
                                  keeper.ds, topology_of);
    }
    const ChildGrouping all =
        group_children(arch, loops, walk.projection(), 0, keeper.level, keeper.ds, topology_of);
    const std::uint64_t base = walk.address(keeper.ds, Origin{});
    for (const Origin& o : all.offset)
      p.address_offset.push_back(walk.address(keeper.ds, o) - base);
    const auto& level = arch.levels[keeper.level];
    if (keeper.level > 0 && p.buffers == 1 && level.capacity_words) {
      std::uint64_t held = 0, kept = 0;
      for (const Keeper& other : keepers) {
        if (other.level == keeper.level) held += other.tile_words, ++kept;
      }
      const auto capacity = static_cast<std::uint64_t>(*level.capacity_words);
      if (capacity > held) p.spare_words = (capacity - held) / kept;
    }
    program_of[k] = out.keepers.size();
    last[arch::index(keeper.ds)] = out.keepers.size();
    out.keepers.push_back(std::move(p));
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    OperandProgram& op = out.operands[arch::index(ds)];
    op.level = walk.operand_keeper(ds);  // a level
    op.keeper = last[arch::index(ds)];   // the innermost keeper of ds
    op.grouping =
        group_children(arch, loops, walk.projection(), op.level, num_levels, ds, topology_of);
  }

  std::vector<TileEvent> events;
  walk.start(events);
  // Step 0: every output tile starts fresh (the walk reports no event for it).
  for (KeeperProgram& p : out.keepers) {
    if (p.ds == DataSpace::Outputs && p.level > 0) {
      p.tile_starts.push_back(0);
      p.actions.push_back({KeeperAction::Kind::Fresh, 0, 0, p.tile_words, 0});
    }
  }
  record_step(0, false, events, out.keepers, program_of);
  while (walk.next(events)) record_step(walk.step(), false, events, out.keepers, program_of);
  record_step(walk.outer_steps(), true, events, out.keepers, program_of);
  return out;
}

}  // namespace arraysim::sim
