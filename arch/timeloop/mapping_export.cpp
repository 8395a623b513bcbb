#include "arch/timeloop/mapping_export.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

namespace arraysim::arch::timeloop {

namespace {

std::vector<Dim> exported_dims(const Layer& layer) {
  std::vector<Dim> dims = {Dim::R, Dim::S, Dim::P, Dim::Q, Dim::C, Dim::M, Dim::N};
  if (layer.dim(Dim::G) > 1) dims.push_back(Dim::G);
  return dims;
}

std::int64_t factor_of(const std::vector<LoopSpec>& loops, Dim dim) {
  std::int64_t f = 1;
  for (const auto& loop : loops) {
    if (loop.dim == dim) f *= loop.factor;
  }
  return f;
}

std::string factors_text(const std::vector<LoopSpec>& loops, const std::vector<Dim>& dims) {
  std::string text;
  for (Dim d : dims) {
    text += (text.empty() ? "" : " ") + std::string(1, dim_letter(d)) + "=" +
            std::to_string(factor_of(loops, d));
  }
  return text;
}

// Innermost first: the loops reversed, then the dimensions that do not iterate.
std::string permutation(const std::vector<std::vector<LoopSpec>>& groups,
                        const std::vector<Dim>& dims) {
  std::string text;
  for (const auto& loops : groups) {
    for (auto it = loops.rbegin(); it != loops.rend(); ++it) text += dim_letter(it->dim);
  }
  for (Dim d : dims) {
    if (text.find(dim_letter(d)) == std::string::npos) text += dim_letter(d);
  }
  return text;
}

void dataspaces(YAML::Emitter& out, const char* key, DataSpaceMask mask) {
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (DataSpace ds : kAllDataSpaces) {
    if (contains(mask, ds)) out << dataspace_name(ds);
  }
  out << YAML::EndSeq;
}

}  // namespace

std::string export_mapping(const MappingSpec& mapping, const Layer& layer) {
  const std::vector<Dim> dims = exported_dims(layer);
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "mapping" << YAML::Value << YAML::BeginSeq;
  for (const auto& level : mapping.levels) {
    out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << level.level;
    out << YAML::Key << "type" << YAML::Value << "temporal";
    out << YAML::Key << "factors" << YAML::Value << factors_text(level.temporal, dims);
    out << YAML::Key << "permutation" << YAML::Value << permutation({level.temporal}, dims);
    out << YAML::EndMap;
    if (!level.spatial_x.empty() || !level.spatial_y.empty()) {
      std::vector<LoopSpec> all = level.spatial_x;
      all.insert(all.end(), level.spatial_y.begin(), level.spatial_y.end());
      out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << level.level;
      out << YAML::Key << "type" << YAML::Value << "spatial";
      out << YAML::Key << "factors" << YAML::Value << factors_text(all, dims);
      out << YAML::Key << "permutation" << YAML::Value
          << permutation({level.spatial_x, level.spatial_y}, dims);
      out << YAML::Key << "split" << YAML::Value << level.spatial_x.size();
      out << YAML::EndMap;
    }
    if (level.keep) {
      out << YAML::BeginMap << YAML::Key << "target" << YAML::Value << level.level;
      out << YAML::Key << "type" << YAML::Value << "datatype";
      dataspaces(out, "keep", *level.keep);
      dataspaces(out, "bypass", static_cast<DataSpaceMask>(kAllDataSpacesMask & ~*level.keep));
      out << YAML::EndMap;
    }
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace arraysim::arch::timeloop
