// An admissible lower bound on the objective of every completion of a partial mapping (for
// branch-and-bound) and over a whole mapspace (for the gap a search reports): compulsory traffic
// at the outermost level, one access per MAC at each innermost keeping level shared at best by
// every MAC below one instance, the MACs themselves, and leakage over the fewest cycles the
// spatial factors and the outermost level's bandwidth still allow. Every term is justified where
// it is computed (lower_bound.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "arch/energy/estimator.hpp"
#include "mapper/mapspace.hpp"
#include "mapper/objective.hpp"

namespace arraysim::mapper {

// Distinct input rows some MAC reads along one axis: |{p*stride + r*dilation : p < P, r < R}|.
// At most the projection (P-1)*stride + (R-1)*dilation + 1; fewer when stride or dilation skip.
std::uint64_t used_input_extent(std::int64_t p, std::int64_t r, std::int64_t stride,
                                std::int64_t dilation);

class LowerBound {
 public:
  LowerBound(const Mapspace& space, const energy::ResolvedEnergy& energy,
             const Objective& objective);

  // Energy that every mapping with this keep choice spends at least, leakage excluded.
  double energy_floor(const std::vector<DataSpaceMask>& keep) const;
  // Bound on the first metric of every completion; dims from dim_order()[assigned] on are free.
  double first_metric(const PartialMapping& partial, double energy_floor,
                      std::size_t assigned) const;
  // Bound on the first metric over the whole mapspace: the least floor over the keep choices,
  // nothing assigned yet (so leakage at the fewest cycles any mapping can reach).
  double global() const;
  // Fewest cycles of any mapping whose spatial factors use at most `reachable_macs` MACs.
  double cycles_floor(double reachable_macs) const;

 private:
  double metric(double energy_floor, double cycles) const;
  // Bits a value of `ds` is priced at a level (0: one word); Outputs at the narrower of the
  // Outputs and partial-sum precisions.
  int value_bits(const arch::StorageLevel& level, DataSpace ds) const;
  // MACs plus level 0's compulsory traffic: spent by every keep choice.
  double compulsory_floor() const;

  const Mapspace* space_;
  const energy::ResolvedEnergy* energy_;
  const Objective* objective_;
  std::array<std::int64_t, arch::kNumDims> max_spatial_{};  // largest spatial product per dim
  std::vector<double> max_children_;  // per level: the most MACs below one of its instances
  std::array<double, arch::kNumDataSpaces> compulsory_{};  // words every mapping moves at level 0
  double bandwidth_cycles_ = 0.0;   // cycles level 0 needs for its compulsory traffic
  double mac_leak_pj_ = 0.0;        // MAC leakage over all MACs (utilized MACs x cycles >= MACs)
  double leak_pj_per_cycle_ = 0.0;  // one leaking instance of every level
};

}  // namespace arraysim::mapper
