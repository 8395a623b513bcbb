#include "sim/sc/storage_module.hpp"

#include <algorithm>

namespace arraysim::sim::sc {

StorageModule::StorageModule(const sc_core::sc_module_name& name, const arch::StorageLevel& level)
    : sc_core::sc_module(name), banks_(level) {
  ports_.shared = level.shared_bandwidth.has_value();
  SC_METHOD(idle);
  sensitive << wake_;
  dont_initialize();
}

void StorageModule::reserved(Cycle start, Cycle busy_until) {
  if (busy_until <= start) return;
  if (open_ && start <= open_end_) {
    open_end_ = std::max(open_end_, busy_until);  // extends the current busy interval
  } else {
    if (open_ && record_) busy_.push_back({open_start_, open_end_});
    open_ = true;
    open_start_ = start;
    open_end_ = busy_until;
  }
  const Cycle now = static_cast<Cycle>(sc_core::sc_time_stamp().to_default_time_units());
  wake_.notify(
      sc_core::sc_time(static_cast<double>(open_end_ - std::min(open_end_, now)), sc_core::SC_NS));
}

void StorageModule::idle() {
  const Cycle now = static_cast<Cycle>(sc_core::sc_time_stamp().to_default_time_units());
  if (!open_) return;
  if (now >= open_end_) {
    if (record_) busy_.push_back({open_start_, open_end_});
    open_ = false;
  } else {
    wake_.notify(sc_core::sc_time(static_cast<double>(open_end_ - now), sc_core::SC_NS));
  }
}

}  // namespace arraysim::sim::sc
