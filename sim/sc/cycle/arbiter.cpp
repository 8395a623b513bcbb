#include "sim/sc/cycle/arbiter.hpp"

namespace arraysim::sim::sc {

namespace {
const sc_core::sc_time kSettle(1, sc_core::SC_PS);  // after the edge's delta cycles
}  // namespace

mapper::Cycle Arbiter::now() const { return sc_core::sc_time_stamp().value() / cycle_.value(); }

void Arbiter::request(mapper::Cycle at, std::uint64_t priority, Grant grant) {
  requests_.insert(Request{at, priority, seq_++, std::move(grant)});
  arm();
}

void Arbiter::arm() {
  if (requests_.empty()) return;
  const sc_core::sc_time when = cycle_ * static_cast<double>(requests_.begin()->at) + kSettle;
  const sc_core::sc_time& stamp = sc_core::sc_time_stamp();
  wake_.notify(when > stamp ? when - stamp : sc_core::SC_ZERO_TIME);
}

void Arbiter::run() {
  const mapper::Cycle cycle = now();
  const sc_core::sc_time settled = cycle_ * static_cast<double>(cycle) + kSettle;
  if (sc_core::sc_time_stamp() >= settled) {
    // Grants may add requests for this very cycle; they are served in the same pass.
    while (!requests_.empty() && requests_.begin()->at <= cycle) {
      const Grant grant = requests_.begin()->grant;
      requests_.erase(requests_.begin());
      grant();
    }
  }
  arm();
}

}  // namespace arraysim::sim::sc
