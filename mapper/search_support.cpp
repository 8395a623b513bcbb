#include "mapper/search_support.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <limits>
#include <system_error>
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
    : options_(&options),
      start_(options.start == std::chrono::steady_clock::time_point{}
                 ? std::chrono::steady_clock::now()
                 : options.start),
      total_items_(total_items) {}

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

int max_threads() {
  return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()) * kThreadsPerCore);
}

void parallel_items(int threads, std::uint64_t count,
                    const std::function<void(std::uint64_t item, int thread)>& work) {
  parallel_items_while(threads, count, [&work](std::uint64_t item, int thread) {
    work(item, thread);
    return true;
  });
}

void parallel_items_while(int threads, std::uint64_t count,
                          const std::function<bool(std::uint64_t item, int thread)>& work) {
  std::atomic<std::uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr error;
  std::uint64_t error_item = std::numeric_limits<std::uint64_t>::max();
  auto run = [&](int thread) {
    for (std::uint64_t item = next++; item < count && !failed.load(); item = next++) {
      try {
        if (!work(item, thread)) return;
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (item < error_item) {
          error_item = item;
          error = std::current_exception();
        }
        failed = true;
      }
    }
  };
  const auto wanted = std::min<std::uint64_t>({static_cast<std::uint64_t>(std::max(1, threads)),
                                               static_cast<std::uint64_t>(max_threads()),
                                               std::max<std::uint64_t>(1, count)});
  std::vector<std::thread> pool;
  pool.reserve(wanted - 1);
  for (std::uint64_t t = 1; t < wanted; ++t) {
    try {
      pool.emplace_back(run, static_cast<int>(t));
    } catch (const std::system_error&) {
      // The system has no more threads to give: the ones running share every item anyway, and
      // the result does not depend on how many there are.
      break;
    }
  }
  run(0);
  for (auto& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace arraysim::mapper
