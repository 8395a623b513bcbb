// A count that only grows and that SystemC processes can wait on: a waiter names the value it
// needs and the event to notify; advancing the count past that value notifies it (next delta
// cycle), so a process sleeps until the state it depends on has changed.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <systemc>

namespace arraysim::sim::sc {

class WatchedCounter {
 public:
  std::uint64_t value() const { return value_; }
  // Wakes `wake` once value() >= threshold (at once if it already is).
  void wait_for(std::uint64_t threshold, sc_core::sc_event& wake);
  void advance_to(std::uint64_t value);

 private:
  std::uint64_t value_ = 0;
  std::vector<std::pair<std::uint64_t, sc_core::sc_event*>> waiters_;
};

// Contributors that each complete items 0, 1, 2, ... in order; the count is the number of items
// every contributor has completed (PEs' steps below a buffer instance, groups' write-backs into
// one parent instance).
class OrderedJoin {
 public:
  explicit OrderedJoin(std::uint32_t contributors = 1) : contributors_(contributors) {}
  // One contributor completed `item`; returns how far the joint count advanced.
  std::uint64_t contribute(std::uint64_t item);
  WatchedCounter& count() { return count_; }
  std::uint64_t value() const { return count_.value(); }

 private:
  std::uint32_t contributors_;
  std::vector<std::uint32_t> pending_;  // ring: contributors done with item value() + i
  std::size_t head_ = 0;
  WatchedCounter count_;
};

}  // namespace arraysim::sim::sc
