// Random search: the samples of work item k (a fixed block of kSamplesPerItem) are drawn in order
// from stream k of the seed, so the samples and the winner are the same for any thread count
// (seeding one generator per block, not per sample, keeps seeding out of the profile).
#include <utility>

#include "mapper/search_sampling.hpp"
#include "mapper/search_support.hpp"

namespace arraysim::mapper {

namespace {
constexpr std::uint64_t kDefaultSamples = 20000;
constexpr std::uint64_t kSamplesPerItem = 256;
}  // namespace

SearchResult search_random(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options) {
  const Selection empty(options.objective, options.energy_tolerance);
  if (!has_points(space)) {  // no valid mapping is a result, not something to sample
    return finish_result(space, energy, options, empty, {}, true);
  }
  const std::uint64_t samples =
      options.max_evaluations > 0 ? options.max_evaluations : kDefaultSamples;
  const std::uint64_t items = (samples + kSamplesPerItem - 1) / kSamplesPerItem;
  const int threads = std::max(1, options.threads);
  SearchMonitor monitor(options, items);
  struct Worker {
    explicit Worker(Selection none) : best(std::move(none)) {}
    Selection best;
    std::map<std::string, std::uint64_t> invalid;
    std::uint64_t evaluated = 0, valid = 0;
    bool stopped = false;
  };
  std::vector<Worker> workers(threads, Worker(empty));
  parallel_items(threads, items, [&](std::uint64_t item, int thread) {
    Worker& worker = workers[thread];
    if (worker.stopped || monitor.out_of_time()) {
      worker.stopped = true;
      return;
    }
    PartialMapping partial(space);
    Scorer scorer(space, energy, options.objective);
    LoopNest nest;
    const std::uint64_t end = std::min(samples, (item + 1) * kSamplesPerItem);
    Rng rng = make_rng(options.seed, item);
    for (std::uint64_t i = item * kSamplesPerItem; i < end; ++i) {
      MapspacePoint point = random_point(space, rng);
      const PointStatus status = build_point(space, point, partial, nest);
      ++worker.evaluated;
      Score score{};
      if (status != PointStatus::Ok) {
        ++worker.invalid[point_status_reason(status)];
      } else if (!scorer.score(nest, score)) {
        ++worker.invalid["capacity"];
      } else {
        ++worker.valid;
        const Cycle cycles = scorer.last().counts.cycles;
        if (worker.best.wants(score, cycles, i)) {
          worker.best.offer(score, cycles, i, nest);
          monitor.record(score, i);
        }
      }
    }
    monitor.item_done();
  });
  Selection best = empty;
  SearchStats stats;
  stats.complete = false;
  for (const Worker& worker : workers) {
    best.merge(worker.best);
    stats.evaluated += worker.evaluated;
    stats.valid += worker.valid;
    for (const auto& [reason, count] : worker.invalid) stats.invalid[reason] += count;
  }
  monitor.finish(stats);
  return finish_result(space, energy, options, best, std::move(stats), false);
}

}  // namespace arraysim::mapper
