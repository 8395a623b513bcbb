// Exhaustive search: every keep choice x factorization x free loop order, depth first over the
// dimensions, pruning partial mappings that already exceed a fan-out or a capacity. Work items are
// (keep choice, factorization of the first dimension), so threads never change the result.
#include <algorithm>
#include <atomic>
#include <limits>

#include "mapper/lower_bound.hpp"
#include "mapper/search_support.hpp"

namespace arraysim::mapper {

namespace {

struct Counters {
  std::uint64_t evaluated = 0;
  std::uint64_t valid = 0;
  std::uint64_t fanout = 0;
  std::uint64_t capacity = 0;
  std::uint64_t utilization = 0;
  std::uint64_t bound = 0;
};

// Relative slack on pruning: a bound and a score that are equal in exact arithmetic may differ in
// the last bits (different summation orders), and a tie must never be pruned.
constexpr double kPruneSlack = 1e-9;

// The least first metric found by any thread. A subtree whose bound exceeds (1 + tolerance) times
// it holds no candidate the selection could return (a bound equal to it is kept, so ties still
// break by enumeration order and threads never change the result).
class SharedIncumbent {
 public:
  explicit SharedIncumbent(double factor) : factor_(factor * (1.0 + kPruneSlack)) {}
  double prune_above() const { return factor_ * value_.load(std::memory_order_relaxed); }
  void offer(double v) {
    double current = value_.load(std::memory_order_relaxed);
    while (v < current && !value_.compare_exchange_weak(current, v)) {
    }
  }

 private:
  double factor_;
  std::atomic<double> value_{std::numeric_limits<double>::infinity()};
};

class ItemWalker {
 public:
  ItemWalker(const Mapspace& space, const energy::ResolvedEnergy& energy,
             const SearchOptions& options, SearchMonitor& monitor, SharedIncumbent& incumbent)
      : space_(space),
        options_(options),
        monitor_(monitor),
        incumbent_(incumbent),
        bound_(space, energy, options.objective),
        partial_(space),
        scorer_(space, energy, options.objective),
        orders_(space.num_levels()) {}

  // Item = (keep choice, factorizations of the first `prefix` dims), as a mixed-radix number.
  void walk(std::uint64_t item, std::size_t prefix, Selection& best) {
    item_ = item;
    sequence_ = 0;
    best_ = &best;
    for (Dim dim : arch::kAllDims) partial_.clear(dim);
    std::uint64_t rest = item;
    for (std::size_t depth = prefix; depth-- > 0;) {
      const Dim dim = space_.dim_order()[depth];
      const FactorizationSet& set = space_.factorizations(dim);
      partial_.assign(dim, set.get(rest % set.size(), scratch_[depth]));
      rest /= set.size();
    }
    if (rest != keep_index_) {  // consecutive items mostly share their keep choice
      keep_index_ = rest;
      partial_.set_keep_choice(rest);
      energy_floor_ = bound_.energy_floor(partial_.keep());
    }
    tick();
    if (stopped || !admissible() || !promising(prefix)) return;
    descend(prefix);
  }

  Counters counters;
  bool stopped = false;

 private:
  bool admissible() {
    if (!partial_.fanout_ok()) {
      ++counters.fanout;
      return false;
    }
    if (!partial_.capacity_ok()) {
      ++counters.capacity;
      return false;
    }
    return true;
  }

  bool promising(std::size_t assigned) {
    if (!options_.branch_and_bound) return true;
    if (bound_.first_metric(partial_, energy_floor_, assigned) <= incumbent_.prune_above()) {
      return true;
    }
    ++counters.bound;
    return false;
  }

  void descend(std::size_t depth) {
    if (stopped) return;
    if (depth == arch::kNumDims) {
      complete();
      return;
    }
    const Dim dim = space_.dim_order()[depth];
    const FactorizationSet& set = space_.factorizations(dim);
    for (std::uint64_t i = 0; i < set.size(); ++i) {
      tick();
      if (stopped) break;
      partial_.assign(dim, set.get(i, scratch_[depth]));
      if (admissible() && promising(depth + 1)) descend(depth + 1);
      if (stopped) break;
    }
    partial_.clear(dim);
  }

  void complete() {
    const double utilization = static_cast<double>(partial_.utilized_macs()) /
                               static_cast<double>(space_.arch().compute.instances);
    if (utilization < space_.dataflow().min_utilization) {
      ++counters.utilization;
      return;
    }
    std::vector<std::size_t> free_levels;
    for (std::size_t l = 0; l < space_.num_levels(); ++l) {
      orders_[l].clear();
      if (!space_.order_is_free(l)) continue;
      orders_[l] = partial_.temporal_dims(l);
      if (orders_[l].size() > 1) free_levels.push_back(l);
    }
    // Every combination of orders of the free levels (lexicographic permutations).
    for (;;) {
      score_current();
      std::size_t k = 0;
      while (k < free_levels.size() && !std::next_permutation(orders_[free_levels[k]].begin(),
                                                              orders_[free_levels[k]].end())) {
        ++k;
      }
      if (k == free_levels.size()) break;
    }
  }

  void score_current() {
    partial_.build_nest(orders_, nest_);
    ++counters.evaluated;
    Score score{};
    const OrderKey key{item_, sequence_++};
    if (!scorer_.score(nest_, score)) {
      ++counters.capacity;
      return;
    }
    ++counters.valid;
    const Cycle cycles = scorer_.last().counts.cycles;
    if (best_->wants(score, cycles, key)) {
      best_->offer(score, cycles, key, nest_);
      incumbent_.offer(score[0]);
      monitor_.record(score, counters.evaluated);
    }
    if ((counters.evaluated & 1023U) == 0) check_limits();
  }

  // The limits are checked every 1024 nodes too: a walk that prunes everything still stops.
  void tick() {
    if ((++nodes_ & 1023U) == 0) check_limits();
  }

  void check_limits() {
    stopped = monitor_.out_of_time() ||
              (options_.max_evaluations > 0 && counters.evaluated >= options_.max_evaluations);
  }

  const Mapspace& space_;
  const SearchOptions& options_;
  SearchMonitor& monitor_;
  SharedIncumbent& incumbent_;
  LowerBound bound_;
  double energy_floor_ = 0.0;
  std::uint64_t keep_index_ = std::numeric_limits<std::uint64_t>::max();
  PartialMapping partial_;
  Scorer scorer_;
  std::vector<std::vector<Dim>> orders_;
  std::array<Factorization, arch::kNumDims> scratch_;  // per depth, for unlisted factorizations
  LoopNest nest_;
  std::uint64_t item_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t nodes_ = 0;  // partial mappings visited
  Selection* best_ = nullptr;
};

}  // namespace

SearchResult search_exhaustive(const Mapspace& space, const energy::ResolvedEnergy& energy,
                               const SearchOptions& options) {
  // Enough items to balance the threads: split on the first dims until there are plenty.
  constexpr std::uint64_t kTargetItems = 512;
  std::uint64_t items = space.num_keep_choices();
  std::size_t prefix = 0;
  while (prefix < arch::kNumDims && items < kTargetItems) {
    const std::uint64_t next = space.factorizations(space.dim_order()[prefix]).size();
    if (items != 0 && next > std::numeric_limits<std::uint64_t>::max() / items) break;
    items *= next;
    ++prefix;
  }
  SearchMonitor monitor(options, items);
  const Selection empty(options.objective, options.energy_tolerance);
  SharedIncumbent incumbent(empty.tolerant() ? 1.0 + options.energy_tolerance : 1.0);
  const int threads = std::max(1, options.threads);
  std::vector<ItemWalker> walkers;
  walkers.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t)
    walkers.emplace_back(space, energy, options, monitor, incumbent);
  std::vector<Selection> bests(threads, empty);
  parallel_items_while(threads, items, [&](std::uint64_t item, int thread) {
    walkers[thread].walk(item, prefix, bests[thread]);
    monitor.item_done();
    return !walkers[thread].stopped;
  });

  Selection best = empty;
  SearchStats stats;
  stats.complete = true;
  for (int t = 0; t < threads; ++t) {
    best.merge(bests[t]);
    const Counters& c = walkers[t].counters;
    stats.evaluated += c.evaluated;
    stats.valid += c.valid;
    stats.invalid["fanout (pruned partial mappings)"] += c.fanout;
    stats.invalid["capacity (pruned partial mappings)"] += c.capacity;
    stats.invalid["utilization below the dataflow's minimum"] += c.utilization;
    stats.invalid["bound (pruned partial mappings that cannot beat the best)"] += c.bound;
    if (walkers[t].stopped) stats.complete = false;
  }
  monitor.finish(stats);
  const bool covered = stats.complete;
  return finish_result(space, energy, options, best, std::move(stats), covered);
}

}  // namespace arraysim::mapper
