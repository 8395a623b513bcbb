// Mapspace search behind a name-keyed registry: "exhaustive" (proves the optimum of the
// constrained mapspace when it completes), "random" (seeded sampling) and "anneal" (simulated
// annealing). Threads split the work into fixed pieces and ties break by enumeration order, so the
// result does not depend on the thread count.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "arch/energy/estimator.hpp"
#include "mapper/mapspace.hpp"
#include "mapper/model.hpp"
#include "mapper/objective.hpp"
#include "mapper/search_selection.hpp"

namespace arraysim::mapper {

struct SearchOptions {
  Objective objective;
  int threads = 1;
  std::uint64_t seed = 1;
  double time_limit_s = 0.0;          // 0: no limit
  std::uint64_t max_evaluations = 0;  // 0: the search's default (exhaustive: all)
  bool progress = false;              // progress with ETA on stderr
  bool branch_and_bound = true;       // exhaustive: prune subtrees whose bound exceeds the best
  // When the time limit started counting (set before building the mapspace so that set-up counts
  // too); the default: when the search starts.
  std::chrono::steady_clock::time_point start{};
  // Objectives starting with energy: return, among the mappings within (1 + tolerance) of the
  // least energy, the one with the fewest cycles (search_selection.hpp). 0: the pure optimum.
  double energy_tolerance = kDefaultEnergyTolerance;
};

struct CurvePoint {
  double seconds = 0.0;
  std::uint64_t evaluated = 0;
  double best = 0.0;  // first metric of the best score so far
};

struct SearchStats {
  std::uint64_t evaluated = 0;                   // complete mappings scored
  std::uint64_t valid = 0;                       // of those, valid
  std::map<std::string, std::uint64_t> invalid;  // rejected or pruned, by reason
  double seconds = 0.0;
  double mapspace_size = 0.0;
  bool complete = false;  // the whole space was covered
  std::vector<CurvePoint> curve;
};

// The returned mapping and what the search can claim about it. `optimum` is the least first
// metric found (E* for energy objectives); the returned mapping scores within the energy tolerance
// of it. `lower_bound` bounds the first metric of every mapping of the mapspace from below
// (LowerBound::global), so the true optimum lies in [lower_bound, optimum].
struct SearchResult {
  bool found = false;
  LoopNest best;
  ActionCounts counts;
  double energy_pj = 0.0;
  Score score{};
  // `optimum` is the optimum: the exhaustive search covered the whole mapspace, or the optimum
  // found meets the lower bound (within 1e-9 relative).
  bool proved_optimal = false;
  double optimum = 0.0;
  double optimum_energy_pj = 0.0;  // energy and cycles of the mapping scoring `optimum`
  Cycle optimum_cycles = 0;
  double lower_bound = 0.0;
  double gap = 0.0;  // (optimum - lower_bound) / optimum; 0 when proved
  double energy_tolerance =
      0.0;  // the tolerance applied (0 unless the objective starts with energy)
  // No mapping found: why, and whether no valid mapping exists at all (the whole space covered,
  // or no dimension has a factorization) rather than none found by sampling.
  std::string infeasible_reason;
  bool proved_infeasible = false;
  SearchStats stats;
};

// "proven", "gap 3.21%", "infeasible" or "none found": the claim a table can print.
std::string proof_status(const SearchResult& result);

using SearchFunction = SearchResult (*)(const Mapspace&, const energy::ResolvedEnergy&,
                                        const SearchOptions&);

const std::map<std::string, SearchFunction>& search_registry();
std::vector<std::string> search_names();
// Throws std::invalid_argument for an unknown search name.
SearchResult run_search(const std::string& name, const Mapspace& space,
                        const energy::ResolvedEnergy& energy, const SearchOptions& options);

SearchResult search_exhaustive(const Mapspace& space, const energy::ResolvedEnergy& energy,
                               const SearchOptions& options);
SearchResult search_random(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options);
SearchResult search_anneal(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options);

}  // namespace arraysim::mapper
