// The results of `arraysim compare`, one row per layer and dataflow: energy per MAC with its
// breakdowns, cycles, utilization and what the search proved (proven, the gap to the lower bound,
// or no valid mapping with the reason); printed as a table and written as CSV and JSON.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "sim/cli/layer_mapping.hpp"

namespace arraysim::cli {

enum Part { kAlu, kRf, kNoc, kBuffer, kDram, kParts };

struct CompareRow {
  std::string layer, dataflow;
  std::uint64_t macs = 0;
  std::int64_t compute_instances = 1;
  bool feasible = false;
  double energy_pj = 0.0;
  std::array<double, kParts> parts{};
  std::array<double, arch::kNumDataSpaces> dataspaces{};
  double dram_accesses = 0.0;
  mapper::Cycle cycles = 0;
  double utilization = 0.0;
  mapper::SearchResult claims;  // the search's claims (the mapping itself is not kept)
};

CompareRow make_compare_row(const arch::Architecture& arch, const std::string& dataflow,
                            const LayerResult& result);

// Rows ordered dataflow-major: rows[d * layers + l].
struct CompareTable {
  std::string network, arch_label, energy_table, search, objective;
  std::int64_t batch = 1;
  double energy_tolerance = 0.0;  // applied (0 unless the objective starts with energy)
  std::vector<std::string> dataflows;
  std::size_t layers = 0;
  std::vector<CompareRow> rows;
};

std::string format_compare_table(const CompareTable& table);
std::string compare_csv(const CompareTable& table);
arch::Json compare_json(const CompareTable& table);

}  // namespace arraysim::cli
