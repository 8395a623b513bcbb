#include "mapper/lower_bound.hpp"

#include <algorithm>
#include <cmath>

namespace arraysim::mapper {

LowerBound::LowerBound(const Mapspace& space, const energy::ResolvedEnergy& energy,
                       const Objective& objective)
    : space_(&space), energy_(&energy), objective_(&objective) {
  for (Dim dim : arch::kAllDims) {
    max_spatial_[arch::index(dim)] = space.factorizations(dim).max_spatial_product();
  }
}

double LowerBound::energy_floor(const std::vector<DataSpaceMask>& keep) const {
  const arch::Architecture& arch = space_->arch();
  const arch::Layer& layer = space_->layer();
  const double macs = static_cast<double>(layer.macs());
  double floor = macs * energy_->mac.read_pj;
  for (DataSpace ds : arch::kAllDataSpaces) {
    std::size_t innermost = 0;
    for (std::size_t l = 0; l < keep.size(); ++l) {
      if (arch::contains(keep[l], ds)) innermost = l;
    }
    const bool outputs = ds == DataSpace::Outputs;
    // Every word crosses the outermost level once (read, or written for Outputs).
    const double block0 = static_cast<double>(arch.levels[0].block_words);
    const double outer_cost = outputs ? energy_->levels[0].write_pj : energy_->levels[0].read_pj;
    double outer = static_cast<double>(layer.dataspace_words(ds)) / block0 * outer_cost;
    // Each MAC touches each operand at its innermost keeping level; at best one access serves all
    // the MACs below one instance.
    const arch::StorageLevel& level = arch.levels[innermost];
    const double accesses =
        macs * static_cast<double>(level.instances) / static_cast<double>(arch.compute.instances);
    const double cost =
        outputs ? energy_->levels[innermost].write_pj : energy_->levels[innermost].read_pj;
    const double inner = accesses / static_cast<double>(level.block_words) * cost;
    floor += innermost == 0 ? std::max(outer, inner) : outer + inner;
  }
  return floor;
}

double LowerBound::first_metric(const PartialMapping& partial, double energy_floor,
                                std::size_t assigned) const {
  const arch::Architecture& arch = space_->arch();
  double reachable = static_cast<double>(partial.utilized_macs());
  for (std::size_t i = assigned; i < arch::kNumDims; ++i) {
    reachable *= static_cast<double>(max_spatial_[arch::index(space_->dim_order()[i])]);
  }
  reachable = std::min(reachable, static_cast<double>(arch.compute.instances));
  const double macs = static_cast<double>(space_->layer().macs());
  const double cycles = std::ceil(macs / reachable);
  // Leakage is charged per leaking (utilized) instance, at least one per level (stats.cpp):
  // utilized MACs x cycles >= MACs, and every level leaks for at least `cycles`.
  double leak = energy_->mac.leak_pj_per_cycle * macs;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    leak += energy_->levels[l].leak_pj_per_cycle * cycles;
  }
  const double energy = energy_floor + leak;
  switch (objective_->metrics.front()) {
    case Metric::Energy:
      return energy;
    case Metric::Delay:
      return cycles;
    case Metric::Edp:
      return energy * cycles;
  }
  return 0.0;
}

}  // namespace arraysim::mapper
