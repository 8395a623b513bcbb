#include "mapper/stats.hpp"

#include <algorithm>

#include "arch/checked_math.hpp"

namespace arraysim::mapper {

namespace {

// Vector accesses: a level with block_words B is charged ceil(scalar accesses / B) accesses;
// values of `bits` narrower than the level's words pack several to a word. Two groups of values
// of different precision moved by one action kind share the blocks. Wide arithmetic: counts up to
// 2^63 times bits never wrap.
double block_accesses(std::uint64_t values, int bits, std::uint64_t other_values, int other_bits,
                      const arch::StorageLevel& level) {
  const auto word = static_cast<arch::Wide>(level.word_bits);
  const arch::Wide value_bits = bits == 0 ? word : static_cast<arch::Wide>(bits);
  const arch::Wide other_value_bits = other_bits == 0 ? word : static_cast<arch::Wide>(other_bits);
  const arch::Wide block_bits = static_cast<arch::Wide>(level.block_words) * word;
  const arch::Wide total = static_cast<arch::Wide>(values) * value_bits +
                           static_cast<arch::Wide>(other_values) * other_value_bits;
  const arch::Wide blocks = (total + block_bits - 1) / block_bits;
  return static_cast<double>(blocks);
}

double block_accesses(std::uint64_t values, int bits, const arch::StorageLevel& level) {
  return block_accesses(values, bits, 0, 0, level);
}

// Leakage (Timeloop's convention, src/model/buffer.cpp BufferLevel::ComputeLeaksPerCycle and
// FinalizeBufferEnergy): leak per instance-cycle x cycles x the instances that hold data, i.e. the
// largest utilized-instance count over the data spaces a level keeps, at least 1. Unused
// instances are taken to be power-gated. Timeloop's arithmetic units have no leakage; a MAC
// leakage here follows the same rule (utilized MACs).
double leaking_instances(const LevelCounts& level) {
  return level.keep == 0 ? 1.0
                         : static_cast<double>(std::max<std::int64_t>(1, level.utilized_instances));
}

// Accesses of one data space at one level: reads at read_pj, fills and updates at write_pj.
// Outputs carry partial sums (psum precision) except the final write of each output word at the
// outermost level: there updates - reads (= the distinct words) are final writes.
double access_energy_pj(const DataSpaceCounts& c, const arch::StorageLevel& level, std::size_t l,
                        int d, const ActionCounts& counts, const energy::ActionEnergy& action,
                        std::uint64_t instances) {
  const int bits = counts.bits[d];
  double reads = 0.0;
  double writes = 0.0;
  if (d != arch::index(arch::DataSpace::Outputs)) {
    reads = block_accesses(c.reads, bits, level);
    writes = block_accesses(c.fills, bits, level) + block_accesses(c.updates, bits, level);
  } else {
    const int psums = counts.psum_bits;
    reads = block_accesses(c.reads, psums, level);
    writes = block_accesses(c.fills, psums, level);
    if (l == 0) {
      const std::uint64_t final_writes = c.updates - std::min(c.updates, c.reads);
      writes += block_accesses(final_writes, bits, c.updates - final_writes, psums, level);
    } else {
      writes += block_accesses(c.updates, psums, level);
    }
  }
  return (reads * action.read_pj + writes * action.write_pj) * static_cast<double>(instances);
}

// Energy of one data space's traffic over one network stage: per word delivered to a child
// (energy_per delivery, the ISCA'16 "array access"), else per link each transfer traverses on its
// multicast/reduction tree plus per router it passes (Timeloop: wire energy per hop plus router
// energy, src/model/network-legacy.cpp ComputeNetworkEnergy). A bus is one link: one traversal per
// transfer.
double network_energy_pj(const arch::Architecture& arch, const NetworkCounts& net, int d,
                         const energy::ResolvedEnergy& energy) {
  const double per_link = energy.networks[net.into].read_pj;
  if (arch.network_into(net.into).energy_per_delivery) {
    return static_cast<double>(net.delivered[d]) * per_link;
  }
  return static_cast<double>(net.link_words[d]) * per_link +
         static_cast<double>(net.router_words[d]) * energy.routers[net.into].read_pj;
}

}  // namespace

double total_energy_pj(const arch::Architecture& arch, const ActionCounts& counts,
                       const energy::ResolvedEnergy& energy) {
  const double cycles = static_cast<double>(counts.cycles);
  double total = static_cast<double>(counts.macs) * energy.mac.read_pj +
                 energy.mac.leak_pj_per_cycle * cycles * static_cast<double>(counts.utilized_macs);
  for (std::size_t l = 0; l < counts.levels.size(); ++l) {
    const LevelCounts& in = counts.levels[l];
    const auto used = static_cast<std::uint64_t>(in.utilized_instances);
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      total +=
          access_energy_pj(in.dataspaces[d], arch.levels[l], l, d, counts, energy.levels[l], used);
    }
    total += energy.levels[l].leak_pj_per_cycle * cycles * leaking_instances(in);
  }
  for (const NetworkCounts& net : counts.networks) {
    for (int d = 0; d < arch::kNumDataSpaces; ++d) total += network_energy_pj(arch, net, d, energy);
  }
  return total;
}

std::array<double, arch::kNumDataSpaces> Stats::dataspace_energy_pj() const {
  std::array<double, arch::kNumDataSpaces> out{};
  for (const auto& level : levels) {
    for (int d = 0; d < arch::kNumDataSpaces; ++d) out[d] += level.dataspaces[d].energy_pj;
  }
  for (const auto& net : networks) {
    for (int d = 0; d < arch::kNumDataSpaces; ++d) out[d] += net.dataspace_energy_pj[d];
  }
  return out;
}

Stats make_stats(const arch::Architecture& arch, const std::string& layer_name,
                 const ActionCounts& counts, const energy::ResolvedEnergy& energy) {
  Stats stats;
  stats.layer = layer_name;
  stats.macs = counts.macs;
  stats.cycles = counts.cycles;
  stats.compute_cycles = counts.compute_cycles;
  stats.compute_name = arch.compute.name;
  stats.compute_instances = arch.compute.instances;
  stats.utilized_macs = counts.utilized_macs;
  const double cycles = static_cast<double>(counts.cycles);
  stats.utilization = counts.cycles == 0
                          ? 0.0
                          : static_cast<double>(counts.macs) /
                                (static_cast<double>(arch.compute.instances) * cycles);
  stats.compute_energy_pj =
      static_cast<double>(counts.macs) * energy.mac.read_pj +
      energy.mac.leak_pj_per_cycle * cycles * static_cast<double>(counts.utilized_macs);
  stats.area_um2 = energy.mac.area_um2 * static_cast<double>(arch.compute.instances);
  double total = stats.compute_energy_pj;

  for (std::size_t l = 0; l < counts.levels.size(); ++l) {
    const LevelCounts& in = counts.levels[l];
    const arch::StorageLevel& spec = arch.levels[l];
    const energy::ActionEnergy& action = energy.levels[l];
    LevelStats level;
    level.name = spec.name;
    level.instances = in.instances;
    level.utilized_instances = in.utilized_instances;
    level.cycles = in.cycles;
    level.keep = in.keep;
    level.bandwidth_throttle = in.cycles == 0
                                   ? 1.0
                                   : std::min(1.0, static_cast<double>(counts.compute_cycles) /
                                                       static_cast<double>(in.cycles));
    const auto used = static_cast<std::uint64_t>(in.utilized_instances);
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      const DataSpaceCounts& c = in.dataspaces[d];
      DataSpaceStats& out = level.dataspaces[d];
      out.per_instance = c;
      out.reads = c.reads * used;
      out.fills = c.fills * used;
      out.updates = c.updates * used;
      out.energy_pj = access_energy_pj(c, spec, l, d, counts, action, used);
      level.energy_pj += out.energy_pj;
    }
    level.leak_energy_pj = action.leak_pj_per_cycle * cycles * leaking_instances(in);
    level.energy_pj += level.leak_energy_pj;
    total += level.energy_pj;
    stats.area_um2 += action.area_um2 * static_cast<double>(in.instances);
    stats.levels.push_back(std::move(level));
  }

  for (const NetworkCounts& net : counts.networks) {
    NetworkStats out;
    out.from = arch.levels[net.into - 1].name;
    out.to = net.into == arch.num_levels() ? arch.compute.name : arch.levels[net.into].name;
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      out.transfers += net.transfers[d];
      out.delivered += net.delivered[d];
      out.link_transfers += net.link_words[d];
      out.router_transfers += net.router_words[d];
      out.dataspace_energy_pj[d] = network_energy_pj(arch, net, d, energy);
      out.energy_pj += out.dataspace_energy_pj[d];
    }
    out.multicast_factor = out.transfers == 0 ? 0.0
                                              : static_cast<double>(out.delivered) /
                                                    static_cast<double>(out.transfers);
    total += out.energy_pj;
    stats.networks.push_back(std::move(out));
  }
  stats.energy_pj = total;
  stats.energy_per_mac_pj = counts.macs == 0 ? 0.0 : total / static_cast<double>(counts.macs);
  return stats;
}

arch::Json stats_to_json(const Stats& stats) {
  using arch::Json;
  Json levels = Json::array();
  for (const auto& level : stats.levels) {
    Json dataspaces = Json::object();
    for (arch::DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(level.keep, ds)) continue;
      const DataSpaceStats& d = level.dataspaces[arch::index(ds)];
      dataspaces[arch::dataspace_name(ds)] = {
          {"utilized_capacity", d.per_instance.utilized_capacity},
          {"reads_per_instance", d.per_instance.reads},
          {"fills_per_instance", d.per_instance.fills},
          {"updates_per_instance", d.per_instance.updates},
          {"reads", d.reads},
          {"fills", d.fills},
          {"updates", d.updates},
          {"energy_pj", d.energy_pj}};
    }
    levels.push_back({{"name", level.name},
                      {"instances", level.instances},
                      {"utilized_instances", level.utilized_instances},
                      {"cycles", level.cycles},
                      {"bandwidth_throttle", level.bandwidth_throttle},
                      {"energy_pj", level.energy_pj},
                      {"leak_energy_pj", level.leak_energy_pj},
                      {"dataspaces", dataspaces}});
  }
  Json networks = Json::array();
  for (const auto& net : stats.networks) {
    Json entry = {{"from", net.from},
                  {"to", net.to},
                  {"transfers", net.transfers},
                  {"delivered", net.delivered},
                  {"multicast_factor", net.multicast_factor},
                  {"energy_pj", net.energy_pj}};
    entry["link_transfers"] = net.link_transfers;
    if (net.router_transfers > 0) entry["router_transfers"] = net.router_transfers;
    networks.push_back(entry);
  }
  return {{"layer", stats.layer},
          {"macs", stats.macs},
          {"cycles", stats.cycles},
          {"compute_cycles", stats.compute_cycles},
          {"utilization", stats.utilization},
          {"energy_pj", stats.energy_pj},
          {"energy_per_mac_pj", stats.energy_per_mac_pj},
          {"area_um2", stats.area_um2},
          {"compute",
           {{"name", stats.compute_name},
            {"instances", stats.compute_instances},
            {"utilized_instances", stats.utilized_macs},
            {"energy_pj", stats.compute_energy_pj}}},
          {"levels", levels},
          {"networks", networks}};
}

}  // namespace arraysim::mapper
