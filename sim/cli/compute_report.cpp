#include "sim/cli/compute_report.hpp"

#include <cstdio>

namespace arraysim::cli {

namespace {

std::string format(const char* pattern, const ComputeReportRow& row, std::size_t id) {
  char line[512];
  std::snprintf(
      line, sizeof line, pattern, id, static_cast<unsigned long long>(row.report.total_cycles),
      static_cast<unsigned long long>(row.report.stall_cycles), row.report.overall_util_pct,
      row.report.mapping_efficiency_pct, row.report.compute_util_pct, row.layer.c_str());
  return line;
}

}  // namespace

std::string compute_report_csv(const std::vector<ComputeReportRow>& rows) {
  std::string csv =
      "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util "
      "%,\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    csv += format("%zu, %llu, %llu, %.10g, %.10g, %.10g,\n", rows[i], i);
  }
  return csv;
}

std::string compute_report_table(const std::vector<ComputeReportRow>& rows) {
  std::string table =
      "COMPUTE_REPORT (SCALE-Sim convention: Total Cycles is the index of the last cycle, from "
      "0)\n";
  char header[256];
  std::snprintf(header, sizeof header, "%7s %14s %12s %14s %20s %15s  %s\n", "LayerID",
                "Total Cycles", "Stall Cycles", "Overall Util %", "Mapping Efficiency %",
                "Compute Util %", "layer");
  table += header;
  unsigned long long total = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    table += format("%7zu %14llu %12llu %14.4f %20.4f %15.4f  %s\n", rows[i], i);
    total += rows[i].report.total_cycles;
  }
  if (rows.size() > 1) table += "total cycles " + std::to_string(total) + "\n";
  return table;
}

}  // namespace arraysim::cli
