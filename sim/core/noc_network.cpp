#include "sim/core/noc_network.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

namespace arraysim::sim::noc {

namespace {
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
}  // namespace

FlitNetwork::FlitNetwork(const arch::NetworkSpec& spec, std::int64_t fanout_x,
                         std::int64_t fanout_y, std::int64_t word_bits, double sink_words_per_cycle)
    : spec_(spec),
      topology_(spec, fanout_x, fanout_y),
      word_bits_(word_bits),
      sink_rate_(sink_words_per_cycle) {
  const std::size_t n = topology_.num_nodes();
  const auto& t = topology_;
  endpoint_.assign(n, false);
  for (std::int64_t y = 0; y < fanout_y; ++y) {
    for (std::int64_t x = 0; x < fanout_x; ++x) {
      const std::size_t node = t.endpoint(x, y);
      endpoint_of_child_.push_back(node);
      endpoint_[node] = true;
    }
  }
  const bool buffered =
      spec.topology == arch::Topology::Mesh || spec.topology == arch::Topology::HierarchicalMesh;
  auto capacity = [&](std::size_t node) -> std::uint64_t {
    return buffered && t.router(node) ? static_cast<std::uint64_t>(spec.buffer_flits) : 0;
  };
  // A bus: the node at the far end of a link that taps children instead of buffering.
  auto bus = [&](std::size_t node) {
    const auto& c = t.tree_children(node);
    return std::any_of(c.begin(), c.end(),
                       [&](std::size_t k) { return !t.linked_to_predecessor(k); });
  };
  stats_.down_links.resize(t.num_links());
  stats_.up_links.resize(t.num_links());
  stats_.credit_stall_cycles.assign(n, 0);
  auto make_port = [&](std::size_t owner, bool sink) -> Port& {
    Port& p = ports_.emplace_back();
    p.sink = sink;
    p.round_robin = t.router(owner);
    p.hop_latency = static_cast<Cycle>(spec.hop_latency_cycles);
    p.fabric = &stats_;
    p.credit_stalls = &stats_.credit_stall_cycles[owner];
    return p;
  };
  auto make_buffer = [&](std::uint64_t cap) -> Buffer& {
    Buffer& b = buffers_.emplace_back();
    b.capacity = cap;
    b.slot_free.assign(cap, 0);
    return b;
  };
  down_buffer_.assign(n, nullptr);
  up_buffer_.assign(n, nullptr);
  down_port_.assign(n, nullptr);
  up_port_.assign(n, nullptr);
  down_sink_.assign(n, nullptr);
  injection_.assign(n, nullptr);
  for (std::size_t v = 1; v < n; ++v) {
    if (!bus(v)) down_buffer_[v] = &make_buffer(capacity(v));
  }
  for (std::size_t v = 1; v < n; ++v) {
    if (!t.linked_to_predecessor(v)) continue;
    Port& down = make_port(t.predecessor(v), false);
    down.stats = &stats_.down_links[t.link_id(v)];
    down_port_[v] = &down;
    if (down_buffer_[v] != nullptr) down_buffer_[v]->feeder = &down;
    for (std::size_t c : t.tree_children(v)) {
      if (!t.linked_to_predecessor(c)) down_buffer_[c]->feeder = &down;
    }
    up_buffer_[v] = &make_buffer(capacity(t.predecessor(v)));
    Port& up = make_port(v, false);
    up.stats = &stats_.up_links[t.link_id(v)];
    up_port_[v] = &up;
    up_buffer_[v]->feeder = &up;
  }
  for (std::size_t e : endpoint_of_child_) {
    Port& sink = make_port(e, true);
    sink.round_robin = false;
    down_sink_[e] = &sink;
    injection_[e] = &make_buffer(0);
  }
  forward_port_.assign(n, nullptr);
  forward_buffer_.assign(n, nullptr);
  if (spec.psum_forwarding_vertical) {
    stats_.forward_links.resize(endpoint_of_child_.size());
    for (std::size_t child = 0; child < endpoint_of_child_.size(); ++child) {
      const std::size_t e = endpoint_of_child_[child];
      forward_buffer_[e] = &make_buffer(0);
      if (static_cast<std::int64_t>(child) < fanout_x) continue;
      Port& up = make_port(e, false);
      up.round_robin = false;
      up.stats = &stats_.forward_links[child];
      forward_port_[e] = &up;
    }
    for (std::size_t child = fanout_x; child < endpoint_of_child_.size(); ++child) {
      forward_buffer_[endpoint_of_child_[child - fanout_x]]->feeder =
          forward_port_[endpoint_of_child_[child]];
    }
  }
  up_sink_ = &make_port(arch::noc::StageTopology::kParentPort, true);
  // Number the inputs each up port (and the parent's write port) arbitrates among: the owner's
  // own child first, then its subtrees in node order.
  for (std::size_t v = 0; v < n; ++v) {
    Port* port = v == 0 ? up_sink_ : up_port_[v];
    if (port == nullptr) continue;
    std::size_t inputs = 0;
    if (v != 0 && endpoint_[v]) injection_[v]->input = inputs++;
    for (std::size_t c : t.tree_children(v)) {
      Buffer* b = t.linked_to_predecessor(c) ? up_buffer_[c] : injection_[c];
      b->input = inputs++;
    }
    port->num_inputs = std::max<std::size_t>(inputs, 1);
  }
}

FlitNetwork::Flow& FlitNetwork::new_flow(std::size_t& id) {
  id = next_flow_++;
  auto& f = flows_[id];
  f = std::make_unique<Flow>();
  f->member.assign(topology_.num_nodes(), false);
  f->in_tree.assign(topology_.num_nodes(), false);
  f->deliveries.assign(topology_.num_nodes(), kNone);
  f->below.assign(topology_.num_nodes(), kNone);
  return *f;
}

Entry& FlitNetwork::new_entry(Flow& f, const FlitShape& shape) {
  Entry& e = f.entries.emplace_back();
  e.flits = shape.flits;
  e.arrival.reserve(shape.flits);
  return e;
}

Transfer& FlitNetwork::new_transfer(Flow& f, std::size_t id, Port& port, const FlitShape& shape,
                                    int ds, std::size_t tie) {
  Transfer& t = f.transfers.emplace_back();
  t.port = &port;
  t.shape = shape;
  t.dataspace = ds;
  t.tie = tie;
  t.order = order_++;
  t.flow = id;
  ++f.unfinished;
  return t;
}

void FlitNetwork::mark_tree(Flow& f, const std::vector<std::size_t>& children) {
  f.in_tree[0] = true;
  for (std::size_t c : children) {
    if (c >= endpoint_of_child_.size()) {
      throw std::out_of_range("NoC fabric: child " + std::to_string(c) + " of " +
                              std::to_string(endpoint_of_child_.size()));
    }
    const std::size_t e = endpoint_of_child_[c];
    f.member[e] = true;
    for (std::size_t v = e; v != 0 && !f.in_tree[v]; v = topology_.predecessor(v)) {
      f.in_tree[v] = true;
    }
  }
}

void FlitNetwork::branch_down(Flow& f, std::size_t id, std::size_t node, Entry& here,
                              const FlitShape& shape, int ds, std::size_t tie) {
  for (std::size_t u : topology_.tree_children(node)) {
    if (!f.in_tree[u] || !topology_.linked_to_predecessor(u)) continue;
    Transfer& t = new_transfer(f, id, *down_port_[u], shape, ds, tie);
    t.sources.push_back(&here);
    here.consumers.push_back(&t);
    if (down_buffer_[u] != nullptr) {
      Entry& d = new_entry(f, shape);
      t.dests.push_back(&d);
      t.dest_buffers.push_back(down_buffer_[u]);
      t.counts_router = topology_.router(u);
      branch_down(f, id, u, d, shape, ds, tie);
      continue;
    }
    // A bus: one transfer reaches every child tapping it that is a destination.
    for (std::size_t c : topology_.tree_children(u)) {
      if (!f.in_tree[c]) continue;
      Entry& d = new_entry(f, shape);
      t.dests.push_back(&d);
      t.dest_buffers.push_back(down_buffer_[c]);
      branch_down(f, id, c, d, shape, ds, tie);
    }
  }
  if (f.member[node]) {
    Transfer& t = new_transfer(f, id, *down_sink_[node], shape, ds, tie);
    t.sources.push_back(&here);
    here.consumers.push_back(&t);
    t.delivery = f.deliveries[node];
    t.sink_rate = sink_rate_;
  }
}

void FlitNetwork::send_down(Cycle now, std::uint64_t words, arch::DataSpace ds,
                            const std::vector<std::size_t>& children, double source_words_per_cycle,
                            const std::vector<std::size_t>& deliveries, PortHooks& hooks) {
  if (words == 0) {
    for (std::size_t d : deliveries) hooks.delivered(d, now);
    return;
  }
  const FlitShape shape = flit_shape(words, spec_.link_bits_of(ds), word_bits_);
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::size_t> order(children.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return children[a] < children[b]; });
  if (spec_.multicast) {
    groups.push_back(order);
  } else {
    for (std::size_t i : order) groups.push_back({i});
  }
  for (const auto& group : groups) {
    if (group.empty()) continue;
    std::size_t id = 0;
    Flow& f = new_flow(id);
    std::vector<std::size_t> members;
    members.reserve(group.size());
    for (std::size_t i : group) members.push_back(children[i]);
    mark_tree(f, members);
    for (std::size_t i : group) f.deliveries[endpoint_of_child_[children[i]]] = deliveries[i];
    // The parent's read port streams the packet's words, packets in call order.
    Buffer& source = f.buffers.emplace_back();
    Entry& src = new_entry(f, shape);
    src.buffer = &source;
    source.entries.push_back(&src);
    const double start = std::max(static_cast<double>(now), parent_read_free_);
    for (std::uint64_t j = 0; j < shape.flits; ++j) {
      src.arrival.push_back(source_words_per_cycle > 0
                                ? ceil_cycle(start + static_cast<double>(shape.words_through(j)) /
                                                         source_words_per_cycle)
                                : now);
    }
    if (source_words_per_cycle > 0) {
      parent_read_free_ = start + static_cast<double>(words) / source_words_per_cycle;
    }
    const int d = arch::index(ds);
    if (topology_.router(0)) stats_.router_words[static_cast<std::size_t>(d)] += words;
    branch_down(f, id, 0, src, shape, d, members.front());
    announce_head(src, now, hooks);
  }
}

Entry& FlitNetwork::inject_up(Flow& f, std::size_t node, const FlitShape& shape, Cycle now) {
  Entry& e = new_entry(f, shape);
  e.buffer = injection_[node];
  e.arrival.assign(shape.flits, now);
  injection_[node]->entries.push_back(&e);
  f.injected.push_back(&e);
  return e;
}

std::vector<Entry*> FlitNetwork::up_sources(Flow& f, std::size_t id, std::size_t node,
                                            const FlitShape& shape, int ds, std::size_t tie,
                                            Cycle now) {
  std::vector<Entry*> sources;
  if (node != 0 && f.member[node]) member_sources(f, id, node, shape, ds, tie, now, sources);
  for (std::size_t u : topology_.tree_children(node)) {
    if (!f.in_tree[u]) continue;
    if (topology_.linked_to_predecessor(u)) {
      sources.push_back(&branch_up(f, id, u, shape, ds, tie, now));
    } else {
      member_sources(f, id, u, shape, ds, tie, now, sources);
    }
  }
  return sources;
}

void FlitNetwork::member_sources(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape,
                                 int ds, std::size_t tie, Cycle now, std::vector<Entry*>& out) {
  out.push_back(&inject_up(f, node, shape, now));
  if (f.below[node] != kNone) out.push_back(&forward_chain(f, id, node, shape, ds, tie, now));
}

Entry& FlitNetwork::forward_chain(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape,
                                  int ds, std::size_t tie, Cycle now) {
  const std::size_t bottom = f.below[node];
  std::vector<Entry*> sources;
  member_sources(f, id, bottom, shape, ds, tie, now, sources);
  // One hop per row crossed; a PE between two members passes the sum on.
  Entry* last = nullptr;
  for (std::int64_t y = topology_.endpoint_y(bottom); y > topology_.endpoint_y(node); --y) {
    const std::size_t from = topology_.endpoint(topology_.endpoint_x(node), y);
    const std::size_t to = topology_.endpoint(topology_.endpoint_x(node), y - 1);
    Transfer& t = new_transfer(f, id, *forward_port_[from], shape, ds, tie);
    if (f.reduction) {
      t.reduction = true;
      t.port->reductions.push_back(&t);
    }
    Entry& d = new_entry(f, shape);
    t.dests.push_back(&d);
    t.dest_buffers.push_back(forward_buffer_[to]);
    t.sources = last == nullptr ? sources : std::vector<Entry*>{last};
    for (Entry* s : t.sources) s->consumers.push_back(&t);
    last = &d;
  }
  return *last;
}

std::vector<std::size_t> FlitNetwork::column_tops(Flow& f,
                                                  const std::vector<std::size_t>& children) const {
  // children sorted: by row, then column; a column's members come top (row 0) first.
  std::map<std::int64_t, std::size_t> lowest;  // per column: the lowest member seen so far
  std::vector<std::size_t> tops;
  for (std::size_t c : children) {
    const std::size_t e = endpoint_of_child_.at(c);
    const std::int64_t x = topology_.endpoint_x(e);
    const auto [it, fresh] = lowest.emplace(x, e);
    if (fresh) {
      tops.push_back(c);
    } else {
      f.below[it->second] = e;
      it->second = e;
    }
  }
  return tops;
}

Entry& FlitNetwork::branch_up(Flow& f, std::size_t id, std::size_t node, const FlitShape& shape,
                              int ds, std::size_t tie, Cycle now) {
  Transfer& t = new_transfer(f, id, *up_port_[node], shape, ds, tie);
  t.counts_router = topology_.router(node);
  if (f.reduction) {
    t.reduction = true;
    t.port->reductions.push_back(&t);
  }
  Entry& d = new_entry(f, shape);
  t.dests.push_back(&d);
  t.dest_buffers.push_back(up_buffer_[node]);
  t.sources = up_sources(f, id, node, shape, ds, tie, now);
  for (Entry* s : t.sources) s->consumers.push_back(&t);
  return d;
}

std::size_t FlitNetwork::send_up(Cycle now, std::uint64_t words, arch::DataSpace ds,
                                 const std::vector<std::size_t>& children, bool reduce,
                                 double parent_words_per_cycle, std::size_t delivery,
                                 PortHooks& hooks) {
  if (children.empty()) return 0;
  if (words == 0) {
    hooks.delivered(delivery, now);
    return 1;
  }
  const FlitShape shape = flit_shape(words, spec_.link_bits_of(ds), word_bits_);
  std::vector<std::size_t> sorted = children;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<std::size_t>> groups;
  if (reduce && spec_.reduction) {
    groups.push_back(sorted);
  } else {
    for (std::size_t c : sorted) groups.push_back({c});
  }
  const int d = arch::index(ds);
  for (const auto& group : groups) {
    std::size_t id = 0;
    Flow& f = new_flow(id);
    f.reduction = group.size() > 1;
    mark_tree(f, f.reduction && spec_.psum_forwarding_vertical ? column_tops(f, group) : group);
    Transfer& t = new_transfer(f, id, *up_sink_, shape, d, group.front());
    if (f.reduction) {
      t.reduction = true;
      up_sink_->reductions.push_back(&t);
    }
    t.counts_router = topology_.router(0);
    t.delivery = delivery;
    t.sink_rate = parent_words_per_cycle;
    t.sources = up_sources(f, id, 0, shape, d, group.front(), now);
    for (Entry* s : t.sources) s->consumers.push_back(&t);
    for (Entry* e : f.injected) {
      if (e->buffer->entries.front() == e && !e->announced) announce_head(*e, now, hooks);
    }
  }
  return groups.size();
}

void FlitNetwork::finished(const Transfer& t) {
  const auto it = flows_.find(t.flow);
  if (--it->second->unfinished == 0) flows_.erase(it);
}

}  // namespace arraysim::sim::noc
