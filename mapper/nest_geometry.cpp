#include "mapper/nest_geometry.hpp"

#include <algorithm>
#include <cstdlib>

namespace arraysim::mapper {

NestGeometry::NestGeometry(const arch::Layer& layer, const LoopNest& nest) : projection_(layer) {
  for (std::size_t l = 0; l < nest.levels.size(); ++l) {
    level_begin_.push_back(loops_.size());
    const NestLevel& level = nest.levels[l];
    for (const auto& loop : level.temporal) loops_.push_back({loop.dim, loop.factor, 1, l, false});
    for (const auto* spatial : {&level.spatial_x, &level.spatial_y}) {
      for (const auto& loop : *spatial) loops_.push_back({loop.dim, loop.factor, 1, l, true});
    }
  }
  level_begin_.push_back(loops_.size());
  arch::DimSizes inner{1, 1, 1, 1, 1, 1, 1, 1};
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
    it->weight = inner[arch::index(it->dim)];
    inner[arch::index(it->dim)] *= it->factor;
    if (!it->spatial) temporal_iterations_ *= static_cast<std::uint64_t>(it->factor);
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
  const Extents ext = extents(ds, level_begin_[level], loops_.size());
  std::uint64_t words = 1;
  for (std::int64_t e : ext) words *= static_cast<std::uint64_t>(e);
  return words;
}

std::uint64_t NestGeometry::walk(std::size_t level, DataSpace ds) const {
  const Extents ext = extents(ds, level_begin_[level], loops_.size());
  std::uint64_t whole = 1;
  for (std::int64_t e : ext) whole *= static_cast<std::uint64_t>(e);

  // The temporal loops above this level that actually iterate, outer to inner.
  std::array<std::size_t, 64> above{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < level_begin_[level]; ++i) {
    if (!loops_[i].spatial && loops_[i].factor > 1 && count < above.size()) above[count++] = i;
  }
  std::array<std::uint64_t, 65> prefix{};  // prefix[j]: iterations of the loops outside loop j
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
    words += prefix[j] * static_cast<std::uint64_t>(loop.factor - 1) * fill;
    if (c >= 0) wrapped[c] += (loop.factor - 1) * step;
  }
  return words;
}

std::int64_t NestGeometry::spatial_product(std::size_t parent, std::size_t child) const {
  std::int64_t product = 1;
  for (std::size_t i = level_begin_[parent]; i < level_begin_[child]; ++i) {
    if (loops_[i].spatial) product *= loops_[i].factor;
  }
  return product;
}

std::uint64_t NestGeometry::distinct_tiles(std::size_t parent, std::size_t child,
                                           DataSpace ds) const {
  const auto& coord = projection_.coord[arch::index(ds)];
  const auto& coef = projection_.coef[arch::index(ds)];
  std::uint64_t distinct = 1;
  for (int x = 0; x < kMaxCoords; ++x) {
    // Offsets of this coordinate reached by the spatial loops; distinct sums count once.
    std::vector<std::int64_t> offsets{0};
    unsigned dims_seen = 0;
    std::uint64_t product = 1;
    for (std::size_t i = level_begin_[parent]; i < level_begin_[child]; ++i) {
      const FlatLoop& loop = loops_[i];
      if (!loop.spatial || loop.factor == 1 || coord[arch::index(loop.dim)] != x) continue;
      dims_seen |= 1U << arch::index(loop.dim);
      product *= static_cast<std::uint64_t>(loop.factor);
      const std::int64_t step = loop.weight * coef[arch::index(loop.dim)];
      std::vector<std::int64_t> next;
      next.reserve(offsets.size() * static_cast<std::size_t>(loop.factor));
      for (std::int64_t base : offsets) {
        for (std::int64_t t = 0; t < loop.factor; ++t) next.push_back(base + t * step);
      }
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      offsets.swap(next);
    }
    // One dimension alone never collides with itself (mixed-radix weights).
    const bool single_dim = (dims_seen & (dims_seen - 1)) == 0;
    distinct *= single_dim ? product : offsets.size();
  }
  return distinct;
}

std::uint64_t NestGeometry::distinct_outputs(std::size_t level) const {
  const auto& coord = projection_.coord[arch::index(DataSpace::Outputs)];
  std::uint64_t words = 1;
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    const FlatLoop& loop = loops_[i];
    if (loop.spatial && i < level_begin_[level]) continue;
    if (coord[arch::index(loop.dim)] >= 0) words *= static_cast<std::uint64_t>(loop.factor);
  }
  return words;
}

}  // namespace arraysim::mapper
