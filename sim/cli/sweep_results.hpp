// The summaries of a sweep run or merge: results.csv and results.jsonl (one row per point,
// sorted by id, each id once) and pareto.csv (per workload, the points no other point beats on
// energy, cycles and area at once). Rows are kept compactly: text plus the three objectives.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "arch/json_reader.hpp"
#include "sim/cli/pareto.hpp"

namespace arraysim::cli {

class ResultTable {
 public:
  // `columns`: the axis pointers (and "bits") in CSV order.
  explicit ResultTable(std::vector<std::string> columns);

  // `line`: the row as it stands in its stream (written by row.dump()), kept for results.jsonl.
  // Room for rows read from streams of `stream_bytes` bytes in all (saves regrowing the text).
  void reserve(std::uint64_t stream_bytes) { text_.reserve(stream_bytes + stream_bytes / 2); }
  void add(std::uint64_t id, const arch::Json& row, const std::string& line);
  // Sorts by id and drops repeated ids (the first added wins); returns the ids, ascending.
  const std::vector<std::uint64_t>& finish();
  // Writes the three files into `dir` (each whole or not at all). Call finish() first.
  void write(const std::string& dir) const;

 private:
  struct Entry {
    std::uint64_t id;
    std::size_t order;  // insertion order, for "first wins"
    std::size_t text;   // offset of the JSONL line, then the CSV line, in text_
    std::uint32_t json_size, csv_size;
    std::uint32_t group;
    bool ok;
    std::array<double, 3> objectives;
  };
  std::string csv_header() const;

  std::vector<std::string> columns_;
  std::vector<Entry> entries_;
  std::string text_;
  std::unordered_map<std::string, std::uint32_t> groups_;
  std::vector<std::uint64_t> ids_;
};

}  // namespace arraysim::cli
