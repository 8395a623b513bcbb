// The ports and buffers of one fan-out stage built on its arch::noc::StageTopology, and the sends
// across it: a send becomes a flow of entries (a packet's flits in a buffer) and transfers (a
// packet on a port) along its multicast, reduction or unicast tree. Buses are links whose far end
// taps every child on them; only mesh and hierarchical-mesh routers have finite buffers. With
// vertical psum forwarding every child below row 0 has a neighbour link up to the child above.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/noc/topology.hpp"
#include "sim/core/noc_router.hpp"

namespace arraysim::sim::noc {

class FlitNetwork {
 public:
  FlitNetwork(const arch::NetworkSpec& spec, std::int64_t fanout_x, std::int64_t fanout_y,
              std::int64_t word_bits, double sink_words_per_cycle);

  // Parent -> children (child indices y * fanout_x + x); deliveries[i] is reported for
  // children[i] when its last word is absorbed.
  void send_down(Cycle now, std::uint64_t words, arch::DataSpace ds,
                 const std::vector<std::size_t>& children, double source_words_per_cycle,
                 const std::vector<std::size_t>& deliveries, PortHooks& hooks);
  // Children -> parent; `delivery` is reported once per packet that reaches the parent (returns
  // how many: 1 when reduced, else one per child).
  std::size_t send_up(Cycle now, std::uint64_t words, arch::DataSpace ds,
                      const std::vector<std::size_t>& children, bool reduce,
                      double parent_words_per_cycle, std::size_t delivery, PortHooks& hooks);
  // A transfer finished: frees its flow once all of the flow's transfers did.
  void finished(const Transfer& t);

  const FabricStats& stats() const { return stats_; }
  const arch::noc::StageTopology& topology() const { return topology_; }
  std::size_t flows_in_flight() const { return flows_.size(); }

 private:
  struct Flow {
    std::deque<Entry> entries;
    std::deque<Transfer> transfers;
    std::deque<Buffer> buffers;  // the sources of a parent's packet
    std::size_t unfinished = 0;
    bool reduction = false;
    std::vector<bool> in_tree;            // per node: on the flow's tree
    std::vector<bool> member;             // per node: a destination (down) or a source (up)
    std::vector<std::size_t> deliveries;  // per node: delivery id of a destination
    std::vector<Entry*> injected;         // children's packets of a send_up
    std::vector<std::size_t> below;       // per node: the next member down its column (forwarding)
  };
  Flow& new_flow(std::size_t& id);
  Entry& new_entry(Flow& f, const FlitShape& shape);
  Transfer& new_transfer(Flow& f, std::size_t id, Port& port, const FlitShape& shape, int ds,
                         std::size_t tie);
  void mark_tree(Flow& f, const std::vector<std::size_t>& children);
  void branch_down(Flow& f, std::size_t id, std::size_t node, Entry& here, const FlitShape& shape,
                   int ds, std::size_t tie);
  // Builds the transfer that carries node's subtree up its link; returns its entry upstream.
  Entry& branch_up(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape, int ds,
                   std::size_t tie, Cycle now);
  std::vector<Entry*> up_sources(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape,
                                 int ds, std::size_t tie, Cycle now);
  Entry& inject_up(Flow& f, std::size_t node, const FlitShape& shape, Cycle now);
  // A member's contributions to a send_up: its own packet and, with psum forwarding, the sum
  // arriving from the members below it in its column.
  void member_sources(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape, int ds,
                      std::size_t tie, Cycle now, std::vector<Entry*>& out);
  // The chain of neighbour links from the member below `node` up to it; returns its last entry.
  Entry& forward_chain(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape, int ds,
                       std::size_t tie, Cycle now);
  // With psum forwarding, the top member of each column (the others chained in f.below).
  std::vector<std::size_t> column_tops(Flow& f, const std::vector<std::size_t>& children) const;

  arch::NetworkSpec spec_;
  arch::noc::StageTopology topology_;
  std::int64_t word_bits_;
  double sink_rate_;
  std::vector<std::size_t> endpoint_of_child_;  // child index -> node
  std::vector<bool> endpoint_;
  std::deque<Port> ports_;
  std::deque<Buffer> buffers_;
  std::vector<Port*> down_port_, up_port_;  // per node: the link to/from its predecessor
  std::vector<Port*> down_sink_;            // per endpoint node: its child's write port
  Port* up_sink_ = nullptr;                 // the parent's write port
  std::vector<Buffer*> down_buffer_;        // per node that is not a bus: its input buffer
  std::vector<Buffer*> up_buffer_;          // per linked node: the buffer at its predecessor
  std::vector<Buffer*> injection_;          // per endpoint node: its child's outgoing packets
  std::vector<Port*> forward_port_;         // per endpoint node below row 0: link up (forwarding)
  std::vector<Buffer*> forward_buffer_;     // per endpoint node: psums from the PE below
  double parent_read_free_ = 0.0;           // when the parent's read port finishes its reads
  std::uint64_t order_ = 0;
  std::size_t next_flow_ = 0;
  std::unordered_map<std::size_t, std::unique_ptr<Flow>> flows_;
  FabricStats stats_;
};

}  // namespace arraysim::sim::noc
