// Action counts of one layer run: per level and data space the reads, fills and updates per
// instance, per network stage the transfers, and the cycles. Shared by the analytical model and
// the simulator so that energy code is shared and results compare directly.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::mapper {

using Cycle = std::uint64_t;

constexpr std::size_t kMaxLevels = arch::kMaxStorageLevels;  // storage levels of a loop nest

struct DataSpaceCounts {
  std::uint64_t utilized_capacity = 0;  // words of the tile held by one instance
  std::uint64_t reads = 0;              // per instance
  std::uint64_t fills = 0;              // per instance
  std::uint64_t updates = 0;            // per instance (Outputs only)
};

struct LevelCounts {
  arch::DataSpaceMask keep = 0;
  std::int64_t instances = 1;
  std::int64_t utilized_instances = 1;
  std::array<DataSpaceCounts, arch::kNumDataSpaces> dataspaces{};
  Cycle cycles = 0;  // bandwidth-limited cycles of one instance
};

// Words moved over the links into one level (or into the MACs) from the nearest keeping ancestor.
struct NetworkCounts {
  std::size_t into = 0;  // child level index; num_levels means the MACs
  std::array<std::uint64_t, arch::kNumDataSpaces> transfers{};  // parent-side words, all instances
  std::array<std::uint64_t, arch::kNumDataSpaces> delivered{};  // child-side words, all instances
  // Words x links traversed on the stage's topology (each transfer along its multicast,
  // reduction or unicast tree), and words x routers passed on the way.
  std::array<std::uint64_t, arch::kNumDataSpaces> link_words{};
  std::array<std::uint64_t, arch::kNumDataSpaces> router_words{};
};

struct ActionCounts {
  std::uint64_t macs = 0;
  // Bits of each data space's values (0: a level's word); narrower values pack into its words.
  std::array<int, arch::kNumDataSpaces> bits{};
  int psum_bits = 0;  // partial sums (mapper/precision.hpp says which accesses carry them)
  std::int64_t utilized_macs = 1;
  Cycle compute_cycles = 0;
  Cycle cycles = 0;
  std::vector<LevelCounts> levels;
  std::vector<NetworkCounts> networks;
};

// Words entering one instance of each keeping level over the run, per data space; index
// num_levels stands for the MACs (one operand per iteration).
using EnteringWords = std::array<std::array<std::uint64_t, kMaxLevels + 1>, arch::kNumDataSpaces>;

}  // namespace arraysim::mapper
