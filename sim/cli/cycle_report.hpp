// The cycle engine's own results in the stats JSON and the report: per PE (position, busy, stall
// and finish cycles), per NoC fabric (links' busy and contention cycles, routers' credit stalls)
// and the DRAM controller (commands, row hits, stalls by cause).
#pragma once

#include <cstdio>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/json_reader.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"

namespace arraysim::cli {

// Adds "pes", "noc" and (with a DRAM controller) "dram" to a simulation's stats JSON; the DRAM
// commands are priced when the energy table has a dram_commands entry for the device.
void add_cycle_json(const arch::Architecture& arch, const sim::sc::CycleResult& cycle,
                    const energy::ResolvedEnergy& energy, arch::Json& json);
// The report's per-PE, NoC and DRAM lines and the per-level table; `dram_word_pj` is the DRAM
// level's energy as the report prices it (per word), shown beside the command energy.
void print_cycle_summary(const arch::Architecture& arch, const sim::sc::CycleResult& cycle,
                         const energy::ResolvedEnergy& energy, double dram_word_pj);

}  // namespace arraysim::cli
