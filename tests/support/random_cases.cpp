// Seeded random cases shared by the property tests (see random_cases.hpp).
#include "tests/support/random_cases.hpp"

#include "arch/dram_spec.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "tests/support/test_paths.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <sstream>

namespace arraysim::testing {

using arch::DataSpace;
using arch::Dim;

namespace {

std::int64_t pick(std::mt19937& rng, std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

bool chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

arch::Layer random_layer(std::mt19937& rng, const LayerLimits& limits) {
  arch::Layer layer;
  layer.name = "random";
  layer.type = arch::LayerType::Conv;
  do {
    for (int d = 0; d < arch::kNumDims; ++d) layer.dims[d] = pick(rng, 1, limits.max_sizes[d]);
  } while (layer.macs() > limits.max_macs);
  for (int axis = 0; axis < 2; ++axis) {
    layer.stride[axis] = chance(rng, 0.3) ? 2 : 1;
    layer.dilation[axis] = chance(rng, 0.2) ? 2 : 1;
  }
  return layer;
}

std::vector<std::int64_t> prime_factors(std::int64_t n) {
  std::vector<std::int64_t> primes;
  for (std::int64_t p = 2; n > 1; ++p) {
    while (n % p == 0) {
      primes.push_back(p);
      n /= p;
    }
  }
  return primes;
}

std::int64_t product(const std::vector<mapper::Loop>& loops) {
  std::int64_t p = 1;
  for (const mapper::Loop& loop : loops) p *= loop.factor;
  return p;
}

arch::NetworkSpec random_network(std::mt19937& rng) {
  arch::NetworkSpec net;
  if (chance(rng, 0.25)) return net;  // undeclared: multicast and reduction allowed
  net.declared = true;
  net.topology = arch::Topology::Bus;
  net.multicast = chance(rng, 0.6);
  net.reduction = chance(rng, 0.6);
  net.psum_forwarding_vertical = net.reduction && chance(rng, 0.3);
  return net;
}

}  // namespace

const LayerLimits kSmallLayers{{2, 2, 4, 4, 6, 6, 3, 3}, 1500};
const LayerLimits kLargerLayers{{2, 3, 8, 8, 12, 12, 5, 4}, 4000};

// Every dimension is split into its prime factors, each placed on a random level either
// temporally or across the X or Y fan-out below it (rarely below DRAM); loop orders are shuffled,
// inner levels bypass data spaces at random, and the architecture's meshes follow the mapping.
RandomCase random_case(std::mt19937& rng, const LayerLimits& limits) {
  RandomCase rc;
  rc.layer = random_layer(rng, limits);
  const std::int64_t depth = chance(rng, 0.5) ? 3 : 4;
  const auto num_levels = static_cast<std::size_t>(depth);
  rc.nest.levels.resize(num_levels);
  // factor[level][list][dim], list 0 temporal, 1 spatial_x, 2 spatial_y.
  std::vector<std::array<arch::DimSizes, 3>> factor(num_levels);
  for (auto& lists : factor) {
    for (auto& sizes : lists) sizes.fill(1);
  }
  const double spatial_share = static_cast<double>(pick(rng, 0, 2)) * 0.25;
  const std::int64_t first_spatial = chance(rng, 0.1) ? 0 : 1;  // rarely fan out below DRAM
  for (Dim dim : arch::kAllDims) {
    for (std::int64_t prime : prime_factors(rc.layer.dim(dim))) {
      if (chance(rng, spatial_share)) {
        const auto level = static_cast<std::size_t>(pick(rng, first_spatial, depth - 1));
        factor[level][static_cast<std::size_t>(pick(rng, 1, 2))][arch::index(dim)] *= prime;
      } else {
        const auto level = static_cast<std::size_t>(pick(rng, 0, depth - 1));
        factor[level][0][arch::index(dim)] *= prime;
      }
    }
  }
  for (std::size_t l = 0; l < num_levels; ++l) {
    mapper::NestLevel& level = rc.nest.levels[l];
    const std::array<std::vector<mapper::Loop>*, 3> lists = {&level.temporal, &level.spatial_x,
                                                             &level.spatial_y};
    for (std::size_t list = 0; list < lists.size(); ++list) {
      for (Dim dim : arch::kAllDims) {
        const std::int64_t f = factor[l][list][arch::index(dim)];
        // Now and then a loop of factor 1, which must not count as the innermost loop.
        if (f > 1 || chance(rng, 0.03)) lists[list]->push_back(mapper::Loop{dim, f});
      }
      std::shuffle(lists[list]->begin(), lists[list]->end(), rng);
    }
    level.keep = arch::kAllDataSpacesMask;
    level.spec_index = static_cast<int>(l);
    if (l > 0) {
      for (DataSpace ds : arch::kAllDataSpaces) {
        if (chance(rng, 0.25)) level.keep &= static_cast<arch::DataSpaceMask>(~arch::mask_of(ds));
      }
    }
  }
  arch::Architecture& a = rc.arch;
  a.name = "random";
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  for (std::size_t l = 0; l < num_levels; ++l) {
    arch::StorageLevel level;
    level.name = l == 0 ? "DRAM" : "L" + std::to_string(l);
    if (l == 0) {
      level.kind = arch::LevelKind::Dram;
    } else {
      const mapper::NestLevel& above = rc.nest.levels[l - 1];
      std::int64_t fx = product(above.spatial_x);
      std::int64_t fy = product(above.spatial_y);
      if (chance(rng, 0.1)) fx *= 2;  // some instances left idle
      if (chance(rng, 0.1)) fy *= 3;
      instances *= fx * fy;
      mesh_x *= fx;
      level.kind = l + 1 == num_levels ? arch::LevelKind::Regfile : arch::LevelKind::Sram;
      level.capacity_words = 100000;
      level.network = random_network(rng);
    }
    level.instances = instances;
    level.mesh_x = mesh_x;
    a.levels.push_back(level);
  }
  const mapper::NestLevel& last = rc.nest.levels.back();
  a.compute.instances = instances * product(last.spatial_x) * product(last.spatial_y);
  a.compute.mesh_x = mesh_x * product(last.spatial_x);
  a.compute.network = random_network(rng);
  return rc;
}

std::string keep_names(arch::DataSpaceMask keep) {
  std::string names;
  for (DataSpace ds : arch::kAllDataSpaces) {
    if (arch::contains(keep, ds)) {
      names += std::string(names.empty() ? "" : ",") + arch::dataspace_name(ds);
    }
  }
  return names.empty() ? "-" : names;
}

std::string describe(const RandomCase& rc) {
  std::ostringstream out;
  out << "layer";
  for (Dim dim : arch::kAllDims) out << " " << arch::dim_letter(dim) << rc.layer.dim(dim);
  out << " stride " << rc.layer.stride[0] << "," << rc.layer.stride[1] << " dilation "
      << rc.layer.dilation[0] << "," << rc.layer.dilation[1] << " (" << rc.layer.macs()
      << " MACs)\n";
  for (std::size_t l = 0; l <= rc.arch.num_levels(); ++l) {
    const bool macs = l == rc.arch.num_levels();
    const arch::NetworkSpec& net = rc.arch.network_into(l);
    out << (macs ? rc.arch.compute.name : rc.arch.levels[l].name) << ": instances "
        << rc.arch.instances_of(l) << " mesh_x " << rc.arch.mesh_x_of(l);
    if (!macs) out << " keep " << keep_names(rc.nest.levels[l].keep);
    if (l > 0) {
      out << " network-in multicast " << net.multicast << " reduction " << net.reduction
          << (net.psum_forwarding_vertical ? " forwarding vertical" : "");
      if (net.declared || net.link_bits > 0 || net.hop_latency_cycles > 0) {
        out << " " << arch::topology_name(net.topology) << " link_bits " << net.link_bits << " hop "
            << net.hop_latency_cycles;
      }
    }
    if (!macs) {
      const arch::StorageLevel& level = rc.arch.levels[l];
      auto bandwidth = [&out](const char* name, const std::optional<double>& b) {
        if (b) out << " " << name << " " << *b;
      };
      bandwidth("read_bw", level.read_bandwidth);
      bandwidth("write_bw", level.write_bandwidth);
      bandwidth("shared_bw", level.shared_bandwidth);
      if (level.latency_cycles > 0) out << " latency " << level.latency_cycles;
      if (level.multiple_buffering > 1) out << " buffering " << level.multiple_buffering;
      if (level.dram && level.dram->preset) out << " dram_preset " << *level.dram->preset;
    }
    out << "\n";
  }
  out << mapper::format_loop_nest(rc.nest, rc.arch);
  return out.str();
}

// Field-by-field differences between the model's counts and the brute force's, kept data
// spaces only.
std::vector<std::string> differences(const mapper::ActionCounts& model,
                                     const mapper::ActionCounts& ref, const RandomCase& rc,
                                     const std::string& ref_name) {
  std::vector<std::string> diffs;
  auto compare = [&](const std::string& field, std::uint64_t got, std::uint64_t want) {
    if (got != want) {
      diffs.emplace_back(field + ": model " + std::to_string(got) + ", " + ref_name + " " +
                         std::to_string(want));
    }
  };
  compare("macs", model.macs, ref.macs);
  compare("utilized_macs", static_cast<std::uint64_t>(model.utilized_macs),
          static_cast<std::uint64_t>(ref.utilized_macs));
  compare("compute_cycles", model.compute_cycles, ref.compute_cycles);
  if (model.levels.size() != ref.levels.size()) {
    diffs.push_back("number of levels differs");
    return diffs;
  }
  for (std::size_t l = 0; l < ref.levels.size(); ++l) {
    const std::string level = rc.arch.levels[l].name;
    compare(level + ".utilized_instances",
            static_cast<std::uint64_t>(model.levels[l].utilized_instances),
            static_cast<std::uint64_t>(ref.levels[l].utilized_instances));
    for (DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(rc.nest.levels[l].keep, ds)) continue;
      const std::string name = level + "." + arch::dataspace_name(ds) + ".";
      const mapper::DataSpaceCounts& got = model.levels[l].dataspaces[arch::index(ds)];
      const mapper::DataSpaceCounts& want = ref.levels[l].dataspaces[arch::index(ds)];
      compare(name + "utilized_capacity", got.utilized_capacity, want.utilized_capacity);
      compare(name + "reads", got.reads, want.reads);
      compare(name + "fills", got.fills, want.fills);
      compare(name + "updates", got.updates, want.updates);
    }
  }
  return diffs;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

void add_random_timing(arch::Architecture& a, std::mt19937& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (auto& level : a.levels) {
    if (pick(0, 3) > 0) level.read_bandwidth = pick(1, 4);
    if (pick(0, 3) > 0) level.write_bandwidth = pick(1, 4);
    if (pick(0, 5) == 0) level.shared_bandwidth = pick(2, 6);
    level.latency_cycles = pick(0, 2) == 0 ? pick(1, 20) : 0;
    level.multiple_buffering = pick(1, 2);
    if (level.capacity_words) level.capacity_words = *level.capacity_words * 2;
    // Links of a random topology, width and hop latency: transfers contend for them.
    const arch::Topology topologies[] = {arch::Topology::Bus,      arch::Topology::EyerissBus,
                                         arch::Topology::Mesh,     arch::Topology::HierarchicalMesh,
                                         arch::Topology::Crossbar, arch::Topology::Systolic};
    level.network.topology = topologies[pick(0, 5)];
    level.network.link_bits = pick(0, 2) == 0 ? 0 : 8 * pick(1, 4);
    level.network.hop_latency_cycles = pick(0, 2);
    level.network.cluster_x = pick(1, 2);
    level.network.cluster_y = pick(1, 2);
    level.network.psum_forwarding_vertical = level.network.reduction && pick(0, 2) == 0;
  }
  // DRAM banks with small rows so that accesses hit and miss.
  auto& dram = a.levels.front();
  dram.kind = arch::LevelKind::Dram;
  dram.banks = pick(1, 4);
  dram.row_words = pick(4, 32);
  dram.row_hit_cycles = pick(0, 2);
  dram.row_miss_cycles = pick(0, 12);
  // A datasheet DRAM behind the cycle engine's controller now and then (the other engines use the
  // row model above).
  if (pick(0, 2) == 0) {
    arch::DramSpec spec;
    spec.preset = arch::dram_preset_names()[static_cast<std::size_t>(
        pick(0, static_cast<int>(arch::dram_preset_names().size()) - 1))];
    dram.dram = spec;
  }
}

RandomCase load_case(const std::string& arch, const std::string& workload,
                     const std::string& mapping) {
  RandomCase rc;
  rc.arch = arch::load_architecture(arch);
  rc.layer = arch::load_workload(workload).layers.front();
  rc.nest = mapper::bind_mapping(arch::load_mapping(mapping), rc.arch, rc.layer);
  return rc;
}

std::vector<std::pair<std::string, RandomCase>> timeloop_golden_cases() {
  std::vector<std::pair<std::string, RandomCase>> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(source_path("tests/golden/timeloop"))) {
    if (!entry.is_directory()) continue;
    const auto dir = entry.path();
    out.emplace_back(dir.filename().string(),
                     load_case((dir / "arch.json").string(), (dir / "workload.json").string(),
                               (dir / "mapping.json").string()));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace arraysim::testing
