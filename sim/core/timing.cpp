#include "sim/core/timing.hpp"

#include "sim/core/port_bank.hpp"

#include <algorithm>

namespace arraysim::sim {

Cycle arrival(const PlannedTransfer& t, Cycle start, Cycle row_penalty) {
  Cycle busiest = std::max(t.read_cycles, t.write_cycles);
  for (const auto& link : t.links) busiest = std::max(busiest, link.second);
  return start + row_penalty + busiest + t.latency + t.network_latency;
}

Cycle settle_step(const std::vector<PlannedTransfer>& transfers, const std::vector<Issued>& issued,
                  Cycle previous_end, TimingResult& result) {
  Cycle start = previous_end;
  std::size_t critical = transfers.size();
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    if (transfers[i].blocks_step && issued[i].done > start) {
      start = issued[i].done;
      critical = i;
    }
  }
  if (critical < transfers.size()) {
    const PlannedTransfer& t = transfers[critical];
    const std::size_t blamed = t.read_cycles >= t.write_cycles ? t.source : t.sink;
    LevelTiming& level = result.levels[blamed];
    if (result.keep_stalls) result.stalls.push_back({blamed, previous_end, start});
    Cycle wait = start - previous_end;
    const Cycle latency = std::min(wait, t.latency + t.network_latency);
    wait -= latency;
    const Cycle link = std::min(wait, issued[critical].link_wait);
    wait -= link;
    const Cycle bank = std::min(wait, issued[critical].bank_wait);
    wait -= bank;
    Cycle busiest = std::max(t.read_cycles, t.write_cycles);
    for (const auto& l : t.links) busiest = std::max(busiest, l.second);
    const Cycle bandwidth = std::min(wait, busiest);
    level.stall_latency += latency;
    level.stall_link += link;
    level.stall_bank += bank;
    level.stall_bandwidth += bandwidth;
    level.stall_contention += wait - bandwidth;
    result.stall_cycles += start - previous_end;
  }
  return start;
}

void charge_busy(const PlannedTransfer& transfer, TimingResult& result) {
  result.levels[transfer.source].busy_cycles += transfer.read_cycles;
  result.levels[transfer.sink].busy_cycles += transfer.write_cycles;
}

namespace {

// Fast engine: a transfer starts at max(ready, its ports' free times); no cycle is visited.
class FastTiming : public TimingEngine {
 public:
  FastTiming(const arch::Architecture& arch, const TileWalk& walk, bool unlimited, bool keep_stalls)
      : walk_(&walk), planner_(arch, walk, unlimited), ports_(arch, walk.num_links()) {
    result_.levels.resize(arch.num_levels());
    result_.keep_stalls = keep_stalls;
    result_.pipeline_cycles = planner_.pipeline_cycles();
  }

  void step(const std::vector<TileEvent>& events) override {
    const std::int64_t step = ends_.size();
    const std::vector<PlannedTransfer> transfers = planner_.plan(events, step);
    const std::vector<Issued> issued = issue(transfers);
    for (std::size_t i = 0; i < transfers.size(); ++i) {
      if (transfers[i].writeback) writeback_end_ = std::max(writeback_end_, issued[i].done);
    }
    const Cycle start = settle_step(transfers, issued, compute_end_, result_);
    compute_end_ = start + walk_->inner_steps() * planner_.inner_step_cycles();
    ends_.push(compute_end_);
    ends_.forget(planner_);
  }

  void drain(const std::vector<TileEvent>& events) override {
    const std::int64_t last = ends_.size() - 1;
    const auto transfers = planner_.drain(events, last);
    for (const Issued& done : issue(transfers))
      writeback_end_ = std::max(writeback_end_, done.done);
  }

  TimingResult finish() override {
    result_.compute_end = compute_end_;
    result_.cycles = std::max(compute_end_ + result_.pipeline_cycles, writeback_end_);
    return result_;
  }

 private:
  std::vector<Issued> issue(const std::vector<PlannedTransfer>& transfers) {
    std::vector<Issued> issued;
    for (const PlannedTransfer& t : transfers) {
      const Cycle ready = (t.after_step < 0 ? 0 : ends_.at(t.after_step)) + t.ready_delay;
      issued.push_back(ports_.issue(t, ready, result_));
    }
    return issued;
  }

  const TileWalk* walk_;
  TransferPlanner planner_;
  PortBank ports_;
  Cycle compute_end_ = 0;
  StepEnds ends_;  // per outer step: when its MACs were done
  Cycle writeback_end_ = 0;
  TimingResult result_;
};

}  // namespace

std::unique_ptr<TimingEngine> make_fast_timing(const arch::Architecture& arch, const TileWalk& walk,
                                               bool unlimited, bool keep_stalls) {
  return std::make_unique<FastTiming>(arch, walk, unlimited, keep_stalls);
}

}  // namespace arraysim::sim
