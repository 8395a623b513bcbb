#include "sim/core/sram_banks.hpp"

#include <algorithm>
#include <vector>

namespace arraysim::sim {

SramBanks::SramBanks(const arch::StorageLevel& level, bool unlimited)
    : banks_(unlimited || level.kind == arch::LevelKind::Dram
                 ? 1
                 : static_cast<std::uint64_t>(level.banks)),
      block_(static_cast<std::uint64_t>(level.block_words)) {}

std::uint64_t SramBanks::busiest_bank_blocks(const Origin& tile_extents, const Origin& box_origin,
                                             const Origin& box_extents, std::uint64_t words) {
  constexpr int kCoords = mapper::kMaxCoords;
  std::array<std::uint64_t, kCoords> stride{};
  std::uint64_t s = 1;
  for (int x = kCoords; x-- > 0;) {
    stride[x] = s;
    s *= static_cast<std::uint64_t>(tile_extents[x]);
  }
  std::uint64_t first = 0;
  for (int x = 0; x < kCoords; ++x) first += static_cast<std::uint64_t>(box_origin[x]) * stride[x];
  const std::uint64_t period = banks_ * block_;
  const auto key = std::make_tuple(box_extents, tile_extents, first % period);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    // Every row of the box (contiguous along the last coordinate) adds its blocks to their banks.
    std::vector<std::uint64_t> per_bank(banks_, 0);
    Origin index{};
    const std::uint64_t run = static_cast<std::uint64_t>(box_extents[kCoords - 1]);
    for (;;) {
      std::uint64_t start = first % period;
      for (int x = 0; x + 1 < kCoords; ++x)
        start += static_cast<std::uint64_t>(index[x]) * stride[x];
      const std::uint64_t first_block = start / block_;
      const std::uint64_t last_block = (start + run - 1) / block_;
      const std::uint64_t blocks = last_block - first_block + 1;
      for (std::uint64_t b = 0; b < std::min(blocks, banks_); ++b) {
        const std::uint64_t count = blocks / banks_ + (b < blocks % banks_ ? 1 : 0);
        per_bank[(first_block + b) % banks_] += count;
      }
      int x = kCoords - 2;
      while (x >= 0 && ++index[x] == box_extents[x]) index[x--] = 0;
      if (x < 0) break;
    }
    it = cache_.emplace(key, *std::max_element(per_bank.begin(), per_bank.end())).first;
  }
  std::uint64_t box_words = 1;
  for (std::int64_t e : box_extents) box_words *= static_cast<std::uint64_t>(e);
  // Only part of the box moves: that share of the busiest bank's blocks.
  return (it->second * words + box_words - 1) / box_words;
}

}  // namespace arraysim::sim
