// Geometry of a bound loop nest: the loops flattened outer to inner with their index weights,
// tile extents per data space, the tile walk above a level (fills with sliding-window reuse), and
// how many distinct tiles the spatial loops between two levels produce (multicast/reduction).
#pragma once

#include <array>
#include <cstdint>

#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/projection.hpp"

namespace arraysim::mapper {

// Trivially constructible so that the fixed loop array costs nothing to create.
struct FlatLoop {
  Dim dim;
  std::int64_t factor;
  std::int64_t weight;  // index step of this loop in its dimension
  std::size_t level;
  bool spatial;
};

using Extents = std::array<std::int64_t, kMaxCoords>;

// Fixed bounds so that an evaluation never allocates.
constexpr std::size_t kMaxLoops = 128;

class NestGeometry {
 public:
  NestGeometry(const arch::Layer& layer, const LoopNest& nest);

  std::size_t num_levels() const { return num_levels_; }
  const Projection& projection() const { return projection_; }
  std::size_t num_loops() const { return num_loops_; }
  const FlatLoop& loop(std::size_t i) const { return loops_[i]; }

  // Words of data space ds held by one instance of `level` (loops at and below it).
  std::uint64_t tile(std::size_t level, DataSpace ds) const;
  // Words entering one instance of `level` over the run: the first tile whole, then per tile
  // change either the new words (the innermost temporal loop above advanced) or the whole tile.
  std::uint64_t walk(std::size_t level, DataSpace ds) const;
  // Distinct tiles of ds among the children below one `parent` instance down to `child`.
  std::uint64_t distinct_tiles(std::size_t parent, std::size_t child, DataSpace ds) const;
  // Product of spatial factors in levels [parent, child): children per parent instance.
  std::int64_t spatial_product(std::size_t parent, std::size_t child) const;
  // Distinct output words one instance of `level` ever holds.
  std::uint64_t distinct_outputs(std::size_t level) const;
  std::uint64_t temporal_iterations() const { return temporal_iterations_; }

 private:
  Extents extents(DataSpace ds, std::size_t from, std::size_t to) const;

  Projection projection_;
  // Per data space and level: the tile's extent in each coordinate (loops at and below the level).
  std::array<std::array<Extents, kMaxLevels + 1>, arch::kNumDataSpaces> tile_extents_;  // NOLINT
  // Product of the spatial factors of the levels above each level.
  std::array<std::int64_t, kMaxLevels + 1> spatial_above_{};
  std::array<FlatLoop, kMaxLoops> loops_;  // NOLINT: the first num_loops_ are set
  std::size_t num_loops_ = 0;
  std::array<std::size_t, kMaxLevels + 1> level_begin_{};  // first loop of each level
  std::size_t num_levels_ = 0;
  std::uint64_t temporal_iterations_ = 1;
};

}  // namespace arraysim::mapper
