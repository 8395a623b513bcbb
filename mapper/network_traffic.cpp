#include "mapper/network_traffic.hpp"

#include "arch/checked_math.hpp"

namespace arraysim::mapper {

void add_network_traffic(const arch::Architecture& arch, const EnteringWords& entering,
                         ActionCounts& counts) {
  const std::size_t num_levels = arch.num_levels();
  const std::size_t macs_level = num_levels;
  auto utilized = [&](std::size_t l) {
    return static_cast<std::uint64_t>(l == macs_level ? counts.utilized_macs
                                                      : counts.levels[l].utilized_instances);
  };
  counts.networks.clear();
  for (std::size_t s = 1; s <= num_levels; ++s) {
    if (arch.instances_of(s) > arch.instances_of(s - 1) || arch.network_into(s).declared) {
      counts.networks.push_back(NetworkCounts{s, {}, {}});
    }
  }
  for (arch::DataSpace ds : arch::kAllDataSpaces) {
    const int d = arch::index(ds);
    std::size_t parent = 0;
    for (std::size_t child = 1; child <= num_levels; ++child) {
      if (child < num_levels && !arch::contains(counts.levels[child].keep, ds)) continue;
      const DataSpaceCounts& up = counts.levels[parent].dataspaces[d];
      std::uint64_t transfers = 0;
      // Saturating arithmetic: the model reports counts beyond 2^63 as an overflow.
      std::uint64_t delivered = arch::sat_mul(entering[d][child], utilized(child));
      if (ds == arch::DataSpace::Outputs) {
        const std::uint64_t refills =
            child == macs_level
                ? 0
                : arch::sat_mul(counts.levels[child].dataspaces[d].fills, utilized(child));
        transfers = arch::sat_add(arch::sat_mul(up.updates, utilized(parent)), refills);
        delivered = arch::sat_add(delivered, refills);
      } else {
        transfers = arch::sat_mul(up.reads, utilized(parent));
      }
      for (auto& net : counts.networks) {
        if (net.into > parent && net.into <= child) {
          net.transfers[d] = arch::sat_add(net.transfers[d], transfers);
          net.delivered[d] = arch::sat_add(net.delivered[d], delivered);
        }
      }
      parent = child;
    }
  }
}

}  // namespace arraysim::mapper
