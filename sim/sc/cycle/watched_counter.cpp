#include "sim/sc/cycle/watched_counter.hpp"

#include <algorithm>
#include <stdexcept>

namespace arraysim::sim::sc {

void WatchedCounter::wait_for(std::uint64_t threshold, sc_core::sc_event& wake) {
  if (value_ >= threshold) {
    wake.notify(sc_core::SC_ZERO_TIME);
    return;
  }
  waiters_.emplace_back(threshold, &wake);
}

void WatchedCounter::advance_to(std::uint64_t value) {
  if (value <= value_) return;
  value_ = value;
  auto kept = waiters_.begin();
  for (auto& waiter : waiters_) {
    if (waiter.first <= value_) {
      waiter.second->notify(sc_core::SC_ZERO_TIME);
    } else {
      *kept++ = waiter;
    }
  }
  waiters_.erase(kept, waiters_.end());
}

std::uint64_t OrderedJoin::contribute(std::uint64_t item) {
  const std::uint64_t base = count_.value();
  if (item < base) throw std::logic_error("ordered join: item completed twice");
  const std::size_t ahead = item - base;
  // Grow the ring (keeping its order) when a contributor runs further ahead than ever before.
  if (ahead >= pending_.size()) {
    std::rotate(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(head_),
                pending_.end());
    head_ = 0;
    pending_.resize(std::max<std::size_t>(ahead + 1, 2 * pending_.size()), 0);
  }
  ++pending_[(head_ + ahead) % pending_.size()];
  std::uint64_t advanced = 0;
  while (pending_[head_] == contributors_) {
    pending_[head_] = 0;
    head_ = (head_ + 1) % pending_.size();
    ++advanced;
  }
  if (advanced > 0) count_.advance_to(base + advanced);
  return advanced;
}

}  // namespace arraysim::sim::sc
