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

struct SearchResult {
  bool found = false;
  LoopNest best;
  ActionCounts counts;
  double energy_pj = 0.0;
  Score score{};
  bool proved_optimal = false;
  SearchStats stats;
};

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
