#include "sim/core/port_bank.hpp"

#include <algorithm>

namespace arraysim::sim {

Issued issue_transfer(LevelPorts& source, LevelPorts& sink, const PlannedTransfer& t, Cycle ready,
                      TimingResult& result) {
  Cycle& reader = source.read_free;
  Cycle& writer = sink.write();
  const Cycle start = std::max({ready, reader, writer});
  reader = start + t.read_cycles;
  writer = start + t.write_cycles;
  charge_busy(t, result);
  return {start, start + std::max(t.read_cycles, t.write_cycles) + t.latency};
}

PortBank::PortBank(const arch::Architecture& arch) : levels_(arch.num_levels()) {
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    levels_[l].shared = arch.levels[l].shared_bandwidth.has_value();
  }
}

}  // namespace arraysim::sim
