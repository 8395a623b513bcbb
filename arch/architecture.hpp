// Accelerator architecture: storage levels from DRAM inward, the spatial fan-out between them
// (instances laid out as mesh_x by instances/mesh_x), the networks that link them, and the MACs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/dram_spec.hpp"
#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::arch {

enum class LevelKind { Dram, Sram, Regfile };
const char* level_kind_name(LevelKind kind);

enum class Topology { Bus, EyerissBus, Mesh, HierarchicalMesh, Systolic, Crossbar };
const char* topology_name(Topology topology);

// Links from a parent level to this one. Without a spec: a bus with multicast and reduction.
struct NetworkSpec {
  bool declared = false;
  Topology topology = Topology::Bus;
  bool multicast = true;
  bool reduction = true;
  // Psums of a reduction pass up each column of the stage's grid, PE to PE over neighbour links
  // (Eyeriss v1), and only the column's top PE (lowest y) sends them on over the network.
  bool psum_forwarding_vertical = false;
  std::int64_t link_bits = 0;  // 0: unlimited; per data space: the widest
  // "link_bits": {"Weights": .., "Inputs": .., "Outputs": ..}: each data type's own network width
  // (Eyeriss v1: a 16-bit ifmap network beside 64-bit filter and psum networks).
  bool link_bits_per_dataspace = false;
  std::array<std::int64_t, kNumDataSpaces> dataspace_link_bits{};
  std::int64_t link_bits_of(DataSpace ds) const {
    return link_bits_per_dataspace ? dataspace_link_bits[index(ds)] : link_bits;
  }
  std::int64_t hop_latency_cycles = 0;
  std::int64_t cluster_x = 1, cluster_y = 1;  // hierarchical_mesh: PEs per cluster
  // Flits each router input buffer holds (mesh, hierarchical_mesh: credit flow control).
  std::int64_t buffer_flits = 4;
  bool buffer_flits_given = false;    // false: the default above
  std::optional<double> transfer_pj;  // energy override per word and link traversed
  std::optional<double> router_pj;    // energy override per word and router passed
  // Energy charged per word delivered to each child (ISCA'16 "array access") instead of per
  // parent-side transfer (a multicast or reduced word once).
  bool energy_per_delivery = false;
};

// Per-action energy and area overrides ("energy": {...}); absent fields come from the table.
struct EnergyOverride {
  std::optional<double> read_pj, write_pj, leak_pj_per_cycle, area_um2;
};

// Whether a level holds a data space: fixed by the spec, or left to the mapping/mapper.
enum class Residency { Decide, Keep, Bypass };

struct StorageLevel {
  std::string name;
  LevelKind kind = LevelKind::Sram;
  std::optional<std::int64_t> capacity_words;  // absent: unlimited (DRAM)
  std::int64_t word_bits = 16;
  std::int64_t block_words = 1;
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  std::optional<double> read_bandwidth, write_bandwidth, shared_bandwidth;  // words/cycle/instance
  std::int64_t latency_cycles = 0;
  std::int64_t banks = 1;
  // DRAM row buffers (open-row policy): words per row, and the extra cycles of an access that
  // hits the open row or has to open another one.
  std::int64_t row_words = 1024;
  std::int64_t row_hit_cycles = 0;
  std::int64_t row_miss_cycles = 0;
  // A DRAM level's device (preset and timing overrides); absent: a generic controller built from
  // the fields above (sim/core/dram_config).
  std::optional<DramSpec> dram;
  std::int64_t multiple_buffering = 1;
  std::array<Residency, kNumDataSpaces> residency{Residency::Decide, Residency::Decide,
                                                  Residency::Decide};
  NetworkSpec network;
  EnergyOverride energy;
  JsonLocation where;

  std::int64_t mesh_y() const { return instances / mesh_x; }
  // Words usable per data-space set once multiple buffering is accounted for.
  std::optional<std::int64_t> usable_capacity() const;
};

struct ComputeLevel {
  std::string name = "MAC";
  std::int64_t instances = 1;
  std::int64_t mesh_x = 1;
  std::int64_t word_bits = 16;
  // Width of the running sums; partial sums are stored at this precision unless a layer gives
  // its own. 0 (absent): a partial sum takes one word of the level that holds it.
  std::int64_t accumulator_bits = 0;
  std::int64_t pipeline_depth = 1;
  std::int64_t initiation_interval = 1;
  bool floating_point = false;
  std::optional<double> mac_pj, leak_pj_per_cycle, area_um2;
  NetworkSpec network;  // from the innermost storage level to the MACs
  JsonLocation where;

  std::int64_t mesh_y() const { return instances / mesh_x; }
};

// Storage levels an architecture may have: the model keeps per-level state in fixed arrays.
constexpr std::size_t kMaxStorageLevels = 16;

struct Architecture {
  std::string name;
  std::string file;
  double clock_mhz = 1000.0;
  std::string technology;
  std::optional<double> technology_nm;  // parsed from `technology` ("45nm" -> 45)
  std::string energy_table;             // path resolved against the architecture file; empty: none
  std::vector<StorageLevel> levels;
  ComputeLevel compute;

  std::size_t num_levels() const { return levels.size(); }
  std::optional<std::size_t> find_level(const std::string& level_name) const;
  std::vector<std::string> level_names() const;
  // Fan-out into level `child` (levels.size() for the MACs) from the level above, per axis.
  std::int64_t fanout_x(std::size_t child) const;
  std::int64_t fanout_y(std::size_t child) const;
  std::int64_t instances_of(std::size_t level) const;  // level == num_levels(): MACs
  std::int64_t mesh_x_of(std::size_t level) const;
  const NetworkSpec& network_into(std::size_t level) const;
};

Architecture parse_architecture(const Json& json, const std::string& file);
// The same for a spec translated from another format: errors name `root`'s origin.
Architecture parse_architecture(const Json& json, const JsonLocation& root);
Architecture load_architecture(const std::string& path);

}  // namespace arraysim::arch
