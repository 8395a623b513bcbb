#include "sim/sc/noc_module.hpp"

#include <algorithm>

namespace arraysim::sim::sc {

namespace {
Cycle now_cycles() { return static_cast<Cycle>(sc_core::sc_time_stamp().to_default_time_units()); }
sc_core::sc_time cycles(Cycle n) {
  return sc_core::sc_time(static_cast<double>(n), sc_core::SC_NS);
}
}  // namespace

NocModule::NocModule(const sc_core::sc_module_name& name, std::vector<StorageModule*> levels,
                     std::size_t num_links, TimingResult& result)
    : sc_core::sc_module(name), levels_(std::move(levels)), links_(num_links, 0), result_(&result) {
  SC_METHOD(deliver);
  sensitive << wake_;
  dont_initialize();
}

Issued NocModule::request(const PlannedTransfer& t, Cycle ready) {
  StorageModule& source = *levels_[t.source];
  StorageModule& sink = *levels_[t.sink];
  const Issued issued =
      issue_transfer(source.ports(), sink.ports(), links_,
                     &levels_[std::min(t.source, t.sink)]->banks(), t, ready, *result_);
  source.reserved(issued.start, issued.start + t.read_cycles);
  sink.reserved(issued.start, issued.start + t.write_cycles);
  in_flight_.push(issued.done);
  peak_in_flight_ = std::max(peak_in_flight_, in_flight_.size());
  wake_.notify(cycles(in_flight_.top() - std::min(in_flight_.top(), now_cycles())));
  return issued;
}

void NocModule::deliver() {
  const Cycle now = now_cycles();
  while (!in_flight_.empty() && in_flight_.top() <= now) {
    in_flight_.pop();
    ++delivered_;
  }
  if (!in_flight_.empty()) wake_.notify(cycles(in_flight_.top() - now));
}

}  // namespace arraysim::sim::sc
