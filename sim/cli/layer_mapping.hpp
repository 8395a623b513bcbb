// Maps the MAC layers of a workload under one dataflow: identical layer shapes once, distinct
// layers in parallel (one search thread each) or one layer with every thread; shared by `map`
// and `compare`.
#pragma once

#include <string>
#include <vector>

#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "mapper/search.hpp"
#include "mapper/stats.hpp"

namespace arraysim::cli {

struct LayerResult {
  std::string name;
  mapper::SearchResult search;  // search.found false: no valid mapping (search.infeasible_reason)
  mapper::Stats stats;          // of the chosen mapping; only layer and macs when none was found
};

// Sets every data space of every MAC layer to `bits` bits (1 to 32): capacities and energies
// then count packed values. 0 leaves the layers as they are.
void apply_bits(arch::Network& net, int bits);
// Sets the partial-sum precision of every MAC layer to `bits` (1 to 64); 0 leaves the layers'
// own ("Psums" in their "bits", else the MAC's accumulator_bits).
void apply_psum_bits(arch::Network& net, int bits);
// Sets every layer's batch N (and the network's) to `batch`; 0 keeps the file's.
void apply_batch(arch::Network& net, std::int64_t batch);

// Search options from command-line words; throws SpecError naming the flag on a bad value. More
// threads than mapper::max_threads() are cut to it, with a warning.
mapper::SearchOptions make_search_options(const std::string& objective, const std::string& search,
                                          int threads, std::uint64_t seed, double time_limit,
                                          std::uint64_t max_evaluations, bool quiet);

// Throws SpecError when a layer has no valid mapping, unless `allow_infeasible`: then that
// layer's result says so (search.found false) and the others are still mapped. Warns when the
// dataflow lets a layer use fewer than half the MACs, or its operands are wider than the MACs.
std::vector<LayerResult> map_layers(const arch::Architecture& arch, const arch::Network& net,
                                    const std::vector<const arch::Layer*>& layers,
                                    const arch::Dataflow& dataflow,
                                    const energy::ResolvedEnergy& energy,
                                    const std::string& search_name, mapper::SearchOptions search,
                                    bool quiet, bool allow_infeasible = false);

// What the search can claim about a layer's result, for JSON outputs (map, compare, sweep rows):
// "status" (proven / gap x% / infeasible / none found), "proved_optimal", "gap", "lower_bound"
// and "optimum" (of the objective's first metric), the optimum mapping's energy and cycles,
// "energy_tolerance", and "infeasible_reason" when no mapping was found.
arch::Json search_claims_json(const mapper::SearchResult& result);

// "--energy-tolerance" as a fraction (0.005 = 0.5%); throws SpecError outside [0, 1].
double check_energy_tolerance(double tolerance);

}  // namespace arraysim::cli
