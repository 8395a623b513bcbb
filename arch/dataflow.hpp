// A dataflow template: mapspace constraints written by level role, so one template serves every
// architecture. Roles: pe_local (one instance per PE), array (the level whose fan-out spans the PE
// array), backing (everything above it).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::arch {

enum class LevelRole { Backing, Array, PeLocal };
constexpr int kNumRoles = 3;
const char* level_role_name(LevelRole role);

using DimMask = unsigned;  // bit i = Dim i
constexpr DimMask kAllDimsMask = (1U << kNumDims) - 1;

struct RoleConstraint {
  DimMask temporal = kAllDimsMask;   // dims that may have temporal factors > 1
  DimMask spatial_x = kAllDimsMask;  // dims that may unroll across X below these levels
  DimMask spatial_y = kAllDimsMask;
  std::vector<Dim> order;    // fixed temporal order, outer -> inner; empty: free
  DataSpaceMask keep = 0;    // held where the architecture leaves it open
  DataSpaceMask bypass = 0;  // not held where the architecture leaves it open
  // Per data space: the temporal dims a level keeping it may iterate. A level's temporal dims are
  // `temporal` intersected with the union over the data spaces it keeps (absent: no restriction).
  std::array<std::optional<DimMask>, kNumDataSpaces> by_dataspace{};
  DimMask complete = 0;  // dims whose whole extent must be mapped within this role's levels
  // Fixed products of a dim's factors within this role's levels ("factors": "C4 S3"); 0: free.
  DimSizes factors{0, 0, 0, 0, 0, 0, 0, 0};
};

struct Dataflow {
  std::string name;
  std::string file;
  std::string description;
  std::array<RoleConstraint, kNumRoles> roles;
  double min_utilization = 0.0;  // fraction of the MACs a mapping must use

  const RoleConstraint& role(LevelRole r) const { return roles[static_cast<int>(r)]; }
};

Dataflow parse_dataflow(const Json& json, const std::string& file);
// The same for a spec translated from another format: errors name `root`'s origin.
Dataflow parse_dataflow(const Json& json, const JsonLocation& root);
Dataflow load_dataflow(const std::string& path);

// The role of each storage level of an architecture.
std::vector<LevelRole> level_roles(const Architecture& arch);

std::string format_dims(DimMask mask);

}  // namespace arraysim::arch
