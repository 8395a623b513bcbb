#include "sim/sc/cycle/pe_agent.hpp"

namespace arraysim::sim::sc {

PeAgent::PeAgent(CycleState& state, std::uint64_t pe) : state_(&state), pe_(pe) {}

void PeAgent::run() {
  CycleState& s = *state_;
  const Cycle now = s.now();
  if (running_) {
    if (now < end_) return;
    running_ = false;
    if (s.trace) s.trace->pe_busy(pe_, false);
    idle_since_ = end_;
    stats_.finish = end_;
    s.step_finished(pe_, step_++);
    if (pe_ == 0 && s.progress && step_ % 4096 == 0) s.progress(step_, s.program.outer_steps);
  }
  if (done()) return;
  for (DataSpace ds : arch::kAllDataSpaces) {
    const OperandProgram& op = s.program.operands[arch::index(ds)];
    if (op.level == 0) continue;
    const KeeperProgram& keeper = s.program.keepers[op.keeper];
    const std::uint64_t needed = tile_at(keeper, step_, cursor_[arch::index(ds)]) + 1;
    WatchedCounter& resident = s.resident[op.keeper][s.ancestor(s.pe_level, pe_, op.level)];
    if (resident.value() < needed) {
      waiting_on_ = arch::index(ds);
      if (s.trace) s.trace->pe_waiting(pe_, true);
      resident.wait_for(needed, wake_);
      return;
    }
  }
  if (now > idle_since_) {
    stats_.stall += now - idle_since_;
    if (waiting_on_ >= 0)
      stats_.stall_on[static_cast<std::size_t>(waiting_on_)] += now - idle_since_;
  }
  waiting_on_ = -1;
  if (s.trace) {
    s.trace->pe_waiting(pe_, false);
    s.trace->pe_busy(pe_, true);
  }
  const Cycle run = s.program.inner_steps * s.step_cycles;
  stats_.busy += run;
  end_ = now + run;
  running_ = true;
  wake_.notify(s.delay(end_));
}

std::string PeAgent::describe() const {
  return "PE " + std::to_string(pe_) + ": step " + std::to_string(step_) + " of " +
         std::to_string(state_->program.outer_steps) +
         (waiting_on_ >= 0 ? std::string(" waiting for ") +
                                 arch::dataspace_name(static_cast<DataSpace>(waiting_on_))
                           : std::string());
}

}  // namespace arraysim::sim::sc
