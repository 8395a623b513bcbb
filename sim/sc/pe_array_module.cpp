#include "sim/sc/pe_array_module.hpp"

#include <algorithm>
#include <stdexcept>

namespace arraysim::sim::sc {

namespace {
Cycle now_cycles() { return static_cast<Cycle>(sc_core::sc_time_stamp().to_default_time_units()); }
}  // namespace

PeArrayModule::PeArrayModule(const sc_core::sc_module_name& name, TileWalk& walk,
                             TransferPlanner& planner, NocModule& noc, TimingResult& result,
                             std::function<void(std::uint64_t, std::uint64_t)> progress)
    : sc_core::sc_module(name),
      walk_(&walk),
      planner_(&planner),
      noc_(&noc),
      result_(&result),
      progress_(std::move(progress)) {
  walk_->start(events_);
  SC_METHOD(advance);
  sensitive << wake_;
}

std::vector<Issued> PeArrayModule::issue(const std::vector<PlannedTransfer>& transfers) {
  std::vector<Issued> issued;
  for (const PlannedTransfer& t : transfers) {
    const Cycle ready = (t.after_step < 0 ? 0 : ends_.at(t.after_step)) + t.ready_delay;
    issued.push_back(noc_->request(t, ready));
    if (t.writeback) writeback_end_ = std::max(writeback_end_, issued.back().done);
  }
  return issued;
}

void PeArrayModule::advance() {
  const Cycle now = now_cycles();
  if (waiting_to_start_) {
    if (now != step_start_) throw std::logic_error("PE array woke off its step start");
    // The step's MACs run now; the whole run of inner steps completes at compute_end_.
    compute_end_ = now + walk_->inner_steps() * planner_->inner_step_cycles();
    ends_.push(compute_end_);
    ends_.forget(*planner_);
    waiting_to_start_ = false;
    ++next_step_;
    if (progress_ && next_step_ % 4096 == 0) progress_(next_step_, walk_->outer_steps());
  }
  if (walking_) {
    const auto step = static_cast<std::int64_t>(next_step_);
    const std::vector<PlannedTransfer> transfers = planner_->plan(events_, step);
    const std::vector<Issued> issued = issue(transfers);
    step_start_ = settle_step(transfers, issued, compute_end_, *result_);
    waiting_to_start_ = true;
    // The next step's tile events (or, after the last, the final write-backs).
    walking_ = walk_->next(events_);
    wake_.notify(sc_core::sc_time(static_cast<double>(step_start_ - now), sc_core::SC_NS));
    return;
  }
  if (!finished_) {
    issue(planner_->drain(events_, ends_.size() - 1));
    finished_ = true;
  }
}

}  // namespace arraysim::sim::sc
