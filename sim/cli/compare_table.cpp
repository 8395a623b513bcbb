#include "sim/cli/compare_table.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace arraysim::cli {

namespace {

const char* const kPartNames[kParts] = {"alu", "rf", "noc", "buffer", "dram"};

std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* pattern, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, args);
  va_end(args);
  return buffer;
}

// PE-local storage (one instance per MAC, or a register file) is RF; other on-chip storage is
// the global buffer; DRAM levels are DRAM.
Part part_of(const arch::Architecture& arch, std::size_t level) {
  const arch::StorageLevel& spec = arch.levels[level];
  if (spec.kind == arch::LevelKind::Dram) return kDram;
  if (spec.kind == arch::LevelKind::Regfile ||
      (level > 0 && spec.instances == arch.compute.instances)) {
    return kRf;
  }
  return kBuffer;
}

// 798600 -> "798.6K", 222700000 -> "222.7M"; exact below 10,000.
std::string short_count(double value) {
  if (value < 1e4) return format("%.0f", value);
  if (value < 1e6) return format("%.1fK", value / 1e3);
  if (value < 1e9) return format("%.1fM", value / 1e6);
  return format("%.1fG", value / 1e9);
}

std::string num(double v) { return format("%.10g", v); }

std::string csv_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Totals of one dataflow over the layers it could map.
struct Total {
  double energy_pj = 0.0;
  std::uint64_t macs = 0;
  double cycles = 0.0;
  std::int64_t instances = 1;
  std::size_t infeasible = 0;
  bool all_proven = true;
  double max_gap = 0.0;
  std::array<double, kParts> parts{};
  std::array<double, arch::kNumDataSpaces> data{};
  double dram = 0.0;

  double utilization() const {
    return cycles == 0.0 ? 0.0
                         : static_cast<double>(macs) / (static_cast<double>(instances) * cycles);
  }
  // Proven, or the largest per-layer gap: for additive metrics (energy, cycles) the network's own
  // gap is a weighted mean of the layers' and so at most this.
  std::string proof() const {
    if (infeasible > 0) return "INCOMPLETE";
    return all_proven ? "proven" : format("gap<=%.2f%%", 100.0 * max_gap);
  }
};

Total total_of(const CompareTable& table, std::size_t d) {
  Total t;
  for (std::size_t l = 0; l < table.layers; ++l) {
    const CompareRow& r = table.rows[d * table.layers + l];
    t.instances = r.compute_instances;
    if (!r.feasible) {
      ++t.infeasible;
      continue;
    }
    t.energy_pj += r.energy_pj;
    t.macs += r.macs;
    t.cycles += static_cast<double>(r.cycles);
    t.all_proven = t.all_proven && r.claims.proved_optimal;
    t.max_gap = std::max(t.max_gap, r.claims.gap);
    for (int p = 0; p < kParts; ++p) t.parts[p] += r.parts[p];
    for (int k = 0; k < arch::kNumDataSpaces; ++k) t.data[k] += r.dataspaces[k];
    t.dram += r.dram_accesses;
  }
  return t;
}

std::string cell(bool feasible, double per_mac, bool best, double cycles, double utilization,
                 const std::string& proof) {
  if (!feasible) return format("  %9s %8s %6s %-11s", "-", "-", "-", proof.c_str());
  return format("  %8.3f%s %8s %5.1f%% %-11s", per_mac, best ? "*" : " ",
                short_count(cycles).c_str(), 100.0 * utilization, proof.c_str());
}

}  // namespace

CompareRow make_compare_row(const arch::Architecture& arch, const std::string& dataflow,
                            const LayerResult& r) {
  CompareRow row;
  row.layer = r.name;
  row.dataflow = dataflow;
  row.macs = r.stats.macs;
  row.compute_instances = arch.compute.instances;
  row.feasible = r.search.found;
  row.claims = r.search;
  row.claims.best = {};
  row.claims.counts = {};
  row.claims.stats.curve.clear();
  if (!row.feasible) return row;
  row.energy_pj = r.stats.energy_pj;
  row.parts[kAlu] = r.stats.compute_energy_pj;
  for (std::size_t l = 0; l < r.stats.levels.size(); ++l) {
    const auto& level = r.stats.levels[l];
    row.parts[part_of(arch, l)] += level.energy_pj;
    if (part_of(arch, l) == kDram) {
      for (const auto& ds : level.dataspaces)
        row.dram_accesses += static_cast<double>(ds.reads + ds.fills + ds.updates);
    }
  }
  for (const auto& net : r.stats.networks) row.parts[kNoc] += net.energy_pj;
  row.dataspaces = r.stats.dataspace_energy_pj();
  row.cycles = r.stats.cycles;
  row.utilization = r.stats.utilization;
  return row;
}

std::string format_compare_table(const CompareTable& table) {
  std::string out = format("%s on %s, batch %lld (%s search, objective %s", table.network.c_str(),
                           table.arch_label.c_str(), static_cast<long long>(table.batch),
                           table.search.c_str(), table.objective.c_str());
  if (table.energy_tolerance > 0.0) {
    out += format("; energy tolerance %.3g%%: the fewest cycles within it of the least energy",
                  100.0 * table.energy_tolerance);
  }
  out += format(
      ")\nper layer: energy per MAC (pJ; %s; best marked *), cycles, utilization, and "
      "\"proven\" or the gap to the lower bound\n",
      table.energy_table.empty() ? "no energy table" : table.energy_table.c_str());
  int width = 16;
  for (const CompareRow& r : table.rows) width = std::max(width, static_cast<int>(r.layer.size()));
  const int cell_width = 39;
  out += format("%-*s", width, "");
  for (const auto& name : table.dataflows) {
    const int dashes = std::max(2, cell_width - 2 - static_cast<int>(name.size()) - 2);
    out += "  " + std::string(dashes / 2, '-') + " " + name + " " +
           std::string(dashes - dashes / 2, '-');
  }
  out += format("\n%-*s", width, "layer");
  for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
    out += format("  %9s %8s %6s %-11s", "pJ/MAC", "cycles", "util", "proof");
  }
  out += "\n";
  std::vector<std::string> notes;
  for (std::size_t l = 0; l < table.layers; ++l) {
    std::size_t best = table.dataflows.size();
    for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
      const CompareRow& r = table.rows[d * table.layers + l];
      if (r.feasible && (best == table.dataflows.size() ||
                         r.energy_pj < table.rows[best * table.layers + l].energy_pj)) {
        best = d;
      }
    }
    out += format("%-*s", width, table.rows[l].layer.c_str());
    for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
      const CompareRow& r = table.rows[d * table.layers + l];
      out += cell(r.feasible, r.energy_pj / static_cast<double>(r.macs), d == best,
                  static_cast<double>(r.cycles), r.utilization, mapper::proof_status(r.claims));
      if (!r.feasible) {
        notes.push_back(table.dataflows[d] + " " + r.layer + ": " + mapper::proof_status(r.claims) +
                        ": " + r.claims.infeasible_reason);
      }
    }
    out += "\n";
  }
  std::vector<Total> totals;
  for (std::size_t d = 0; d < table.dataflows.size(); ++d) totals.push_back(total_of(table, d));
  out += format("%-*s", width, "network");
  for (const Total& t : totals) {
    out += cell(t.macs > 0, t.macs == 0 ? 0.0 : t.energy_pj / static_cast<double>(t.macs), false,
                t.cycles, t.utilization(), t.proof());
  }
  out += "\n";
  for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
    if (totals[d].infeasible == 0) continue;
    notes.push_back(
        format("INCOMPLETE: %s has no mapping for %zu of %zu layers; its network "
               "totals leave them out",
               table.dataflows[d].c_str(), totals[d].infeasible, table.layers));
  }
  for (const auto& note : notes) out += "  " + note + "\n";
  out +=
      "\nBreakdown per MAC over the mapped layers (ALU / RF / NoC / buffer / DRAM | W / I / O), "
      "DRAM accesses per MAC, cycles:\n";
  for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
    const Total& t = totals[d];
    const double macs = t.macs == 0 ? 1.0 : static_cast<double>(t.macs);
    out += format("%-12s %7.3f %7.3f %7.3f %7.3f %8.3f | %7.3f %7.3f %7.3f | %7.4f | %.0f%s\n",
                  table.dataflows[d].c_str(), t.parts[kAlu] / macs, t.parts[kRf] / macs,
                  t.parts[kNoc] / macs, t.parts[kBuffer] / macs, t.parts[kDram] / macs,
                  t.data[0] / macs, t.data[1] / macs, t.data[2] / macs, t.dram / macs, t.cycles,
                  t.infeasible > 0 ? " (incomplete)" : "");
  }
  return out;
}

std::string compare_csv(const CompareTable& table) {
  std::string csv = "layer,dataflow,macs,energy_pj,energy_per_mac_pj";
  for (const char* part : kPartNames) csv += std::string(",") + part + "_per_mac_pj";
  csv +=
      ",weights_per_mac_pj,inputs_per_mac_pj,outputs_per_mac_pj,dram_accesses_per_mac,cycles,"
      "utilization,status,proved_optimal,gap,lower_bound,optimum,optimum_energy_pj,"
      "optimum_cycles,energy_tolerance,reason\n";
  for (const CompareRow& r : table.rows) {
    const double macs = static_cast<double>(r.macs);
    const mapper::SearchResult& c = r.claims;
    csv += r.layer + "," + r.dataflow + "," + std::to_string(r.macs);
    if (r.feasible) {
      csv += "," + num(r.energy_pj) + "," + num(r.energy_pj / macs);
      for (double part : r.parts) csv += "," + num(part / macs);
      for (double ds : r.dataspaces) csv += "," + num(ds / macs);
      csv += "," + num(r.dram_accesses / macs) + "," + std::to_string(r.cycles) + "," +
             num(r.utilization);
    } else {
      csv += std::string(2 + kParts + arch::kNumDataSpaces + 3, ',');
    }
    csv += "," + mapper::proof_status(c) + "," + (c.proved_optimal ? "true" : "false");
    if (r.feasible) {
      csv += "," + num(c.gap) + "," + num(c.lower_bound) + "," + num(c.optimum) + "," +
             num(c.optimum_energy_pj) + "," + std::to_string(c.optimum_cycles);
    } else {
      csv += ",,,,,";
    }
    csv += "," + num(c.energy_tolerance) + "," + csv_quote(c.infeasible_reason) + "\n";
  }
  return csv;
}

arch::Json compare_json(const CompareTable& table) {
  arch::Json list = arch::Json::array();
  for (const CompareRow& r : table.rows) {
    const double macs = static_cast<double>(r.macs);
    arch::Json row = {{"layer", r.layer}, {"dataflow", r.dataflow}, {"macs", r.macs}};
    if (r.feasible) {
      arch::Json parts = arch::Json::object();
      for (int p = 0; p < kParts; ++p) parts[kPartNames[p]] = r.parts[p] / macs;
      row.update({{"energy_pj", r.energy_pj},
                  {"energy_per_mac_pj", r.energy_pj / macs},
                  {"per_mac_pj_by_level", parts},
                  {"per_mac_pj_by_data",
                   {{"Weights", r.dataspaces[0] / macs},
                    {"Inputs", r.dataspaces[1] / macs},
                    {"Outputs", r.dataspaces[2] / macs}}},
                  {"dram_accesses_per_mac", r.dram_accesses / macs},
                  {"cycles", r.cycles},
                  {"utilization", r.utilization}});
    }
    row.update(search_claims_json(r.claims));
    list.push_back(row);
  }
  arch::Json totals = arch::Json::array();
  arch::Json incomplete = arch::Json::array();
  for (std::size_t d = 0; d < table.dataflows.size(); ++d) {
    const Total t = total_of(table, d);
    if (t.infeasible > 0) incomplete.push_back(table.dataflows[d]);
    totals.push_back({{"dataflow", table.dataflows[d]},
                      {"energy_pj", t.energy_pj},
                      {"macs", t.macs},
                      {"cycles", t.cycles},
                      {"utilization", t.utilization()},
                      {"complete", t.infeasible == 0},
                      {"infeasible_layers", t.infeasible},
                      {"all_proven", t.all_proven && t.infeasible == 0},
                      {"max_gap", t.max_gap}});
  }
  return {{"network", table.network},
          {"batch", table.batch},
          {"search", table.search},
          {"objective", table.objective},
          {"energy_tolerance", table.energy_tolerance},
          {"incomplete_dataflows", incomplete},
          {"totals", totals},
          {"rows", list}};
}

}  // namespace arraysim::cli
