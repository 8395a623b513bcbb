// The ports of the storage levels: a read port and a write port per level (one shared port when
// the level has a shared bandwidth), each serving transfers in issue order. Issuing a transfer
// reserves its source's read port and its sink's write port from max(ready, their free times) and
// returns when its data arrives.
#pragma once

#include <vector>

#include "arch/architecture.hpp"
#include "sim/core/timing.hpp"
#include "sim/core/transfer_plan.hpp"

namespace arraysim::sim {

struct LevelPorts {
  Cycle read_free = 0;
  Cycle write_free = 0;
  bool shared = false;
  Cycle& write() { return shared ? read_free : write_free; }
};

// Links are free times indexed by link id.
Issued issue_transfer(LevelPorts& source, LevelPorts& sink, std::vector<Cycle>& links,
                      const PlannedTransfer& t, Cycle ready, TimingResult& result);

class PortBank {
 public:
  PortBank(const arch::Architecture& arch, std::size_t num_links);
  Issued issue(const PlannedTransfer& t, Cycle ready, TimingResult& result) {
    return issue_transfer(levels_[t.source], levels_[t.sink], links_, t, ready, result);
  }

 private:
  std::vector<LevelPorts> levels_;
  std::vector<Cycle> links_;
};

}  // namespace arraysim::sim
