// One fan-out stage's network at flit level as a SystemC module: between ONE parent instance and
// its fx x fy children, on the graph of arch::noc::StageTopology. Event-driven: one process wakes
// at the next time a port (a link, a bus, a router output, a sink's write port) can act; each port
// then decides its own flits' cycles from facts already committed, a packet train per wake-up
// when nothing contends.
//
// Timing rules (cycles of `cycle`; tests derive exact times from them):
// - Flits: a flit is link_bits wide and carries floor(link_bits / word_bits) words; a word wider
//   than a link takes ceil(word_bits / link_bits) flits. link_bits == 0: unlimited width, a packet
//   is one flit of zero duration (only hop latencies count, nothing is ever busy).
// - Links: one flit per cycle per direction. A flit crossing a link in cycle s occupies it for
//   [s, s+1) and is in the next node's buffer at s + 1 + hop_latency_cycles (router pipeline and
//   wire). Taps of a bus are free: a bus link's flit is at every tapping child at once.
// - Wormhole: a port serves one packet (transfer) from its head flit to its tail flit; the next
//   one is granted when the tail has crossed. Arbitration at routers (mesh and hierarchical-mesh
//   routers, the crossbar switch) is round robin over input ports (the router's own child first,
//   then its subtrees in node order), elsewhere first come first served (the time a packet's head
//   was ready, ties by the lowest child index, then by call order). The cycles a granted packet's
//   head waited count as the link's contention cycles.
// - Buffers: every node other than a bus has a FIFO input buffer per input port; only mesh and
//   hierarchical-mesh routers bound it, to spec.buffer_flits flits, elsewhere it is unbounded. A
//   flit may cross into a bounded buffer only with a credit: its slot is free from the end of the
//   cycle in which the flit buffer_flits ahead of it left (crossed on, or was absorbed). Cycles a
//   ready flit waits for a credit count as the upstream node's credit stall cycles. A packet's
//   head may leave a buffer from the time the previous packet's tail left it; a multicast flit
//   leaves once all its branches (next links, the local child) took it.
// - Down (send_down): the parent reads each packet's words at source_words_per_cycle (0:
//   unlimited), packets in call order, unicasts of one call in child order: flit j may cross the
//   first link from ceil(start + words_through_j / rate), start = when the previous read ended.
//   Multicast (spec.multicast) sends one packet along the tree (union of routes); it crosses each
//   link of the tree once; otherwise one unicast per child.
// - Up (send_up): children inject at once. With reduce and spec.reduction, a node forwards flit j
//   once flit j arrived from every input on the reduction tree; the parent receives `words` once.
// - Psum forwarding (spec.psum_forwarding_vertical), reductions only: members below their
//   column's top send up the column over neighbour links (one flit per link per cycle, hop
//   latency, unbounded buffers), each PE forwarding flit j once its own and the one from below
//   are there; the column's top joins the tree as a member with both inputs.
// - Sinks: a write port absorbs a packet's flits in order at sink words per cycle (0: at once),
//   starting when the flit is there and the previous words are absorbed; the flit leaves its
//   buffer at the next cycle boundary, and a delivery is reported at the cycle boundary at or
//   after the absorption of the last word. Children's write ports take sink_words_per_cycle, the
//   parent's the send_up's rate; a slow sink back-pressures bounded buffers through credits.
// - Topologies: bus (one link to a bus tapped by all children), eyeriss_bus (a Y-bus link to a
//   node that feeds one X-bus link per row, each tapped by its row), mesh (a router per child, XY
//   routes, the parent enters at (0,0)), hierarchical_mesh (cluster routers on a mesh, a local bus
//   per cluster), crossbar (the parent port is a switch with one link per child), systolic (the
//   parent feeds the first child of each row, words hop to the right neighbour).
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include <systemc>

#include "arch/architecture.hpp"
#include "sim/core/noc_network.hpp"

namespace arraysim::sim::sc {

// Per link: busy cycles and contention cycles, per direction; per node: credit stall cycles; per
// data space: words x links traversed and words x routers passed (as mapper::NetworkCounts).
using FabricStats = noc::FabricStats;

class NocFabric : public sc_core::sc_module, private noc::PortHooks {
 public:
  SC_HAS_PROCESS(NocFabric);
  NocFabric(const sc_core::sc_module_name& name, const arch::NetworkSpec& spec,
            std::int64_t fanout_x, std::int64_t fanout_y, std::int64_t word_bits,
            const sc_core::sc_time& cycle, double sink_words_per_cycle);

  // Parent -> children (indices y * fanout_x + x): `words` words of ds delivered to each child;
  // `delivered(child)` runs at the simulated time the last word reached that child.
  void send_down(std::uint64_t words, arch::DataSpace ds, const std::vector<std::size_t>& children,
                 double source_words_per_cycle, std::function<void(std::size_t child)> delivered);
  // Children -> parent, reduced where routes merge when `reduce` and spec.reduction;
  // `delivered()` runs when the last word reached the parent.
  void send_up(std::uint64_t words, arch::DataSpace ds, const std::vector<std::size_t>& children,
               bool reduce, double parent_words_per_cycle, std::function<void()> delivered);

  const FabricStats& stats() const { return network_.stats(); }
  const arch::noc::StageTopology& topology() const { return network_.topology(); }
  // Port evaluations so far (the event count the simulation did).
  std::uint64_t evaluations() const { return evaluations_; }

 private:
  struct Item {
    noc::Cycle at = 0;
    std::uint64_t seq = 0;
    noc::Port* port = nullptr;  // null: a delivery
    std::size_t delivery = 0;
    bool operator>(const Item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  struct Delivery {
    std::function<void()> done;
    std::size_t remaining = 0;
  };

  void run();
  noc::Cycle now() const;
  std::size_t new_delivery(std::function<void()> done, std::size_t remaining);
  void kick();
  void wake(noc::Port& port, noc::Cycle at) override;
  void delivered(std::size_t delivery, noc::Cycle at) override;
  void finished(noc::Transfer& transfer) override;

  noc::FlitNetwork network_;
  sc_core::sc_time cycle_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> agenda_;
  std::uint64_t seq_ = 0;
  std::vector<Delivery> deliveries_;
  std::vector<std::size_t> free_deliveries_;
  sc_core::sc_event wake_;
  bool running_ = false;
  std::uint64_t evaluations_ = 0;
};

}  // namespace arraysim::sim::sc
