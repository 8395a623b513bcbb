#include "mapper/model.hpp"

#include <algorithm>
#include <cmath>

#include "arch/checked_math.hpp"
#include "mapper/nest_geometry.hpp"
#include "mapper/network_traffic.hpp"
#include "mapper/precision.hpp"

namespace arraysim::mapper {

namespace {

// Whether children under one parent can share a read (multicast) or an update (reduction): every
// stage between them that fans out must allow it.
bool stages_allow(const arch::Architecture& arch, const NestGeometry& geometry, std::size_t parent,
                  std::size_t child, bool reduction) {
  for (std::size_t stage = parent + 1; stage <= child; ++stage) {
    if (geometry.spatial_product(stage - 1, stage) == 1) continue;
    const arch::NetworkSpec& net = arch.network_into(stage);
    if (!(reduction ? net.reduction : net.multicast)) return false;
  }
  return true;
}

std::uint64_t occupancy_words(std::uint64_t tile, int bits, std::int64_t word_bits) {
  if (bits == 0) return tile;
  const arch::Wide total_bits = static_cast<arch::Wide>(tile) * static_cast<arch::Wide>(bits);
  const auto word = static_cast<arch::Wide>(word_bits);
  const arch::Wide words = (total_bits + word - 1) / word;
  return words > arch::kMaxCount ? arch::kSaturated : static_cast<std::uint64_t>(words);
}

bool too_large(std::uint64_t count) { return count > arch::kMaxCount; }

// The first level whose counts (per instance, over its utilized instances, or its cycles) or whose
// incoming network traffic do not fit in 2^63 - 1; num_levels when every count fits.
std::size_t overflowing_level(const ActionCounts& counts) {
  const std::size_t num_levels = counts.levels.size();
  for (std::size_t l = 0; l < num_levels; ++l) {
    const LevelCounts& level = counts.levels[l];
    const auto used = static_cast<std::uint64_t>(level.utilized_instances);
    std::uint64_t accesses = 0;
    for (const DataSpaceCounts& c : level.dataspaces) {
      for (std::uint64_t value : {c.reads, c.fills, c.updates}) {
        accesses = arch::sat_add(accesses, arch::sat_mul(value, used));
      }
    }
    if (too_large(accesses) || too_large(level.cycles)) return l;
  }
  for (const NetworkCounts& net : counts.networks) {
    std::uint64_t words = 0;
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      words = arch::sat_add(words, arch::sat_add(net.transfers[d], net.delivered[d]));
    }
    if (too_large(words)) return std::min(net.into, num_levels - 1);
  }
  return too_large(counts.cycles) ? 0 : num_levels;
}

}  // namespace

Cycle bandwidth_cycles(std::uint64_t words, const std::optional<double>& bandwidth) {
  if (!bandwidth || words == 0) return 0;
  const double bw = *bandwidth;
  if (bw == std::floor(bw) && bw >= 1.0 && bw <= static_cast<double>(arch::kMaxCount)) {
    const auto whole = static_cast<std::uint64_t>(bw);
    return words / whole + (words % whole != 0 ? 1 : 0);
  }
  // ceil(words / bw) in long double, converted only when it is a count; larger is saturated
  // (and reported as an overflow by the model).
  const auto cycles = arch::ceil_to_count(static_cast<long double>(words) / bw - 1e-12L);
  return cycles ? *cycles : arch::kSaturated;
}

std::string Evaluation::reason(const arch::Architecture& arch) const {
  if (ok()) return "";
  if (status == EvalStatus::Overflow) {
    return "the counts at " + arch.levels[level].name +
           " (accesses over all instances, cycles or network words) exceed 2^63 - 1: the layer "
           "is too large to count with this mapping";
  }
  return "tiles need " + std::to_string(occupied) + " words but " + arch.levels[level].name +
         " holds " + std::to_string(available);
}

Evaluation evaluate(const arch::Architecture& arch, const arch::Layer& layer,
                    const LoopNest& nest) {
  Evaluation result;
  evaluate_into(arch, layer, nest, result);
  return result;
}

void evaluate_into(const arch::Architecture& arch, const arch::Layer& layer, const LoopNest& nest,
                   Evaluation& result) {
  result.status = EvalStatus::Ok;
  ActionCounts& counts = result.counts;
  const NestGeometry geometry(layer, nest);
  const std::size_t num_levels = arch.num_levels();
  const std::size_t macs_level = num_levels;
  const std::uint64_t iterations = geometry.temporal_iterations();

  counts.macs = layer.macs();
  counts.bits = layer.bits;
  counts.psum_bits = psum_bits(arch, layer);
  counts.utilized_macs = geometry.spatial_product(0, macs_level);
  counts.compute_cycles = iterations;
  counts.levels.resize(num_levels);
  counts.networks.clear();
  for (std::size_t l = 0; l < num_levels; ++l) {
    LevelCounts& level = counts.levels[l];
    level = LevelCounts{};
    level.keep = nest.levels[l].keep;
    level.instances = arch.levels[l].instances;
    level.utilized_instances = geometry.spatial_product(0, l);
  }

  // Capacity: the kept tiles must fit in one instance.
  for (std::size_t l = 0; l < num_levels; ++l) {
    const auto capacity = arch.levels[l].usable_capacity();
    std::uint64_t occupied = 0;
    for (DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(nest.levels[l].keep, ds)) continue;
      const std::uint64_t tile = geometry.tile(l, ds);
      counts.levels[l].dataspaces[arch::index(ds)].utilized_capacity = tile;
      occupied = arch::sat_add(
          occupied, occupancy_words(tile, tile_bits(counts.bits, counts.psum_bits, ds, l),
                                    arch.levels[l].word_bits));
    }
    if (capacity && occupied > static_cast<std::uint64_t>(*capacity)) {
      result.status = EvalStatus::CapacityExceeded;
      result.level = l;
      result.occupied = occupied;
      result.available = static_cast<std::uint64_t>(*capacity);
      return;
    }
  }

  EnteringWords entering{};
  EnteringWords groups{};
  for (DataSpace ds : arch::kAllDataSpaces) {
    std::array<std::size_t, kMaxLevels + 1> keepers{};
    std::size_t num_keepers = 0;
    for (std::size_t l = 0; l < num_levels; ++l) {
      if (arch::contains(nest.levels[l].keep, ds)) keepers[num_keepers++] = l;
    }
    keepers[num_keepers++] = macs_level;
    const int d = arch::index(ds);
    for (std::size_t k = 0; k + 1 < num_keepers; ++k) {
      const std::size_t parent = keepers[k];
      const std::size_t child = keepers[k + 1];
      // A MAC reads each operand (and updates its output) once per iteration.
      const std::uint64_t child_words = child == macs_level ? iterations : geometry.walk(child, ds);
      entering[d][child] = child_words;
      const bool outputs = ds == DataSpace::Outputs;
      const auto children = static_cast<std::uint64_t>(geometry.spatial_product(parent, child));
      const std::uint64_t sharing =
          children > 1 && stages_allow(arch, geometry, parent, child, outputs)
              ? geometry.distinct_tiles(parent, child, ds)
              : children;
      groups[d][child] = sharing;
      DataSpaceCounts& up = counts.levels[parent].dataspaces[d];
      if (outputs) {
        up.updates = arch::sat_mul(child_words, sharing);
      } else {
        up.reads = arch::sat_mul(child_words, sharing);
        if (child != macs_level) counts.levels[child].dataspaces[d].fills = child_words;
      }
    }
    if (ds == DataSpace::Outputs) {
      for (std::size_t k = 0; k + 1 < num_keepers; ++k) {
        const std::size_t l = keepers[k];
        DataSpaceCounts& counts_here = counts.levels[l].dataspaces[d];
        const std::uint64_t first_writes = geometry.distinct_outputs(l);
        counts_here.reads = counts_here.updates - std::min(counts_here.updates, first_writes);
        counts_here.fills = l == 0 ? 0 : entering[d][l] - std::min(entering[d][l], first_writes);
      }
    }
  }
  add_network_traffic(arch, entering, counts);
  add_link_traffic(arch, nest, geometry, entering, groups, counts);

  // Cycles: compute, or the slowest level's bandwidth.
  counts.cycles = counts.compute_cycles;
  for (std::size_t l = 0; l < num_levels; ++l) {
    LevelCounts& level = counts.levels[l];
    std::uint64_t reads = 0;
    std::uint64_t writes = 0;
    for (const auto& ds : level.dataspaces) {
      reads = arch::sat_add(reads, ds.reads);
      writes = arch::sat_add(writes, arch::sat_add(ds.fills, ds.updates));
    }
    const arch::StorageLevel& spec = arch.levels[l];
    level.cycles =
        std::max({bandwidth_cycles(reads, spec.read_bandwidth),
                  bandwidth_cycles(writes, spec.write_bandwidth),
                  bandwidth_cycles(arch::sat_add(reads, writes), spec.shared_bandwidth)});
    counts.cycles = std::max(counts.cycles, level.cycles);
  }

  const std::size_t overflow = overflowing_level(counts);
  if (overflow < num_levels) {
    result.status = EvalStatus::Overflow;
    result.level = overflow;
  }
}

}  // namespace arraysim::mapper
