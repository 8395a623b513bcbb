#include "mapper/network_traffic.hpp"

#include "arch/checked_math.hpp"
#include "mapper/multicast_trees.hpp"

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
      counts.networks.push_back(NetworkCounts{s, {}, {}, {}, {}});
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

void add_link_traffic(const arch::Architecture& arch, const LoopNest& nest,
                      const NestGeometry& geometry, const EnteringWords& entering,
                      const EnteringWords& groups, ActionCounts& counts) {
  const std::size_t num_levels = arch.num_levels();
  const std::size_t macs_level = num_levels;
  std::array<NetworkCounts*, kMaxLevels + 1> entry{};
  for (auto& net : counts.networks) entry[net.into] = &net;
  for (arch::DataSpace ds : arch::kAllDataSpaces) {
    const int d = arch::index(ds);
    std::size_t parent = 0;
    for (std::size_t child = 1; child <= num_levels; ++child) {
      if (child < num_levels && !arch::contains(counts.levels[child].keep, ds)) continue;
      std::size_t stages = 0;
      std::size_t only = 0;
      for (std::size_t s = parent + 1; s <= child; ++s) {
        if (entry[s] != nullptr) ++stages, only = s;
      }
      if (stages > 0) {
        const auto children = static_cast<std::uint64_t>(geometry.spatial_product(parent, child));
        const std::uint64_t words = entering[d][child];
        const std::uint64_t refills = ds == arch::DataSpace::Outputs && child != macs_level
                                          ? counts.levels[child].dataspaces[d].fills
                                          : 0;
        const auto parents = static_cast<std::uint64_t>(counts.levels[parent].utilized_instances);
        auto add = [&](std::size_t stage, const arch::noc::TreeCost& shared,
                       const arch::noc::TreeCost& unicast) {
          NetworkCounts& net = *entry[stage];
          net.link_words[d] += (words * shared.links + refills * unicast.links) * parents;
          net.router_words[d] += (words * shared.routers + refills * unicast.routers) * parents;
        };
        const arch::NetworkSpec& net = arch.network_into(only);
        if (stages == 1 && net.topology == arch::Topology::Bus && !net.psum_forwarding_vertical) {
          // One bus fans out: every transfer is one traversal of it.
          add(only, {groups[d][child], 0}, {children, 0});
        } else {
          for (const StageTrees& t :
               stage_trees(arch, geometry, nest, parent, child, ds, groups[d][child] < children)) {
            add(t.stage, t.shared, t.unicast);
          }
        }
      }
      parent = child;
    }
  }
}

}  // namespace arraysim::mapper
