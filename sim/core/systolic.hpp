// Systolic mode (DESIGN section 6): an edge-fed R x C array without PE register files runs a layer
// lowered to Sr x Sc x T (OS: output pixels x filters x window; WS: window x filters x output
// pixels; IS: window x output pixels x filters) as ceil(Sr/R) * ceil(Sc/C) folds back to back.
// A fold streams T operand vectors through the skewed array: T + R + C - 2 cycles for OS, and
// 2R + C + T - 2 for WS and IS (R more to preload the stationary operand), SCALE-Sim's conventions.
#pragma once

#include <cstdint>
#include <string>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"

namespace arraysim::sim {

enum class SystolicDataflow { OutputStationary, WeightStationary, InputStationary };

// "os", "ws" or "is"; throws SpecError (at `where`) otherwise.
SystolicDataflow parse_systolic_dataflow(const std::string& name, const std::string& where);
bool is_systolic(const arch::Architecture& arch);

struct SystolicResult {
  std::uint64_t macs = 0;
  std::uint64_t rows = 0, cols = 0;     // array size
  std::uint64_t sr = 0, sc = 0, t = 0;  // the lowered problem
  std::uint64_t folds = 0;
  mapper::Cycle fold_cycles = 0;  // cycles of one fold
  mapper::Cycle cycles = 0;       // cycle count (first cycle is cycle 1)
  mapper::Cycle stall_cycles = 0;
  mapper::Cycle scalesim_cycles = 0;  // SCALE-Sim's report: the last cycle's index (from 0)
  double mapping_efficiency = 0.0;    // PEs holding work, averaged over folds
  double compute_utilization = 0.0;   // MACs / (PEs x cycles)
  // Words read from each operand SRAM and written to the output SRAM (SCALE-Sim's traces).
  std::uint64_t ifmap_reads = 0, filter_reads = 0, ofmap_writes = 0;
};

SystolicResult simulate_systolic(const arch::Architecture& arch, const arch::Layer& layer,
                                 SystolicDataflow dataflow);

}  // namespace arraysim::sim
