// The network between levels as a SystemC module: it routes each transfer from its source level's
// read port over the links of its multicast tree to its sink level's write port (reserving all of
// them, the sim/core port model) and, with one
// SC_METHOD re-armed at the earliest completion, delivers transfers when their data arrives.
#pragma once

#include <functional>
#include <queue>
#include <vector>

#include <systemc>

#include "sim/core/transfer_plan.hpp"
#include "sim/sc/storage_module.hpp"

namespace arraysim::sim::sc {

class NocModule : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(NocModule);
  NocModule(const sc_core::sc_module_name& name, std::vector<StorageModule*> levels,
            std::size_t num_links, TimingResult& result);

  Issued request(const PlannedTransfer& transfer, Cycle ready);
  std::uint64_t delivered() const { return delivered_; }
  std::size_t peak_in_flight() const { return peak_in_flight_; }

 private:
  void deliver();

  std::vector<StorageModule*> levels_;
  std::vector<Cycle> links_;  // when each link of the stage topologies is next free
  TimingResult* result_;
  std::priority_queue<Cycle, std::vector<Cycle>, std::greater<>> in_flight_;
  sc_core::sc_event wake_;
  std::uint64_t delivered_ = 0;
  std::size_t peak_in_flight_ = 0;
};

}  // namespace arraysim::sim::sc
