// Seeded random search problems for the mapper's property tests (see random_mapper_cases.hpp).
#include "tests/support/random_mapper_cases.hpp"

#include <array>
#include <sstream>

namespace arraysim::testing {

using arch::DataSpace;
using arch::Dim;

namespace {

template <typename T, std::size_t N>
T one_of(std::mt19937& rng, const std::array<T, N>& options) {
  return options[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::int64_t between(std::mt19937& rng, std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

double uniform(std::mt19937& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

bool chance(std::mt19937& rng, double p) { return std::bernoulli_distribution(p)(rng); }

arch::Layer random_layer(std::mt19937& rng) {
  arch::Layer layer;
  layer.name = "random";
  layer.type = arch::LayerType::Conv;
  const arch::DimSizes max{2, 2, 4, 4, 6, 4, 3, 3};
  do {
    for (int d = 0; d < arch::kNumDims; ++d) layer.dims[d] = between(rng, 1, max[d]);
  } while (layer.macs() > 600);
  for (int axis = 0; axis < 2; ++axis) {
    layer.stride[axis] = one_of(rng, std::array<std::int64_t, 5>{1, 1, 2, 3, 4});
    layer.dilation[axis] = one_of(rng, std::array<std::int64_t, 4>{1, 1, 2, 3});
  }
  // Per data space precision, narrower and wider than the levels' words (0: a word).
  for (int& bits : layer.bits) bits = one_of(rng, std::array<int, 7>{0, 4, 8, 12, 16, 24, 32});
  return layer;
}

arch::NetworkSpec random_network(std::mt19937& rng) {
  arch::NetworkSpec net;
  if (chance(rng, 0.3)) return net;  // undeclared: multicast and reduction allowed
  net.declared = true;
  net.multicast = chance(rng, 0.6);
  net.reduction = chance(rng, 0.6);
  net.energy_per_delivery = chance(rng, 0.3);
  net.psum_forwarding_vertical = net.reduction && chance(rng, 0.3);
  // Any topology: links and routers are priced on each transfer's tree (the bound must hold).
  net.topology = one_of(
      rng, std::array<arch::Topology, 6>{arch::Topology::Bus, arch::Topology::EyerissBus,
                                         arch::Topology::Mesh, arch::Topology::HierarchicalMesh,
                                         arch::Topology::Crossbar, arch::Topology::Systolic});
  return net;
}

void random_bandwidths(std::mt19937& rng, arch::StorageLevel& level) {
  const std::array<double, 5> values{0.5, 1.0, 2.0, 3.0, 8.0};
  if (chance(rng, 0.4)) level.read_bandwidth = one_of(rng, values);
  if (chance(rng, 0.4)) level.write_bandwidth = one_of(rng, values);
  if (chance(rng, 0.2)) level.shared_bandwidth = one_of(rng, values);
}

energy::ActionEnergy random_action(std::mt19937& rng, double scale) {
  energy::ActionEnergy action;
  action.read_pj = uniform(rng, 0.1, 1.0) * scale;
  action.write_pj = uniform(rng, 0.1, 1.0) * scale;
  action.leak_pj_per_cycle = chance(rng, 0.5) ? 0.0 : uniform(rng, 0.0, 0.05) * scale;
  return action;
}

}  // namespace

RandomMapperCase random_mapper_case(std::mt19937& rng) {
  RandomMapperCase rc;
  rc.layer = random_layer(rng);
  arch::Architecture& a = rc.arch;
  a.name = "random";
  const auto num_levels = static_cast<std::size_t>(between(rng, 2, 4));
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  const std::array<std::int64_t, 6> fan_x{1, 1, 1, 2, 3, 4};
  const std::array<std::int64_t, 5> fan_y{1, 1, 1, 2, 3};
  for (std::size_t l = 0; l < num_levels; ++l) {
    arch::StorageLevel level;
    level.name = l == 0 ? "DRAM" : "L" + std::to_string(l);
    level.word_bits = one_of(rng, std::array<std::int64_t, 3>{8, 16, 32});
    level.block_words = one_of(rng, std::array<std::int64_t, 4>{1, 1, 2, 4});
    if (l == 0) {
      level.kind = arch::LevelKind::Dram;
    } else {
      const std::int64_t fx = instances < 8 ? one_of(rng, fan_x) : 1;
      const std::int64_t fy = instances < 8 ? one_of(rng, fan_y) : 1;
      instances *= fx * fy;
      mesh_x *= fx;
      level.kind = l + 1 == num_levels ? arch::LevelKind::Regfile : arch::LevelKind::Sram;
      level.capacity_words =
          one_of(rng, std::array<std::int64_t, 8>{4, 8, 16, 32, 64, 256, 1024, 100000});
      if (chance(rng, 0.1)) level.multiple_buffering = 2;
      for (auto& residency : level.residency) {
        const double roll = uniform(rng, 0.0, 1.0);
        residency = roll < 0.15  ? arch::Residency::Keep
                    : roll < 0.3 ? arch::Residency::Bypass
                                 : arch::Residency::Decide;
      }
      level.network = random_network(rng);
    }
    random_bandwidths(rng, level);
    level.instances = instances;
    level.mesh_x = mesh_x;
    a.levels.push_back(level);
  }
  const std::int64_t fx = one_of(rng, fan_x);
  const std::int64_t fy = one_of(rng, fan_y);
  a.compute.instances = instances * fx * fy;
  a.compute.mesh_x = mesh_x * fx;
  a.compute.network = random_network(rng);

  rc.energy.table_name = "random";
  rc.energy.mac = random_action(rng, 1.0);
  for (std::size_t l = 0; l < num_levels; ++l) {
    rc.energy.levels.push_back(random_action(rng, l == 0 ? 100.0 : 10.0 / static_cast<double>(l)));
  }
  for (std::size_t s = 0; s <= num_levels; ++s) {
    energy::ActionEnergy network;
    network.read_pj = chance(rng, 0.3) ? 0.0 : uniform(rng, 0.1, 3.0);
    rc.energy.networks.push_back(network);
    energy::ActionEnergy router;
    router.read_pj = chance(rng, 0.5) ? 0.0 : uniform(rng, 0.1, 2.0);
    rc.energy.routers.push_back(router);
  }
  rc.dataflow = one_of(
      rng, std::array<const char*, 8>{"ws", "os", "is", "rs", "nlr", "free", "free", "free"});
  rc.objective =
      one_of(rng, std::array<const char*, 7>{"energy", "energy", "delay", "edp", "delay,energy",
                                             "energy,delay", "edp,energy"});
  rc.energy_tolerance = one_of(rng, std::array<double, 3>{0.0, 0.005, 0.05});
  return rc;
}

std::string describe(const RandomMapperCase& rc) {
  std::ostringstream out;
  out << "layer";
  for (Dim dim : arch::kAllDims) out << " " << arch::dim_letter(dim) << rc.layer.dim(dim);
  out << " stride " << rc.layer.stride[0] << "," << rc.layer.stride[1] << " dilation "
      << rc.layer.dilation[0] << "," << rc.layer.dilation[1] << " bits W/I/O " << rc.layer.bits[0]
      << "/" << rc.layer.bits[1] << "/" << rc.layer.bits[2] << "\n";
  out << "dataflow " << rc.dataflow << ", objective " << rc.objective << ", energy tolerance "
      << rc.energy_tolerance << "\n";
  for (std::size_t l = 0; l < rc.arch.num_levels(); ++l) {
    const arch::StorageLevel& level = rc.arch.levels[l];
    out << level.name << ": instances " << level.instances << " mesh_x " << level.mesh_x
        << " capacity " << level.capacity_words.value_or(0) << " word_bits " << level.word_bits
        << " block " << level.block_words << " residency";
    for (auto r : level.residency) out << " " << static_cast<int>(r);
    out << " network declared " << level.network.declared << " multicast "
        << level.network.multicast << " reduction " << level.network.reduction << " per-delivery "
        << level.network.energy_per_delivery << "\n";
  }
  out << "MAC: instances " << rc.arch.compute.instances << " mesh_x " << rc.arch.compute.mesh_x
      << "\n";
  return out.str();
}

}  // namespace arraysim::testing
