// Pieces shared by the searches: scoring a loop nest, keeping the best candidate with a
// deterministic tie-break, parallel work over indexed items, progress reporting.
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

// Where a candidate comes in a search's enumeration: (work item, position within it).
struct OrderKey {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  OrderKey() = default;
  OrderKey(std::uint64_t major_key, std::uint64_t minor_key = 0)  // NOLINT: plain numbers are keys
      : major(major_key), minor(minor_key) {}
  bool operator<(const OrderKey& other) const {
    return major < other.major || (major == other.major && minor < other.minor);
  }
};

// The best candidate: lowest score, ties to the lowest order key.
struct Best {
  bool found = false;
  Score score{};
  OrderKey order;
  LoopNest nest;

  bool improves(const Score& s, const OrderKey& key) const {
    return !found || s < score || (s == score && key < order);
  }
  void offer(const Score& s, const OrderKey& key, const LoopNest& candidate) {
    if (!improves(s, key)) return;
    found = true;
    score = s;
    order = key;
    nest = candidate;
  }
  void merge(const Best& other) {
    if (other.found) offer(other.score, other.order, other.nest);
  }
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

// Fills a result from the best nest (re-evaluated for its counts).
SearchResult finish_result(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options, const Best& best, SearchStats stats);

}  // namespace arraysim::mapper
