// A lower bound on the objective of every completion of a partial mapping, for branch-and-bound:
// energy >= MACs + compulsory DRAM traffic + one operand access per MAC at each innermost keeping
// level (shared at best by the PEs below it); cycles >= MACs / the most MACs the spatial factors
// chosen so far can still grow to.
#pragma once

#include <array>
#include <vector>

#include "arch/energy/estimator.hpp"
#include "mapper/mapspace.hpp"
#include "mapper/objective.hpp"

namespace arraysim::mapper {

class LowerBound {
 public:
  LowerBound(const Mapspace& space, const energy::ResolvedEnergy& energy,
             const Objective& objective);

  // Energy that every mapping with this keep choice spends at least.
  double energy_floor(const std::vector<DataSpaceMask>& keep) const;
  // Bound on the first metric of every completion; dims from dim_order()[assigned] on are free.
  double first_metric(const PartialMapping& partial, double energy_floor,
                      std::size_t assigned) const;

 private:
  const Mapspace* space_;
  const energy::ResolvedEnergy* energy_;
  const Objective* objective_;
  std::array<std::int64_t, arch::kNumDims> max_spatial_{};  // largest spatial product per dim
};

}  // namespace arraysim::mapper
