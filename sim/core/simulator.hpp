// The simulator's entry point: executes a mapping's loop nest on the timed level models and
// returns the same action counts as the analytical model plus cycles and stalls per level.
#pragma once

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
};

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
