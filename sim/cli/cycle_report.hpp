// The cycle engine's own results in the stats JSON and the report: per PE (position, busy, stall
// and finish cycles), per NoC fabric (links' busy and contention cycles, routers' credit stalls)
// and the DRAM controller (commands, row hits, stalls by cause).
#pragma once

#include <cstdio>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"

namespace arraysim::cli {

// Adds "pes", "noc" and (with a DRAM controller) "dram" to a simulation's stats JSON.
void add_cycle_json(const arch::Architecture& arch, const sim::sc::CycleResult& cycle,
                    arch::Json& json);
// The report's per-PE, NoC and DRAM lines and the per-level table.
void print_cycle_summary(const arch::Architecture& arch, const sim::sc::CycleResult& cycle);

}  // namespace arraysim::cli
