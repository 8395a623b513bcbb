// The flit-level NoC fabric against hand-derived cycles (the rules in sim/sc/noc_fabric.hpp):
// link contention on a mesh, credit back-pressure from a slow sink, Eyeriss buses, bus
// serialization, reduction on a mesh, zero-width links; and its word x link and word x router
// counts against the stage topology's multicast trees on random multicasts of every topology.
#include <cmath>
#include <map>
#include <memory>
#include <random>

#include <catch2/catch.hpp>

#include "arch/noc/topology.hpp"
#include "sim/sc/fresh_context.hpp"
#include "sim/sc/noc_fabric.hpp"

namespace {

namespace arch = arraysim::arch;
namespace sc = arraysim::sim::sc;
using arch::DataSpace;

// A fresh SystemC context per test (tests share one process); modules die before it does.
using ScContext = arraysim::sim::sc::FreshContext;

const sc_core::sc_time kCycle(1, sc_core::SC_NS);

std::uint64_t cycle_now() {
  return static_cast<std::uint64_t>(std::llround(sc_core::sc_time_stamp() / kCycle));
}

arch::NetworkSpec network(arch::Topology topology, std::int64_t link_bits, std::int64_t hop_latency,
                          std::int64_t buffer_flits = 4) {
  arch::NetworkSpec s;
  s.topology = topology;
  s.link_bits = link_bits;
  s.hop_latency_cycles = hop_latency;
  s.buffer_flits = buffer_flits;
  return s;
}

// Delivery cycle per child of one send_down.
struct Arrivals {
  std::map<std::size_t, std::uint64_t> at;
  std::function<void(std::size_t)> recorder() {
    return [this](std::size_t child) { at[child] = cycle_now(); };
  }
};

std::uint64_t total_contention(const std::vector<arraysim::sim::noc::LinkStats>& links) {
  std::uint64_t sum = 0;
  for (const auto& l : links) sum += l.contention_cycles;
  return sum;
}

}  // namespace

TEST_CASE("NoC fabric mesh link contention delays the second flow by the first's flits",
          "[sim][sc][noc]") {
  ScContext context;
  // 4 x 2 mesh, 16-bit links and words (1 word per flit), hop latency 1, 4-flit buffers. One
  // unicast call of 4 words to children 2 = (2,0) and 7 = (3,1): two packets, child order.
  // A to (2,0): 3 links (parent->(0,0)->(1,0)->(2,0)); flit j crosses link h at j + 2h, so it
  // arrives at j + 6; the tail (j = 3) at 9 = 3 hops x (1 + 1) + 4 - 1.
  // B to (3,1): 5 links; it shares the first three with A and waits for the parent link until A's
  // tail crossed it (cycle 3): granted at 4 = A's flit count, then every hop finds A's tail one
  // step ahead (its head is ready where A's tail left: 6 at (0,0), 8 at (1,0), 10 at (2,0)), so
  // flit j arrives at 4 + j + 5 x 2: the tail at 17 = 13 (alone) + 4.
  Arrivals arrivals;
  arch::NetworkSpec spec = network(arch::Topology::Mesh, 16, 1);
  spec.multicast = false;
  sc::NocFabric unicasts("unicasts", spec, 4, 2, 16, kCycle, 0);
  unicasts.send_down(4, DataSpace::Inputs, {7, 2}, 0, arrivals.recorder());
  sc_core::sc_start();
  CHECK(arrivals.at.at(2) == 9);
  CHECK(arrivals.at.at(7) == 17);
  // Only the parent link was contended: B waited 4 cycles for it.
  CHECK(total_contention(unicasts.stats().down_links) == 4);
  const auto& topo = unicasts.topology();
  CHECK(unicasts.stats().down_links[topo.link_id(topo.endpoint(0, 0))].contention_cycles == 4);
  CHECK(unicasts.stats().down_links[topo.link_id(topo.endpoint(0, 0))].busy_cycles == 8);
  for (std::uint64_t stall : unicasts.stats().credit_stall_cycles) CHECK(stall == 0);
}

TEST_CASE("NoC fabric credit back-pressure from a slow sink stalls the upstream router",
          "[sim][sc][noc]") {
  ScContext context;
  // 2 x 1 mesh, 1 word per flit, hop latency 0, 2-flit buffers; child 1 = (1,0) absorbs 0.5 words
  // per cycle (2 cycles a flit). 6 words: parent link (R_j), (0,0)->(1,0) (X_j), sink (D_j =
  // max(X_j + 1, D_{j-1}) + 2, the slot at (1,0) free from D_j). A flit takes a slot freed by the
  // flit two ahead: at (0,0) from X_{j-2} + 1, at (1,0) from D_{j-2}.
  //   R = 0 1 2 3 5 7      (R_4 waits for X_2 + 1 = 5, R_5 for X_3 + 1 = 7: 2 stall cycles)
  //   X = 1 2 4 6 8 10     (X_j >= D_{j-2}: 4, 6, 8, 10 instead of 3, 5, 7, 9: 4 stall cycles)
  //   D = 4 6 8 10 12 14   (the sink's pace: first flit at 2, then 2 cycles each)
  // Delivery at 14; the router at (0,0) stalled 4 cycles on credits, the parent port 2.
  sc::NocFabric fabric("fabric", network(arch::Topology::Mesh, 16, 0, 2), 2, 1, 16, kCycle, 0.5);
  Arrivals arrivals;
  fabric.send_down(6, DataSpace::Weights, {1}, 0, arrivals.recorder());
  sc_core::sc_start();
  CHECK(arrivals.at.at(1) == 14);
  const auto& topo = fabric.topology();
  CHECK(fabric.stats().credit_stall_cycles[topo.endpoint(0, 0)] == 4);
  CHECK(fabric.stats().credit_stall_cycles[arch::noc::StageTopology::kParentPort] == 2);
}

TEST_CASE("NoC fabric Eyeriss bus multicasts to a row and to a column", "[sim][sc][noc]") {
  // 14 x 12 PEs, 64-bit buses, 16-bit words: 4 words per flit; 16 words = 4 flits; hop latency 1.
  // Flit j crosses the Y-bus in cycle j, reaches the X-bus controllers at j + 2, crosses its
  // X-bus(es) at j + 2 and reaches the PEs at j + 4: the tail at 7 = 2 x (1 + 1) + 4 - 1.
  const auto spec = network(arch::Topology::EyerissBus, 64, 1);
  SECTION("row: one Y-bus and one X-bus transfer") {
    ScContext context;
    sc::NocFabric fabric("fabric", spec, 14, 12, 16, kCycle, 0);
    std::vector<std::size_t> row;
    for (std::size_t x = 0; x < 14; ++x) row.push_back(std::size_t{3} * 14 + x);
    Arrivals arrivals;
    fabric.send_down(16, DataSpace::Weights, row, 0, arrivals.recorder());
    sc_core::sc_start();
    REQUIRE(arrivals.at.size() == 14);
    for (const auto& [child, at] : arrivals.at) CHECK(at == 7);
    const auto& s = fabric.stats();
    std::uint64_t busy = 0;
    for (const auto& l : s.down_links) busy += l.busy_cycles;
    CHECK(busy == std::uint64_t{2} * 4);  // the Y-bus and one X-bus, 4 flit cycles each
    CHECK(s.link_words[arch::index(DataSpace::Weights)] == std::uint64_t{2} * 16);
  }
  SECTION("column: one Y-bus transfer, then all X-buses in parallel") {
    ScContext context;
    sc::NocFabric fabric("fabric", spec, 14, 12, 16, kCycle, 0);
    std::vector<std::size_t> column;
    for (std::size_t y = 0; y < 12; ++y) column.push_back(y * 14 + 5);
    Arrivals arrivals;
    fabric.send_down(16, DataSpace::Weights, column, 0, arrivals.recorder());
    sc_core::sc_start();
    REQUIRE(arrivals.at.size() == 12);
    for (const auto& [child, at] : arrivals.at) CHECK(at == 7);
    const auto& s = fabric.stats();
    std::uint64_t busy = 0;
    for (const auto& l : s.down_links) busy += l.busy_cycles;
    CHECK(busy == std::uint64_t{13} * 4);  // the Y-bus and 12 X-buses
    CHECK(s.link_words[arch::index(DataSpace::Weights)] == std::uint64_t{13} * 16);
    CHECK(total_contention(s.down_links) == 0);
  }
}

TEST_CASE("NoC fabric gives each data type its own link width", "[sim][sc][noc]") {
  // Eyeriss v1: a 16-bit ifmap network beside 64-bit filter networks. 16 words to a row, hop
  // latency 1: as Inputs, 16 one-word flits: flit j crosses the Y-bus at j, is at the X-bus at
  // j + 2 and at the PEs at j + 4, the tail at 19; as Weights, 4 flits, the tail at 7.
  auto spec = network(arch::Topology::EyerissBus, 64, 1);
  spec.link_bits_per_dataspace = true;
  spec.dataspace_link_bits = {64, 16, 64};
  REQUIRE(spec.link_bits_of(DataSpace::Inputs) == 16);
  std::vector<std::size_t> row;
  for (std::size_t x = 0; x < 14; ++x) row.push_back(std::size_t{2} * 14 + x);
  for (const auto& [ds, tail] :
       {std::pair{DataSpace::Inputs, 19}, std::pair{DataSpace::Weights, 7}}) {
    ScContext context;
    sc::NocFabric fabric("fabric", spec, 14, 12, 16, kCycle, 0);
    Arrivals arrivals;
    fabric.send_down(16, ds, row, 0, arrivals.recorder());
    sc_core::sc_start();
    REQUIRE(arrivals.at.size() == 14);
    for (const auto& entry : arrivals.at) CHECK(entry.second == static_cast<std::uint64_t>(tail));
  }
}

TEST_CASE("NoC fabric bus serializes two transfers in request order", "[sim][sc][noc]") {
  ScContext context;
  // 4 children on one bus, 32-bit bus, 16-bit words (2 words a flit), hop latency 2. At cycle 0
  // 8 words (4 flits) to child 3: crossing cycles 0..3, the tail at child 3 at 3 + 1 + 2 = 6.
  // At cycle 1, 6 words (3 flits) to child 0: the bus is free at 4, crossings 4..6, tail at
  // 6 + 1 + 2 = 9; it waited 3 cycles for the bus, which was busy 7.
  sc::NocFabric fabric("fabric", network(arch::Topology::Bus, 32, 2), 4, 1, 16, kCycle, 0);
  Arrivals arrivals;
  fabric.send_down(8, DataSpace::Inputs, {3}, 0, arrivals.recorder());
  sc_core::sc_start(kCycle);
  fabric.send_down(6, DataSpace::Inputs, {0}, 0, arrivals.recorder());
  sc_core::sc_start();
  CHECK(arrivals.at.at(3) == 6);
  CHECK(arrivals.at.at(0) == 9);
  REQUIRE(fabric.stats().down_links.size() == 1);
  CHECK(fabric.stats().down_links[0].busy_cycles == 7);
  CHECK(fabric.stats().down_links[0].contention_cycles == 3);
}

TEST_CASE("NoC fabric send_up reduces on a mesh where the routes join", "[sim][sc][noc]") {
  // 3 x 2 mesh, 1 word per flit, hop latency 1. Children 2 = (2,0) and 5 = (2,1) send 4 words up,
  // reduced. XY routes: (2,1) -> (2,0) -> (1,0) -> (0,0) -> parent; they join at (2,0).
  // (2,1)'s flit j crosses to (2,0) at j and is there at j + 2; (2,0) forwards the sum of flit j
  // once both are there: at j + 2, then j + 4 and j + 6 on the next links; the parent has flit j
  // at j + 8, the tail at 11. Each of the 4 links carried the 4 words once.
  {
    ScContext context;
    sc::NocFabric fabric("fabric", network(arch::Topology::Mesh, 16, 1), 3, 2, 16, kCycle, 0);
    std::uint64_t at = 0;
    fabric.send_up(4, DataSpace::Outputs, {2, 5}, true, 0, [&] { at = cycle_now(); });
    sc_core::sc_start();
    CHECK(at == 11);
    const auto& s = fabric.stats();
    CHECK(s.link_words[arch::index(DataSpace::Outputs)] == std::uint64_t{4} * 4);
    const auto& topo = fabric.topology();
    CHECK(s.up_links[topo.link_id(topo.endpoint(2, 0))].busy_cycles == 4);
  }
  // Without reduction the parent gets both packets: 8 flits through the parent link, the second
  // packet right behind the first: round robin at (2,0) grants its own child first (flits at the
  // parent at j + 6, j = 0..3), then (2,1)'s packet (queued since 2) at 4..7: tail at 7 + 6 = 13.
  ScContext context;
  std::uint64_t at = 0;
  sc::NocFabric plain("plain", network(arch::Topology::Mesh, 16, 1), 3, 2, 16, kCycle, 0);
  plain.send_up(4, DataSpace::Outputs, {2, 5}, false, 0, [&] { at = cycle_now(); });
  sc_core::sc_start();
  CHECK(at == 13);
  CHECK(plain.stats().link_words[arch::index(DataSpace::Outputs)] == std::uint64_t{4} * (4 + 3));
}

TEST_CASE("NoC fabric forwards psums up a column before the Eyeriss bus", "[sim][sc][noc]") {
  // 14 x 12 PEs, 64-bit links, 16-bit words (16 words = 4 flits), hop latency 1; PEs (5,0),
  // (5,1), (5,2) send 16 words up, reduced. With vertical forwarding, (5,2)'s flit j crosses to
  // (5,1) at j and is there at j + 2; (5,1) adds its own and sends flit j on at j + 2, at (5,0) by
  // j + 4; (5,0) puts the sum on its X-bus at j + 4, the Y-bus takes it at j + 6 and the parent
  // has it at j + 8: the tail at 11. Four links carried the 16 words: 2 neighbour links, 1 X-bus,
  // the Y-bus.
  auto spec = network(arch::Topology::EyerissBus, 64, 1);
  spec.psum_forwarding_vertical = true;
  const std::vector<std::size_t> column = {5, 14 + 5, 28 + 5};
  {
    ScContext context;
    sc::NocFabric fabric("fabric", spec, 14, 12, 16, kCycle, 0);
    std::uint64_t at = 0;
    fabric.send_up(16, DataSpace::Outputs, column, true, 0, [&] { at = cycle_now(); });
    sc_core::sc_start();
    CHECK(at == 11);
    const auto& s = fabric.stats();
    CHECK(s.link_words[arch::index(DataSpace::Outputs)] == std::uint64_t{4} * 16);
    CHECK(s.forward_links.at(28 + 5).busy_cycles == 4);
    CHECK(s.forward_links.at(14 + 5).busy_cycles == 4);
    std::uint64_t bus_busy = 0;
    for (const auto& l : s.up_links) bus_busy += l.busy_cycles;
    CHECK(bus_busy == 2 * 4);  // one X-bus and the Y-bus
  }
  // Without forwarding each row's X-bus carries its PE's packet (at j), the Y-bus the sum (at
  // j + 2): the parent has flit j at j + 4, the tail at 7; 3 X-buses and the Y-bus.
  ScContext context;
  spec.psum_forwarding_vertical = false;
  sc::NocFabric plain("plain", spec, 14, 12, 16, kCycle, 0);
  std::uint64_t at = 0;
  plain.send_up(16, DataSpace::Outputs, column, true, 0, [&] { at = cycle_now(); });
  sc_core::sc_start();
  CHECK(at == 7);
  CHECK(plain.stats().link_words[arch::index(DataSpace::Outputs)] == std::uint64_t{4} * 16);
}

TEST_CASE("NoC fabric with unlimited link width delivers after the hop latencies only",
          "[sim][sc][noc]") {
  ScContext context;
  // link_bits 0: a packet of any size is one zero-duration flit; child 11 = (3,2) of a 4 x 4 mesh
  // is 6 links away (parent link, 3 along X, 2 along Y), hop latency 3: delivered at 18. A second
  // packet sent at the same time to the same child does not wait for the first.
  sc::NocFabric fabric("fabric", network(arch::Topology::Mesh, 0, 3), 4, 4, 16, kCycle, 0);
  Arrivals first, second;
  fabric.send_down(1000, DataSpace::Inputs, {11}, 0, first.recorder());
  fabric.send_down(1000, DataSpace::Inputs, {11}, 0, second.recorder());
  sc_core::sc_start();
  CHECK(first.at.at(11) == 18);
  CHECK(second.at.at(11) == 18);
}

TEST_CASE("NoC fabric word x link and word x router counts equal the stage topology's trees",
          "[sim][sc][noc]") {
  // Random multicasts (down) and reductions (up), some without multicast or reduction, issued at
  // random cycles on every topology with random widths, latencies, buffers and sink rates: each
  // completes, and the fabric's counts equal tree_cost x words (unicasts: one route per child).
  std::mt19937 rng(97531);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const arch::Topology topologies[] = {arch::Topology::Bus,      arch::Topology::EyerissBus,
                                       arch::Topology::Mesh,     arch::Topology::Crossbar,
                                       arch::Topology::Systolic, arch::Topology::HierarchicalMesh};
  for (const arch::Topology topology : topologies) {
    for (int round = 0; round < 6; ++round) {
      ScContext context;
      const std::int64_t fx =
          topology == arch::Topology::HierarchicalMesh ? 2 * pick(1, 3) : pick(1, 6);
      const std::int64_t fy =
          topology == arch::Topology::HierarchicalMesh ? 2 * pick(1, 3) : pick(1, 6);
      arch::NetworkSpec spec = network(topology, std::int64_t{16} * pick(0, 4), pick(0, 2),
                                       static_cast<std::int64_t>(pick(1, 4)));
      if (topology == arch::Topology::HierarchicalMesh) spec.cluster_x = spec.cluster_y = 2;
      spec.multicast = pick(0, 3) > 0;
      spec.reduction = pick(0, 3) > 0;
      spec.psum_forwarding_vertical = spec.reduction && pick(0, 1) == 1;
      const double sink = pick(0, 1) == 0 ? 0.0 : 0.5 * pick(1, 4);
      INFO("topology " << arch::topology_name(topology) << " " << fx << "x" << fy << " link "
                       << spec.link_bits << " forwarding " << spec.psum_forwarding_vertical
                       << " buffer " << spec.buffer_flits << " sink " << sink);
      sc::NocFabric fabric("fabric", spec, fx, fy, 16, kCycle, sink);
      const arch::noc::StageTopology& topo = fabric.topology();
      std::array<std::uint64_t, 3> links{}, routers{};
      std::size_t expected = 0, delivered = 0;
      struct Send {
        std::uint64_t at = 0, words = 0;
        bool up = false;
        std::vector<std::size_t> children;
      };
      std::vector<Send> sends;
      for (int i = 0; i < 12; ++i) {
        Send s;
        s.at = static_cast<std::uint64_t>(pick(0, 20));
        s.words = static_cast<std::uint64_t>(pick(1, 9));
        s.up = pick(0, 1) == 1;
        for (std::int64_t c = 0; c < fx * fy; ++c) {
          if (pick(0, 2) == 0) s.children.push_back(static_cast<std::size_t>(c));
        }
        if (s.children.empty()) s.children.push_back(0);
        const bool shared = s.up ? spec.reduction : spec.multicast;
        const int ds = s.up ? 2 : pick(0, 1);
        std::vector<std::size_t> nodes;
        for (std::size_t c : s.children) {
          nodes.push_back(
              topo.endpoint(static_cast<std::int64_t>(c) % fx, static_cast<std::int64_t>(c) / fx));
        }
        if (shared) {
          const auto cost = s.up ? topo.reduction_cost(nodes) : topo.tree_cost(nodes);
          links[ds] += cost.links * s.words;
          routers[ds] += cost.routers * s.words;
        } else {
          for (std::size_t n : nodes) {
            const auto cost = topo.tree_cost({n});
            links[ds] += cost.links * s.words;
            routers[ds] += cost.routers * s.words;
          }
        }
        expected += s.up ? 1 : s.children.size();
        sends.push_back(s);
      }
      std::stable_sort(sends.begin(), sends.end(),
                       [](const Send& a, const Send& b) { return a.at < b.at; });
      std::uint64_t now = 0;
      for (const Send& s : sends) {
        if (s.at > now) {
          sc_core::sc_start(kCycle * static_cast<double>(s.at - now));
          now = s.at;
        }
        if (s.up) {
          fabric.send_up(s.words, DataSpace::Outputs, s.children, true, sink,
                         [&delivered] { ++delivered; });
        } else {
          fabric.send_down(s.words, s.children.size() % 2 ? DataSpace::Weights : DataSpace::Inputs,
                           s.children, pick(0, 1) * 1.5,
                           [&delivered](std::size_t) { ++delivered; });
        }
      }
      sc_core::sc_start();
      CHECK(delivered == expected);
      const auto& stats = fabric.stats();
      CHECK(stats.link_words[2] == links[2]);
      CHECK(stats.router_words[2] == routers[2]);
      CHECK(stats.link_words[0] + stats.link_words[1] == links[0] + links[1]);
      CHECK(stats.router_words[0] + stats.router_words[1] == routers[0] + routers[1]);
    }
  }
}
