#include "sim/core/port_bank.hpp"

#include <algorithm>

namespace arraysim::sim {

Issued issue_transfer(LevelPorts& source, LevelPorts& sink, std::vector<Cycle>& links,
                      const PlannedTransfer& t, Cycle ready, TimingResult& result) {
  Cycle& reader = source.read_free;
  Cycle& writer = sink.write();
  const Cycle without_links = std::max({ready, reader, writer});
  Cycle start = without_links;
  for (const auto& link : t.links) start = std::max(start, links[link.first]);
  reader = start + t.read_cycles;
  writer = start + t.write_cycles;
  for (const auto& link : t.links) links[link.first] = start + link.second;
  charge_busy(t, result);
  return {start, arrival(t, start), start - without_links};
}

PortBank::PortBank(const arch::Architecture& arch, std::size_t num_links)
    : levels_(arch.num_levels()), links_(num_links, 0) {
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    levels_[l].shared = arch.levels[l].shared_bandwidth.has_value();
  }
}

}  // namespace arraysim::sim
