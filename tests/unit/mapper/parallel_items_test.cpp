// Work sharing over threads: a worker's exception reaches the caller (never std::terminate), the
// other threads stop taking items and are joined; a huge thread count is capped, not attempted.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "mapper/search_support.hpp"

namespace {

namespace mapper = arraysim::mapper;

}  // namespace

TEST_CASE("parallel_items rethrows a worker's exception after joining every thread", "[mapper]") {
  for (int threads : {1, 2, 8}) {
    INFO(threads << " threads");
    std::atomic<int> running{0};
    std::atomic<std::uint64_t> after_failure{0};
    std::atomic<bool> failed{false};
    try {
      mapper::parallel_items(threads, 100000, [&](std::uint64_t item, int) {
        ++running;
        if (failed.load()) ++after_failure;
        if (item == 37 || item == 41) {
          failed = true;
          --running;
          throw std::runtime_error("item " + std::to_string(item));
        }
        std::this_thread::yield();
        --running;
      });
      FAIL("no exception reached the caller");
    } catch (const std::runtime_error& error) {
      // The lowest failing item's exception, whichever thread hit it.
      const std::string what = error.what();
      CHECK((what == "item 37" || what == "item 41"));
      if (threads == 1) CHECK(what == "item 37");
    }
    CHECK(running.load() == 0);  // every worker had returned: the threads were joined
    // Items handed out before the failure was recorded may run; the rest of the 100,000 never do.
    CHECK(after_failure.load() < 1000);
  }
}

TEST_CASE("parallel_items caps the thread count and still runs every item once", "[mapper]") {
  const int cap = mapper::max_threads();
  CHECK(cap == static_cast<int>(std::max(1U, std::thread::hardware_concurrency())) *
                   mapper::kThreadsPerCore);
  std::vector<std::atomic<int>> runs(5000);
  std::set<int> threads_seen;
  std::mutex mutex;
  mapper::parallel_items(100000, runs.size(), [&](std::uint64_t item, int thread) {
    ++runs[item];
    std::lock_guard<std::mutex> lock(mutex);
    threads_seen.insert(thread);
  });
  for (const auto& r : runs) CHECK(r.load() == 1);
  CHECK(static_cast<int>(threads_seen.size()) <= cap);
  CHECK(*threads_seen.rbegin() < cap);
}

TEST_CASE("parallel_items_while lets a thread stop taking items", "[mapper]") {
  std::atomic<std::uint64_t> done{0};
  mapper::parallel_items_while(1, 1ULL << 60U, [&](std::uint64_t item, int) {
    ++done;
    return item < 9;
  });
  CHECK(done.load() == 10);
}
