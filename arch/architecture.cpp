#include "arch/architecture.hpp"

#include "arch/dataspace_list.hpp"

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "arch/spec_limits.hpp"

namespace arraysim::arch {

namespace {

const std::vector<std::string> kKindNames = {"dram", "sram", "regfile"};
const std::vector<std::string> kTopologyNames = {
    "bus", "eyeriss_bus", "mesh", "hierarchical_mesh", "systolic", "crossbar"};

template <typename Enum>
Enum enum_at(const std::vector<std::string>& names, const std::string& text) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return static_cast<Enum>(0);
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// A number in [low, high] (finite); `unit` completes the message.
double in_range(ObjectReader& reader, const std::string& key, double low, double high,
                const std::string& unit) {
  const double value = reader.number(key);
  if (!std::isfinite(value) || value < low || value > high) {
    reader.at(key).fail("expected " + number_text(low) + " to " + number_text(high) + " " + unit +
                        ", got " + number_text(value));
  }
  return value;
}

// An energy (pJ per action or per cycle) or an area: non-negative, finite, at most `high`.
std::optional<double> optional_amount(ObjectReader& reader, const std::string& key, double high,
                                      const std::string& unit) {
  if (!reader.has(key)) return std::nullopt;
  return in_range(reader, key, 0.0, high, unit);
}

std::optional<double> optional_bandwidth(ObjectReader& reader, const std::string& key) {
  if (!reader.has(key)) return std::nullopt;
  return in_range(reader, key, kMinBandwidth, kMaxBandwidth, "words per cycle");
}

// A positive (or, with `zero_ok`, non-negative) integer at most `high`.
std::int64_t bounded(ObjectReader& reader, const std::string& key, std::int64_t fallback,
                     std::int64_t high, bool zero_ok = false) {
  const std::int64_t value =
      zero_ok ? reader.non_negative(key, fallback) : reader.positive(key, fallback);
  if (value > high) {
    reader.at(key).fail("expected at most " + std::to_string(high) + ", got " +
                        std::to_string(value));
  }
  return value;
}

// "45nm", "45 nm" or "7.5nm" -> the node in nanometres.
double parse_technology(const std::string& text, const JsonLocation& where) {
  std::size_t used = 0;
  double nm = 0.0;
  try {
    nm = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string rest = text.substr(used);
  rest.erase(0, rest.find_first_not_of(' '));
  if (used == 0 || rest != "nm" || !std::isfinite(nm) || nm <= 0 || nm > kMaxTechnologyNm) {
    where.fail("expected a technology node like \"45nm\", got \"" + text + "\"");
  }
  return nm;
}

NetworkSpec parse_network_spec(ObjectReader& parent) {
  NetworkSpec net;
  const Json* json = parent.get("network");
  if (json == nullptr) return net;
  ObjectReader reader(*json, parent.at("network"));
  net.declared = true;
  net.topology = enum_at<Topology>(
      kTopologyNames, reader.enum_string("topology", kTopologyNames, std::string("bus")));
  net.multicast = reader.boolean("multicast", true);
  net.reduction = reader.boolean("reduction", true);
  net.psum_forwarding_vertical = reader.enum_string("psum_forwarding", {"none", "vertical"},
                                                    std::string("none")) == "vertical";
  if (net.psum_forwarding_vertical && !net.reduction) {
    reader.at("psum_forwarding")
        .fail("vertical psum forwarding reduces psums on the way; it needs \"reduction\": true");
  }
  const Json* link_bits = reader.get("link_bits");
  if (link_bits != nullptr && link_bits->is_object()) {
    // One width per data space, each required: a network the spec leaves out is not unlimited.
    ObjectReader widths(*link_bits, reader.at("link_bits"));
    net.link_bits_per_dataspace = true;
    for (DataSpace ds : kAllDataSpaces) {
      const std::int64_t bits = widths.non_negative(dataspace_name(ds));
      if (bits > kMaxLinkBits) {
        widths.at(dataspace_name(ds))
            .fail("expected at most " + std::to_string(kMaxLinkBits) + ", got " +
                  std::to_string(bits));
      }
      net.dataspace_link_bits[index(ds)] = bits;
      net.link_bits = std::max(net.link_bits, bits);
    }
    widths.finish();
  } else {
    net.link_bits = bounded(reader, "link_bits", 0, kMaxLinkBits, true);
  }
  net.hop_latency_cycles = bounded(reader, "hop_latency_cycles", 0, kMaxCycles, true);
  net.buffer_flits_given = reader.has("buffer_flits");
  net.buffer_flits = bounded(reader, "buffer_flits", net.buffer_flits, kMaxBufferFlits);
  net.cluster_x = bounded(reader, "cluster_x", 1, kMaxInstances);
  net.cluster_y = bounded(reader, "cluster_y", 1, kMaxInstances);
  for (const char* key : {"cluster_x", "cluster_y"}) {
    if (net.topology != Topology::HierarchicalMesh && reader.has(key) &&
        (std::string(key) == "cluster_x" ? net.cluster_x : net.cluster_y) != 1) {
      reader.at(key).fail(std::string(key) +
                          " sets the cluster shape of a hierarchical_mesh; this network is a " +
                          topology_name(net.topology) + ", which has no clusters");
    }
  }
  net.transfer_pj = optional_amount(reader, "transfer_pj", kMaxEnergyPj, "pJ");
  net.router_pj = optional_amount(reader, "router_pj", kMaxEnergyPj, "pJ");
  net.energy_per_delivery = reader.enum_string("energy_per", {"transfer", "delivery"},
                                               std::string("transfer")) == "delivery";
  reader.finish();
  return net;
}

EnergyOverride parse_energy(ObjectReader& parent, bool compute) {
  EnergyOverride energy;
  const Json* json = parent.get("energy");
  if (json == nullptr) return energy;
  ObjectReader reader(*json, parent.at("energy"));
  if (compute) {
    energy.read_pj = optional_amount(reader, "mac_pj", kMaxEnergyPj, "pJ");
  } else {
    energy.read_pj = optional_amount(reader, "read_pj", kMaxEnergyPj, "pJ");
    energy.write_pj = optional_amount(reader, "write_pj", kMaxEnergyPj, "pJ");
  }
  energy.leak_pj_per_cycle =
      optional_amount(reader, "leak_pj_per_cycle", kMaxEnergyPj, "pJ per cycle");
  energy.area_um2 = optional_amount(reader, "area_um2", kMaxAreaUm2, "um^2");
  reader.finish();
  return energy;
}

StorageLevel parse_level(const Json& json, const JsonLocation& where) {
  ObjectReader reader(json, where);
  StorageLevel level;
  level.where = where;
  level.name = reader.string("name");
  if (level.name.empty()) reader.at("name").fail("level name must not be empty");
  level.kind = enum_at<LevelKind>(kKindNames, reader.enum_string("kind", kKindNames));
  if (reader.has("capacity_words"))
    level.capacity_words = bounded(reader, "capacity_words", 1, kMaxCapacityWords);
  if (level.kind != LevelKind::Dram && !level.capacity_words) {
    where.fail("missing required key \"capacity_words\" (only DRAM may be unbounded)");
  }
  level.word_bits = reader.positive("word_bits", 16);
  if (level.word_bits > 64) reader.at("word_bits").fail("word_bits must be at most 64");
  level.block_words = bounded(reader, "block_words", 1, kMaxBlockWords);
  if (level.capacity_words && level.block_words > *level.capacity_words) {
    reader.at("block_words")
        .fail("block_words = " + std::to_string(level.block_words) +
              " is larger than capacity_words = " + std::to_string(*level.capacity_words));
  }
  level.instances = bounded(reader, "instances", 1, kMaxInstances);
  level.mesh_x = reader.positive("mesh_x", level.instances);
  level.read_bandwidth = optional_bandwidth(reader, "read_bandwidth");
  level.write_bandwidth = optional_bandwidth(reader, "write_bandwidth");
  level.shared_bandwidth = optional_bandwidth(reader, "shared_bandwidth");
  level.latency_cycles = bounded(reader, "latency_cycles", 0, kMaxCycles, true);
  level.banks = bounded(reader, "banks", 1, kMaxBanks);
  level.row_words = bounded(reader, "row_words", 1024, kMaxCapacityWords);
  level.row_hit_cycles = bounded(reader, "row_hit_cycles", 0, kMaxCycles, true);
  level.row_miss_cycles = bounded(reader, "row_miss_cycles", 0, kMaxCycles, true);
  level.dram = parse_dram_spec(reader, level.kind == LevelKind::Dram);
  level.multiple_buffering = reader.positive("multiple_buffering", 1);
  const bool has_keep = reader.has("keep");
  const DataSpaceMask keep = read_dataspace_list(reader, "keep");
  const DataSpaceMask bypass = read_dataspace_list(reader, "bypass");
  for (DataSpace ds : kAllDataSpaces) {
    const bool kept = contains(keep, ds);
    const bool bypassed = contains(bypass, ds);
    if (kept && bypassed) {
      reader.at("bypass").fail(std::string(dataspace_name(ds)) +
                               " is listed in both keep and bypass");
    }
    Residency& residency = level.residency[index(ds)];
    if (kept) {
      residency = Residency::Keep;
    } else if (bypassed || (has_keep && !reader.has("bypass"))) {
      residency = Residency::Bypass;
    }
  }
  level.network = parse_network_spec(reader);
  level.energy = parse_energy(reader, false);
  reader.finish();
  if (level.instances % level.mesh_x != 0) {
    reader.at("mesh_x").fail("mesh_x = " + std::to_string(level.mesh_x) +
                             " does not divide instances = " + std::to_string(level.instances));
  }
  if (level.capacity_words && *level.capacity_words < level.multiple_buffering) {
    reader.at("multiple_buffering").fail("multiple_buffering exceeds capacity_words");
  }
  return level;
}

ComputeLevel parse_compute(const Json& json, const JsonLocation& where) {
  ObjectReader reader(json, where);
  ComputeLevel compute;
  compute.where = where;
  compute.name = reader.string("name");
  compute.instances = bounded(reader, "instances", 1, kMaxInstances);
  compute.mesh_x = reader.positive("mesh_x", compute.instances);
  compute.word_bits = bounded(reader, "word_bits", 16, 64);
  compute.accumulator_bits = bounded(reader, "accumulator_bits", 0, 64);
  compute.pipeline_depth = bounded(reader, "pipeline_depth", 1, kMaxCycles);
  compute.initiation_interval = bounded(reader, "initiation_interval", 1, kMaxCycles);
  compute.floating_point =
      reader.enum_string("arithmetic", {"int", "fp"}, std::string("int")) == "fp";
  const EnergyOverride energy = parse_energy(reader, true);
  compute.mac_pj = energy.read_pj;
  compute.leak_pj_per_cycle = energy.leak_pj_per_cycle;
  compute.area_um2 = energy.area_um2;
  compute.network = parse_network_spec(reader);
  reader.finish();
  if (compute.instances % compute.mesh_x != 0) {
    reader.at("mesh_x").fail("mesh_x = " + std::to_string(compute.mesh_x) +
                             " does not divide instances = " + std::to_string(compute.instances));
  }
  return compute;
}

// Each level's mesh must tile its parent's: integer fan-out in X and in Y.
void check_fanouts(const Architecture& arch, const JsonLocation& root) {
  for (std::size_t child = 1; child <= arch.num_levels(); ++child) {
    const std::int64_t px = arch.mesh_x_of(child - 1);
    const std::int64_t py = arch.instances_of(child - 1) / px;
    const std::int64_t cx = arch.mesh_x_of(child);
    const std::int64_t cy = arch.instances_of(child) / cx;
    const JsonLocation where =
        child == arch.num_levels() ? root.child("compute") : root.child("levels").child(child);
    if (cx % px != 0 || cy % py != 0) {
      where.fail("a " + std::to_string(cx) + "x" + std::to_string(cy) +
                 " mesh cannot fan out evenly from the " + std::to_string(px) + "x" +
                 std::to_string(py) + " mesh above it");
    }
  }
}

// A hierarchical mesh groups the children of each parent into cluster_x x cluster_y clusters,
// which must tile the fan-out exactly.
void check_clusters(const Architecture& arch) {
  for (std::size_t child = 1; child <= arch.num_levels(); ++child) {
    const NetworkSpec& net = arch.network_into(child);
    if (net.topology != Topology::HierarchicalMesh) continue;
    const JsonLocation where =
        (child == arch.num_levels() ? arch.compute.where : arch.levels[child].where)
            .child("network");
    const std::int64_t fx = arch.fanout_x(child);
    const std::int64_t fy = arch.fanout_y(child);
    if (fx % net.cluster_x != 0 || fy % net.cluster_y != 0) {
      where.fail("clusters of " + std::to_string(net.cluster_x) + "x" +
                 std::to_string(net.cluster_y) + " do not divide the " + std::to_string(fx) + "x" +
                 std::to_string(fy) + " fan-out");
    }
  }
}

}  // namespace

const char* level_kind_name(LevelKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)].c_str();
}

const char* topology_name(Topology topology) {
  return kTopologyNames[static_cast<std::size_t>(topology)].c_str();
}

std::optional<std::int64_t> StorageLevel::usable_capacity() const {
  if (!capacity_words) return std::nullopt;
  return *capacity_words / multiple_buffering;
}

std::optional<std::size_t> Architecture::find_level(const std::string& level_name) const {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].name == level_name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> Architecture::level_names() const {
  std::vector<std::string> names;
  for (const auto& level : levels) names.push_back(level.name);
  return names;
}

std::int64_t Architecture::instances_of(std::size_t level) const {
  return level == levels.size() ? compute.instances : levels[level].instances;
}

std::int64_t Architecture::mesh_x_of(std::size_t level) const {
  return level == levels.size() ? compute.mesh_x : levels[level].mesh_x;
}

std::int64_t Architecture::fanout_x(std::size_t child) const {
  return child == 0 ? 1 : mesh_x_of(child) / mesh_x_of(child - 1);
}

std::int64_t Architecture::fanout_y(std::size_t child) const {
  if (child == 0) return 1;
  const std::int64_t child_y = instances_of(child) / mesh_x_of(child);
  const std::int64_t parent_y = instances_of(child - 1) / mesh_x_of(child - 1);
  return child_y / parent_y;
}

const NetworkSpec& Architecture::network_into(std::size_t level) const {
  return level == levels.size() ? compute.network : levels[level].network;
}

Architecture parse_architecture(const Json& json, const std::string& file) {
  return parse_architecture(json, JsonLocation{file, ""});
}

Architecture parse_architecture(const Json& json, const JsonLocation& root) {
  const std::string& file = root.file;
  ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "architecture")
    reader.at("spec").fail("expected \"architecture\", got \"" + spec + "\"");
  Architecture arch;
  arch.file = file;
  arch.name = reader.string("name");
  if (reader.has("clock_mhz")) {
    arch.clock_mhz = in_range(reader, "clock_mhz", 0.0, kMaxClockMhz, "MHz");
    if (arch.clock_mhz <= 0) reader.at("clock_mhz").fail("expected a positive number");
  }
  arch.technology = reader.optional_string("technology").value_or("");
  if (!arch.technology.empty())
    arch.technology_nm = parse_technology(arch.technology, reader.at("technology"));
  if (auto table = reader.optional_string("energy_table")) {
    const std::filesystem::path base = std::filesystem::path(file).parent_path();
    arch.energy_table = (base / *table).lexically_normal().string();
  }
  reader.optional_string("description");
  const Json* levels = reader.get("levels");
  if (levels == nullptr) root.fail("missing required key \"levels\"");
  if (!levels->is_array() || levels->empty())
    reader.at("levels").fail("expected a non-empty array of levels");
  if (levels->size() > kMaxStorageLevels) {
    reader.at("levels").fail(std::to_string(levels->size()) + " storage levels; at most " +
                             std::to_string(kMaxStorageLevels) + " are supported");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < levels->size(); ++i) {
    StorageLevel level = parse_level((*levels)[i], reader.at("levels").child(i));
    if (!names.insert(level.name).second) {
      level.where.child("name").fail("duplicate level name \"" + level.name + "\"");
    }
    arch.levels.push_back(std::move(level));
  }
  const Json* compute = reader.get("compute");
  if (compute == nullptr) root.fail("missing required key \"compute\"");
  arch.compute = parse_compute(*compute, reader.at("compute"));
  reader.finish();

  const StorageLevel& outer = arch.levels.front();
  if (outer.instances != 1)
    outer.where.child("instances").fail("the outermost level must have one instance");
  for (DataSpace ds : kAllDataSpaces) {
    if (outer.residency[index(ds)] == Residency::Bypass) {
      outer.where.fail("the outermost level must keep every data space (" +
                       std::string(dataspace_name(ds)) + " is bypassed)");
    }
  }
  for (std::size_t i = 1; i <= arch.num_levels(); ++i) {
    const std::int64_t parent = arch.instances_of(i - 1);
    const std::int64_t child = arch.instances_of(i);
    const JsonLocation where = i == arch.num_levels() ? arch.compute.where.child("instances")
                                                      : arch.levels[i].where.child("instances");
    if (child < parent || child % parent != 0) {
      where.fail(std::to_string(child) + " instances is not a multiple of the " +
                 std::to_string(parent) + " instances of the level above");
    }
  }
  check_fanouts(arch, root);
  check_clusters(arch);
  return arch;
}

Architecture load_architecture(const std::string& path) {
  return parse_architecture(load_json_file(path), path);
}

}  // namespace arraysim::arch
