#include "sim/core/dram_stats.hpp"

namespace arraysim::sim {

void DramStallCycles::add(StallCause cause, mapper::Cycle cycles) {
  switch (cause) {
    case StallCause::RowMiss:
      row_miss += cycles;
      break;
    case StallCause::ActWindow:
      act_window += cycles;
      break;
    case StallCause::Refresh:
      refresh += cycles;
      break;
    case StallCause::Turnaround:
      turnaround += cycles;
      break;
    case StallCause::Bus:
      bus += cycles;
      break;
    case StallCause::Queue:
      queue += cycles;
      break;
  }
}

DramStallCycles DramStats::total_stalls() const {
  DramStallCycles sum;
  for (const DramStallCycles& s : bank_stalls) {
    sum.row_miss += s.row_miss;
    sum.act_window += s.act_window;
    sum.refresh += s.refresh;
    sum.turnaround += s.turnaround;
    sum.bus += s.bus;
    sum.queue += s.queue;
  }
  return sum;
}

}  // namespace arraysim::sim
