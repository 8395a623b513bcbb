// The simulator's entry point: executes a mapping's loop nest on the timed level models and
// returns the same action counts as the analytical model plus cycles and stalls per level.
#pragma once

#include <functional>
#include <string>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"
#include "sim/core/tile_walk.hpp"
#include "sim/core/timing.hpp"

namespace arraysim::sim {

struct SimOptions {
  bool unlimited = false;  // infinite bandwidth, zero latency
  bool clocked = false;    // the reference engine that steps every cycle (slow)
  // Keep every stall (and, SystemC, busy) interval for traces; memory then grows with the run.
  bool record_intervals = true;
  // Called now and then with the outer tile steps done and their total.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress = nullptr;
  // Cycle engine: trace its PE and buffer signals with sc_trace into vcd_base + ".vcd".
  std::string vcd_base = {};
  // Cycle engine: hears the number of transfers the run will make once the loop nest has been
  // walked, before any is simulated (it may throw to refuse the run).
  std::function<void(std::uint64_t transfers)> check_transfers = nullptr;
};

// Outer tile steps a simulation walks (tile changes of the levels above the innermost one, one
// MAC run each), saturated at 2^64 - 1. The fast and SystemC engines' time grows linearly with it;
// the clocked engine's with the cycles.
std::uint64_t simulation_steps(const mapper::LoopNest& nest);

struct SimResult {
  mapper::ActionCounts counts;  // counts.cycles is the simulated cycle count
  TimingResult timing;
  std::string engine = "fast";
};

// Copies the walk's link traversals into the counts' network entries (after add_network_traffic).
void add_link_words(const TileWalk& walk, mapper::ActionCounts& counts);

SimResult simulate(const arch::Architecture& arch, const arch::Layer& layer,
                   const mapper::LoopNest& nest, const SimOptions& options);

}  // namespace arraysim::sim
