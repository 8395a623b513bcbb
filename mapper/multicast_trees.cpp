#include "mapper/multicast_trees.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace arraysim::mapper {

namespace {

namespace noc = arch::noc;

// A spatial loop between the two levels: where it places children and how it moves the tile.
struct SpatialLoop {
  std::size_t level = 0;
  bool x = true;
  std::int64_t factor = 1;
  int coord = -1;         // the data space's coordinate it moves (-1: none)
  std::int64_t step = 0;  // per index step; -1: any injective step (one dimension alone)
};

struct Stage {
  std::size_t stage = 0;
  std::int64_t fx = 1, fy = 1;
  const noc::StageTopology* topology = nullptr;
};

// The signature: shared flag, the stages' topologies, then the spatial loops.
constexpr std::size_t kMaxKey = 1 + 7 * (kMaxLevels + 1) + 1 + 5 * kMaxLoops;

struct Key {
  std::size_t size = 0;
  std::array<std::int64_t, kMaxKey> values;  // NOLINT: the first `size` are set

  void push(std::int64_t v) { values[size++] = v; }
  // Each value multiplied on its own, the chain only rotates and xors; then mixed.
  std::uint64_t hash() const {
    std::uint64_t h = size;
    for (std::size_t i = 0; i < size; ++i) {
      h = ((h << 23) | (h >> 41)) ^ (static_cast<std::uint64_t>(values[i]) * 0x9e3779b97f4a7c15ULL);
    }
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 29);
  }
  bool equals(const std::vector<std::int64_t>& other) const {
    return other.size() == size && std::equal(other.begin(), other.end(), values.begin());
  }
};

struct Entry {
  std::vector<std::int64_t> key;
  std::vector<StageTrees> trees;
};

// Entries beyond this are dropped all at once (a search sees few distinct spatial mappings).
constexpr std::size_t kMaxEntries = 1 << 12;

// The last entry used for one keeping pair and data space: a search evaluates run after run of
// mappings whose spatial loops agree, found again without hashing.
struct Memo {
  std::uint64_t generation = 0;
  const Entry* entry = nullptr;
};

struct Cache {
  std::deque<Entry> store;                                             // stable addresses
  std::unordered_map<std::uint64_t, std::vector<const Entry*>> index;  // by key hash
  std::uint64_t generation = 1;  // advances when the store is dropped
  std::array<Memo, (kMaxLevels + 1) * (kMaxLevels + 1) * arch::kNumDataSpaces> memo{};
  std::map<std::array<std::int64_t, 6>, std::unique_ptr<noc::StageTopology>> topologies;
  Key key;
  std::vector<SpatialLoop> loops;
  std::vector<Stage> stages;
  noc::TreeScratch scratch;
};

Cache& cache() {
  thread_local Cache instance;
  return instance;
}

const noc::StageTopology* topology(Cache& c, const arch::NetworkSpec& net, std::int64_t fx,
                                   std::int64_t fy) {
  const std::array<std::int64_t, 6> key = {
      static_cast<std::int64_t>(net.topology), fx, fy, net.cluster_x, net.cluster_y,
      net.psum_forwarding_vertical ? 1 : 0};
  auto& slot = c.topologies[key];
  if (!slot) slot = std::make_unique<noc::StageTopology>(net, fx, fy);
  return slot.get();
}

// Enumerates the children below one parent instance and sums each stage's trees.
std::vector<StageTrees> build(const std::vector<SpatialLoop>& loops,
                              const std::vector<Stage>& stages, bool shared, bool reduce,
                              noc::TreeScratch& scratch) {
  const std::size_t num_loops = loops.size();
  const std::size_t num_stages = stages.size();
  // Per loop: the stage it fans out into, its span on that stage's axis (inner loops vary
  // fastest), and its step in its coordinate.
  std::vector<std::size_t> stage_of(num_loops, 0);
  std::vector<std::int64_t> span(num_loops, 1);
  std::vector<std::int64_t> step(num_loops, 0);
  std::uint64_t children = 1;
  for (std::size_t k = 0; k < num_loops; ++k) {
    const SpatialLoop& loop = loops[k];
    children *= static_cast<std::uint64_t>(loop.factor);
    for (std::size_t j = 0; j < num_stages; ++j) {
      if (stages[j].stage == loop.level + 1) stage_of[k] = j;
    }
    // An injective step (loop.step < 0): mixed radix over the later loops of the coordinate.
    step[k] = loop.step < 0 ? 1 : loop.step;
    for (std::size_t i = k + 1; i < num_loops; ++i) {
      const SpatialLoop& inner = loops[i];
      if (inner.level == loop.level && inner.x == loop.x) span[k] *= inner.factor;
      if (loop.step < 0 && inner.coord == loop.coord) step[k] *= inner.factor;
    }
  }

  const auto n = static_cast<std::size_t>(children);
  std::vector<std::array<std::int64_t, kMaxCoords>> origin(n);
  std::vector<std::int64_t> endpoint(n * num_stages, 0);
  std::vector<std::int64_t> index(num_loops, 0);
  std::vector<std::int64_t> x(num_stages), y(num_stages);
  for (std::size_t child = 0; child < n; ++child) {
    std::array<std::int64_t, kMaxCoords> o{};
    std::fill(x.begin(), x.end(), 0);
    std::fill(y.begin(), y.end(), 0);
    for (std::size_t k = 0; k < num_loops; ++k) {
      if (loops[k].coord >= 0) o[static_cast<std::size_t>(loops[k].coord)] += index[k] * step[k];
      (loops[k].x ? x : y)[stage_of[k]] += index[k] * span[k];
    }
    origin[child] = o;
    for (std::size_t j = 0; j < num_stages; ++j) {
      endpoint[child * num_stages + j] = y[j] * stages[j].fx + x[j];
    }
    for (std::size_t k = num_loops; k-- > 0;) {
      if (++index[k] < loops[k].factor) break;
      index[k] = 0;
    }
  }

  // Groups: children holding identical tiles at the same time, when they may share.
  std::vector<std::size_t> group(n);
  std::iota(group.begin(), group.end(), 0);
  if (shared) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return origin[a] < origin[b]; });
    std::size_t id = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && origin[order[i]] != origin[order[i - 1]]) ++id;
      group[order[i]] = id;
    }
  }

  std::vector<StageTrees> out(num_stages);
  std::vector<std::uint64_t> prefix(n, 0);  // the instance above the stage, below the parent
  struct Hop {
    std::size_t group;
    std::uint64_t prefix;
    std::size_t node;
  };
  std::vector<Hop> hops(n);
  std::vector<std::size_t> nodes;
  for (std::size_t j = 0; j < num_stages; ++j) {
    const Stage& stage = stages[j];
    out[j].stage = stage.stage;
    // With vertical psum forwarding a refill enters each column of a reduction group once.
    const bool forward = reduce && stage.topology->forwards_vertically();
    std::map<std::size_t, noc::TreeCost> routes;
    for (std::size_t child = 0; child < n; ++child) {
      const std::int64_t e = endpoint[child * num_stages + j];
      const std::size_t node = stage.topology->endpoint(e % stage.fx, e / stage.fx);
      hops[child] = {group[child], prefix[child], node};
      auto it = routes.find(node);
      if (it == routes.end())
        it = routes.emplace(node, stage.topology->tree_cost(&node, 1, scratch)).first;
      if (!forward) {
        out[j].unicast.links += it->second.links;
        out[j].unicast.routers += it->second.routers;
      }
      prefix[child] = prefix[child] * static_cast<std::uint64_t>(stage.fx * stage.fy) +
                      static_cast<std::uint64_t>(e);
    }
    std::sort(hops.begin(), hops.end(), [](const Hop& a, const Hop& b) {
      return std::tie(a.group, a.prefix, a.node) < std::tie(b.group, b.prefix, b.node);
    });
    for (std::size_t i = 0; i < n;) {
      nodes.clear();
      std::size_t end = i;
      while (end < n && hops[end].group == hops[i].group && hops[end].prefix == hops[i].prefix) {
        nodes.push_back(hops[end++].node);
      }
      const noc::TreeCost tree =
          reduce ? stage.topology->reduction_cost(nodes.data(), nodes.size(), scratch)
                 : stage.topology->tree_cost(nodes.data(), nodes.size(), scratch);
      out[j].shared.links += tree.links;
      out[j].shared.routers += tree.routers;
      if (forward) {
        for (std::size_t top : stage.topology->column_tops(nodes.data(), nodes.size())) {
          const noc::TreeCost route = stage.topology->tree_cost(&top, 1, scratch);
          out[j].unicast.links += route.links;
          out[j].unicast.routers += route.routers;
        }
      }
      i = end;
    }
  }
  return out;
}

}  // namespace

bool network_stage(const arch::Architecture& arch, std::size_t stage) {
  return arch.instances_of(stage) > arch.instances_of(stage - 1) ||
         arch.network_into(stage).declared;
}

const std::vector<StageTrees>& stage_trees(const arch::Architecture& arch,
                                           const NestGeometry& geometry, const LoopNest& nest,
                                           std::size_t parent, std::size_t child, DataSpace ds,
                                           bool shared) {
  Cache& c = cache();
  const Projection& projection = geometry.projection();
  const int d = arch::index(ds);
  c.loops.clear();
  std::size_t level = SIZE_MAX;
  std::size_t spatial_seen = 0;
  std::array<unsigned, kMaxCoords> dims{};
  for (std::size_t i = 0; i < geometry.num_loops(); ++i) {
    const FlatLoop& loop = geometry.loop(i);
    if (loop.level != level) level = loop.level, spatial_seen = 0;
    if (!loop.spatial) continue;
    const bool x = spatial_seen++ < nest.levels[loop.level].spatial_x.size();
    if (loop.level < parent || loop.level >= child || loop.factor == 1) continue;
    SpatialLoop s;
    s.level = loop.level;
    s.x = x;
    s.factor = loop.factor;
    s.coord = projection.coord[d][arch::index(loop.dim)];
    if (s.coord >= 0) {
      s.step = loop.weight * projection.coef[d][arch::index(loop.dim)];
      dims[static_cast<std::size_t>(s.coord)] |= 1U << arch::index(loop.dim);
    }
    c.loops.push_back(s);
  }
  // A coordinate moved by one dimension alone never repeats an offset (mixed-radix weights): any
  // injective step groups the children alike, so the signature does not depend on the weights.
  // Two dimensions on one coordinate (a sliding window) keep their steps, reduced by their gcd.
  std::array<std::int64_t, kMaxCoords> divisor{};
  for (const SpatialLoop& s : c.loops) {
    if (s.coord < 0) continue;
    auto& g = divisor[static_cast<std::size_t>(s.coord)];
    g = std::gcd(g, s.step);
  }
  for (SpatialLoop& s : c.loops) {
    if (s.coord < 0) continue;
    const auto coord = static_cast<std::size_t>(s.coord);
    const bool one_dim = (dims[coord] & (dims[coord] - 1)) == 0;
    s.step = one_dim ? -1 : s.step / divisor[coord];
  }

  c.key.size = 0;
  // A shared Outputs tree is a reduction (which psum forwarding may reshape).
  const bool reduce = shared && ds == DataSpace::Outputs;
  c.key.push(shared ? (reduce ? 2 : 1) : 0);
  c.stages.clear();
  for (std::size_t s = parent + 1; s <= child; ++s) {
    if (!network_stage(arch, s)) continue;
    const arch::NetworkSpec& net = arch.network_into(s);
    const std::int64_t fx = arch.fanout_x(s);
    const std::int64_t fy = arch.fanout_y(s);
    c.key.push(static_cast<std::int64_t>(s));
    c.key.push(static_cast<std::int64_t>(net.topology));
    c.key.push(fx);
    c.key.push(fy);
    c.key.push(net.cluster_x);
    c.key.push(net.cluster_y);
    c.key.push(net.psum_forwarding_vertical ? 1 : 0);
    c.stages.push_back({s, fx, fy, nullptr});
  }
  c.key.push(-1);
  for (const SpatialLoop& s : c.loops) {
    c.key.push(static_cast<std::int64_t>(s.level));
    c.key.push(s.x ? 1 : 0);
    c.key.push(s.factor);
    c.key.push(s.coord);
    c.key.push(s.step);
  }
  Memo& memo = c.memo[(parent * (kMaxLevels + 1) + child) * arch::kNumDataSpaces +
                      static_cast<std::size_t>(d)];
  if (memo.generation == c.generation && c.key.equals(memo.entry->key)) return memo.entry->trees;
  const std::uint64_t hash = c.key.hash();
  const Entry* found = nullptr;
  auto bucket = c.index.find(hash);
  if (bucket != c.index.end()) {
    for (const Entry* entry : bucket->second) {
      if (c.key.equals(entry->key)) found = entry;
    }
  }
  if (found == nullptr) {
    for (Stage& stage : c.stages) {
      stage.topology = topology(c, arch.network_into(stage.stage), stage.fx, stage.fy);
    }
    if (c.store.size() >= kMaxEntries) {
      c.store.clear();
      c.index.clear();
      ++c.generation;
    }
    const auto* begin = c.key.values.data();
    c.store.push_back({std::vector<std::int64_t>(begin, begin + c.key.size),
                       build(c.loops, c.stages, shared, reduce, c.scratch)});
    found = &c.store.back();
    c.index[hash].push_back(found);
  }
  memo = {c.generation, found};
  return found->trees;
}

}  // namespace arraysim::mapper
