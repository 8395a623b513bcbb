#include "arch/architecture.hpp"

#include "arch/dataspace_list.hpp"

#include <filesystem>
#include <set>

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

std::optional<double> optional_non_negative(ObjectReader& reader, const std::string& key) {
  if (!reader.has(key)) return std::nullopt;
  const double value = reader.number(key);
  if (value < 0) reader.at(key).fail("expected a non-negative number");
  return value;
}

std::optional<double> optional_positive(ObjectReader& reader, const std::string& key) {
  if (!reader.has(key)) return std::nullopt;
  const double value = reader.number(key);
  if (value <= 0) reader.at(key).fail("expected a positive number");
  return value;
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
  net.link_bits = reader.non_negative("link_bits", 0);
  net.hop_latency_cycles = reader.non_negative("hop_latency_cycles", 0);
  net.cluster_x = reader.positive("cluster_x", 1);
  net.cluster_y = reader.positive("cluster_y", 1);
  net.transfer_pj = optional_non_negative(reader, "transfer_pj");
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
    energy.read_pj = optional_non_negative(reader, "mac_pj");
  } else {
    energy.read_pj = optional_non_negative(reader, "read_pj");
    energy.write_pj = optional_non_negative(reader, "write_pj");
  }
  energy.leak_pj_per_cycle = optional_non_negative(reader, "leak_pj_per_cycle");
  energy.area_um2 = optional_non_negative(reader, "area_um2");
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
  if (reader.has("capacity_words")) level.capacity_words = reader.positive("capacity_words");
  if (level.kind != LevelKind::Dram && !level.capacity_words) {
    where.fail("missing required key \"capacity_words\" (only DRAM may be unbounded)");
  }
  level.word_bits = reader.positive("word_bits", 16);
  if (level.word_bits > 64) reader.at("word_bits").fail("word_bits must be at most 64");
  level.block_words = reader.positive("block_words", 1);
  level.instances = reader.positive("instances", 1);
  level.mesh_x = reader.positive("mesh_x", level.instances);
  level.read_bandwidth = optional_positive(reader, "read_bandwidth");
  level.write_bandwidth = optional_positive(reader, "write_bandwidth");
  level.shared_bandwidth = optional_positive(reader, "shared_bandwidth");
  level.latency_cycles = reader.non_negative("latency_cycles", 0);
  level.banks = reader.positive("banks", 1);
  level.row_words = reader.positive("row_words", 1024);
  level.row_hit_cycles = reader.non_negative("row_hit_cycles", 0);
  level.row_miss_cycles = reader.non_negative("row_miss_cycles", 0);
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
  compute.instances = reader.positive("instances", 1);
  compute.mesh_x = reader.positive("mesh_x", compute.instances);
  compute.word_bits = reader.positive("word_bits", 16);
  compute.pipeline_depth = reader.positive("pipeline_depth", 1);
  compute.initiation_interval = reader.positive("initiation_interval", 1);
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
    arch.clock_mhz = reader.number("clock_mhz");
    if (arch.clock_mhz <= 0) reader.at("clock_mhz").fail("expected a positive number");
  }
  arch.technology = reader.optional_string("technology").value_or("");
  if (auto table = reader.optional_string("energy_table")) {
    const std::filesystem::path base = std::filesystem::path(file).parent_path();
    arch.energy_table = (base / *table).lexically_normal().string();
  }
  reader.optional_string("description");
  const Json* levels = reader.get("levels");
  if (levels == nullptr) root.fail("missing required key \"levels\"");
  if (!levels->is_array() || levels->empty())
    reader.at("levels").fail("expected a non-empty array of levels");
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
  return arch;
}

Architecture load_architecture(const std::string& path) {
  return parse_architecture(load_json_file(path), path);
}

}  // namespace arraysim::arch
