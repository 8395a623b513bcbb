// A design-space sweep spec: an architecture with axes (JSON pointers and their values), times the
// workloads, dataflows, objectives and precisions. Point i is computed from its index alone (mixed
// radix), so no point list is ever built; the spec hash identifies the resolved spec in streams.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "arch/dataflow.hpp"
#include "arch/json_reader.hpp"
#include "arch/network.hpp"

namespace arraysim::cli {

// Axis values and the documents they go into may nest at most this deep.
constexpr int kMaxSweepValueDepth = 64;
// At most this many distinct architectures are checked before a sweep starts (and by validate).
constexpr std::uint64_t kMaxCheckedArchitectures = 1000;

struct SweepAxis {
  std::vector<std::string> pointers;            // fields moved together
  std::vector<std::vector<arch::Json>> values;  // per pointer, one value per step
  std::uint64_t steps() const { return values.front().size(); }
};

struct Sweep {
  std::string file;
  std::string name;
  arch::Json architecture;
  std::string architecture_file;
  std::vector<std::string> workloads, dataflows, objectives;
  std::vector<arch::Network> networks;    // one per workload
  std::vector<arch::Dataflow> templates;  // one per dataflow
  std::vector<SweepAxis> axes;
  std::vector<int> bits;     // precision axis (every data space); empty: the layers' own
  std::uint64_t points = 0;  // every combination
  std::string spec_hash;     // of the resolved spec and the arraysim version
};

struct SweepPoint {
  std::uint64_t id = 0;
  std::vector<std::uint64_t> steps;  // per axis
  std::size_t workload = 0, dataflow = 0, objective = 0, bits = 0;
};

// The version recorded in streams and hashed with the spec.
const char* arraysim_version();

// Loads and checks a sweep (bits_override > 0 replaces the spec's precision axis). Throws
// SpecError on bad input, including an axis combination that is not a valid architecture.
Sweep load_sweep(const std::string& path, int bits_override = 0);

SweepPoint point_of(const Sweep& sweep, std::uint64_t id);

// The architecture of a point; `axes` receives {pointer: value} of every axis (and "bits").
arch::Json architecture_of(const Sweep& sweep, const SweepPoint& point, arch::Json& axes);

// Whether containers nest more than `limit` levels deep in `value` (iterative, no recursion).
bool json_deeper_than(const arch::Json& value, int limit);

// Number of points of shard i of N: ids i, i + N, ... below `points`.
std::uint64_t shard_points(std::uint64_t points, std::uint64_t shard, std::uint64_t shards);

}  // namespace arraysim::cli
