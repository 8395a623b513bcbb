// The PE array as a SystemC module: one SC_METHOD that, at each wake-up, issues the next step's
// transfers through the NoC, works out when that step's operands are resident, and re-arms itself
// for that cycle; a whole run of inner MAC steps passes in one wake-up (no clock, no per-PE
// thread). At the end it drains the output write-backs.
#pragma once

#include <functional>
#include <vector>

#include <systemc>

#include "sim/core/tile_walk.hpp"
#include "sim/core/timing.hpp"
#include "sim/core/transfer_plan.hpp"
#include "sim/sc/noc_module.hpp"

namespace arraysim::sim::sc {

class PeArrayModule : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(PeArrayModule);
  // Pulls the walk's steps one at a time (constant memory); `progress` (may be empty) hears of
  // the steps done now and then.
  PeArrayModule(const sc_core::sc_module_name& name, TileWalk& walk, TransferPlanner& planner,
                NocModule& noc, TimingResult& result,
                std::function<void(std::uint64_t, std::uint64_t)> progress);

  bool finished() const { return finished_; }
  Cycle writeback_end() const { return writeback_end_; }
  Cycle compute_end() const { return compute_end_; }

 private:
  void advance();
  std::vector<Issued> issue(const std::vector<PlannedTransfer>& transfers);

  TileWalk* walk_;
  TransferPlanner* planner_;
  NocModule* noc_;
  TimingResult* result_;
  std::function<void(std::uint64_t, std::uint64_t)> progress_;
  sc_core::sc_event wake_;
  std::vector<TileEvent> events_;  // of step next_step_, or the final write-backs
  bool walking_ = true;            // events_ holds a step (not yet the final write-backs)
  StepEnds ends_;
  std::size_t next_step_ = 0;
  bool waiting_to_start_ = false;
  Cycle step_start_ = 0;
  Cycle compute_end_ = 0;
  Cycle writeback_end_ = 0;
  bool finished_ = false;
};

}  // namespace arraysim::sim::sc
