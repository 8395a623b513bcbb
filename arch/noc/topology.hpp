// The network of one fan-out stage as a Boost.Graph: the parent's port, buses or routers, and one
// endpoint per child of an fx x fy grid. Routes are shortest paths from the parent (on meshes
// dimension-ordered: along X first, then Y); a multicast reaches its destinations along the union
// of their routes (the multicast tree). Links are the physical wires a word traverses (a bus is one
// link however many children tap it); routers are the switches it passes (mesh nodes, the cluster
// routers of a hierarchical mesh, the crossbar switch).
#pragma once

#include <cstdint>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "arch/architecture.hpp"

namespace arraysim::arch::noc {

// Link and router traversals of one word sent along a multicast tree.
struct TreeCost {
  std::uint64_t links = 0;
  std::uint64_t routers = 0;
};

// Reusable marks for tree_cost, so that a caller walking many trees does not allocate.
struct TreeScratch {
  std::vector<std::uint32_t> mark;
  std::uint32_t epoch = 0;
};

class StageTopology {
 public:
  StageTopology(const NetworkSpec& spec, std::int64_t fanout_x, std::int64_t fanout_y);

  std::size_t endpoint(std::int64_t x, std::int64_t y) const {
    return endpoints_[static_cast<std::size_t>(y * fanout_x_ + x)];
  }
  std::size_t num_endpoints() const { return endpoints_.size(); }
  // Links carrying one word from the parent to all these endpoints at once.
  std::uint64_t tree_links(const std::vector<std::size_t>& destinations) const;
  // The links and routers of that tree; destinations are node ids (endpoint()).
  TreeCost tree_cost(const std::size_t* destinations, std::size_t count,
                     TreeScratch& scratch) const;
  TreeCost tree_cost(const std::vector<std::size_t>& destinations) const;
  // The links and routers of a reduction from these endpoints to the parent: their tree, or with
  // vertical psum forwarding, the neighbour links up each column (y_max - y_min per column) plus
  // the tree from the columns' top endpoints.
  TreeCost reduction_cost(const std::size_t* sources, std::size_t count,
                          TreeScratch& scratch) const;
  TreeCost reduction_cost(const std::vector<std::size_t>& sources) const;
  bool forwards_vertically() const { return forward_vertical_; }
  // The top endpoint (lowest y) of each column among these endpoints, by column; with vertical
  // psum forwarding a reduction leaves each column there and a psum refill enters there.
  std::vector<std::size_t> column_tops(const std::size_t* endpoints, std::size_t count) const;
  // The grid position of an endpoint node.
  std::int64_t endpoint_x(std::size_t node) const {
    return static_cast<std::int64_t>(node - endpoints_.front()) % fanout_x_;
  }
  std::int64_t endpoint_y(std::size_t node) const {
    return static_cast<std::int64_t>(node - endpoints_.front()) / fanout_x_;
  }
  // The same links by id (0 .. num_links()-1).
  std::vector<std::size_t> tree_link_ids(const std::vector<std::size_t>& destinations) const;
  std::size_t num_links() const { return num_links_; }
  // Hops on the longest route of a multicast tree.
  std::uint64_t tree_depth(const std::vector<std::size_t>& destinations) const;
  // Links on the route to one endpoint.
  std::uint64_t route_links(std::size_t destination) const;
  std::uint64_t max_hops() const;

  // The graph's structure for simulators that move words along it. Node 0 is the parent's port;
  // every other node hangs off its predecessor on the route tree, by a link or by a bus tap.
  static constexpr std::size_t kParentPort = 0;
  std::size_t num_nodes() const { return predecessor_.size(); }
  std::size_t predecessor(std::size_t node) const { return predecessor_[node]; }
  // Whether the edge to the predecessor is a link (false: a tap onto a bus, no link of its own).
  bool linked_to_predecessor(std::size_t node) const { return link_to_predecessor_[node]; }
  // Id of the link to the predecessor (only when linked_to_predecessor).
  std::size_t link_id(std::size_t node) const { return link_id_[node]; }
  bool router(std::size_t node) const { return router_[node]; }
  // The nodes whose predecessor this node is, in increasing id order.
  const std::vector<std::size_t>& tree_children(std::size_t node) const {
    return tree_children_[node];
  }

 private:
  struct Edge {
    bool link = true;  // false: a tap onto a bus, which costs no extra link traversal
  };
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, Edge>;

  std::size_t add_node(bool router = false);
  void connect(std::size_t a, std::size_t b, bool link = true);

  Graph graph_;
  std::int64_t fanout_x_ = 1;
  bool forward_vertical_ = false;
  std::vector<std::size_t> endpoints_;
  std::vector<bool> router_;              // per node: a switch every word through it traverses
  std::vector<std::size_t> predecessor_;  // on the shortest-path tree from the parent (node 0)
  std::vector<bool> link_to_predecessor_;
  std::vector<std::size_t> link_id_;  // id of the link from a node to its predecessor
  std::vector<std::vector<std::size_t>> tree_children_;
  std::size_t num_links_ = 0;
};

}  // namespace arraysim::arch::noc
