// The tile traffic of one group of children (instances of a keeping level holding the same tile)
// below one parent instance, as a SystemC method process: it performs the keeper's actions in
// order, each once its conditions hold — a fill once the parent holds the tile and every member
// has released the buffer it reuses; a write-back once every member's PEs have finished the
// tile's steps and the levels below have written theirs back — sleeping on the counters it waits
// for, and issuing the transfer on the ports at the simulated time it becomes possible.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <systemc>

#include "sim/sc/cycle/cycle_state.hpp"

namespace arraysim::sim::sc {

class KeeperAgent {
 public:
  KeeperAgent(CycleState& state, std::size_t keeper, std::uint64_t parent, std::uint32_t group);

  void run();  // the process body, woken by wake()
  sc_core::sc_event& wake() { return wake_; }
  bool done() const { return next_ == program_->actions.size(); }
  std::string describe() const;  // what it waits for (deadlock reports)

 private:
  bool ready(const KeeperAction& action);
  void complete(const KeeperAction& action);
  // Reserves the ports; returns when the transfer may start moving words (launch()).
  Cycle issue(const KeeperAction& action);
  void launch(const KeeperAction& action);  // hands the words to the NoC and the DRAM
  void part_done();                         // one asynchronous part of the transfer arrived
  void dram_access(const KeeperAction& action, bool write, std::function<void()> then);
  Cycle bank_cycles(const KeeperAction& action, std::uint64_t words);
  NocFabric* fabric() const;
  std::vector<std::size_t> endpoints() const;

  CycleState* state_;
  const KeeperProgram* program_;
  std::size_t keeper_;
  std::uint64_t parent_;  // parent-level instance
  std::uint32_t group_;
  std::vector<std::uint64_t> members_;  // instances of the keeper's level
  std::size_t next_ = 0;                // next action
  enum class Phase : std::uint8_t { Idle, Starting, InFlight } phase_ = Phase::Idle;
  Cycle launch_at_ = 0;
  Cycle arrives_ = 0;     // no earlier than this (the ports' end)
  std::uint32_t pending_ = 0;  // asynchronous parts (NoC deliveries, DRAM accesses) in flight
  bool via_fabric_ = false, via_dram_ = false;
  std::uint32_t parent_cursor_ = 0;
  std::uint32_t parent_tile_ = 0;  // the parent tile of the next action
  sc_core::sc_event wake_;
};

}  // namespace arraysim::sim::sc
