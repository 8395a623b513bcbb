// Pieces shared by the searches: scoring a loop nest, parallel work over indexed items, progress
// reporting, and turning the selected candidate into a result with its bound and gap.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>

#include "mapper/search.hpp"

namespace arraysim::mapper {

// Scores nests of one mapspace; owns scratch storage so scoring does not allocate.
class Scorer {
 public:
  Scorer(const Mapspace& space, const energy::ResolvedEnergy& energy, const Objective& objective)
      : space_(&space), energy_(&energy), objective_(&objective) {}
  // False when the nest is invalid (a tile does not fit).
  bool score(const LoopNest& nest, Score& out);
  const Evaluation& last() const { return evaluation_; }
  double last_energy() const { return energy_pj_; }

 private:
  const Mapspace* space_;
  const energy::ResolvedEnergy* energy_;
  const Objective* objective_;
  Evaluation evaluation_;
  double energy_pj_ = 0.0;
};

// Shared state of one search run: clock, counters, best-so-far curve and progress line.
class SearchMonitor {
 public:
  SearchMonitor(const SearchOptions& options, std::uint64_t total_items);
  double elapsed() const;
  bool out_of_time() const;
  void item_done();
  void record(const Score& score, std::uint64_t evaluated);  // a thread found a new local best
  void finish(SearchStats& stats);

 private:
  const SearchOptions* options_;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t total_items_;
  std::atomic<std::uint64_t> items_done_{0};
  std::atomic<double> next_report_{0.5};
  std::mutex mutex_;
  bool have_best_ = false;
  double best_ = 0.0;
  std::vector<CurvePoint> curve_;
};

// Worker threads per hardware thread that a search or sweep may start.
constexpr int kThreadsPerCore = 4;
// The most worker threads started: kThreadsPerCore x the hardware threads.
int max_threads();

// Runs work(item, thread) for items 0..count-1 on at most `threads` threads (no more than
// max_threads() or count), items handed out in order. If work throws, no new items start, every
// thread is joined and the exception of the lowest failing item is rethrown here.
void parallel_items(int threads, std::uint64_t count,
                    const std::function<void(std::uint64_t item, int thread)>& work);
// The same, except that a thread takes no more items once work returns false.
void parallel_items_while(int threads, std::uint64_t count,
                          const std::function<bool(std::uint64_t item, int thread)>& work);

// Fills a result from the selection (the chosen nest re-evaluated for its counts) with the
// mapspace's lower bound and the gap; `covered` says the whole mapspace was searched.
SearchResult finish_result(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options, const Selection& selection,
                           SearchStats stats, bool covered);

// Whether every dimension has a factorization and there is a keep choice (sampling needs both).
bool has_points(const Mapspace& space);
// Why a mapspace has no point at all (a dimension without a factorization the dataflow allows, or
// no keep choice); empty when it has points. Searches return this as a value, never sample it.
std::string empty_mapspace_reason(const Mapspace& space);

}  // namespace arraysim::mapper
