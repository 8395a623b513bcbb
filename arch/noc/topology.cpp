#include "arch/noc/topology.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <boost/graph/breadth_first_search.hpp>

namespace arraysim::arch::noc {

std::size_t StageTopology::add_node(bool router) {
  router_.push_back(router);
  return boost::add_vertex(graph_);
}

void StageTopology::connect(std::size_t a, std::size_t b, bool link) {
  boost::add_edge(a, b, Edge{link}, graph_);
}

StageTopology::StageTopology(const NetworkSpec& spec, std::int64_t fanout_x, std::int64_t fanout_y)
    : fanout_x_(fanout_x), forward_vertical_(spec.psum_forwarding_vertical) {
  const std::size_t root = add_node();
  const auto n = static_cast<std::size_t>(fanout_x * fanout_y);
  endpoints_.resize(n);
  for (auto& e : endpoints_) e = add_node();
  auto at = [&](std::int64_t x, std::int64_t y) {
    return endpoints_[static_cast<std::size_t>(y * fanout_x + x)];
  };
  switch (spec.topology) {
    case Topology::Bus: {
      const std::size_t bus = add_node();
      connect(root, bus);
      for (std::size_t e : endpoints_) connect(bus, e, false);
      break;
    }
    case Topology::EyerissBus: {
      // A Y-bus feeding one X-bus per row; ID matching lets one transfer reach every tapped PE.
      const std::size_t y_bus = add_node();
      connect(root, y_bus);
      for (std::int64_t y = 0; y < fanout_y; ++y) {
        const std::size_t x_bus = add_node();
        connect(y_bus, x_bus);
        for (std::int64_t x = 0; x < fanout_x; ++x) connect(x_bus, at(x, y), false);
      }
      break;
    }
    case Topology::Crossbar:
      // One switch at the parent's port, a link from it to every child.
      router_[root] = true;
      for (std::size_t e : endpoints_) connect(root, e);
      break;
    case Topology::Mesh:
      // A router at every child; the parent enters at the corner (0, 0).
      for (std::size_t e : endpoints_) router_[e] = true;
      connect(root, at(0, 0));
      for (std::int64_t y = 0; y < fanout_y; ++y) {
        for (std::int64_t x = 0; x < fanout_x; ++x) {
          if (x + 1 < fanout_x) connect(at(x, y), at(x + 1, y));
          if (y + 1 < fanout_y) connect(at(x, y), at(x, y + 1));
        }
      }
      break;
    case Topology::HierarchicalMesh: {
      // Clusters of cluster_x x cluster_y PEs, each behind a router on a 2-D mesh of routers, the
      // cluster's PEs on a local bus.
      const std::int64_t cx = std::min(spec.cluster_x, fanout_x);
      const std::int64_t cy = std::min(spec.cluster_y, fanout_y);
      const std::int64_t rx = (fanout_x + cx - 1) / cx;
      const std::int64_t ry = (fanout_y + cy - 1) / cy;
      std::vector<std::size_t> routers(static_cast<std::size_t>(rx * ry));
      for (auto& r : routers) r = add_node(true);
      auto router = [&](std::int64_t i, std::int64_t j) {
        return routers[static_cast<std::size_t>(j * rx + i)];
      };
      connect(root, router(0, 0));
      for (std::int64_t j = 0; j < ry; ++j) {
        for (std::int64_t i = 0; i < rx; ++i) {
          if (i + 1 < rx) connect(router(i, j), router(i + 1, j));
          if (j + 1 < ry) connect(router(i, j), router(i, j + 1));
          const std::size_t local_bus = add_node();
          connect(router(i, j), local_bus);
          for (std::int64_t y = j * cy; y < std::min(fanout_y, (j + 1) * cy); ++y) {
            for (std::int64_t x = i * cx; x < std::min(fanout_x, (i + 1) * cx); ++x) {
              connect(local_bus, at(x, y), false);
            }
          }
        }
      }
      break;
    }
    case Topology::Systolic:
      // Edge fed: the parent drives the first PE of each row, words move on to the right neighbour.
      for (std::int64_t y = 0; y < fanout_y; ++y) {
        connect(root, at(0, y));
        for (std::int64_t x = 0; x + 1 < fanout_x; ++x) connect(at(x, y), at(x + 1, y));
      }
      break;
  }

  // Shortest-path tree from the parent: unit hops; taps are free but still hops. Edges are added
  // along X before Y, so breadth-first search discovers a mesh node from its lower-Y neighbour
  // first: routes run along X, then along Y (dimension-ordered routing).
  predecessor_.assign(boost::num_vertices(graph_), root);
  boost::breadth_first_search(graph_, root,
                              boost::visitor(boost::make_bfs_visitor(boost::record_predecessors(
                                  predecessor_.data(), boost::on_tree_edge()))));
  link_to_predecessor_.assign(predecessor_.size(), false);
  link_id_.assign(predecessor_.size(), 0);
  tree_children_.assign(predecessor_.size(), {});
  for (std::size_t v = 0; v < predecessor_.size(); ++v) {
    if (v == root) continue;
    tree_children_[predecessor_[v]].push_back(v);
    const auto edge = boost::edge(predecessor_[v], v, graph_);
    link_to_predecessor_[v] = edge.second && graph_[edge.first].link;
    if (link_to_predecessor_[v]) link_id_[v] = num_links_++;
  }
}

std::uint64_t StageTopology::tree_links(const std::vector<std::size_t>& destinations) const {
  return tree_cost(destinations).links;
}

TreeCost StageTopology::tree_cost(const std::size_t* destinations, std::size_t count,
                                  TreeScratch& scratch) const {
  if (scratch.mark.size() != predecessor_.size() || scratch.epoch == UINT32_MAX) {
    scratch.mark.assign(predecessor_.size(), 0);
    scratch.epoch = 0;
  }
  const std::uint32_t epoch = ++scratch.epoch;
  TreeCost cost;
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t v = destinations[i]; v != 0 && scratch.mark[v] != epoch; v = predecessor_[v]) {
      scratch.mark[v] = epoch;
      if (link_to_predecessor_[v]) ++cost.links;
      if (router_[v]) ++cost.routers;
    }
  }
  if (count > 0 && router_[0]) ++cost.routers;
  return cost;
}

TreeCost StageTopology::tree_cost(const std::vector<std::size_t>& destinations) const {
  TreeScratch scratch;
  return tree_cost(destinations.data(), destinations.size(), scratch);
}

std::vector<std::size_t> StageTopology::column_tops(const std::size_t* endpoints,
                                                    std::size_t count) const {
  std::map<std::int64_t, std::int64_t> top;  // column -> lowest row
  for (std::size_t i = 0; i < count; ++i) {
    const auto [it, fresh] = top.emplace(endpoint_x(endpoints[i]), endpoint_y(endpoints[i]));
    if (!fresh) it->second = std::min(it->second, endpoint_y(endpoints[i]));
  }
  std::vector<std::size_t> out;
  out.reserve(top.size());
  for (const auto& [x, y] : top) out.push_back(endpoint(x, y));
  return out;
}

TreeCost StageTopology::reduction_cost(const std::size_t* sources, std::size_t count,
                                       TreeScratch& scratch) const {
  if (!forward_vertical_) return tree_cost(sources, count, scratch);
  // Each source's psums climb its column to the column's top: one link per row crossed.
  std::uint64_t hops = 0;
  const std::vector<std::size_t> tops = column_tops(sources, count);
  std::map<std::int64_t, std::int64_t> bottom;  // column -> highest row
  for (std::size_t i = 0; i < count; ++i) {
    auto& y = bottom[endpoint_x(sources[i])];
    y = std::max(y, endpoint_y(sources[i]));
  }
  for (std::size_t top : tops)
    hops += static_cast<std::uint64_t>(bottom[endpoint_x(top)] - endpoint_y(top));
  TreeCost cost = tree_cost(tops.data(), tops.size(), scratch);
  cost.links += hops;
  return cost;
}

TreeCost StageTopology::reduction_cost(const std::vector<std::size_t>& sources) const {
  TreeScratch scratch;
  return reduction_cost(sources.data(), sources.size(), scratch);
}

std::vector<std::size_t> StageTopology::tree_link_ids(
    const std::vector<std::size_t>& destinations) const {
  std::vector<bool> in_tree(predecessor_.size(), false);
  std::vector<std::size_t> ids;
  for (std::size_t v : destinations) {
    while (v != 0 && !in_tree[v]) {
      in_tree[v] = true;
      if (link_to_predecessor_[v]) ids.push_back(link_id_[v]);
      v = predecessor_[v];
    }
  }
  return ids;
}

std::uint64_t StageTopology::tree_depth(const std::vector<std::size_t>& destinations) const {
  std::uint64_t depth = 0;
  for (std::size_t e : destinations) {
    std::uint64_t hops = 0;
    for (std::size_t v = e; v != 0; v = predecessor_[v]) ++hops;
    depth = std::max(depth, hops);
  }
  return depth;
}

std::uint64_t StageTopology::route_links(std::size_t destination) const {
  return tree_links({destination});
}

std::uint64_t StageTopology::max_hops() const {
  std::uint64_t best = 0;
  for (std::size_t e : endpoints_) {
    std::uint64_t hops = 0;
    for (std::size_t v = e; v != 0; v = predecessor_[v]) ++hops;
    best = std::max(best, hops);
  }
  return best;
}

}  // namespace arraysim::arch::noc
