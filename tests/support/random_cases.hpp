// Seeded random test cases (architecture, layer and loop nest built directly as structs) shared
// by the property tests of the model, the brute-force reference and the simulator.
#pragma once

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"

namespace arraysim::testing {

struct RandomCase {
  arch::Architecture arch;
  arch::Layer layer;
  mapper::LoopNest nest;
};

// Bounds of the random layers: per dimension (N G M C P Q R S) and on the MAC count.
struct LayerLimits {
  arch::DimSizes max_sizes;
  std::uint64_t max_macs = 0;
};
extern const LayerLimits kSmallLayers;
extern const LayerLimits kLargerLayers;

RandomCase random_case(std::mt19937& rng, const LayerLimits& limits);
std::string describe(const RandomCase& rc);
// Field-by-field differences between two sets of counts, kept data spaces only.
std::vector<std::string> differences(const mapper::ActionCounts& model,
                                     const mapper::ActionCounts& ref, const RandomCase& rc,
                                     const std::string& ref_name);
std::string join(const std::vector<std::string>& lines);
// A case from spec files (the first layer of the workload), and every Timeloop golden case
// (tests/golden/timeloop/<name>/{arch,workload,mapping}.json) by name.
RandomCase load_case(const std::string& arch, const std::string& workload,
                     const std::string& mapping);
std::vector<std::pair<std::string, RandomCase>> timeloop_golden_cases();
// Random bandwidths, latencies, buffering, network topologies and DRAM rows on every level.
void add_random_timing(arch::Architecture& a, std::mt19937& rng);
std::string keep_names(arch::DataSpaceMask keep);

}  // namespace arraysim::testing
