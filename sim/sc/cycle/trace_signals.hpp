// Real SystemC signals of a cycle-engine run, traced with sc_trace into a VCD file: per PE
// whether it is issuing MACs and whether it waits for an operand tile, and per keeper instance
// how many of its tiles have become resident. Meant for small runs (one change per event).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "sim/core/keeper_program.hpp"

namespace arraysim::sim::sc {

class TraceSignals {
 public:
  // Creates the signals and `base`.vcd; elaboration time only.
  TraceSignals(const arch::Architecture& arch, const InstanceProgram& program, std::size_t pe_level,
               const std::string& base);
  ~TraceSignals();
  TraceSignals(const TraceSignals&) = delete;
  TraceSignals& operator=(const TraceSignals&) = delete;

  void pe_busy(std::uint64_t pe, bool busy) { busy_[pe]->write(busy); }
  void pe_waiting(std::uint64_t pe, bool waiting) { waiting_[pe]->write(waiting); }
  void resident(std::size_t keeper, std::uint64_t instance, std::uint32_t tiles) {
    if (!tiles_[keeper].empty()) tiles_[keeper][instance]->write(tiles);
  }

 private:
  sc_core::sc_trace_file* file_ = nullptr;
  std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> busy_, waiting_;
  std::vector<std::vector<std::unique_ptr<sc_core::sc_signal<std::uint32_t>>>> tiles_;
};

}  // namespace arraysim::sim::sc
