// The PE array as a SystemC module: one SC_METHOD that, at each wake-up, issues the next step's
// transfers through the NoC, works out when that step's operands are resident, and re-arms itself
// for that cycle; a whole run of inner MAC steps passes in one wake-up (no clock, no per-PE
// thread). At the end it drains the output write-backs.
#pragma once

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
  PeArrayModule(const sc_core::sc_module_name& name, const TileWalk& walk, TransferPlanner& planner,
                NocModule& noc, const std::vector<std::vector<TileEvent>>& steps,
                const std::vector<TileEvent>& final_writebacks, TimingResult& result);

  bool finished() const { return finished_; }
  Cycle writeback_end() const { return writeback_end_; }
  Cycle compute_end() const { return compute_end_; }

 private:
  void advance();
  std::vector<Issued> issue(const std::vector<PlannedTransfer>& transfers);

  const TileWalk* walk_;
  TransferPlanner* planner_;
  NocModule* noc_;
  const std::vector<std::vector<TileEvent>>* steps_;
  const std::vector<TileEvent>* final_;
  TimingResult* result_;
  sc_core::sc_event wake_;
  std::vector<Cycle> compute_ends_;
  std::size_t next_step_ = 0;
  bool waiting_to_start_ = false;
  Cycle step_start_ = 0;
  Cycle compute_end_ = 0;
  Cycle writeback_end_ = 0;
  bool finished_ = false;
};

}  // namespace arraysim::sim::sc
