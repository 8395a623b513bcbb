// The tile traffic of one group of children (instances of a keeping level holding the same tile)
// below one parent instance, as a SystemC method process: it issues the keeper's actions in
// order, each once its conditions hold — a fill once the parent holds the tile and every member
// has released the buffer it reuses; a write-back once every member's PEs have finished the
// tile's steps and the levels below have written theirs back; an output tile (fresh or refilled)
// once every earlier transfer has arrived — sleeping on the counters it waits for. Transfers are
// issued on the ports at the simulated time they become possible, several may be in flight (a
// fill into a free buffer while the previous one travels), and they complete in order.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <systemc>

#include "sim/sc/cycle/cycle_state.hpp"

namespace arraysim::sim::sc {

class KeeperAgent {
 public:
  // `priority`: its rank when several groups want a port or link in the same cycle (lower first).
  KeeperAgent(CycleState& state, std::size_t keeper, std::uint64_t parent, std::uint32_t group,
              std::uint64_t priority);

  void run();  // the process body, woken by wake()
  sc_core::sc_event& wake() { return wake_; }
  bool done() const { return completed_ == program_->actions.size(); }
  std::string describe() const;  // what it waits for (deadlock reports)

 private:
  // A transfer issued and not yet completed.
  struct Flight {
    std::size_t action = 0;
    Cycle launch_at = 0;        // when its words start to move
    Cycle arrives = 0;          // no earlier than this (the ports' end)
    std::uint32_t pending = 0;  // asynchronous parts (NoC deliveries, DRAM accesses) in flight
    bool launched = false, via_fabric = false, via_dram = false;
  };

  bool ready(const KeeperAction& action);
  bool wait(WatchedCounter& counter, std::uint64_t threshold);  // false, after registering
  void complete(const KeeperAction& action, const Flight& flight);
  // Reserves the ports; sets when the transfer may start moving words (launch()).
  void issue(const KeeperAction& action, Flight& flight);
  void launch(const KeeperAction& action, Flight& flight);  // hands the words to NoC and DRAM
  void part_done(Flight& flight);  // one asynchronous part of the transfer arrived
  void issue_ready();              // requests the issue of the next ready action, if any
  void grant_issue();              // the arbiter's turn: issue it
  void rearm();                    // wakes at the next in-order completion
  void dram_access(const KeeperAction& action, bool write, const std::function<void()>& then);
  Cycle bank_cycles(const KeeperAction& action, std::uint64_t words);
  void find_fabric();

  CycleState* state_;
  const KeeperProgram* program_;
  std::size_t keeper_;
  std::uint64_t parent_;  // parent-level instance
  std::uint32_t group_;
  std::uint64_t priority_;
  bool issue_requested_ = false;
  std::vector<std::uint64_t> members_;         // instances of the keeper's level
  NocFabric* fabric_ = nullptr;                // the fanning stage's network its transfers cross
  std::vector<std::size_t> endpoints_;         // the members' positions on it
  std::vector<std::size_t> refill_endpoints_;  // those a psum refill goes to
  std::uint64_t refill_members_ = 0;           // members a psum refill is read for
  std::size_t next_ = 0;                       // next action to issue
  std::size_t completed_ = 0;                  // actions completed
  std::deque<Flight> flights_;                 // in issue order (references stay valid as it grows)
  const WatchedCounter* waiting_on_ = nullptr;  // the counter and value a waiter is registered for
  std::uint64_t waiting_for_ = 0;
  std::uint32_t parent_cursor_ = 0;
  std::uint32_t parent_tile_ = 0;  // the parent tile of the next action
  sc_core::sc_event wake_;
};

}  // namespace arraysim::sim::sc
