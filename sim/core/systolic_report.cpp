#include "sim/core/systolic_report.hpp"

namespace arraysim::sim {

ComputeReport scalesim_compute_report(const SystolicResult& r, SystolicDataflow dataflow) {
  ComputeReport report;
  report.total_cycles = r.scalesim_cycles;
  report.stall_cycles = r.stall_cycles;
  const double pes = static_cast<double>(r.rows * r.cols);
  if (report.total_cycles > 0) {
    report.overall_util_pct =
        100.0 * static_cast<double>(r.macs) / (static_cast<double>(report.total_cycles) * pes);
  }
  report.mapping_efficiency_pct = 100.0 * r.mapping_efficiency;
  // Every fold streams the same T, so the fold average factors into mapping efficiency x T/window.
  const std::uint64_t window = dataflow == SystolicDataflow::OutputStationary
                                   ? r.t + r.rows + r.cols - 2
                                   : 2 * r.rows + 2 * r.cols + r.t - 3;
  report.compute_util_pct =
      report.mapping_efficiency_pct * static_cast<double>(r.t) / static_cast<double>(window);
  return report;
}

}  // namespace arraysim::sim
