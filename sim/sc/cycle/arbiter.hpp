// Fixed-priority arbitration of the transfers requested in one cycle: buffer groups ask to issue a
// transfer on the ports (or to hand its words to the NoC and DRAM) at a cycle, and the arbiter
// grants the requests of that cycle in priority order (keeper, then parent instance, then group:
// outer buffers' traffic first) once every process of the cycle has run — it wakes a picosecond
// after the cycle's edge, still inside the cycle. So who wins a port or a link never depends on
// the order in which SystemC happens to run processes.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <tuple>

#include <systemc>

#include "mapper/action_counts.hpp"

namespace arraysim::sim::sc {

class Arbiter {
 public:
  using Grant = std::function<void()>;
  void set_cycle(const sc_core::sc_time& cycle) { cycle_ = cycle; }

  // Calls `grant` in cycle `at` (>= the current one) in order of `priority` (lower first).
  void request(mapper::Cycle at, std::uint64_t priority, Grant grant);
  void run();  // the process body: grants the current cycle's requests
  sc_core::sc_event& wake() { return wake_; }

 private:
  struct Request {
    mapper::Cycle at;
    std::uint64_t priority;
    std::uint64_t seq;
    Grant grant;
    bool operator<(const Request& o) const {
      return std::tie(at, priority, seq) < std::tie(o.at, o.priority, o.seq);
    }
  };
  mapper::Cycle now() const;
  void arm();

  sc_core::sc_time cycle_;
  std::set<Request> requests_;
  std::uint64_t seq_ = 0;
  sc_core::sc_event wake_;
};

}  // namespace arraysim::sim::sc
