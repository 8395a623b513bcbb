#include "mapper/mapspace.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "arch/spec_error.hpp"
#include "mapper/precision.hpp"

namespace arraysim::mapper {

namespace {

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
    std::vector<FactorSlot> limits;
    for (std::size_t l = 0; l < n; ++l) {
      const arch::RoleConstraint& role = dataflow.role(roles_[l]);
      if (has_dim(temporal_dims_allowed(role, may_keep[l]), dim)) {
        slots.push_back({l, SlotKind::Temporal});
        limits.push_back({layer.dim(dim), false});
      }
      if (arch.fanout_x(l + 1) > 1 && has_dim(role.spatial_x, dim)) {
        slots.push_back({l, SlotKind::SpatialX});
        limits.push_back({arch.fanout_x(l + 1), true});
      }
      if (arch.fanout_y(l + 1) > 1 && has_dim(role.spatial_y, dim)) {
        slots.push_back({l, SlotKind::SpatialY});
        limits.push_back({arch.fanout_y(l + 1), true});
      }
    }
    // "complete" (the whole dimension) or "factors" (a fixed product) within a role's levels:
    // the slots of that role form a group with a fixed product.
    std::vector<std::int64_t> group_products;
    for (int r = 0; r < arch::kNumRoles; ++r) {
      const auto role = static_cast<arch::LevelRole>(r);
      const std::int64_t fixed = dataflow.role(role).factors[arch::index(dim)];
      const std::int64_t want = has_dim(dataflow.role(role).complete, dim) ? layer.dim(dim) : fixed;
      if (want == 0 || std::find(roles_.begin(), roles_.end(), role) == roles_.end()) continue;
      for (std::size_t i = 0; i < slots.size(); ++i) {
        if (roles_[slots[i].level] == role)
          limits[i].group = static_cast<int>(group_products.size());
      }
      group_products.push_back(want);
    }
    try {
      factorizations_[arch::index(dim)] =
          FactorizationSet(layer.dim(dim), std::move(limits), std::move(group_products));
    } catch (const FactorizationLimitError& error) {
      throw arch::SpecError(layer.where.file, layer.where.pointer,
                            "the " + dataflow.name + " mapspace of layer " + layer.name + " on " +
                                arch.name + " is too large to search: dimension " +
                                arch::dim_letter(dim) + " = " + error.what());
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
      // The architecture's keep or bypass wins over the dataflow's; the rest is searched.
      const bool bypassed = residency == arch::Residency::Bypass || (role.bypass & bit) != 0;
      if (l == 0 || residency == arch::Residency::Keep || (!bypassed && (role.keep & bit) != 0)) {
        fixed |= bit;
      } else if (!bypassed) {
        open |= bit;
      }
    }
    may_keep[l] = fixed | open;
    for (DataSpaceMask subset = open;; subset = (subset - 1) & open) {
      options[l].push_back(fixed | subset);
      if (subset == 0) break;
    }
    num_keep_choices_ *= options[l].size();  // at most 8^15: no overflow within kMaxLevels
  }
  keep_options_ = std::move(options);
}

void Mapspace::keep_choice(std::uint64_t index, std::vector<DataSpaceMask>& out) const {
  out.resize(keep_options_.size());
  for (std::size_t l = keep_options_.size(); l-- > 0;) {
    const auto& options = keep_options_[l];
    out[l] = options[index % options.size()];
    index /= options.size();
  }
}

const std::vector<Dim>& Mapspace::fixed_order(std::size_t level) const {
  return dataflow_->role(roles_[level]).order;
}

double Mapspace::size() const {
  double points = static_cast<double>(num_keep_choices_);
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

std::int64_t Mapspace::max_utilized_macs() const {
  // Exact: combine the dims' spatial choices under every fan-out (a small knapsack over the
  // products per level and axis). Past the budget: the product of each dim's best, capped.
  constexpr std::uint64_t kChoices = 1U << 14U;
  constexpr double kWork = 5e7;
  const arch::Architecture& arch = *arch_;
  const std::int64_t macs = arch.compute.instances;
  std::vector<std::int64_t> limits;  // per level: X then Y
  for (std::size_t l = 0; l < num_levels(); ++l) {
    limits.push_back(arch.fanout_x(l + 1));
    limits.push_back(arch.fanout_y(l + 1));
  }
  std::set<std::vector<std::int64_t>> states{std::vector<std::int64_t>(limits.size(), 1)};
  double bound = 1.0;
  bool exact = true;
  for (Dim dim : arch::kAllDims) {
    const FactorizationSet& set = factorizations(dim);
    bound *= static_cast<double>(set.max_spatial_product());
    if (!exact) continue;
    const auto choices = set.spatial_choices(kChoices);
    if (!choices ||
        static_cast<double>(states.size()) * static_cast<double>(choices->size()) > kWork) {
      exact = false;
      continue;
    }
    std::vector<std::size_t> axis;  // the state entry of each spatial slot
    for (const Slot& slot : slots(dim)) {
      if (slot.kind != SlotKind::Temporal) {
        axis.push_back(2 * slot.level + (slot.kind == SlotKind::SpatialY ? 1 : 0));
      }
    }
    std::set<std::vector<std::int64_t>> next;
    for (const auto& state : states) {
      for (const Factorization& choice : *choices) {
        std::vector<std::int64_t> grown = state;
        bool fits = true;
        for (std::size_t k = 0; k < choice.size() && fits; ++k) {
          grown[axis[k]] *= choice[k];
          fits = grown[axis[k]] <= limits[axis[k]];
        }
        if (fits) next.insert(std::move(grown));
      }
    }
    states.swap(next);
  }
  if (!exact) return static_cast<std::int64_t>(std::min(bound, static_cast<double>(macs)));
  std::int64_t best = 0;
  for (const auto& state : states) {
    std::int64_t product = 1;
    for (std::int64_t f : state) product *= f;
    best = std::max(best, product);
  }
  return std::min(best, macs);
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
  const int psums = psum_bits(arch, layer);
  for (std::size_t l = 0; l < space_->num_levels(); ++l) {
    const auto capacity = arch.levels[l].usable_capacity();
    if (!capacity) continue;
    std::uint64_t occupied = 0;
    for (DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(keep_[l], ds)) continue;
      occupied +=
          packed_words(tile(l, ds), tile_bits(layer.bits, psums, ds, l), arch.levels[l].word_bits);
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
