// The mapspace of one layer on one architecture under a dataflow: per dimension every ordered
// factorization over its allowed slots (a level's temporal loops or its X/Y fan-out), keep/bypass
// choices where neither architecture nor dataflow decides, and temporal loop orders where the
// dataflow leaves them free. Both are indexed, not listed, so set-up is cheap at any depth.
// Fan-out and capacity are checked on partial assignments.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/layer.hpp"
#include "mapper/factorization_set.hpp"
#include "mapper/loop_nest.hpp"

namespace arraysim::mapper {

enum class SlotKind : std::uint8_t { Temporal, SpatialX, SpatialY };

struct Slot {
  std::size_t level = 0;
  SlotKind kind = SlotKind::Temporal;
};

class Mapspace {
 public:
  // Throws SpecError (at the layer) when a dimension's factorizations cannot be indexed.
  Mapspace(const arch::Architecture& arch, const arch::Layer& layer,
           const arch::Dataflow& dataflow);

  const arch::Architecture& arch() const { return *arch_; }
  const arch::Layer& layer() const { return *layer_; }
  const arch::Dataflow& dataflow() const { return *dataflow_; }
  std::size_t num_levels() const { return arch_->num_levels(); }

  const std::vector<Slot>& slots(Dim dim) const { return slots_[arch::index(dim)]; }
  const FactorizationSet& factorizations(Dim dim) const {
    return factorizations_[arch::index(dim)];
  }
  // Admissible keep assignments (one mask per level), level 0 the most significant digit.
  std::uint64_t num_keep_choices() const { return num_keep_choices_; }
  void keep_choice(std::uint64_t index, std::vector<DataSpaceMask>& out) const;
  // Whether a level's temporal order is left to the search.
  bool order_is_free(std::size_t level) const { return free_order_[level]; }
  const std::vector<Dim>& fixed_order(std::size_t level) const;
  // Dims in the order the search assigns them (most constrained first).
  const std::array<Dim, arch::kNumDims>& dim_order() const { return dim_order_; }

  // Points before pruning: factorizations x keep choices x free loop orders (an upper bound).
  double size() const;
  // The most MACs any mapping of the space can use at once (fan-outs and the dataflow's spatial
  // constraints; capacities ignored), or an upper bound when the choices are too many to combine.
  std::int64_t max_utilized_macs() const;

 private:
  void build_keep_choices(std::vector<DataSpaceMask>& may_keep);

  const arch::Architecture* arch_;
  const arch::Layer* layer_;
  const arch::Dataflow* dataflow_;
  std::vector<arch::LevelRole> roles_;
  std::array<std::vector<Slot>, arch::kNumDims> slots_;
  std::array<FactorizationSet, arch::kNumDims> factorizations_;
  std::vector<std::vector<DataSpaceMask>> keep_options_;  // per level
  std::uint64_t num_keep_choices_ = 1;
  std::vector<bool> free_order_;
  std::array<Dim, arch::kNumDims> dim_order_{};
};

// Tracks the factors assigned so far (unassigned dims count as 1 everywhere) and answers whether
// the partial mapping still fits: spatial products within the fan-out, tiles within capacity.
class PartialMapping {
 public:
  explicit PartialMapping(const Mapspace& space);

  void set_keep(const std::vector<DataSpaceMask>& keep) { keep_ = keep; }
  void set_keep_choice(std::uint64_t index) { space_->keep_choice(index, keep_); }
  const std::vector<DataSpaceMask>& keep() const { return keep_; }
  void assign(Dim dim, const Factorization& factors);
  void clear(Dim dim);
  bool fanout_ok() const;
  // The first level whose kept tiles (a lower bound while dims are unassigned) exceed its capacity.
  bool capacity_ok() const;
  std::int64_t utilized_macs() const;
  // The loop nest with these factors; temporal orders from `orders` for free levels.
  void build_nest(const std::vector<std::vector<Dim>>& orders, LoopNest& nest) const;
  // Dims with a temporal factor > 1 at a level.
  std::vector<Dim> temporal_dims(std::size_t level) const;

 private:
  std::int64_t factor(Dim dim, std::size_t level, SlotKind kind) const;
  std::uint64_t tile(std::size_t level, DataSpace ds) const;

  const Mapspace* space_;
  std::vector<DataSpaceMask> keep_;
  // factors_[dim][level][kind]
  std::array<std::vector<std::array<std::int64_t, 3>>, arch::kNumDims> factors_;
};

}  // namespace arraysim::mapper
