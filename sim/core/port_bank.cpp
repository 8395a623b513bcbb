#include "sim/core/port_bank.hpp"

#include <algorithm>

namespace arraysim::sim {

DramBanks::DramBanks(const arch::StorageLevel& dram)
    : free(static_cast<std::size_t>(dram.banks), 0),
      open_row(static_cast<std::size_t>(dram.banks), -1),
      row_hit(static_cast<Cycle>(dram.row_hit_cycles)),
      row_miss(static_cast<Cycle>(dram.row_miss_cycles)) {}

Issued issue_transfer(LevelPorts& source, LevelPorts& sink, std::vector<Cycle>& links,
                      DramBanks* banks, const PlannedTransfer& t, Cycle ready,
                      TimingResult& result) {
  Cycle& reader = source.read_free;
  Cycle& writer = sink.write();
  const Cycle without_links = std::max({ready, reader, writer});
  Cycle with_links = without_links;
  for (const auto& link : t.links) with_links = std::max(with_links, links[link.first]);
  Cycle start = with_links;
  Cycle penalty = 0;
  if (banks != nullptr && t.bank >= 0) {
    const auto b = static_cast<std::size_t>(t.bank);
    start = std::max(start, banks->free[b]);
    penalty = banks->penalty(t);
    banks->open_row[b] = static_cast<std::int64_t>(t.row);
    banks->free[b] = start + penalty;  // the bank is busy opening (or re-selecting) the row
  }
  reader = start + t.read_cycles;
  writer = start + t.write_cycles;
  for (const auto& link : t.links) links[link.first] = start + link.second;
  charge_busy(t, result);
  return {start, arrival(t, start, penalty), with_links - without_links,
          start - with_links + penalty};
}

PortBank::PortBank(const arch::Architecture& arch, std::size_t num_links)
    : levels_(arch.num_levels()), links_(num_links, 0), banks_(arch.levels.front()) {
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    levels_[l].shared = arch.levels[l].shared_bandwidth.has_value();
  }
}

}  // namespace arraysim::sim
