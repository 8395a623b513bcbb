// Sweep summaries from stream rows: CSV and JSONL lines are rendered as rows arrive and kept as
// text, so a million-point merge holds a few hundred bytes per point; the Pareto front comes from
// the O(n log n) sweep in pareto.cpp over the rows whose status is "ok".
#include "sim/cli/sweep_results.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "sim/cli/synced_file.hpp"

namespace arraysim::cli {

namespace {

double objective(const arch::Json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_number() ? it->get<double>()
                                            : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

ResultTable::ResultTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}

void ResultTable::add(std::uint64_t id, const arch::Json& row, const std::string& line) {
  Entry entry{};
  entry.id = id;
  entry.order = entries_.size();
  entry.text = text_.size();
  text_ += line;
  text_ += '\n';
  entry.json_size = static_cast<std::uint32_t>(text_.size() - entry.text);
  const std::size_t csv_start = text_.size();
  text_ += std::to_string(id);
  const arch::Json& axes = row["axes"];
  for (const auto& column : columns_) {
    text_ += ',';
    text_ += axes.value(column, arch::Json()).dump();
  }
  for (const char* key : {"workload", "dataflow", "objective"}) {
    text_ += ',';
    text_ += row[key].get<std::string>();
  }
  for (const char* key : {"energy_pj", "cycles", "edp", "area_um2", "energy_per_mac_pj"}) {
    text_ += ',';
    if (row.contains(key)) text_ += row[key].dump();
  }
  const std::string& status = row["status"].get_ref<const std::string&>();
  text_ += ',';
  text_ += status;
  text_ += '\n';
  entry.csv_size = static_cast<std::uint32_t>(text_.size() - csv_start);
  entry.group =
      groups_
          .emplace(row["workload"].get<std::string>(), static_cast<std::uint32_t>(groups_.size()))
          .first->second;
  entry.ok = status == "ok";
  entry.objectives = {objective(row, "energy_pj"), objective(row, "cycles"),
                      objective(row, "area_um2")};
  entries_.push_back(entry);
}

const std::vector<std::uint64_t>& ResultTable::finish() {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.id != b.id ? a.id < b.id : a.order < b.order;
  });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const Entry& a, const Entry& b) { return a.id == b.id; }),
                 entries_.end());
  ids_.clear();
  ids_.reserve(entries_.size());
  for (const Entry& e : entries_) ids_.push_back(e.id);
  return ids_;
}

std::string ResultTable::csv_header() const {
  std::string header = "id";
  for (const auto& column : columns_) header += "," + column;
  return header +
         ",workload,dataflow,objective,energy_pj,cycles,edp,area_um2,energy_per_mac_pj,status\n";
}

void ResultTable::write(const std::string& dir) const {
  const std::filesystem::path out(dir);
  std::vector<ParetoPoint> candidates;
  std::vector<std::size_t> candidate_entry;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i].ok) continue;
    candidates.push_back({entries_[i].group, entries_[i].objectives});
    candidate_entry.push_back(i);
  }
  const std::vector<std::size_t> front = pareto_front(candidates, 3);
  SyncedFile csv((out / "results.csv").string());
  SyncedFile jsonl((out / "results.jsonl").string());
  SyncedFile pareto((out / "pareto.csv").string());
  csv.write(csv_header());
  pareto.write(csv_header());
  for (const Entry& e : entries_) {
    jsonl.write(std::string_view(text_).substr(e.text, e.json_size));
    csv.write(std::string_view(text_).substr(e.text + e.json_size, e.csv_size));
  }
  for (std::size_t k : front) {  // ascending candidate index: ascending id
    const Entry& e = entries_[candidate_entry[k]];
    pareto.write(std::string_view(text_).substr(e.text + e.json_size, e.csv_size));
  }
  csv.commit();
  jsonl.commit();
  pareto.commit();
}

}  // namespace arraysim::cli
