// Prices action counts with resolved energies: per level and data space energy, leakage, network
// energy, area, cycles and utilization; serialises to the stats JSON of DESIGN section 2.7.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "mapper/action_counts.hpp"

namespace arraysim::mapper {

struct DataSpaceStats {
  DataSpaceCounts per_instance;
  std::uint64_t reads = 0, fills = 0, updates = 0;  // totals over utilized instances
  double energy_pj = 0.0;
};

struct LevelStats {
  std::string name;
  std::int64_t instances = 1;
  std::int64_t utilized_instances = 1;
  Cycle cycles = 0;
  double bandwidth_throttle = 1.0;
  double energy_pj = 0.0;  // accesses + leakage
  double leak_energy_pj = 0.0;
  arch::DataSpaceMask keep = 0;
  std::array<DataSpaceStats, arch::kNumDataSpaces> dataspaces{};
};

struct NetworkStats {
  std::string from, to;
  std::uint64_t transfers = 0;
  std::uint64_t delivered = 0;
  std::uint64_t link_transfers = 0;    // words x links traversed on the stage's topology
  std::uint64_t router_transfers = 0;  // words x routers passed
  double multicast_factor = 0.0;
  double energy_pj = 0.0;
  std::array<double, arch::kNumDataSpaces> dataspace_energy_pj{};
};

struct Stats {
  std::string layer;
  std::uint64_t macs = 0;
  Cycle cycles = 0;
  Cycle compute_cycles = 0;
  double utilization = 0.0;
  double energy_pj = 0.0;
  double energy_per_mac_pj = 0.0;
  double area_um2 = 0.0;
  std::string compute_name;
  std::int64_t compute_instances = 1;
  std::int64_t utilized_macs = 1;
  double compute_energy_pj = 0.0;
  std::vector<LevelStats> levels;
  std::vector<NetworkStats> networks;

  // Energy by data space over all levels and networks (MACs excluded).
  std::array<double, arch::kNumDataSpaces> dataspace_energy_pj() const;
};

Stats make_stats(const arch::Architecture& arch, const std::string& layer_name,
                 const ActionCounts& counts, const energy::ResolvedEnergy& energy);

arch::Json stats_to_json(const Stats& stats);

// The total energy make_stats reports, without building the breakdown (the search's hot path).
double total_energy_pj(const arch::Architecture& arch, const ActionCounts& counts,
                       const energy::ResolvedEnergy& energy);

}  // namespace arraysim::mapper
