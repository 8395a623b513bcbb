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

// DRAM banks with an open-row policy: each bank keeps the row it last opened; an access to that
// row pays row_hit cycles, to another row row_miss cycles, during which the bank takes no other
// access (the words then stream through the level's read or write queue).
struct DramBanks {
  std::vector<Cycle> free;
  std::vector<std::int64_t> open_row;
  Cycle row_hit = 0;
  Cycle row_miss = 0;

  explicit DramBanks(const arch::StorageLevel& dram);
  Cycle penalty(const PlannedTransfer& t) const {
    return open_row[static_cast<std::size_t>(t.bank)] == static_cast<std::int64_t>(t.row)
               ? row_hit
               : row_miss;
  }
};

// Reserves the transfer's ports, links (free times by link id) and DRAM bank, if any.
Issued issue_transfer(LevelPorts& source, LevelPorts& sink, std::vector<Cycle>& links,
                      DramBanks* banks, const PlannedTransfer& t, Cycle ready,
                      TimingResult& result);

class PortBank {
 public:
  PortBank(const arch::Architecture& arch, std::size_t num_links);
  Issued issue(const PlannedTransfer& t, Cycle ready, TimingResult& result) {
    return issue_transfer(levels_[t.source], levels_[t.sink], links_, &banks_, t, ready, result);
  }

 private:
  std::vector<LevelPorts> levels_;
  std::vector<Cycle> links_;
  DramBanks banks_;
};

}  // namespace arraysim::sim
