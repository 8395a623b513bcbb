// Writes per-level busy and stall intervals as a VCD waveform (one wire per level and kind), for
// viewing small runs in a waveform viewer.
#pragma once

#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "sim/core/timing.hpp"
#include "sim/sc/storage_module.hpp"

namespace arraysim::cli {

// Throws SpecError when the run has more intervals than a VCD file should hold.
std::string vcd_text(const arch::Architecture& arch, const sim::TimingResult& timing,
                     const std::vector<std::vector<sim::sc::Interval>>& busy);

}  // namespace arraysim::cli
