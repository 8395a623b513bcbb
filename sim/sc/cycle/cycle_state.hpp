// What the cycle engine's processes share: the program, per storage instance its ports, per
// keeper instance how many tiles are resident and how many write-backs it has received, per
// instance of every level how many steps all PEs below it have finished, and the action counts
// summed over instances as the processes perform them.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <systemc>

#include "arch/architecture.hpp"
#include "sim/core/keeper_program.hpp"
#include "sim/core/sram_banks.hpp"
#include "sim/sc/cycle/arbiter.hpp"
#include "sim/sc/cycle/trace_signals.hpp"
#include "sim/sc/cycle/watched_counter.hpp"
#include "sim/sc/dram_controller.hpp"
#include "sim/sc/dram_port.hpp"
#include "sim/sc/noc_fabric.hpp"

namespace arraysim::sim::sc {

// A port serving transfers in the order they are issued, `bandwidth` words per cycle (absent:
// unlimited); issues happen in simulated-time order, so a reservation is a FIFO queue position.
struct Port {
  std::optional<double> bandwidth;
  Cycle free = 0;
  Cycle busy = 0;
  Cycle cycles(std::uint64_t words) const;
};

struct StoragePorts {
  Port read, write;
  bool shared = false;  // one port for both (the level's shared_bandwidth)
  Port& reader() { return read; }
  Port& writer() { return shared ? read : write; }
};

// Actions summed over all instances of each level, per data space.
struct Tally {
  struct Actions {
    std::uint64_t reads = 0, fills = 0, updates = 0, entering = 0;
  };
  std::vector<std::array<Actions, arch::kNumDataSpaces>> levels;  // and the MACs last
  std::vector<std::uint64_t> first_writes;                        // per keeper program
  std::vector<std::array<std::uint64_t, arch::kNumDataSpaces>> link_words, router_words;  // stage
};

// The modules transfers go through when bandwidths are finite: a flit-level fabric per fanning
// stage and instance above it (one per data space where the topology gives each data type its own
// network: Eyeriss buses, hierarchical meshes), and the DRAM controller behind its TLM port.
struct CycleModules {
  std::vector<std::vector<std::unique_ptr<NocFabric>>> fabrics;  // [stage][instance x nets + net]
  std::vector<std::size_t> nets;                                 // per stage: 1 or 3
  std::unique_ptr<DramController> dram;
  std::unique_ptr<DramPort> dram_port;
  bool dram_link_limited = false;  // a preset DRAM behind the level's own (interface) bandwidth

  NocFabric* fabric(std::size_t stage, std::uint64_t instance, DataSpace ds) const;
};

class CycleState {
 public:
  CycleState(const arch::Architecture& arch, const InstanceProgram& program, bool unlimited);

  const arch::Architecture& arch;
  const InstanceProgram& program;
  const bool unlimited;
  sc_core::sc_time cycle;    // one clock period
  Cycle step_cycles = 1;     // one MAC step (initiation interval, operand ports)
  Cycle pipeline = 0;        // MAC pipeline depth - 1
  std::size_t pe_level = 0;  // the innermost storage level: one PE per instance

  std::vector<std::vector<StoragePorts>> ports;       // [level][instance]
  std::vector<SramBanks> banks;                       // [level]
  std::vector<std::vector<WatchedCounter>> resident;  // [keeper program][instance]: tiles ready
  std::vector<std::vector<OrderedJoin>> received;     // [keeper][instance]: joined write-backs
  std::vector<std::size_t> child_outputs;             // [keeper]: the Outputs keeper below, or npos
  std::vector<std::vector<std::uint64_t>> writeback_steps;  // [keeper]: steps of its write-backs
  std::vector<std::vector<OrderedJoin>> finished;           // [level][instance]: steps done below
  Tally tally;
  Cycle last_writeback = 0;
  std::function<void(std::uint64_t, std::uint64_t)> progress;  // PE 0's steps, now and then
  TraceSignals* trace = nullptr;                               // signals for sc_trace, if any
  CycleModules modules;
  Arbiter arbiter;

  Cycle now() const;
  Cycle now_ceil() const;                     // the next clock edge at or after the current time
  sc_core::sc_time delay(Cycle until) const;  // from now
  // The instance of `level` above instance `instance` of level `below`.
  std::uint64_t ancestor(std::size_t below, std::uint64_t instance, std::size_t level) const {
    return instance / (program.instances[below] / program.instances[level]);
  }
  // A PE finished outer step `step`: joins it into every level's count above it.
  void step_finished(std::uint64_t pe, std::uint64_t step);

 private:
  void build_modules();
};

}  // namespace arraysim::sim::sc
