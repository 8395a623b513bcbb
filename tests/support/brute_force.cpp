// Brute-force loop-nest interpreter (DESIGN section 9): walks every temporal iteration in order,
// materializes each level instance's tile as an explicit set of coordinate tuples and applies the
// fill, multicast, reduction and read-modify-write rules of DESIGN section 3 to those sets.
#include "tests/support/brute_force.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace arraysim::testing {
namespace {

using arch::DataSpace;
using arch::Dim;

using Coord = std::array<std::int64_t, 5>;  // one word of a data space
using WordSet = std::vector<Coord>;         // sorted, no duplicates
using DimIndex = std::array<std::int64_t, arch::kNumDims>;

struct Box {
  Coord lo{};
  Coord hi{};
};

// One loop of the nest in nest order. `weight` multiplies its index in its dimension's full
// index: the product of the factors of that dimension in all loops inner to it.
struct FlatLoop {
  Dim dim = Dim::N;
  std::int64_t factor = 1;
  std::size_t level = 0;
  bool spatial = false;
  std::int64_t weight = 1;
};

// The whole nest as one list: level 0 temporal, level 0 spatial_x, level 0 spatial_y, level 1
// temporal, ... Loops of factor 1 never move, so they are left out.
std::vector<FlatLoop> flatten(const mapper::LoopNest& nest) {
  std::vector<FlatLoop> loops;
  for (std::size_t l = 0; l < nest.levels.size(); ++l) {
    const mapper::NestLevel& level = nest.levels[l];
    for (const auto* list : {&level.temporal, &level.spatial_x, &level.spatial_y}) {
      for (const mapper::Loop& loop : *list) {
        if (loop.factor > 1) loops.push_back({loop.dim, loop.factor, l, list != &level.temporal});
      }
    }
  }
  DimIndex inner;
  inner.fill(1);
  for (auto it = loops.rbegin(); it != loops.rend(); ++it) {
    it->weight = inner[arch::index(it->dim)];
    inner[arch::index(it->dim)] *= it->factor;
  }
  return loops;
}

DimIndex dim_index(const std::vector<FlatLoop>& loops, const std::vector<std::int64_t>& idx) {
  DimIndex result{};
  for (std::size_t k = 0; k < loops.size(); ++k) {
    result[arch::index(loops[k].dim)] += idx[k] * loops[k].weight;
  }
  return result;
}

Coord project(DataSpace ds, const DimIndex& i, const arch::Layer& layer) {
  auto at = [&](Dim d) { return i[arch::index(d)]; };
  switch (ds) {
    case DataSpace::Weights:
      return {at(Dim::G), at(Dim::M), at(Dim::C), at(Dim::R), at(Dim::S)};
    case DataSpace::Inputs:
      return {at(Dim::N), at(Dim::G), at(Dim::C),
              at(Dim::P) * layer.stride[0] + at(Dim::R) * layer.dilation[0],
              at(Dim::Q) * layer.stride[1] + at(Dim::S) * layer.dilation[1]};
    case DataSpace::Outputs:
      break;
  }
  return {at(Dim::N), at(Dim::G), at(Dim::M), at(Dim::P), at(Dim::Q)};
}

// Bounding boxes of every data space over all iterations of the loops at `level` and below,
// with the loops above fixed as in `idx`.
std::array<Box, arch::kNumDataSpaces> footprint(const std::vector<FlatLoop>& loops,
                                                std::vector<std::int64_t> idx, std::size_t level,
                                                const arch::Layer& layer) {
  std::vector<std::size_t> inner;
  for (std::size_t k = 0; k < loops.size(); ++k) {
    if (loops[k].level >= level) {
      inner.push_back(k);
      idx[k] = 0;
    }
  }
  std::array<Box, arch::kNumDataSpaces> boxes;
  for (Box& box : boxes) {
    box.lo.fill(std::numeric_limits<std::int64_t>::max());
    box.hi.fill(std::numeric_limits<std::int64_t>::min());
  }
  while (true) {
    const DimIndex i = dim_index(loops, idx);
    for (DataSpace ds : arch::kAllDataSpaces) {
      const Coord c = project(ds, i, layer);
      Box& box = boxes[arch::index(ds)];
      for (std::size_t a = 0; a < c.size(); ++a) {
        box.lo[a] = std::min(box.lo[a], c[a]);
        box.hi[a] = std::max(box.hi[a], c[a]);
      }
    }
    std::size_t pos = inner.size();
    while (pos > 0) {
      const std::size_t k = inner[pos - 1];
      if (++idx[k] < loops[k].factor) break;
      idx[k] = 0;
      --pos;
    }
    if (pos == 0) break;
  }
  return boxes;
}

// Every word of a box (gaps included), in sorted order.
WordSet materialize(const Box& box) {
  WordSet words;
  Coord c = box.lo;
  while (true) {
    words.push_back(c);
    std::size_t a = c.size();
    while (a > 0) {
      if (++c[a - 1] <= box.hi[a - 1]) break;
      c[a - 1] = box.lo[a - 1];
      --a;
    }
    if (a == 0) break;
  }
  return words;
}

WordSet difference(const WordSet& now, const WordSet& before) {
  WordSet result;
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(),
                      std::back_inserter(result));
  return result;
}

// Words a parent sends to (or receives from) a group of children at one time: identical sets
// share one transfer when `combine`, anything else costs one word per child.
std::uint64_t served_words(const std::vector<const WordSet*>& sets, bool combine) {
  std::uint64_t total = 0;
  if (!combine) {
    for (const WordSet* set : sets) total += set->size();
    return total;
  }
  auto less = [](const WordSet* a, const WordSet* b) { return *a < *b; };
  std::set<const WordSet*, decltype(less)> distinct(less);
  for (const WordSet* set : sets) {
    if (!set->empty() && distinct.insert(set).second) total += set->size();
  }
  return total;
}

// Whether identical sets moving between `parent` and `child` (num_levels: the MACs) combine:
// every stage in between with a mapped fan-out above one must multicast (reduce, for Outputs).
bool combines(const arch::Architecture& arch, const mapper::LoopNest& nest, std::size_t parent,
              std::size_t child, DataSpace ds) {
  for (std::size_t into = parent + 1; into <= child; ++into) {
    if (nest.levels[into - 1].spatial_product() <= 1) continue;
    const arch::NetworkSpec& net = arch.network_into(into);
    if (!(ds == DataSpace::Outputs ? net.reduction : net.multicast)) return false;
  }
  return true;
}

// What one storage level holds of one data space, per utilized instance.
struct Holding {
  std::vector<WordSet> tile;           // current tile
  std::vector<WordSet> entering;       // words entering at the current step
  std::vector<std::set<Coord>> held;   // every word ever held (first writes)
  std::vector<std::uint64_t> entered;  // words entering over the run
  std::vector<std::uint64_t> reads;    // Weights/Inputs reads by children or MACs
  std::vector<std::uint64_t> updates;  // Outputs updates from children or MACs
  std::uint64_t capacity = 0;

  explicit Holding(std::size_t instances)
      : tile(instances),
        entering(instances),
        held(instances),
        entered(instances, 0),
        reads(instances, 0),
        updates(instances, 0) {}
};

std::uint64_t same_for_all(const std::vector<std::uint64_t>& values, const std::string& what) {
  for (std::uint64_t v : values) {
    if (v != values.front()) {
      throw std::logic_error("brute force: instances disagree on " + what);
    }
  }
  return values.front();
}

class Interpreter {
 public:
  Interpreter(const arch::Architecture& arch, const arch::Layer& layer,
              const mapper::LoopNest& nest)
      : arch_(arch), layer_(layer), nest_(nest), loops_(flatten(nest)) {
    num_levels_ = nest.levels.size();
    for (std::size_t k = 0; k < loops_.size(); ++k) {
      (loops_[k].spatial ? spatial_ : temporal_).push_back(k);
    }
    // Instances of level l: the spatial loops of the levels above it; index num_levels: MACs.
    for (std::size_t l = 0; l <= num_levels_; ++l) {
      std::int64_t instances = 1;
      std::size_t spatial_above = 0;
      std::size_t temporal_above = 0;
      for (std::size_t k : spatial_) {
        if (loops_[k].level < l) {
          instances *= loops_[k].factor;
          ++spatial_above;
        }
      }
      for (std::size_t k : temporal_) {
        if (loops_[k].level < l) ++temporal_above;
      }
      instances_.push_back(instances);
      spatial_above_.push_back(spatial_above);
      temporal_above_.push_back(temporal_above);
    }
    for (DataSpace ds : arch::kAllDataSpaces) {
      for (std::size_t l = 0; l < num_levels_; ++l) {
        if (arch::contains(nest.levels[l].keep, ds)) keepers_[arch::index(ds)].push_back(l);
      }
      if (keepers_[arch::index(ds)].empty() || keepers_[arch::index(ds)].front() != 0) {
        throw std::logic_error("brute force: the outermost level must keep every data space");
      }
    }
    for (std::size_t l = 0; l < num_levels_; ++l) {
      std::vector<Holding> per_ds;
      per_ds.reserve(arch::kNumDataSpaces);
      for (int d = 0; d < arch::kNumDataSpaces; ++d) {
        per_ds.emplace_back(static_cast<std::size_t>(instances_[l]));
      }
      holdings_.push_back(std::move(per_ds));
    }
  }

  mapper::ActionCounts run() {
    std::vector<std::int64_t> idx(loops_.size(), 0);
    std::uint64_t steps = 0;
    std::uint64_t macs = 0;
    // Position (in temporal_) of the outermost loop that moved into this step; -1: first step.
    std::ptrdiff_t moved = -1;
    while (true) {
      std::vector<bool> changed(num_levels_, false);
      for (std::size_t l = 0; l < num_levels_; ++l) {
        const auto above = static_cast<std::ptrdiff_t>(temporal_above_[l]);
        if (moved >= above) continue;  // nothing above this level moved: tiles stay
        changed[l] = true;
        refill(l, idx, moved < 0, moved == above - 1);
      }
      for (DataSpace ds : arch::kAllDataSpaces) serve_children(ds, changed);
      macs += run_macs(idx);
      ++steps;
      moved = advance(idx);
      if (moved < 0) break;
    }
    return collect(steps, macs);
  }

 private:
  // Sets the spatial loops above `level` to the digits of `instance` (outermost most significant).
  void place(std::vector<std::int64_t>& idx, std::size_t level, std::int64_t instance) const {
    for (std::size_t s = spatial_above_[level]; s-- > 0;) {
      const std::size_t k = spatial_[s];
      idx[k] = instance % loops_[k].factor;
      instance /= loops_[k].factor;
    }
  }

  // Steps the temporal odometer; returns the position of the outermost loop that moved, or -1
  // when every loop wrapped (the run is over).
  std::ptrdiff_t advance(std::vector<std::int64_t>& idx) const {
    for (std::size_t t = temporal_.size(); t-- > 0;) {
      const std::size_t k = temporal_[t];
      if (++idx[k] < loops_[k].factor) return static_cast<std::ptrdiff_t>(t);
      idx[k] = 0;
    }
    return -1;
  }

  // The loops above `level` moved: every instance takes its new tile by the fill rule.
  void refill(std::size_t level, std::vector<std::int64_t> idx, bool first, bool only_innermost) {
    for (std::int64_t u = 0; u < instances_[level]; ++u) {
      place(idx, level, u);
      const auto boxes = footprint(loops_, idx, level, layer_);
      for (DataSpace ds : arch::kAllDataSpaces) {
        if (!arch::contains(nest_.levels[level].keep, ds)) continue;
        Holding& h = holdings_[level][arch::index(ds)];
        const auto i = static_cast<std::size_t>(u);
        WordSet tile = materialize(boxes[arch::index(ds)]);
        h.capacity = std::max<std::uint64_t>(h.capacity, tile.size());
        // First tile: whole. Unchanged: nothing. Only the innermost loop above advanced: the
        // words not in the previous tile. Any other change: the whole tile again.
        WordSet& in = h.entering[i];
        if (!first && tile == h.tile[i]) {
          in.clear();
        } else if (!first && only_innermost) {
          in = difference(tile, h.tile[i]);
        } else {
          in = tile;
        }
        h.entered[i] += in.size();
        h.held[i].insert(in.begin(), in.end());
        h.tile[i] = std::move(tile);
      }
    }
  }

  // Charges the words that entered the tiles of each keeping level at this step to its nearest
  // keeping ancestor: reads for Weights/Inputs, updates for Outputs.
  void serve_children(DataSpace ds, const std::vector<bool>& changed) {
    const auto& keepers = keepers_[arch::index(ds)];
    for (std::size_t j = 1; j < keepers.size(); ++j) {
      const std::size_t parent = keepers[j - 1];
      const std::size_t child = keepers[j];
      if (!changed[child]) continue;
      const bool combine = combines(arch_, nest_, parent, child, ds);
      const std::int64_t per_parent = instances_[child] / instances_[parent];
      Holding& up = holdings_[parent][arch::index(ds)];
      const Holding& down = holdings_[child][arch::index(ds)];
      for (std::int64_t p = 0; p < instances_[parent]; ++p) {
        std::vector<const WordSet*> sets;
        for (std::int64_t c = p * per_parent; c < (p + 1) * per_parent; ++c) {
          sets.push_back(&down.entering[static_cast<std::size_t>(c)]);
        }
        const std::uint64_t words = served_words(sets, combine);
        auto& counter = ds == DataSpace::Outputs ? up.updates : up.reads;
        counter[static_cast<std::size_t>(p)] += words;
      }
    }
  }

  // One MAC per utilized MAC instance: operand reads and output updates at the innermost level
  // keeping each data space. Returns the MACs done.
  std::uint64_t run_macs(std::vector<std::int64_t> idx) {
    const std::int64_t macs = instances_[num_levels_];
    std::array<std::vector<Coord>, arch::kNumDataSpaces> words;  // per MAC, its word
    for (std::int64_t m = 0; m < macs; ++m) {
      place(idx, num_levels_, m);
      const DimIndex i = dim_index(loops_, idx);
      for (DataSpace ds : arch::kAllDataSpaces) {
        words[arch::index(ds)].push_back(project(ds, i, layer_));
      }
    }
    for (DataSpace ds : arch::kAllDataSpaces) {
      const std::size_t level = keepers_[arch::index(ds)].back();
      const bool combine = combines(arch_, nest_, level, num_levels_, ds);
      const auto per_instance = static_cast<std::size_t>(macs / instances_[level]);
      Holding& h = holdings_[level][arch::index(ds)];
      auto& counter = ds == DataSpace::Outputs ? h.updates : h.reads;
      const auto begin = words[arch::index(ds)].begin();
      for (std::size_t u = 0; u < counter.size(); ++u) {
        // One word per MAC; identical words of the MACs under one instance combine.
        std::vector<Coord> served(begin + static_cast<std::ptrdiff_t>(u * per_instance),
                                  begin + static_cast<std::ptrdiff_t>((u + 1) * per_instance));
        if (combine) {
          std::sort(served.begin(), served.end());
          served.erase(std::unique(served.begin(), served.end()), served.end());
        }
        counter[u] += served.size();
      }
    }
    return static_cast<std::uint64_t>(macs);
  }

  [[nodiscard]] mapper::ActionCounts collect(std::uint64_t steps, std::uint64_t macs) const {
    mapper::ActionCounts counts;
    counts.macs = macs;
    counts.utilized_macs = instances_[num_levels_];
    counts.compute_cycles = steps;
    counts.cycles = steps;
    for (std::size_t l = 0; l < num_levels_; ++l) {
      mapper::LevelCounts level;
      level.keep = nest_.levels[l].keep;
      level.instances = arch_.levels[l].instances;
      level.utilized_instances = instances_[l];
      for (DataSpace ds : arch::kAllDataSpaces) {
        if (!arch::contains(level.keep, ds)) continue;
        const Holding& h = holdings_[l][arch::index(ds)];
        const std::string what = arch_.levels[l].name + "." + arch::dataspace_name(ds);
        std::vector<std::uint64_t> first_writes;
        for (const auto& held : h.held) first_writes.push_back(held.size());
        const std::uint64_t entered = same_for_all(h.entered, what + " entering words");
        const std::uint64_t first = same_for_all(first_writes, what + " first writes");
        mapper::DataSpaceCounts& out = level.dataspaces[arch::index(ds)];
        out.utilized_capacity = h.capacity;
        if (ds == DataSpace::Outputs) {
          out.updates = same_for_all(h.updates, what + " updates");
          out.reads = out.updates - first;
          out.fills = l == 0 ? 0 : entered - first;
        } else {
          out.reads = same_for_all(h.reads, what + " reads");
          out.fills = l == 0 ? 0 : entered;
        }
      }
      counts.levels.push_back(level);
    }
    return counts;
  }

  const arch::Architecture& arch_;
  const arch::Layer& layer_;
  const mapper::LoopNest& nest_;
  std::vector<FlatLoop> loops_;
  std::size_t num_levels_ = 0;
  std::vector<std::size_t> temporal_;  // positions in loops_, nest order
  std::vector<std::size_t> spatial_;
  std::vector<std::int64_t> instances_;  // utilized instances per level, then MACs
  std::vector<std::size_t> spatial_above_;
  std::vector<std::size_t> temporal_above_;
  std::array<std::vector<std::size_t>, arch::kNumDataSpaces> keepers_;
  std::vector<std::vector<Holding>> holdings_;  // [level][data space]
};

}  // namespace

mapper::ActionCounts brute_force_counts(const arch::Architecture& arch, const arch::Layer& layer,
                                        const mapper::LoopNest& nest) {
  return Interpreter(arch, layer, nest).run();
}

}  // namespace arraysim::testing
