// Timing of a loop nest's execution at transfer granularity (DESIGN section 6): every tile change
// occupies the parent's read port and the child's write port for ceil(words / bandwidth) cycles
// each, served in issue order, plus the outer level's latency; a MAC step waits until its tiles are
// resident. All instances of a level run in lockstep, so one representative instance is timed.
// Two engines give identical results: the fast one computes each transfer's start from the port
// free times; the clocked reference steps every cycle with per-port queues.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "arch/architecture.hpp"
#include "sim/core/tile_walk.hpp"
#include "sim/core/transfer_plan.hpp"

namespace arraysim::sim {

// Cycles a level's ports were busy, and cycles the MACs waited on it, by cause.
struct LevelTiming {
  Cycle busy_cycles = 0;
  Cycle stall_bandwidth = 0;   // a transfer's own ceil(words / bandwidth)
  Cycle stall_contention = 0;  // waiting for a port busy with earlier transfers
  Cycle stall_latency = 0;     // the level's access latency and network hop latency
  Cycle stall_link = 0;        // waiting for NoC links busy with earlier transfers
  Cycle stall_bank = 0;        // waiting for a DRAM bank, or opening a row (bank conflicts)
  Cycle stall_waiting = 0;     // cycle engine: mean cycles a PE waited for this level's tiles
  Cycle stall_cycles() const {
    return stall_bandwidth + stall_contention + stall_latency + stall_link + stall_bank +
           stall_waiting;
  }
};

// An interval in which the MACs waited for data, charged to one level.
struct StallInterval {
  std::size_t level = 0;
  Cycle start = 0;
  Cycle end = 0;
};

struct TimingResult {
  Cycle cycles = 0;           // until the last output is written back
  Cycle compute_end = 0;      // the last MAC step done
  Cycle pipeline_cycles = 0;  // pipeline fill/drain added to the last step
  Cycle stall_cycles = 0;     // cycles the MACs waited for data
  std::vector<LevelTiming> levels;
  bool keep_stalls = true;  // record every stall interval (for traces; grows with the run)
  std::vector<StallInterval> stalls;
};

// When an issued transfer started and when its data arrived.
struct Issued {
  Cycle start = 0;
  Cycle done = 0;
  Cycle link_wait = 0;  // of the wait before start, the part only busy links caused
  Cycle bank_wait = 0;  // the part only a busy DRAM bank caused, plus its row penalty
};

// When a planned transfer's data arrives if it starts at `start` (row_penalty: opening or
// hitting a DRAM row).
Cycle arrival(const PlannedTransfer& t, Cycle start, Cycle row_penalty = 0);

class TimingEngine {
 public:
  virtual ~TimingEngine() = default;
  // The events of one outer step; its run of inner MAC steps follows them.
  virtual void step(const std::vector<TileEvent>& events) = 0;
  // The final write-backs after the last step.
  virtual void drain(const std::vector<TileEvent>& events) = 0;
  virtual TimingResult finish() = 0;
};

std::unique_ptr<TimingEngine> make_fast_timing(const arch::Architecture& arch, const TileWalk& walk,
                                               bool unlimited, bool keep_stalls = true);
// `progress` (may be empty) hears of the MAC steps started while finish() runs the clock.
std::unique_ptr<TimingEngine> make_clocked_timing(
    const arch::Architecture& arch, const TileWalk& walk, bool unlimited,
    std::function<void(std::uint64_t, std::uint64_t)> progress = nullptr);

// Shared by both engines: the MAC step starts when the previous one is done and every blocking
// transfer has arrived; the wait is charged to the last-arriving transfer's level and cause.
Cycle settle_step(const std::vector<PlannedTransfer>& transfers, const std::vector<Issued>& issued,
                  Cycle previous_end, TimingResult& result);
void charge_busy(const PlannedTransfer& transfer, TimingResult& result);

}  // namespace arraysim::sim
