#include "arch/dataflow.hpp"

#include "arch/dataspace_list.hpp"
#include "arch/mapping.hpp"

namespace arraysim::arch {

namespace {

const std::vector<std::string> kRoleNames = {"backing", "array", "pe_local"};

// "P Q" or "PQ" -> a dimension mask; the letters' order is kept in `order` when asked for.
DimMask parse_dims(const std::string& text, const JsonLocation& where, std::vector<Dim>* order) {
  DimMask mask = 0;
  for (char letter : text) {
    if (letter == ' ') continue;
    const auto dim = dim_from_letter(letter);
    if (!dim)
      where.fail(std::string("unknown dimension '") + letter + "', expected letters of NGMCPQRS");
    const DimMask bit = 1U << index(*dim);
    if ((mask & bit) != 0) where.fail(std::string("dimension ") + letter + " appears twice");
    mask |= bit;
    if (order != nullptr) order->push_back(*dim);
  }
  return mask;
}

RoleConstraint parse_role(const Json& json, const JsonLocation& where) {
  ObjectReader reader(json, where);
  RoleConstraint role;
  for (const char* key : {"temporal", "spatial_x", "spatial_y"}) {
    if (auto text = reader.optional_string(key)) {
      const DimMask mask = parse_dims(*text, reader.at(key), nullptr);
      if (std::string(key) == "temporal") role.temporal = mask;
      if (std::string(key) == "spatial_x") role.spatial_x = mask;
      if (std::string(key) == "spatial_y") role.spatial_y = mask;
    }
  }
  if (auto text = reader.optional_string("order")) {
    const DimMask mask = parse_dims(*text, reader.at("order"), &role.order);
    if ((role.temporal & ~mask) != 0) {
      reader.at("order").fail("the order must list every dimension allowed in \"temporal\" (" +
                              format_dims(role.temporal) + ")");
    }
  }
  if (auto text = reader.optional_string("complete")) {
    role.complete = parse_dims(*text, reader.at("complete"), nullptr);
  }
  if (auto text = reader.optional_string("factors")) {
    for (const LoopSpec& loop : parse_loops(*text, reader.at("factors"))) {
      role.factors[index(loop.dim)] = loop.factor;
    }
  }
  if (const Json* per = reader.get("by_dataspace")) {
    ObjectReader per_reader(*per, reader.at("by_dataspace"));
    for (DataSpace ds : kAllDataSpaces) {
      if (auto text = per_reader.optional_string(dataspace_name(ds))) {
        role.by_dataspace[index(ds)] =
            parse_dims(*text, per_reader.at(dataspace_name(ds)), nullptr);
      }
    }
    per_reader.finish();
  }
  role.keep = read_dataspace_list(reader, "keep");
  role.bypass = read_dataspace_list(reader, "bypass");
  if ((role.keep & role.bypass) != 0)
    reader.at("bypass").fail("a data space is listed in both keep and bypass");
  reader.finish();
  return role;
}

}  // namespace

const char* level_role_name(LevelRole role) {
  return kRoleNames[static_cast<std::size_t>(role)].c_str();
}

std::string format_dims(DimMask mask) {
  std::string out;
  for (Dim dim : kAllDims) {
    if ((mask >> index(dim)) & 1U) out += dim_letter(dim);
  }
  return out;
}

Dataflow parse_dataflow(const Json& json, const std::string& file) {
  return parse_dataflow(json, JsonLocation{file, ""});
}

Dataflow parse_dataflow(const Json& json, const JsonLocation& root) {
  const std::string& file = root.file;
  ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "dataflow") reader.at("spec").fail("expected \"dataflow\", got \"" + spec + "\"");
  Dataflow dataflow;
  dataflow.file = file;
  dataflow.name = reader.string("name");
  dataflow.description = reader.optional_string("description").value_or("");
  dataflow.min_utilization = reader.number("min_utilization", 0.0);
  if (dataflow.min_utilization < 0.0 || dataflow.min_utilization > 1.0) {
    reader.at("min_utilization").fail("expected a fraction from 0 to 1");
  }
  for (std::size_t r = 0; r < kRoleNames.size(); ++r) {
    if (const Json* role = reader.get(kRoleNames[r])) {
      dataflow.roles[r] = parse_role(*role, reader.at(kRoleNames[r]));
    }
  }
  reader.finish();
  return dataflow;
}

Dataflow load_dataflow(const std::string& path) {
  return parse_dataflow(load_json_file(path), path);
}

std::vector<LevelRole> level_roles(const Architecture& arch) {
  const std::size_t n = arch.num_levels();
  std::vector<LevelRole> roles(n, LevelRole::Backing);
  std::size_t first_pe_local = n;
  while (first_pe_local > 1 &&
         arch.levels[first_pe_local - 1].instances == arch.compute.instances) {
    --first_pe_local;
  }
  for (std::size_t l = first_pe_local; l < n; ++l) roles[l] = LevelRole::PeLocal;
  roles[first_pe_local - 1] = LevelRole::Array;
  return roles;
}

}  // namespace arraysim::arch
