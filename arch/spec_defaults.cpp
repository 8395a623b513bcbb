#include "arch/spec_defaults.hpp"

#include <map>
#include <string>

namespace arraysim::arch {

std::vector<SpecDefault> architecture_defaults(const Architecture& arch) {
  std::vector<SpecDefault> out;
  for (const StorageLevel& level : arch.levels) {
    bool used = false;
    for (Residency r : level.residency) used = used || r != Residency::Bypass;
    if (!used) continue;
    const bool reads_limited = level.read_bandwidth || level.shared_bandwidth;
    const bool writes_limited = level.write_bandwidth || level.shared_bandwidth;
    if (!reads_limited && !writes_limited) {
      out.push_back({level.where, "bandwidth unlimited", level.name,
                     level.name + " gives no read_bandwidth, write_bandwidth or "
                                  "shared_bandwidth: its accesses are unlimited (they never add "
                                  "cycles)"});
    } else if (!reads_limited) {
      out.push_back({level.where, "read bandwidth unlimited", level.name,
                     level.name + " gives no read_bandwidth or shared_bandwidth: reads are "
                                  "unlimited (they never add cycles)"});
    } else if (!writes_limited) {
      out.push_back({level.where, "write bandwidth unlimited", level.name,
                     level.name + " gives no write_bandwidth or shared_bandwidth: fills and "
                                  "updates are unlimited (they never add cycles)"});
    }
    if (level.kind == LevelKind::Dram && !(level.dram && level.dram->preset)) {
      out.push_back({level.where, "DRAM timing generic", level.name,
                     level.name + " gives no dram_preset: the cycle engine's DRAM controller "
                                  "uses generic timing made from its banks, row_words, "
                                  "row_hit_cycles, row_miss_cycles, latency_cycles and "
                                  "bandwidth (one channel, one rank, no refresh)"});
    }
    if (level.kind != LevelKind::Dram && level.banks != 1) {
      out.push_back({level.where.child("banks"), "banks in the cycle engine only", level.name,
                     "banks = " + std::to_string(level.banks) + " on " + level.name +
                         " is modelled by the cycle engine only (bank conflicts of each "
                         "transfer); the model and the fast estimate treat an on-chip level as "
                         "one array limited by its bandwidths"});
    }
  }
  // Router buffers matter only where there are routers with credit flow control.
  for (std::size_t s = 1; s <= arch.num_levels(); ++s) {
    const NetworkSpec& net = arch.network_into(s);
    if (!net.declared || net.buffer_flits_given) continue;
    if (net.topology != Topology::Mesh && net.topology != Topology::HierarchicalMesh) continue;
    const bool macs = s == arch.num_levels();
    const std::string& name = macs ? arch.compute.name : arch.levels[s].name;
    const JsonLocation& where = macs ? arch.compute.where : arch.levels[s].where;
    out.push_back({where.child("network"), "router buffers", name,
                   "the network into " + name +
                       " gives no buffer_flits: each router input "
                       "buffer holds " +
                       std::to_string(net.buffer_flits) + " flits"});
  }
  return out;
}

std::string summarize_defaults(const std::vector<SpecDefault>& defaults) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> subjects;
  for (const SpecDefault& d : defaults) {
    auto [it, fresh] = subjects.emplace(d.category, std::vector<std::string>{});
    if (fresh) order.push_back(d.category);
    if (!d.subject.empty()) it->second.push_back(d.subject);
  }
  std::string out;
  for (const std::string& category : order) {
    if (!out.empty()) out += "; ";
    out += category;
    const auto& names = subjects[category];
    if (names.empty()) continue;
    out += " (";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : ", ") + names[i];
    out += ")";
  }
  return out;
}

}  // namespace arraysim::arch
