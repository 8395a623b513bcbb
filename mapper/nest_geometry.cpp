#include "mapper/nest_geometry.hpp"

#include "arch/checked_math.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace arraysim::mapper {

namespace {

// Offsets up to this bound are deduplicated in a stack bitset; larger ones (rare) in a vector.
constexpr std::int64_t kBitsetOffsets = 8192;

}  // namespace

NestGeometry::NestGeometry(const arch::Layer& layer, const LoopNest& nest) : projection_(layer) {
  if (nest.levels.size() > kMaxLevels) throw std::invalid_argument("too many storage levels");
  auto push = [this](const Loop& loop, std::size_t level, bool spatial) {
    if (num_loops_ == kMaxLoops) throw std::invalid_argument("too many loops in the nest");
    loops_[num_loops_++] = {loop.dim, loop.factor, 1, level, spatial};
  };
  num_levels_ = nest.levels.size();
  for (std::size_t l = 0; l < num_levels_; ++l) {
    level_begin_[l] = num_loops_;
    const NestLevel& level = nest.levels[l];
    for (const auto& loop : level.temporal) push(loop, l, false);
    for (const auto& loop : level.spatial_x) push(loop, l, true);
    for (const auto& loop : level.spatial_y) push(loop, l, true);
  }
  level_begin_[num_levels_] = num_loops_;
  arch::DimSizes inner{1, 1, 1, 1, 1, 1, 1, 1};
  for (std::size_t i = num_loops_; i-- > 0;) {
    FlatLoop& loop = loops_[i];
    loop.weight = inner[arch::index(loop.dim)];
    inner[arch::index(loop.dim)] *= loop.factor;
    if (!loop.spatial) temporal_iterations_ *= static_cast<std::uint64_t>(loop.factor);
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    auto& per_level = tile_extents_[arch::index(ds)];
    per_level[num_levels_].fill(1);
    for (std::size_t l = num_levels_; l-- > 0;) {
      const Extents below = per_level[l + 1];
      const Extents here = extents(ds, level_begin_[l], level_begin_[l + 1]);
      for (int x = 0; x < kMaxCoords; ++x) per_level[l][x] = below[x] + here[x] - 1;
    }
  }
  spatial_above_[0] = 1;
  for (std::size_t l = 0; l < num_levels_; ++l) {
    std::int64_t product = 1;
    for (std::size_t i = level_begin_[l]; i < level_begin_[l + 1]; ++i) {
      if (loops_[i].spatial) product *= loops_[i].factor;
    }
    spatial_above_[l + 1] = spatial_above_[l] * product;
  }
}

Extents NestGeometry::extents(DataSpace ds, std::size_t from, std::size_t to) const {
  Extents ext;
  ext.fill(1);
  const auto& coord = projection_.coord[arch::index(ds)];
  const auto& coef = projection_.coef[arch::index(ds)];
  for (std::size_t i = from; i < to; ++i) {
    const FlatLoop& loop = loops_[i];
    const int c = coord[arch::index(loop.dim)];
    if (c >= 0) ext[c] += (loop.factor - 1) * loop.weight * coef[arch::index(loop.dim)];
  }
  return ext;
}

std::uint64_t NestGeometry::tile(std::size_t level, DataSpace ds) const {
  const Extents& ext = tile_extents_[arch::index(ds)][level];
  std::uint64_t words = 1;
  for (std::int64_t e : ext) words *= static_cast<std::uint64_t>(e);
  return words;
}

std::uint64_t NestGeometry::walk(std::size_t level, DataSpace ds) const {
  const Extents& ext = tile_extents_[arch::index(ds)][level];
  std::uint64_t whole = 1;
  for (std::int64_t e : ext) whole *= static_cast<std::uint64_t>(e);

  // The temporal loops above this level that actually iterate, outer to inner.
  std::array<std::size_t, kMaxLoops> above;  // NOLINT: only the first `count` are used
  std::size_t count = 0;
  for (std::size_t i = 0; i < level_begin_[level]; ++i) {
    if (!loops_[i].spatial && loops_[i].factor > 1) above[count++] = i;
  }
  std::array<std::uint64_t, kMaxLoops + 1> prefix;  // NOLINT: iterations outside loop j
  prefix[0] = 1;
  for (std::size_t j = 0; j < count; ++j) {
    prefix[j + 1] = prefix[j] * static_cast<std::uint64_t>(loops_[above[j]].factor);
  }

  const auto& coord = projection_.coord[arch::index(ds)];
  const auto& coef = projection_.coef[arch::index(ds)];
  Extents wrapped{};  // how far the loops inside loop j moved the tile before they restart
  std::uint64_t words = whole;
  for (std::size_t j = count; j-- > 0;) {
    const FlatLoop& loop = loops_[above[j]];
    const int c = coord[arch::index(loop.dim)];
    const std::int64_t step = c >= 0 ? loop.weight * coef[arch::index(loop.dim)] : 0;
    bool moved = false;
    std::uint64_t overlap = 1;
    for (int x = 0; x < kMaxCoords; ++x) {
      const std::int64_t delta = (x == c ? step : 0) - wrapped[x];
      moved = moved || delta != 0;
      overlap *= static_cast<std::uint64_t>(std::max<std::int64_t>(0, ext[x] - std::llabs(delta)));
    }
    std::uint64_t fill = 0;
    if (moved) fill = j + 1 == count ? whole - overlap : whole;
    // Saturating: a walk beyond 2^63 words is reported as an overflow by the model.
    words = arch::sat_add(
        words,
        arch::sat_mul(arch::sat_mul(prefix[j], static_cast<std::uint64_t>(loop.factor - 1)), fill));
    if (c >= 0) wrapped[c] += (loop.factor - 1) * step;
  }
  return words;
}

std::int64_t NestGeometry::spatial_product(std::size_t parent, std::size_t child) const {
  return spatial_above_[child] / spatial_above_[parent];
}

std::uint64_t NestGeometry::distinct_tiles(std::size_t parent, std::size_t child,
                                           DataSpace ds) const {
  const auto& coord = projection_.coord[arch::index(ds)];
  const auto& coef = projection_.coef[arch::index(ds)];
  std::uint64_t distinct = 1;
  for (int x = 0; x < kMaxCoords; ++x) {
    // The spatial loops moving this coordinate; one dimension alone never collides with itself
    // (mixed-radix weights), two (P and R on a sliding window) can.
    std::array<std::size_t, kMaxLoops> moving;  // NOLINT: only the first `count` are used
    std::size_t count = 0;
    unsigned dims_seen = 0;
    std::uint64_t product = 1;
    std::int64_t reach = 0;
    for (std::size_t i = level_begin_[parent]; i < level_begin_[child]; ++i) {
      const FlatLoop& loop = loops_[i];
      if (!loop.spatial || loop.factor == 1 || coord[arch::index(loop.dim)] != x) continue;
      moving[count++] = i;
      dims_seen |= 1U << arch::index(loop.dim);
      product *= static_cast<std::uint64_t>(loop.factor);
      reach += (loop.factor - 1) * loop.weight * coef[arch::index(loop.dim)];
    }
    if ((dims_seen & (dims_seen - 1)) == 0) {
      distinct *= product;
      continue;
    }
    if (count == 2) {
      // Values a*i + b*j (i < n, j < m): a value's representations form chains (i + k*b/g,
      // j - k*a/g); count each chain once, by the pairs that have no predecessor.
      const FlatLoop& first = loops_[moving[0]];
      const FlatLoop& second = loops_[moving[1]];
      const std::int64_t a = first.weight * coef[arch::index(first.dim)];
      const std::int64_t b = second.weight * coef[arch::index(second.dim)];
      const std::int64_t g = std::gcd(a, b);
      const std::int64_t n = first.factor;
      const std::int64_t m = second.factor;
      const std::int64_t repeats =
          std::max<std::int64_t>(0, n - b / g) * std::max<std::int64_t>(0, m - a / g);
      distinct *= static_cast<std::uint64_t>(n * m - repeats);
      continue;
    }
    // Enumerate the offsets the moving loops reach and count the distinct ones.
    std::vector<std::int64_t> spill;
    std::array<std::uint64_t, kBitsetOffsets / 64> seen;  // NOLINT: cleared up to `reach` below
    const bool small = reach < kBitsetOffsets;
    if (small) std::fill_n(seen.begin(), reach / 64 + 1, 0ULL);
    std::uint64_t found = 0;
    std::array<std::int64_t, kMaxLoops> index;  // NOLINT: the first `count` are cleared below
    std::fill_n(index.begin(), count, 0);
    for (;;) {
      std::int64_t offset = 0;
      for (std::size_t k = 0; k < count; ++k) {
        const FlatLoop& loop = loops_[moving[k]];
        offset += index[k] * loop.weight * coef[arch::index(loop.dim)];
      }
      if (small) {
        const auto bit = static_cast<std::uint64_t>(offset);
        const std::uint64_t mask = 1ULL << (bit % 64);
        if ((seen[bit / 64] & mask) == 0) {
          seen[bit / 64] |= mask;
          ++found;
        }
      } else {
        spill.push_back(offset);
      }
      std::size_t k = 0;
      while (k < count && ++index[k] == loops_[moving[k]].factor) index[k++] = 0;
      if (k == count) break;
    }
    if (!small) {
      std::sort(spill.begin(), spill.end());
      found = static_cast<std::uint64_t>(std::unique(spill.begin(), spill.end()) - spill.begin());
    }
    distinct *= found;
  }
  return distinct;
}

std::uint64_t NestGeometry::distinct_outputs(std::size_t level) const {
  const auto& coord = projection_.coord[arch::index(DataSpace::Outputs)];
  std::uint64_t words = 1;
  for (std::size_t i = 0; i < num_loops_; ++i) {
    const FlatLoop& loop = loops_[i];
    if (loop.spatial && i < level_begin_[level]) continue;
    if (coord[arch::index(loop.dim)] >= 0) words *= static_cast<std::uint64_t>(loop.factor);
  }
  return words;
}

}  // namespace arraysim::mapper
