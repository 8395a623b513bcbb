// The two things `arraysim sweep` does: run (a shard of) a sweep into a stream, and merge the
// streams of shard runs into one set of summaries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/cli/sweep_spec.hpp"

namespace arraysim::cli {

// A run refuses more points than this unless forced (--force); above kWarnPointsPerRun it warns.
constexpr std::uint64_t kMaxPointsPerRun = 1000000;
constexpr std::uint64_t kWarnPointsPerRun = 100000;

struct SweepOptions {
  std::string sweep, out = "sweep_out", shard;
  std::vector<std::string> merge;
  int bits = 0;
  bool resume = false;
  bool partial = false;
  bool force = false;
  bool dry_run = false;
  int threads = 0;
  bool quiet = false;
};

// Runs the points of options.shard (all without it) into OUT/stream.jsonl, then writes the
// summaries and OUT/complete.json. Throws SpecError on bad input, std::runtime_error otherwise.
void run_sweep(const Sweep& sweep, const SweepOptions& options);

// Joins the streams of options.merge into OUT. Every point must be there unless options.partial.
void merge_sweep(const Sweep& sweep, const SweepOptions& options);

// The CSV columns of the axes: every pointer, then "bits" when there is a precision axis.
std::vector<std::string> result_columns(const Sweep& sweep);

}  // namespace arraysim::cli
