#include "mapper/mapspace.hpp"

#include <algorithm>
#include <numeric>

namespace arraysim::mapper {

namespace {

// Every ordered factorization of `n` over the slots, each slot's factor at most its limit.
void factorize(std::int64_t n, const std::vector<std::int64_t>& limits, std::size_t slot,
               Factorization& current, std::vector<Factorization>& out) {
  if (slot + 1 == limits.size()) {
    if (n <= limits[slot]) {
      current[slot] = n;
      out.push_back(current);
    }
    return;
  }
  for (std::int64_t f = 1; f <= n && f <= limits[slot]; ++f) {
    if (n % f != 0) continue;
    current[slot] = f;
    factorize(n / f, limits, slot + 1, current, out);
  }
}

bool has_dim(arch::DimMask mask, Dim dim) { return ((mask >> arch::index(dim)) & 1U) != 0; }

int kind_index(SlotKind kind) { return static_cast<int>(kind); }

// Temporal dims a level may iterate: the role's, narrowed by what the level may keep.
arch::DimMask temporal_dims_allowed(const arch::RoleConstraint& role, DataSpaceMask may_keep) {
  bool narrowed = false;
  arch::DimMask allowed = 0;
  for (DataSpace ds : arch::kAllDataSpaces) {
    const auto& per = role.by_dataspace[arch::index(ds)];
    if (!per) continue;
    narrowed = true;
    if (arch::contains(may_keep, ds)) allowed |= *per;
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    if (narrowed && arch::contains(may_keep, ds) && !role.by_dataspace[arch::index(ds)]) {
      allowed = arch::kAllDimsMask;
    }
  }
  return narrowed ? role.temporal & allowed : role.temporal;
}

}  // namespace

Mapspace::Mapspace(const arch::Architecture& arch, const arch::Layer& layer,
                   const arch::Dataflow& dataflow)
    : arch_(&arch), layer_(&layer), dataflow_(&dataflow), roles_(arch::level_roles(arch)) {
  const std::size_t n = arch.num_levels();
  // Keep choices first: by_dataspace constraints depend on what a level may hold.
  std::vector<DataSpaceMask> may_keep(n, 0);
  build_keep_choices(may_keep);

  for (Dim dim : arch::kAllDims) {
    std::vector<Slot>& slots = slots_[arch::index(dim)];
    std::vector<std::int64_t> limits;
    for (std::size_t l = 0; l < n; ++l) {
      const arch::RoleConstraint& role = dataflow.role(roles_[l]);
      if (has_dim(temporal_dims_allowed(role, may_keep[l]), dim)) {
        slots.push_back({l, SlotKind::Temporal});
        limits.push_back(layer.dim(dim));
      }
      if (arch.fanout_x(l + 1) > 1 && has_dim(role.spatial_x, dim)) {
        slots.push_back({l, SlotKind::SpatialX});
        limits.push_back(arch.fanout_x(l + 1));
      }
      if (arch.fanout_y(l + 1) > 1 && has_dim(role.spatial_y, dim)) {
        slots.push_back({l, SlotKind::SpatialY});
        limits.push_back(arch.fanout_y(l + 1));
      }
    }
    auto& out = factorizations_[arch::index(dim)];
    if (slots.empty()) {
      if (layer.dim(dim) == 1) out.emplace_back();
    } else {
      Factorization current(slots.size(), 1);
      factorize(layer.dim(dim), limits, 0, current, out);
    }
    // "complete" (the whole dimension) or "factors" (a fixed product) within a role's levels.
    for (int r = 0; r < arch::kNumRoles; ++r) {
      const auto role = static_cast<arch::LevelRole>(r);
      const std::int64_t fixed = dataflow.role(role).factors[arch::index(dim)];
      const std::int64_t want = has_dim(dataflow.role(role).complete, dim) ? layer.dim(dim) : fixed;
      if (want == 0) continue;
      bool role_present = false;
      for (std::size_t l = 0; l < n; ++l) role_present = role_present || roles_[l] == role;
      if (!role_present) continue;
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const Factorization& f) {
                                 std::int64_t inside = 1;
                                 for (std::size_t i = 0; i < slots.size(); ++i) {
                                   if (roles_[slots[i].level] == role) inside *= f[i];
                                 }
                                 return inside != want;
                               }),
                out.end());
    }
  }

  free_order_.resize(n);
  for (std::size_t l = 0; l < n; ++l) {
    // The innermost level's order changes no count: only the MACs are below it.
    free_order_[l] = dataflow.role(roles_[l]).order.empty() && l + 1 < n;
  }

  for (std::size_t i = 0; i < arch::kNumDims; ++i) dim_order_[i] = arch::kAllDims[i];
  std::stable_sort(dim_order_.begin(), dim_order_.end(), [this](Dim a, Dim b) {
    return factorizations_[arch::index(a)].size() < factorizations_[arch::index(b)].size();
  });
}

// Keep choices: the architecture decides first, then the dataflow; the rest is searched.
void Mapspace::build_keep_choices(std::vector<DataSpaceMask>& may_keep) {
  const arch::Architecture& arch = *arch_;
  const arch::Dataflow& dataflow = *dataflow_;
  const std::size_t n = arch.num_levels();
  std::vector<std::vector<DataSpaceMask>> options(n);
  for (std::size_t l = 0; l < n; ++l) {
    DataSpaceMask fixed = 0;
    DataSpaceMask open = 0;
    const arch::RoleConstraint& role = dataflow.role(roles_[l]);
    for (DataSpace ds : arch::kAllDataSpaces) {
      const auto residency = arch.levels[l].residency[arch::index(ds)];
      const DataSpaceMask bit = arch::mask_of(ds);
      if (l == 0 || residency == arch::Residency::Keep) {
        fixed |= bit;
      } else if (residency == arch::Residency::Bypass || (role.bypass & bit) != 0) {
        continue;
      } else if ((role.keep & bit) != 0) {
        fixed |= bit;
      } else {
        open |= bit;
      }
    }
    may_keep[l] = fixed | open;
    for (DataSpaceMask subset = open;; subset = (subset - 1) & open) {
      options[l].push_back(fixed | subset);
      if (subset == 0) break;
    }
  }
  keep_choices_.emplace_back();
  for (std::size_t l = 0; l < n; ++l) {
    std::vector<std::vector<DataSpaceMask>> next;
    for (const auto& prefix : keep_choices_) {
      for (DataSpaceMask mask : options[l]) {
        next.push_back(prefix);
        next.back().push_back(mask);
      }
    }
    keep_choices_.swap(next);
  }
}

const std::vector<Dim>& Mapspace::fixed_order(std::size_t level) const {
  return dataflow_->role(roles_[level]).order;
}

double Mapspace::size() const {
  double points = static_cast<double>(keep_choices_.size());
  for (const auto& list : factorizations_) points *= static_cast<double>(list.size());
  for (std::size_t l = 0; l < num_levels(); ++l) {
    if (!free_order_[l]) continue;
    int dims = 0;
    for (Dim dim : arch::kAllDims) {
      for (const Slot& slot : slots(dim)) {
        if (slot.level == l && slot.kind == SlotKind::Temporal && layer_->dim(dim) > 1) ++dims;
      }
    }
    for (int k = 2; k <= dims; ++k) points *= k;  // at most dims! orders
  }
  return points;
}

PartialMapping::PartialMapping(const Mapspace& space) : space_(&space) {
  for (auto& per_dim : factors_) per_dim.assign(space.num_levels(), {1, 1, 1});
}

void PartialMapping::assign(Dim dim, const Factorization& factors) {
  const auto& slots = space_->slots(dim);
  auto& per_level = factors_[arch::index(dim)];
  for (auto& f : per_level) f = {1, 1, 1};
  for (std::size_t i = 0; i < slots.size(); ++i) {
    per_level[slots[i].level][kind_index(slots[i].kind)] = factors[i];
  }
}

void PartialMapping::clear(Dim dim) {
  for (auto& f : factors_[arch::index(dim)]) f = {1, 1, 1};
}

std::int64_t PartialMapping::factor(Dim dim, std::size_t level, SlotKind kind) const {
  return factors_[arch::index(dim)][level][kind_index(kind)];
}

bool PartialMapping::fanout_ok() const {
  const arch::Architecture& arch = space_->arch();
  for (std::size_t l = 0; l < space_->num_levels(); ++l) {
    std::int64_t x = 1;
    std::int64_t y = 1;
    for (Dim dim : arch::kAllDims) {
      x *= factor(dim, l, SlotKind::SpatialX);
      y *= factor(dim, l, SlotKind::SpatialY);
    }
    if (x > arch.fanout_x(l + 1) || y > arch.fanout_y(l + 1)) return false;
  }
  return true;
}

std::uint64_t PartialMapping::tile(std::size_t level, DataSpace ds) const {
  arch::DimSizes inner{};
  for (Dim dim : arch::kAllDims) {
    std::int64_t product = 1;
    for (std::size_t l = level; l < space_->num_levels(); ++l) {
      const auto& f = factors_[arch::index(dim)][l];
      product *= f[0] * f[1] * f[2];
    }
    inner[arch::index(dim)] = product;
  }
  auto at = [&inner](Dim d) { return static_cast<std::uint64_t>(inner[arch::index(d)]); };
  const arch::Layer& layer = space_->layer();
  switch (ds) {
    case DataSpace::Weights:
      return at(Dim::G) * at(Dim::M) * at(Dim::C) * at(Dim::R) * at(Dim::S);
    case DataSpace::Outputs:
      return at(Dim::N) * at(Dim::G) * at(Dim::M) * at(Dim::P) * at(Dim::Q);
    case DataSpace::Inputs: {
      const auto rows =
          static_cast<std::uint64_t>((inner[arch::index(Dim::P)] - 1) * layer.stride[0] +
                                     (inner[arch::index(Dim::R)] - 1) * layer.dilation[0] + 1);
      const auto cols =
          static_cast<std::uint64_t>((inner[arch::index(Dim::Q)] - 1) * layer.stride[1] +
                                     (inner[arch::index(Dim::S)] - 1) * layer.dilation[1] + 1);
      return at(Dim::N) * at(Dim::G) * at(Dim::C) * rows * cols;
    }
  }
  return 0;
}

bool PartialMapping::capacity_ok() const {
  const arch::Architecture& arch = space_->arch();
  const arch::Layer& layer = space_->layer();
  for (std::size_t l = 0; l < space_->num_levels(); ++l) {
    const auto capacity = arch.levels[l].usable_capacity();
    if (!capacity) continue;
    std::uint64_t occupied = 0;
    for (DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(keep_[l], ds)) continue;
      const std::uint64_t words = tile(l, ds);
      const int bits = layer.bits[arch::index(ds)];
      const auto word_bits = static_cast<std::uint64_t>(arch.levels[l].word_bits);
      occupied += bits == 0
                      ? words
                      : (words * static_cast<std::uint64_t>(bits) + word_bits - 1) / word_bits;
    }
    if (occupied > static_cast<std::uint64_t>(*capacity)) return false;
  }
  return true;
}

std::int64_t PartialMapping::utilized_macs() const {
  std::int64_t product = 1;
  for (const auto& per_dim : factors_) {
    for (const auto& f : per_dim) product *= f[1] * f[2];
  }
  return product;
}

std::vector<Dim> PartialMapping::temporal_dims(std::size_t level) const {
  std::vector<Dim> dims;
  for (Dim dim : arch::kAllDims) {
    if (factor(dim, level, SlotKind::Temporal) > 1) dims.push_back(dim);
  }
  return dims;
}

void PartialMapping::build_nest(const std::vector<std::vector<Dim>>& orders, LoopNest& nest) const {
  nest.levels.resize(space_->num_levels());
  for (std::size_t l = 0; l < space_->num_levels(); ++l) {
    NestLevel& level = nest.levels[l];
    level.temporal.clear();
    level.spatial_x.clear();
    level.spatial_y.clear();
    level.keep = keep_[l];
    level.spec_index = -1;
    const std::vector<Dim>& order = space_->order_is_free(l) ? orders[l] : space_->fixed_order(l);
    if (order.empty()) {
      for (Dim dim : arch::kAllDims) {
        const std::int64_t f = factor(dim, l, SlotKind::Temporal);
        if (f > 1) level.temporal.push_back({dim, f});
      }
    } else {
      for (Dim dim : order) {
        const std::int64_t f = factor(dim, l, SlotKind::Temporal);
        if (f > 1) level.temporal.push_back({dim, f});
      }
    }
    for (Dim dim : arch::kAllDims) {
      const std::int64_t fx = factor(dim, l, SlotKind::SpatialX);
      const std::int64_t fy = factor(dim, l, SlotKind::SpatialY);
      if (fx > 1) level.spatial_x.push_back({dim, fx});
      if (fy > 1) level.spatial_y.push_back({dim, fy});
    }
  }
}

}  // namespace arraysim::mapper
