// The SystemC engine: a storage module per level, the NoC and the PE array, elaborated in a fresh
// simulation context, run until no event is left. It produces the same cycles, stalls and counts
// as the fast engine (tested), plus the busy intervals of every level for traces.
#pragma once

#include <vector>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/loop_nest.hpp"
#include "sim/core/simulator.hpp"
#include "sim/sc/storage_module.hpp"

namespace arraysim::sim::sc {

struct ScResult {
  SimResult sim;
  std::vector<std::vector<Interval>> busy;  // per level
  std::uint64_t transfers_delivered = 0;
  std::size_t peak_in_flight = 0;
};

ScResult simulate_systemc(const arch::Architecture& arch, const arch::Layer& layer,
                          const mapper::LoopNest& nest, bool unlimited);
// The same with the simulator's options (unlimited, record_intervals, progress; not clocked).
ScResult simulate_systemc(const arch::Architecture& arch, const arch::Layer& layer,
                          const mapper::LoopNest& nest, const SimOptions& options);

}  // namespace arraysim::sim::sc
