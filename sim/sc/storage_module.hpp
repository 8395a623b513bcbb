// One storage level (DRAM, global buffer, PE scratchpads) as a SystemC module: it owns the level's
// ports (a sim/core model) and, with one SC_METHOD re-armed when its ports next fall idle, records
// the intervals in which the level was busy. A DRAM level also owns its banks' row buffers.
#pragma once

#include <string>
#include <vector>

#include <systemc>

#include "sim/core/port_bank.hpp"

namespace arraysim::sim::sc {

struct Interval {
  Cycle start = 0;
  Cycle end = 0;
};

class StorageModule : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(StorageModule);
  StorageModule(const sc_core::sc_module_name& name, const arch::StorageLevel& level);

  LevelPorts& ports() { return ports_; }
  DramBanks& banks() { return banks_; }
  // Called after a transfer reserved the ports until `busy_until`.
  void reserved(Cycle start, Cycle busy_until);
  const std::vector<Interval>& busy_intervals() const { return busy_; }
  // Without recording, busy_intervals() stays empty (memory does not grow with the run).
  void record_busy(bool record) { record_ = record; }

 private:
  void idle();

  LevelPorts ports_;
  DramBanks banks_;
  sc_core::sc_event wake_;
  std::vector<Interval> busy_;
  bool record_ = true;
  Cycle open_start_ = 0;
  Cycle open_end_ = 0;
  bool open_ = false;
};

}  // namespace arraysim::sim::sc
