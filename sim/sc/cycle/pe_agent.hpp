// One PE (an instance of the innermost storage level with its MACs) as a SystemC method process:
// it runs its own copy of the loop nest's steps, each once its operand tiles are resident in the
// buffers it reads them from, as one block of inner MAC steps (inner steps x the step length, no
// per-cycle wake-up), and records its busy and stall cycles.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include <systemc>

#include "sim/sc/cycle/cycle_state.hpp"

namespace arraysim::sim::sc {

struct PeStats {
  Cycle busy = 0;   // cycles issuing MACs
  Cycle stall = 0;  // cycles waiting for operand tiles, before the last step
  std::array<Cycle, arch::kNumDataSpaces> stall_on{};  // by the data space waited for
  Cycle finish = 0;                                    // the last step's end
  std::int64_t x = 0, y = 0;                           // position on the PE array
};

class PeAgent {
 public:
  PeAgent(CycleState& state, std::uint64_t pe);

  void run();
  sc_core::sc_event& wake() { return wake_; }
  bool done() const { return step_ == state_->program.outer_steps; }
  const PeStats& stats() const { return stats_; }
  std::string describe() const;

 private:
  CycleState* state_;
  std::uint64_t pe_;
  std::uint64_t step_ = 0;
  bool running_ = false;
  Cycle idle_since_ = 0;  // the previous step's end
  Cycle end_ = 0;
  int waiting_on_ = -1;  // data space of the last tile waited for
  std::array<std::uint32_t, arch::kNumDataSpaces> cursor_{};
  PeStats stats_;
  sc_core::sc_event wake_;
};

}  // namespace arraysim::sim::sc
