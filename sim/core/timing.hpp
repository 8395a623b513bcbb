// Timing of a loop nest's execution at transfer granularity: every tile change occupies the
// parent's read port, the child's write port (ceil(words / bandwidth) cycles each, served in
// order) and the parent's latency; a compute step waits until its tiles are resident; multiple
// buffering lets a fill start once the buffer slot it reuses is released. All instances of a level
// run in lockstep, so one representative instance per level is timed.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "sim/core/tile_walk.hpp"

namespace arraysim::sim {

struct TimingOptions {
  bool unlimited = false;  // ignore bandwidths and latencies (the analytical model's ideal)
};

// Cycles a level's ports were busy, and cycles the MACs waited on it, by cause.
struct LevelTiming {
  Cycle busy_cycles = 0;
  Cycle stall_bandwidth = 0;   // a transfer's own ceil(words / bandwidth)
  Cycle stall_contention = 0;  // waiting for a port busy with earlier transfers
  Cycle stall_latency = 0;     // the level's access latency
  Cycle stall_cycles() const { return stall_bandwidth + stall_contention + stall_latency; }
};

struct TimingResult {
  Cycle cycles = 0;           // until the last output is written back
  Cycle compute_end = 0;      // the last MAC step issued
  Cycle pipeline_cycles = 0;  // pipeline fill/drain added to the last step
  Cycle stall_cycles = 0;     // cycles the MACs waited for data
  std::vector<LevelTiming> levels;
};

class TimingModel {
 public:
  TimingModel(const arch::Architecture& arch, const TileWalk& walk, const TimingOptions& options);

  // The events of one outer step; the step's run of inner MAC steps follows them.
  void step(std::uint64_t step, const std::vector<TileEvent>& events);
  // The final write-backs after the last step.
  void drain(const std::vector<TileEvent>& events);
  TimingResult finish();

 private:
  struct Port {
    Cycle free_at = 0;
  };
  struct Transfer {
    Cycle ready = 0;
    std::size_t source = 0;  // level read
    std::uint64_t source_words = 0;
    std::size_t sink = 0;  // level written
    std::uint64_t sink_words = 0;
  };
  struct Done {
    Cycle at = 0;
    std::size_t blame = 0;  // level whose port or latency the transfer waited on
    Cycle bandwidth = 0, contention = 0, latency = 0;
  };

  Cycle occupancy(std::uint64_t words, const std::optional<double>& bandwidth) const;
  Port& read_port(std::size_t level);
  Port& write_port(std::size_t level);
  Done issue(const Transfer& transfer);

  const arch::Architecture* arch_;
  const TileWalk* walk_;
  TimingOptions options_;
  std::vector<Port> read_ports_, write_ports_;
  std::vector<std::deque<Cycle>> releases_;  // per keeper: release times of its recent tiles
  Cycle compute_end_ = 0;
  Cycle writeback_end_ = 0;
  Cycle inner_step_cycles_ = 1;
  TimingResult result_;
};

}  // namespace arraysim::sim
