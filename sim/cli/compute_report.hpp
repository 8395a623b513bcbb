// SCALE-Sim's COMPUTE_REPORT for systolic runs: one row per layer, as a table on stdout and as
// COMPUTE_REPORT.csv in SCALE-Sim's column layout.
#pragma once

#include <string>
#include <vector>

#include "sim/core/systolic_report.hpp"

namespace arraysim::cli {

struct ComputeReportRow {
  std::string layer;
  sim::ComputeReport report;
};

std::string compute_report_csv(const std::vector<ComputeReportRow>& rows);
std::string compute_report_table(const std::vector<ComputeReportRow>& rows);

}  // namespace arraysim::cli
