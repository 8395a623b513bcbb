#include "arch/timeloop/mapspace_import.hpp"

#include <algorithm>

#include "arch/dataflow.hpp"
#include "arch/timeloop/mapping_import.hpp"

namespace arraysim::arch::timeloop {

namespace {

DimMask bit(Dim d) { return 1U << index(d); }
const DimMask kNoGroups = kAllDimsMask & ~bit(Dim::G);  // Timeloop's convolution has no G

struct LevelConstraint {
  DimMask temporal = kNoGroups;
  bool has_temporal = false;
  std::vector<Dim> order;  // outer -> inner; empty: free
  DimMask spatial_x = kNoGroups, spatial_y = kNoGroups;
  bool has_spatial = false;
  DimMask complete = 0;
  DimSizes factors{0, 0, 0, 0, 0, 0, 0, 0};
};

void read_factors(const YamlValue& value, DimMask& allowed, LevelConstraint& c) {
  for (const auto& [dim, factor] : parse_factors(value)) {
    if (factor == 1) allowed &= ~bit(dim);
    if (factor == 0) c.complete |= bit(dim);
    if (factor > 1) c.factors[index(dim)] = factor;
  }
}

std::string letters(const std::vector<Dim>& dims) {
  std::string out;
  for (Dim d : dims) out += dim_letter(d);
  return out;
}

}  // namespace

ImportedMapspace import_mapspace(const YamlValue& value, const Architecture& arch,
                                 const LevelMap& levels, const std::string& name, ImportLog& log) {
  const std::size_t n = arch.num_levels();
  std::vector<LevelConstraint> per_level(n);
  ImportedMapspace out;
  out.origins.add("", value.where);
  out.residency.resize(n);
  double min_utilization = 0.0;
  for (const auto& entry : yaml_sequence(value)) {
    YamlMap fields(entry);
    const YamlValue target = fields.required("target");
    const std::string type = yaml_string(fields.required("type"));
    if (type == "utilization") {
      min_utilization = std::max(min_utilization, yaml_number(fields.required("min")));
      log.warn(entry.where,
               "utilization constraint applied to the whole MAC array "
               "(min_utilization)");
      fields.finish();
      continue;
    }
    const LevelLink& link = levels.find(yaml_string(target), target.where);
    LevelConstraint& c = per_level[link.level];
    if (type == "temporal") {
      LevelConstraint own;
      if (auto f = fields.get("factors")) read_factors(*f, own.temporal, own);
      if (link.folded) {
        if (own.temporal != 0 || own.complete != 0) {
          entry.where.fail("temporal loops at \"" + link.name +
                           "\", a level without storage, are not supported");
        }
        fields.get("permutation");
        fields.finish();
        continue;
      }
      c.has_temporal = true;
      c.temporal = own.temporal;
      c.complete |= own.complete;
      for (std::size_t i = 0; i < kNumDims; ++i) {
        if (own.factors[i] > 0) c.factors[i] = own.factors[i];
      }
      if (auto p = fields.get("permutation")) {
        std::vector<Dim> innermost_first = parse_permutation(*p);
        c.order.assign(innermost_first.rbegin(), innermost_first.rend());
      }
    } else if (type == "spatial") {
      std::vector<Dim> permutation;
      if (auto p = fields.get("permutation")) permutation = parse_permutation(*p);
      std::size_t split = permutation.size();
      if (auto s = fields.get("split")) split = static_cast<std::size_t>(yaml_integer(*s));
      DimMask allowed = kNoGroups;
      LevelConstraint own;
      if (auto f = fields.get("factors")) read_factors(*f, allowed, own);
      DimMask x = 0, y = 0;
      for (std::size_t i = 0; i < permutation.size(); ++i) {
        (i < split ? x : y) |= bit(permutation[i]);
      }
      const DimMask unlisted = kNoGroups & ~(x | y);
      x = (x | unlisted) & allowed;
      y = (y | unlisted) & allowed;
      // A folded level's fan-out joins its parent's: allowed dims add up.
      if (c.has_spatial) {
        c.spatial_x |= x;
        c.spatial_y |= y;
      } else {
        c.spatial_x = x;
        c.spatial_y = y;
      }
      c.has_spatial = true;
      c.complete |= own.complete;
      for (std::size_t i = 0; i < kNumDims; ++i) {
        if (own.factors[i] > 0) c.factors[i] = own.factors[i];
      }
    } else if (type == "datatype" || type == "bypass" || type == "dataspace") {
      DataSpaceMask keep = 0, bypass = 0;
      if (auto k = fields.get("keep")) keep = parse_dataspaces(*k);
      if (auto b = fields.get("bypass")) bypass = parse_dataspaces(*b);
      if (keep & bypass) entry.where.fail("a data space both kept and bypassed");
      if (link.folded) {
        if (keep != 0) entry.where.fail("\"" + link.name + "\" has no storage to keep data in");
      } else {
        out.residency[link.level] = std::make_pair(keep, bypass);
      }
    } else {
      fields.where().child("type").fail("unsupported constraint type \"" + type +
                                        "\" (temporal, spatial, datatype, bypass, utilization)");
    }
    fields.finish();
  }

  // Merge per role.
  const std::vector<LevelRole> roles = level_roles(arch);
  Json dataflow = {{"spec", "dataflow"},
                   {"name", name},
                   {"description", "Imported from Timeloop mapspace constraints"}};
  if (min_utilization > 0) dataflow["min_utilization"] = min_utilization;
  const char* role_keys[] = {"backing", "array", "pe_local"};
  for (int r = 0; r < kNumRoles; ++r) {
    std::vector<std::size_t> members;
    for (std::size_t l = 0; l < n; ++l) {
      if (static_cast<int>(roles[l]) == r) members.push_back(l);
    }
    if (members.empty()) continue;
    DimMask temporal = 0, spatial_x = 0, spatial_y = 0, complete = 0;
    DimSizes factors{0, 0, 0, 0, 0, 0, 0, 0};
    std::vector<Dim> order;
    bool order_complete = true;
    bool by_dataspace_ok = true;
    std::array<std::optional<DimMask>, kNumDataSpaces> by_dataspace{};
    for (std::size_t l : members) {
      LevelConstraint& c = per_level[l];
      if (l == 0) {  // groups iterate outermost
        c.temporal |= bit(Dim::G);
        if (!c.order.empty()) c.order.insert(c.order.begin(), Dim::G);
      }
      temporal |= c.temporal;
      spatial_x |= c.spatial_x;
      spatial_y |= c.spatial_y;
      complete |= c.complete;
      for (std::size_t i = 0; i < kNumDims; ++i) {
        if (c.factors[i] > 0)
          factors[i] = factors[i] > 0 ? factors[i] * c.factors[i] : c.factors[i];
      }
      std::vector<Dim> level_order;
      for (Dim d : c.order) {
        if (c.temporal & bit(d)) level_order.push_back(d);
      }
      DimMask listed = 0;
      for (Dim d : level_order) listed |= bit(d);
      if (c.order.empty() || listed != c.temporal) order_complete = false;
      for (Dim d : level_order) {
        if (std::find(order.begin(), order.end(), d) == order.end()) order.push_back(d);
      }
      if (members.size() > 1 && c.temporal != kNoGroups) {
        const auto& res = out.residency[l];
        const DataSpaceMask kept = res ? res->first : 0;
        if (!res) by_dataspace_ok = false;
        for (DataSpace ds : kAllDataSpaces) {
          if (contains(kept, ds)) {
            auto& slot = by_dataspace[index(ds)];
            slot = slot ? (*slot & c.temporal) : c.temporal;
          }
        }
      }
    }
    Json role = Json::object();
    role["temporal"] = format_dims(temporal);
    role["spatial_x"] = format_dims(spatial_x);
    role["spatial_y"] = format_dims(spatial_y);
    if (complete != 0) role["complete"] = format_dims(complete);
    std::string fixed;
    for (std::size_t i = 0; i < kNumDims; ++i) {
      if (factors[i] > 0) {
        fixed += (fixed.empty() ? "" : " ") + std::string(1, dim_letter(kAllDims[i])) +
                 std::to_string(factors[i]);
      }
    }
    if (!fixed.empty()) role["factors"] = fixed;
    if (order_complete && !order.empty()) {
      role["order"] = letters(order);
    } else if (!order.empty()) {
      log.warn(value.where, std::string("permutations of the ") + role_keys[r] +
                                " levels do not fix every loop; their order is left free");
    }
    if (!by_dataspace_ok) {
      log.warn(value.where, std::string("temporal constraints of the ") + role_keys[r] +
                                " levels apply to the whole role: a level without a datatype "
                                "constraint cannot be told apart");
    }
    Json per = Json::object();
    for (DataSpace ds : kAllDataSpaces) {
      if (by_dataspace[index(ds)]) per[dataspace_name(ds)] = format_dims(*by_dataspace[index(ds)]);
    }
    if (!per.empty()) role["by_dataspace"] = per;
    dataflow[role_keys[r]] = role;
  }
  out.dataflow = dataflow;
  return out;
}

namespace {
Json names_of(DataSpaceMask mask) {
  Json list = Json::array();
  for (DataSpace ds : kAllDataSpaces) {
    if (contains(mask, ds)) list.push_back(dataspace_name(ds));
  }
  return list;
}
}  // namespace

void apply_residency(const ImportedMapspace& mapspace, Json& arch_json) {
  for (std::size_t l = 0; l < mapspace.residency.size(); ++l) {
    if (!mapspace.residency[l]) continue;
    const auto [keep, bypass] = *mapspace.residency[l];
    Json& level = arch_json["levels"][l];
    if (keep != 0) level["keep"] = names_of(keep);
    if (bypass != 0) level["bypass"] = names_of(bypass);
  }
}

void apply_residency(const ImportedMapspace& mapspace, Architecture& arch) {
  for (std::size_t l = 0; l < mapspace.residency.size(); ++l) {
    if (!mapspace.residency[l]) continue;
    const auto [keep, bypass] = *mapspace.residency[l];
    for (DataSpace ds : kAllDataSpaces) {
      if (contains(keep, ds)) arch.levels[l].residency[index(ds)] = Residency::Keep;
      if (contains(bypass, ds)) arch.levels[l].residency[index(ds)] = Residency::Bypass;
    }
  }
}

}  // namespace arraysim::arch::timeloop
