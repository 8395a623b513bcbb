// The cycle-level engine (DESIGN section 6): every PE and every group of buffer instances is its
// own SystemC process that decides, in simulated-time order, when its steps and transfers happen;
// ports serve transfers in the order they are issued. Counts are tallied by the processes as they
// act, summed over instances, and reported per instance like the analytical model's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/loop_nest.hpp"
#include "sim/core/dram_stats.hpp"
#include "sim/core/simulator.hpp"
#include "sim/sc/cycle/pe_agent.hpp"
#include "sim/sc/noc_fabric.hpp"

namespace arraysim::sim::sc {

// One NoC fabric's link and router statistics (links by their stage-topology id).
struct FabricReport {
  std::size_t stage = 0;       // the child level it feeds
  std::uint64_t instance = 0;  // the parent-level instance it hangs below
  std::string network;         // the data type it carries ("" when shared)
  FabricStats stats;
};

struct CycleResult {
  SimResult sim;                // engine "cycle"
  std::vector<PeStats> pes;     // per utilized PE (instance of the innermost level)
  std::int64_t pe_columns = 1;  // PEs per row of the heat map (the innermost level's mesh_x)
  Cycle pe_cycles = 0;          // simulated cycles x active PEs
  std::vector<FabricReport> fabrics;
  std::optional<DramStats> dram;  // the DRAM controller's counts, if one took part
  std::string dram_model;         // its preset name, or "generic"
};

CycleResult simulate_cycle(const arch::Architecture& arch, const arch::Layer& layer,
                           const mapper::LoopNest& nest, const SimOptions& options);

}  // namespace arraysim::sim::sc
