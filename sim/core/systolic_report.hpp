// SCALE-Sim's COMPUTE_REPORT columns for a systolic run: total cycles in its convention (index of
// the last cycle, plus stalls), stall cycles, overall utilization (MACs / PEs / total cycles),
// mapping efficiency (PEs holding work, averaged over folds) and compute utilization (averaged
// over folds: used PEs x T / (PEs x fold window), where SCALE-Sim's fold window is
// T + R + C - 2 for OS and 2R + 2C + T - 3 for WS and IS, its operand demand matrix's length).
#pragma once

#include "sim/core/systolic.hpp"

namespace arraysim::sim {

struct ComputeReport {
  mapper::Cycle total_cycles = 0;
  mapper::Cycle stall_cycles = 0;
  double overall_util_pct = 0.0;
  double mapping_efficiency_pct = 0.0;
  double compute_util_pct = 0.0;
};

ComputeReport scalesim_compute_report(const SystolicResult& result, SystolicDataflow dataflow);

}  // namespace arraysim::sim
