// What a DRAM controller counts: commands by kind, row hits, misses (bank closed) and conflicts
// (another row open), and per bank the cycles requests waited for their commands, by cause.
#pragma once

#include <cstdint>
#include <vector>

#include "mapper/action_counts.hpp"

namespace arraysim::sim {

// Why a command could not issue earlier than it did. A command waits from its request's arrival
// (or its previous command) until it issues; the whole wait is charged to the constraint that
// bound last: row_miss (tRP, tRCD, tRAS, tRC, tRTP, tWR of a miss or conflict), act_window (tRRD,
// tFAW), refresh (a rank being refreshed), turnaround (tWTR, tRTW), bus (tCCD, the command and
// data buses), queue (legal earlier, but the scheduler served other requests first).
enum class StallCause { RowMiss, ActWindow, Refresh, Turnaround, Bus, Queue };

struct DramStallCycles {
  mapper::Cycle row_miss = 0;
  mapper::Cycle act_window = 0;
  mapper::Cycle refresh = 0;
  mapper::Cycle turnaround = 0;
  mapper::Cycle bus = 0;
  mapper::Cycle queue = 0;

  void add(StallCause cause, mapper::Cycle cycles);
  mapper::Cycle total() const { return row_miss + act_window + refresh + turnaround + bus + queue; }
};

struct DramStats {
  std::uint64_t activates = 0;
  std::uint64_t precharges = 0;  // PRE, PREA and the auto-precharges of a closed page
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t refreshes = 0;
  std::uint64_t row_hits = 0;
  std::uint64_t row_misses = 0;     // the bank had no open row
  std::uint64_t row_conflicts = 0;  // the bank had another row open
  // Index (channel * ranks + rank) * banks + bank.
  std::vector<DramStallCycles> bank_stalls;

  DramStallCycles total_stalls() const;
};

}  // namespace arraysim::sim
