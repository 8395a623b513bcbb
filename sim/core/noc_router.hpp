// Flit-level building blocks of a NoC stage, free of SystemC: input buffers with credits, packet
// entries in them, transfers (a packet on one output port) and the ports (links and sink write
// ports) that arbitrate among transfers and move their flits. A port decides its own flits' cycles
// from facts already committed (flit arrivals upstream, buffer slots freed downstream), a whole run
// of flits per evaluation; rules in sim/sc/noc_fabric.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

#include "arch/problem_dims.hpp"

namespace arraysim::sim::noc {

using Cycle = std::uint64_t;

constexpr Cycle kNever = std::numeric_limits<Cycle>::max();

struct Port;
struct Transfer;

// How a packet of `words` words splits into flits.
struct FlitShape {
  std::uint64_t words = 0;
  std::uint64_t flits = 0;
  std::uint64_t words_per_flit = 0;  // 0: a word takes flits_per_word flits
  std::uint64_t flits_per_word = 1;
  Cycle flit_cycles = 1;  // 0: unlimited link width, a zero-duration flit

  // Words completed by flits 0..j.
  std::uint64_t words_through(std::uint64_t j) const {
    if (flit_cycles == 0) return words;
    if (words_per_flit == 0) return (j + 1) / flits_per_word;
    return std::min(words, (j + 1) * words_per_flit);
  }
};
FlitShape flit_shape(std::uint64_t words, std::int64_t link_bits, std::int64_t word_bits);
// The first cycle boundary at or after a fractional time (rates are words per cycle).
Cycle ceil_cycle(double t);

// A packet's flits held in one buffer (or waiting at its source).
struct Entry {
  std::uint64_t flits = 0;
  std::vector<Cycle> arrival;        // arrival of each flit known so far
  std::vector<Cycle> free_at;        // per flit: when its slot is free (latest of its consumers)
  std::vector<std::uint32_t> taken;  // per flit: consumers that took it
  std::vector<Transfer*> consumers;  // every branch or merge that reads this entry
  std::uint64_t left = 0;            // flits that left the buffer
  bool announced = false;            // its head has been offered to the consumers
  struct Buffer* buffer = nullptr;
};

// A FIFO input buffer: `capacity` flits (0: unbounded), filled by one port.
struct Buffer {
  std::uint64_t capacity = 0;
  std::deque<Entry*> entries;    // the front one is served; the others wait behind it
  std::uint64_t in_count = 0;    // flits ever sent into it
  std::uint64_t left_count = 0;  // flits ever left
  std::vector<Cycle> slot_free;  // capacity > 0: free time of flit k at k % capacity
  Cycle last_free = 0;           // when the last flit that left freed its slot
  Port* feeder = nullptr;
  std::size_t input = 0;  // its index among its reader's inputs (round robin)
};

// A packet (or a reduced group of packets) moving across one port.
struct Transfer {
  Port* port = nullptr;
  FlitShape shape;
  int dataspace = 0;
  std::size_t tie = 0;          // arbitration tie-break: the lowest child index involved
  std::uint64_t order = 0;      // creation order, the last tie-break
  std::size_t flow = 0;         // the send it belongs to
  std::vector<Entry*> sources;  // one per input merged (more than one: a reduction)
  std::vector<Entry*> dests;    // entries it fills downstream (none: a sink)
  std::vector<Buffer*> dest_buffers;
  std::size_t heads = 0;  // sources at the front of their buffers
  Cycle ready = 0;        // when all sources' heads are there
  Cycle grant = 0;
  Cycle last = 0;  // cycle its last committed flit used the port
  std::uint64_t sent = 0;
  std::size_t delivery = 0;    // sink: index of the delivery to report when the tail is absorbed
  double sink_rate = 0.0;      // sink: words per cycle it absorbs, 0 unlimited
  bool counts_router = false;  // the port's owner is a router this packet passes
  bool reduction = false;      // part of a reduction: crosses each port in call order
  bool done = false;
};

// Per link (and direction): flit cycles used, cycles granted transfers waited for it.
struct LinkStats {
  std::uint64_t busy_cycles = 0;
  std::uint64_t contention_cycles = 0;
};

struct FabricStats {
  std::vector<LinkStats> down_links, up_links;  // by arch::noc::StageTopology link id
  // Vertical psum forwarding: per child (y * fanout_x + x), the neighbour link up to y - 1.
  std::vector<LinkStats> forward_links;
  // Per node of the stage graph (routers and the parent port): cycles a flit ready to leave on
  // one of its ports waited for a credit of the next buffer.
  std::vector<std::uint64_t> credit_stall_cycles;
  std::array<std::uint64_t, arch::kNumDataSpaces> link_words{};    // words x links traversed
  std::array<std::uint64_t, arch::kNumDataSpaces> router_words{};  // words x routers passed
};

// What a port asks of its environment: be evaluated again at a time, report a delivery.
class PortHooks {
 public:
  virtual ~PortHooks() = default;
  virtual void wake(Port& port, Cycle at) = 0;
  virtual void delivered(std::size_t delivery, Cycle at) = 0;
  virtual void finished(Transfer& transfer) = 0;
};

// An output port: a link (one flit per cycle, hop latency, credits of the next buffer) or the
// write port of a sink (words per cycle, no credits). Serves one transfer at a time (wormhole).
struct Port {
  bool sink = false;
  bool round_robin = false;  // a router's port; otherwise first come, first served
  Cycle hop_latency = 0;
  std::size_t num_inputs = 1;
  LinkStats* stats = nullptr;              // links only
  std::uint64_t* credit_stalls = nullptr;  // the owner's counter
  FabricStats* fabric = nullptr;

  std::vector<Transfer*> requests;  // all sources at their heads, not granted yet
  // Reduction transfers in call order: the front one is the only one that may be granted, so
  // that merging nodes never wait on each other in a cycle.
  std::deque<const Transfer*> reductions;
  Transfer* current = nullptr;
  Cycle free_at = 0;           // next cycle it can start a transfer
  double sink_done = 0.0;      // sink: when its last word is absorbed
  std::size_t next_input = 0;  // round-robin pointer
  bool waiting_arrival = false, waiting_credit = false;
  Cycle pending_wake = kNever;

  // Grants and streams what the committed facts allow at `now`; asks for the next wake-up.
  void evaluate(Cycle now, PortHooks& hooks);

 private:
  Transfer* arbitrate(Cycle now, Cycle& next_ready);
  void grant(Transfer& t, Cycle now, PortHooks& hooks);
  bool stream(Cycle now, PortHooks& hooks);  // true: the current transfer finished
  void take(Entry& e, std::uint64_t flit, Cycle free, Cycle now, PortHooks& hooks);
};

// An entry's first flit arrived and it is at the front of its buffer: offer it to its consumers.
void announce_head(Entry& e, Cycle now, PortHooks& hooks);
// Puts a transfer whose sources are all at their heads into its port's requests.
void add_request(Transfer& t, Cycle now, PortHooks& hooks);

}  // namespace arraysim::sim::noc
