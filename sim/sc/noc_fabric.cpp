#include "sim/sc/noc_fabric.hpp"

#include <cmath>
#include <memory>
#include <utility>

namespace arraysim::sim::sc {

NocFabric::NocFabric(const sc_core::sc_module_name& name, const arch::NetworkSpec& spec,
                     std::int64_t fanout_x, std::int64_t fanout_y, std::int64_t word_bits,
                     const sc_core::sc_time& cycle, double sink_words_per_cycle)
    : sc_core::sc_module(name),
      network_(spec, fanout_x, fanout_y, word_bits, sink_words_per_cycle),
      cycle_(cycle) {
  // Also runs once when the simulation starts: sends issued during elaboration begin at time 0.
  SC_METHOD(run);
  sensitive << wake_;
}

noc::Cycle NocFabric::now() const {
  return static_cast<noc::Cycle>(std::llround(sc_core::sc_time_stamp() / cycle_));
}

void NocFabric::kick() {
  if (running_) return;
  const sc_core::sc_status status = sc_core::sc_get_status();
  if (status == sc_core::SC_ELABORATION || status == sc_core::SC_BEFORE_END_OF_ELABORATION) return;
  wake_.notify(sc_core::SC_ZERO_TIME);
}

std::size_t NocFabric::new_delivery(std::function<void()> done, std::size_t remaining) {
  std::size_t id = deliveries_.size();
  if (free_deliveries_.empty()) {
    deliveries_.emplace_back();
  } else {
    id = free_deliveries_.back();
    free_deliveries_.pop_back();
  }
  deliveries_[id].done = std::move(done);
  deliveries_[id].remaining = remaining;
  return id;
}

void NocFabric::send_down(std::uint64_t words, arch::DataSpace ds,
                          const std::vector<std::size_t>& children, double source_words_per_cycle,
                          std::function<void(std::size_t child)> delivered) {
  const auto callback = std::make_shared<std::function<void(std::size_t)>>(std::move(delivered));
  std::vector<std::size_t> ids;
  ids.reserve(children.size());
  for (std::size_t c : children) ids.push_back(new_delivery([callback, c] { (*callback)(c); }, 1));
  network_.send_down(now(), words, ds, children, source_words_per_cycle, ids, *this);
  kick();
}

void NocFabric::send_up(std::uint64_t words, arch::DataSpace ds,
                        const std::vector<std::size_t>& children, bool reduce,
                        double parent_words_per_cycle, std::function<void()> delivered) {
  const std::size_t id = new_delivery(std::move(delivered), 0);
  const std::size_t packets =
      network_.send_up(now(), words, ds, children, reduce, parent_words_per_cycle, id, *this);
  deliveries_[id].remaining = std::max<std::size_t>(packets, 1);
  if (packets == 0) this->delivered(id, now());
  kick();
}

void NocFabric::run() {
  running_ = true;
  const noc::Cycle t = now();
  while (!agenda_.empty() && agenda_.top().at <= t) {
    const Item item = agenda_.top();
    agenda_.pop();
    if (item.port != nullptr) {
      if (item.port->pending_wake != item.at) continue;  // superseded by an earlier wake-up
      item.port->pending_wake = noc::kNever;
      ++evaluations_;
      item.port->evaluate(t, *this);
      continue;
    }
    Delivery& d = deliveries_[item.delivery];
    if (--d.remaining > 0) continue;
    const std::function<void()> done = std::move(d.done);
    free_deliveries_.push_back(item.delivery);
    done();
  }
  running_ = false;
  if (!agenda_.empty()) wake_.notify(cycle_ * static_cast<double>(agenda_.top().at - t));
}

void NocFabric::wake(noc::Port& port, noc::Cycle at) {
  if (at >= port.pending_wake) return;
  port.pending_wake = at;
  agenda_.push({at, seq_++, &port, 0});
}

void NocFabric::delivered(std::size_t delivery, noc::Cycle at) {
  agenda_.push({at, seq_++, nullptr, delivery});
}

void NocFabric::finished(noc::Transfer& transfer) { network_.finished(transfer); }

}  // namespace arraysim::sim::sc
