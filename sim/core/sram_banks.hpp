// Bank conflicts of an SRAM buffer: its words are stored tile by tile in row-major order and
// interleaved over `banks` single-ported banks a block (block_words) at a time; a bank delivers one
// block per cycle. A transfer that reads (or writes) a box of the tile takes the longer of its
// port time, ceil(words / bandwidth), and the blocks its busiest bank must deliver.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "arch/architecture.hpp"
#include "sim/core/child_grouping.hpp"

namespace arraysim::sim {

class SramBanks {
 public:
  SramBanks(const arch::StorageLevel& level, bool unlimited);

  bool banked() const { return banks_ > 1; }
  // Cycles the busiest bank needs for the box at `box_origin` with `box_extents` inside a tile of
  // `tile_extents`; a transfer of fewer words than the box (the new words of a sliding window)
  // needs that share of them, rounded up.
  std::uint64_t busiest_bank_blocks(const Origin& tile_extents, const Origin& box_origin,
                                    const Origin& box_extents, std::uint64_t words);

 private:
  std::uint64_t banks_ = 1;
  std::uint64_t block_ = 1;
  // Busiest-bank blocks of whole boxes, by (box extents, tile extents, first word modulo a row of
  // blocks across all banks): shifting a box shifts every bank index alike.
  std::map<std::tuple<Origin, Origin, std::uint64_t>, std::uint64_t> cache_;
};

}  // namespace arraysim::sim
