// What a step's tile events cost on the hardware: for each event, the levels it reads and
// writes, the cycles it occupies each port (ceil(words / bandwidth)), the outer level's latency,
// and after which MAC step it may start (a write-back once the old tile's last step is done; a fill
// once the buffer slot it reuses is released: multiple buffering). Shared by the fast and clocked
// engines.
#pragma once

#include <deque>
#include <vector>

#include "arch/architecture.hpp"
#include "sim/core/tile_walk.hpp"

namespace arraysim::sim {

struct PlannedTransfer {
  std::size_t source = 0;  // level read
  std::size_t sink = 0;    // level written
  Cycle read_cycles = 0;
  Cycle write_cycles = 0;
  Cycle latency = 0;          // the outer level's access latency
  Cycle network_latency = 0;  // hops on the deepest route x the stage's hop latency
  std::vector<std::pair<std::size_t, Cycle>> links;  // (link, cycles it is occupied)
  std::int64_t bank = -1;                            // the DRAM bank it accesses (-1: none)
  std::uint64_t row = 0;                             // and the row there
  // Ready when the MACs of step `after_step` are done (-1: at time 0), plus `ready_delay`.
  std::int64_t after_step = -1;
  Cycle ready_delay = 0;
  bool writeback = false;
  bool blocks_step = true;  // the next MAC step waits for it
};

class TransferPlanner {
 public:
  TransferPlanner(const arch::Architecture& arch, const TileWalk& walk, bool unlimited);

  // The transfers of outer step `step`'s events.
  std::vector<PlannedTransfer> plan(const std::vector<TileEvent>& events, std::int64_t step);
  // The final write-backs, ready once the MACs of the last step and the pipeline are done.
  std::vector<PlannedTransfer> drain(const std::vector<TileEvent>& events, std::int64_t last_step);

  Cycle inner_step_cycles() const { return inner_step_cycles_; }
  Cycle pipeline_cycles() const { return pipeline_cycles_; }
  // Ports: a level with a shared bandwidth reads and writes through one port.
  std::size_t read_port(std::size_t level) const { return 2 * level; }
  std::size_t write_port(std::size_t level) const;
  std::size_t num_ports() const { return 2 * arch_->num_levels(); }
  std::size_t num_links() const { return walk_->num_links(); }
  // The MAC steps (besides the latest) that later transfers may still wait for: each keeper's
  // recent tile releases, appended to `out`.
  void live_steps(std::vector<std::int64_t>& out) const;

 private:
  Cycle occupancy(std::uint64_t words, const std::optional<double>& bandwidth) const;
  PlannedTransfer make(const Keeper& keeper, const TileEvent& event, bool up,
                       std::int64_t after_step) const;

  const arch::Architecture* arch_;
  const TileWalk* walk_;
  bool unlimited_;
  std::vector<std::deque<std::int64_t>> releases_;  // per keeper: last steps of its recent tiles
  Cycle inner_step_cycles_ = 1;
  Cycle pipeline_cycles_ = 0;
};

// When each MAC step's run of inner steps ended, kept only for the latest step and those later
// transfers may still wait for, so that memory does not grow with the number of steps.
class StepEnds {
 public:
  void push(Cycle end);  // the end of the next step, steps counted from 0
  Cycle at(std::int64_t step) const;
  std::int64_t size() const { return count_; }  // steps recorded so far
  // Drops the steps no later transfer of `planner` can wait for (now and then: amortized O(1)).
  void forget(const TransferPlanner& planner);

 private:
  std::vector<std::pair<std::int64_t, Cycle>> kept_;  // by step
  std::int64_t count_ = 0;
  std::size_t threshold_ = 4096;  // forget() prunes once this many are kept
  std::vector<std::int64_t> live_;
};

}  // namespace arraysim::sim
