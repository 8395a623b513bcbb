// NoC stage topologies: a broadcast of one word to every PE traverses each bus or link of its
// multicast tree once; unicasting it costs one route per PE.
#include <numeric>

#include <catch2/catch.hpp>

#include "arch/noc/topology.hpp"

namespace {

namespace arch = arraysim::arch;

std::vector<std::size_t> all_endpoints(const arch::noc::StageTopology& t, std::int64_t fx,
                                       std::int64_t fy) {
  std::vector<std::size_t> out;
  for (std::int64_t y = 0; y < fy; ++y) {
    for (std::int64_t x = 0; x < fx; ++x) out.push_back(t.endpoint(x, y));
  }
  return out;
}

std::uint64_t unicast_links(const arch::noc::StageTopology& t, std::int64_t fx, std::int64_t fy) {
  std::uint64_t links = 0;
  for (std::size_t e : all_endpoints(t, fx, fy)) links += t.route_links(e);
  return links;
}

arch::NetworkSpec spec(arch::Topology topology, std::int64_t cx = 1, std::int64_t cy = 1) {
  arch::NetworkSpec s;
  s.topology = topology;
  s.cluster_x = cx;
  s.cluster_y = cy;
  return s;
}

}  // namespace

TEST_CASE("Eyeriss bus: broadcast uses the Y-bus and every X-bus once", "[arch]") {
  const arch::noc::StageTopology t(spec(arch::Topology::EyerissBus), 14, 12);
  CHECK(t.tree_links(all_endpoints(t, 14, 12)) == 1 + 12);
  CHECK(unicast_links(t, 14, 12) == 2 * 168);
  // A row multicast: the Y-bus and that row's X-bus.
  std::vector<std::size_t> row;
  for (std::int64_t x = 0; x < 14; ++x) row.push_back(t.endpoint(x, 3));
  CHECK(t.tree_links(row) == 2);
}

TEST_CASE("Hierarchical mesh: broadcast through the router mesh and local buses", "[arch]") {
  // 6 x 4 PEs in clusters of 3 x 2: a 2 x 2 mesh of cluster routers.
  const arch::noc::StageTopology t(spec(arch::Topology::HierarchicalMesh, 3, 2), 6, 4);
  // Parent link + 3 router-mesh links of the spanning tree + 4 local buses.
  CHECK(t.tree_links(all_endpoints(t, 6, 4)) == 1 + 3 + 4);
  // Unicast to a PE of cluster (i, j): parent link + i + j mesh links + its local bus.
  CHECK(unicast_links(t, 6, 4) == 6 * ((1 + 0 + 1) + (1 + 1 + 1) + (1 + 1 + 1) + (1 + 2 + 1)));
}

TEST_CASE("Bus, crossbar, mesh and systolic stages", "[arch]") {
  const arch::noc::StageTopology bus(spec(arch::Topology::Bus), 4, 4);
  CHECK(bus.tree_links(all_endpoints(bus, 4, 4)) == 1);
  CHECK(unicast_links(bus, 4, 4) == 16);
  const arch::noc::StageTopology crossbar(spec(arch::Topology::Crossbar), 4, 4);
  CHECK(crossbar.tree_links(all_endpoints(crossbar, 4, 4)) == 16);
  const arch::noc::StageTopology mesh(spec(arch::Topology::Mesh), 4, 4);
  CHECK(mesh.tree_links(all_endpoints(mesh, 4, 4)) == 16);  // parent link + 15 spanning-tree links
  CHECK(mesh.route_links(mesh.endpoint(3, 2)) == 1 + 3 + 2);
  const arch::noc::StageTopology systolic(spec(arch::Topology::Systolic), 4, 3);
  CHECK(systolic.route_links(systolic.endpoint(3, 1)) == 1 + 3);
  CHECK(systolic.max_hops() == 4);
}

TEST_CASE("Routers on the multicast trees: mesh nodes, cluster routers, the crossbar switch",
          "[arch]") {
  const arch::noc::StageTopology mesh(spec(arch::Topology::Mesh), 4, 4);
  // Dimension-ordered routes: along X on row 0, then along Y. (3, 2): the parent link, 3 links
  // along X, 2 along Y; the routers of (0,0), (1,0), (2,0), (3,0), (3,1), (3,2).
  auto cost = mesh.tree_cost({mesh.endpoint(3, 2)});
  CHECK(cost.links == 6);
  CHECK(cost.routers == 6);
  // Column 1 and column 2 of row 3 share the path along X up to (1,0): 1 + 2 + 3 + 1 links.
  cost = mesh.tree_cost({mesh.endpoint(1, 3), mesh.endpoint(2, 3)});
  CHECK(cost.links == 1 + 2 + 3 + 3);
  CHECK(cost.routers == 9);
  // The whole array: every router once.
  CHECK(mesh.tree_cost(all_endpoints(mesh, 4, 4)).routers == 16);

  const arch::noc::StageTopology hmesh(spec(arch::Topology::HierarchicalMesh, 3, 2), 6, 4);
  // A PE of cluster (1, 1): routers (0,0), (1,0), (1,1); the local bus is no router.
  CHECK(hmesh.tree_cost({hmesh.endpoint(4, 3)}).routers == 3);
  CHECK(hmesh.tree_cost(all_endpoints(hmesh, 6, 4)).routers == 4);

  const arch::noc::StageTopology crossbar(spec(arch::Topology::Crossbar), 4, 4);
  CHECK(crossbar.tree_cost(all_endpoints(crossbar, 4, 4)).routers == 1);  // one switch pass
  CHECK(crossbar.tree_cost({crossbar.endpoint(2, 2)}).links == 1);

  for (arch::Topology t :
       {arch::Topology::Bus, arch::Topology::EyerissBus, arch::Topology::Systolic}) {
    const arch::noc::StageTopology no_routers(spec(t), 4, 4);
    CHECK(no_routers.tree_cost(all_endpoints(no_routers, 4, 4)).routers == 0);
  }
}

TEST_CASE("Vertical psum forwarding: neighbour hops up each column, then the columns' tops",
          "[arch]") {
  arch::NetworkSpec forwarding = spec(arch::Topology::EyerissBus);
  forwarding.psum_forwarding_vertical = true;
  const arch::noc::StageTopology t(forwarding, 14, 12);
  // One column, rows 0..2: 2 neighbour hops, then (5,0) over its X-bus and the Y-bus.
  const std::vector<std::size_t> column = {t.endpoint(5, 0), t.endpoint(5, 1), t.endpoint(5, 2)};
  CHECK(t.reduction_cost(column).links == 2 + 2);
  // Rows 1 and 4 of column 2 and row 3 of column 7: 3 hops (through rows 2 and 3); the tops (2,1)
  // and (7,3) sit on two X-buses below one Y-bus.
  CHECK(t.reduction_cost({t.endpoint(2, 4), t.endpoint(7, 3), t.endpoint(2, 1)}).links ==
        3 + 1 + 2);
  // Without forwarding the same reduction is the tree: 3 X-buses and the Y-bus.
  const arch::noc::StageTopology plain(spec(arch::Topology::EyerissBus), 14, 12);
  CHECK(plain.reduction_cost(column).links == 1 + 3);
  // A whole mesh column forwarded: 3 hops, then the top (0,0) one link from the parent.
  arch::NetworkSpec mesh = spec(arch::Topology::Mesh);
  mesh.psum_forwarding_vertical = true;
  const arch::noc::StageTopology m(mesh, 4, 4);
  const auto c = m.reduction_cost({m.endpoint(0, 3), m.endpoint(0, 0)});
  CHECK(c.links == 3 + 1);
  CHECK(c.routers == 1);  // only the top's router: the neighbour links bypass the others
}
