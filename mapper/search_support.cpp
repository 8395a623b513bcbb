#include "mapper/search_support.hpp"

#include <cstdio>
#include <thread>

#include "arch/logging.hpp"
#include "mapper/stats.hpp"

namespace arraysim::mapper {

bool Scorer::score(const LoopNest& nest, Score& out) {
  evaluate_into(space_->arch(), space_->layer(), nest, evaluation_);
  if (!evaluation_.ok()) return false;
  energy_pj_ = total_energy_pj(space_->arch(), evaluation_.counts, *energy_);
  out = objective_->score(energy_pj_, evaluation_.counts.cycles);
  return true;
}

SearchMonitor::SearchMonitor(const SearchOptions& options, std::uint64_t total_items)
    : options_(&options), start_(std::chrono::steady_clock::now()), total_items_(total_items) {}

double SearchMonitor::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool SearchMonitor::out_of_time() const {
  return options_->time_limit_s > 0.0 && elapsed() > options_->time_limit_s;
}

void SearchMonitor::item_done() {
  const std::uint64_t done = ++items_done_;
  const bool debug = log::mapper().should_log(spdlog::level::debug);
  if (!options_->progress && !debug) return;
  const double now = elapsed();
  double due = next_report_.load();
  if (now < due || !next_report_.compare_exchange_strong(due, now + 0.5)) return;
  const double eta =
      done == 0 ? 0.0 : now * static_cast<double>(total_items_ - done) / static_cast<double>(done);
  const double percent = 100.0 * static_cast<double>(done) / static_cast<double>(total_items_);
  if (debug) {
    log::mapper().debug("search: {}/{} ({:.0f}%), {:.1f} s elapsed, ETA {:.1f} s", done,
                        total_items_, percent, now, eta);
  }
  if (!options_->progress) return;
  std::fprintf(stderr, "\rsearch: %llu/%llu (%.0f%%), %.1f s elapsed, ETA %.1f s   ",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_items_),
               percent, now, eta);
}

void SearchMonitor::record(const Score& score, std::uint64_t evaluated) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (have_best_ && score[0] >= best_) return;
  have_best_ = true;
  best_ = score[0];
  curve_.push_back({elapsed(), evaluated, score[0]});
}

void SearchMonitor::finish(SearchStats& stats) {
  if (options_->progress) std::fprintf(stderr, "\r%70s\r", "");
  stats.seconds = elapsed();
  stats.curve = curve_;
}

void parallel_items(int threads, std::uint64_t count,
                    const std::function<void(std::uint64_t item, int thread)>& work) {
  std::atomic<std::uint64_t> next{0};
  auto run = [&](int thread) {
    for (std::uint64_t item = next++; item < count; item = next++) work(item, thread);
  };
  const int n = std::max(1, threads);
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(run, t);
  run(0);
  for (auto& thread : pool) thread.join();
}

SearchResult finish_result(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options, const Best& best, SearchStats stats) {
  SearchResult result;
  result.stats = std::move(stats);
  result.stats.mapspace_size = space.size();
  if (!best.found) return result;
  Scorer scorer(space, energy, options.objective);
  Score score{};
  scorer.score(best.nest, score);
  result.found = true;
  result.best = best.nest;
  result.counts = scorer.last().counts;
  result.energy_pj = scorer.last_energy();
  result.score = score;
  return result;
}

}  // namespace arraysim::mapper
