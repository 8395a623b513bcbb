// Simulated annealing: a fixed number of chains (independent of the thread count), each moving one
// prime factor between two slots of a dimension, swapping two loops of a free order or changing
// the keep choice, accepting worse points with probability exp(-increase / temperature) on the
// log of the objective.
#include <cmath>
#include <utility>

#include "mapper/search_sampling.hpp"
#include "mapper/search_support.hpp"

namespace arraysim::mapper {

namespace {

constexpr std::uint64_t kChains = 8;
constexpr std::uint64_t kDefaultEvaluations = 40000;
constexpr int kStartAttempts = 20000;
constexpr double kStartTemperature = 0.2;  // in log-objective units: a 20% worse point
constexpr double kEndTemperature = 0.002;

// Moves one prime factor of a dimension from one slot to another, if the result is admissible.
bool move_factor(const Mapspace& space, MapspacePoint& point, Rng& rng) {
  const Dim dim = arch::kAllDims[std::uniform_int_distribution<int>(0, arch::kNumDims - 1)(rng)];
  const FactorizationSet& set = space.factorizations(dim);
  Factorization factors = set.at(point.factorization[arch::index(dim)]);
  if (factors.size() < 2) return false;
  std::uniform_int_distribution<std::size_t> slot(0, factors.size() - 1);
  const std::size_t from = slot(rng);
  const std::size_t to = slot(rng);
  if (from == to || factors[from] == 1) return false;
  const std::int64_t prime = static_cast<std::int64_t>(
      prime_factorization(static_cast<std::uint64_t>(factors[from])).front().prime);
  factors[from] /= prime;
  factors[to] *= prime;
  const auto index = set.index_of(factors);
  if (!index) return false;
  point.factorization[arch::index(dim)] = *index;
  return true;
}

double log_objective(const Score& score) { return std::log(std::max(score[0], 1e-300)); }

}  // namespace

SearchResult search_anneal(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options) {
  const Selection empty(options.objective, options.energy_tolerance);
  if (!has_points(space)) {  // no valid mapping is a result, not something to sample
    return finish_result(space, energy, options, empty, {}, true);
  }
  const std::uint64_t budget =
      options.max_evaluations > 0 ? options.max_evaluations : kDefaultEvaluations;
  const std::uint64_t steps = std::max<std::uint64_t>(1, budget / kChains);
  SearchMonitor monitor(options, kChains);
  struct Chain {
    explicit Chain(Selection none) : best(std::move(none)) {}
    Selection best;
    std::uint64_t evaluated = 0, valid = 0;
    std::map<std::string, std::uint64_t> invalid;
    bool cut_short = false;
  };
  std::vector<Chain> chains(kChains, Chain(empty));
  parallel_items(options.threads, kChains, [&](std::uint64_t c, int) {
    Chain& chain = chains[c];
    Rng rng = make_rng(options.seed, 0x9e3779b97f4a7c15ULL + c);
    PartialMapping partial(space);
    Scorer scorer(space, energy, options.objective);
    LoopNest nest;
    MapspacePoint current;
    Score current_score{};
    bool started = false;
    for (int attempt = 0; attempt < kStartAttempts && !started; ++attempt) {
      current = random_point(space, rng);
      ++chain.evaluated;
      const PointStatus status = build_point(space, current, partial, nest);
      if (status != PointStatus::Ok) {
        ++chain.invalid[point_status_reason(status)];
        continue;
      }
      started = scorer.score(nest, current_score);
    }
    if (!started) {
      monitor.item_done();
      return;
    }
    ++chain.valid;
    chain.best.offer(current_score, scorer.last().counts.cycles, c << 40U, nest);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (std::uint64_t step = 1; step < steps; ++step) {
      if ((step & 255U) == 0 && monitor.out_of_time()) {
        chain.cut_short = true;
        break;
      }
      MapspacePoint candidate = current;
      if (uniform(rng) < 0.7) {
        if (!move_factor(space, candidate, rng)) mutate(space, candidate, rng);
      } else {
        mutate(space, candidate, rng);
      }
      ++chain.evaluated;
      const PointStatus status = build_point(space, candidate, partial, nest);
      Score score{};
      if (status != PointStatus::Ok) {
        ++chain.invalid[point_status_reason(status)];
        continue;
      }
      if (!scorer.score(nest, score)) {
        ++chain.invalid["capacity"];
        continue;
      }
      ++chain.valid;
      const double progress = static_cast<double>(step) / static_cast<double>(steps);
      const double temperature =
          kStartTemperature * std::pow(kEndTemperature / kStartTemperature, progress);
      const double increase = log_objective(score) - log_objective(current_score);
      if (score <= current_score || uniform(rng) < std::exp(-increase / temperature)) {
        current = candidate;
        current_score = score;
      }
      const Cycle cycles = scorer.last().counts.cycles;
      if (chain.best.wants(score, cycles, (c << 40U) | step)) {
        chain.best.offer(score, cycles, (c << 40U) | step, nest);
        monitor.record(score, chain.evaluated);
      }
    }
    monitor.item_done();
  });
  Selection best = empty;
  SearchStats stats;
  for (const Chain& chain : chains) {
    best.merge(chain.best);
    stats.evaluated += chain.evaluated;
    stats.valid += chain.valid;
    for (const auto& [reason, count] : chain.invalid) stats.invalid[reason] += count;
  }
  monitor.finish(stats);
  return finish_result(space, energy, options, best, std::move(stats), false);
}

}  // namespace arraysim::mapper
