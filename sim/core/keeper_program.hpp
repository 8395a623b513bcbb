// What the instances of each keeping level do over a run, as the loop nest dictates (not when:
// timing is the cycle engine's): per keeper, its tile changes in order (fills, output refills,
// fresh output tiles, write-backs) at their outer steps, identical for every instance because
// tiles are uniform, and how its instances sit below their parents (groups sharing a tile, address
// offsets of their tiles). Built by walking the loop nest once; memory grows with the number of
// tile changes.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "arch/architecture.hpp"
#include "mapper/loop_nest.hpp"
#include "sim/core/child_grouping.hpp"
#include "sim/core/tile_walk.hpp"

namespace arraysim::sim {

struct KeeperAction {
  enum class Kind : std::uint8_t { Fill, Refill, Fresh, Writeback };
  Kind kind = Kind::Fill;
  std::uint32_t tile = 0;  // the tile made resident, or written back
  std::uint64_t step = 0;  // the outer step it precedes (outer_steps: after the last)
  std::uint64_t words = 0;
  std::uint64_t address = 0;  // of instance 0's tile
};

struct KeeperProgram {
  std::size_t keeper = 0;  // index into TileWalk::keepers()
  DataSpace ds = DataSpace::Weights;
  std::size_t level = 0;
  std::size_t parent = 0;         // parent level
  std::size_t parent_keeper = 0;  // its program (meaningless for level 0)
  std::uint64_t tile_words = 0;
  Origin extents{};           // of its tile
  std::uint32_t buffers = 1;  // tiles resident at once (multiple buffering)
  // Single-buffered: the words of the level's capacity its tiles leave free, this data space's
  // share; a fill that fits in them may start while the previous tile is still in use (Eyeriss
  // v1's 12-word ifmap spad fetches the next 3-word window column during a 9-word tile).
  std::uint64_t spare_words = 0;
  std::vector<std::uint64_t> tile_starts;  // tile t covers steps [tile_starts[t], tile_starts[t+1])
  std::vector<KeeperAction> actions;
  std::vector<std::uint64_t> tile_address;    // instance 0's address of each tile
  ChildGrouping grouping;                     // the instances below one parent instance
  std::vector<std::uint64_t> address_offset;  // per instance, added to an action's address
};

// The operands the MACs below one instance of the innermost keeper of each data space read per
// step (distinct words: multicast among MACs), and the links they cross.
struct OperandProgram {
  std::size_t keeper = 0;  // program index
  std::size_t level = 0;
  ChildGrouping grouping;  // MACs below one keeper instance
};

struct InstanceProgram {
  std::vector<KeeperProgram> keepers;
  std::array<OperandProgram, arch::kNumDataSpaces> operands;
  std::vector<std::uint64_t> instances;  // utilized instances per level, then the MACs
  std::array<Origin, arch::kNumDataSpaces> tensor_extents{};
  std::uint64_t outer_steps = 1;
  std::uint64_t inner_steps = 1;
};

// Walks `walk` from its start (the walk's own counts are then complete as well).
InstanceProgram build_instance_program(const arch::Architecture& arch, const mapper::LoopNest& nest,
                                       TileWalk& walk);

// The origin of the address `offset` words into a tensor of `extents` (row-major).
Origin origin_of(std::uint64_t offset, const Origin& extents);

// The contiguous runs (first word, words) of a box at word address `first` in a row-major tensor,
// adjacent runs merged, up to `words` words in all (a sliding window's new words: the first ones).
std::vector<std::pair<std::uint64_t, std::uint64_t>> box_runs(std::uint64_t first,
                                                              const Origin& box,
                                                              const Origin& tensor,
                                                              std::uint64_t words);

// The tile of a program holding outer step `step`, advancing a cursor that only moves forward.
inline std::uint32_t tile_at(const KeeperProgram& program, std::uint64_t step,
                             std::uint32_t& cursor) {
  while (cursor + 1 < program.tile_starts.size() && program.tile_starts[cursor + 1] <= step) {
    ++cursor;
  }
  return cursor;
}

}  // namespace arraysim::sim
