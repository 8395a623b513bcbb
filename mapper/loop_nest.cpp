#include "mapper/loop_nest.hpp"

#include <sstream>

namespace arraysim::mapper {

namespace {

std::vector<Loop> to_loops(const std::vector<arch::LoopSpec>& specs) {
  std::vector<Loop> loops;
  for (const auto& spec : specs) {
    if (spec.factor > 1) loops.push_back({spec.dim, spec.factor});
  }
  return loops;
}

std::int64_t product(const std::vector<Loop>& loops) {
  std::int64_t p = 1;
  for (const auto& loop : loops) p *= loop.factor;
  return p;
}

std::string mask_names(DataSpaceMask mask) {
  std::string out;
  for (DataSpace ds : arch::kAllDataSpaces) {
    if (!arch::contains(mask, ds)) continue;
    out += (out.empty() ? "" : ", ") + std::string(arch::dataspace_name(ds));
  }
  return out.empty() ? "nothing" : out;
}

DataSpaceMask resolve_keep(const arch::MappingLevelSpec* spec, const arch::StorageLevel& level,
                           bool outermost) {
  DataSpaceMask keep = 0;
  for (DataSpace ds : arch::kAllDataSpaces) {
    const auto residency = level.residency[arch::index(ds)];
    bool kept = residency != arch::Residency::Bypass;
    if (spec != nullptr && spec->keep) kept = arch::contains(*spec->keep, ds);
    if (spec != nullptr && spec->bypass && arch::contains(*spec->bypass, ds)) kept = false;
    if (spec != nullptr) {
      const std::string name = arch::dataspace_name(ds);
      if (kept && residency == arch::Residency::Bypass) {
        spec->where.fail(name + " cannot be kept: the architecture bypasses it at " + level.name);
      }
      if (!kept && residency == arch::Residency::Keep) {
        spec->where.fail(name + " cannot be bypassed: the architecture keeps it at " + level.name);
      }
      if (!kept && outermost) spec->where.fail("the outermost level must keep " + name);
    }
    if (kept) keep |= arch::mask_of(ds);
  }
  return keep;
}

}  // namespace

std::int64_t NestLevel::spatial_product() const { return product(spatial_x) * product(spatial_y); }

LoopNest bind_mapping(const arch::MappingSpec& spec, const arch::Architecture& arch,
                      const arch::Layer& layer) {
  const arch::JsonLocation root =
      spec.where.file.empty() ? arch::JsonLocation{spec.file, ""} : spec.where;
  std::vector<const arch::MappingLevelSpec*> by_level(arch.num_levels(), nullptr);
  std::size_t previous = 0;
  for (std::size_t i = 0; i < spec.levels.size(); ++i) {
    const auto& entry = spec.levels[i];
    const auto level = arch.find_level(entry.level);
    if (!level) {
      std::string message = "unknown level \"" + entry.level + "\" (architecture " + arch.name +
                            " has " + std::to_string(arch.num_levels()) + " levels)";
      if (auto guess = arch::closest_match(entry.level, arch.level_names())) {
        message += " (did you mean \"" + *guess + "\"?)";
      }
      entry.where.child("level").fail(message);
    }
    if (by_level[*level] != nullptr)
      entry.where.child("level").fail("level \"" + entry.level + "\" appears twice");
    if (i > 0 && *level < previous) {
      entry.where.child("level").fail("levels must be listed outermost first; \"" + entry.level +
                                      "\" comes before \"" + spec.levels[i - 1].level + "\"");
    }
    previous = *level;
    by_level[*level] = &entry;
  }

  LoopNest nest;
  arch::DimSizes products{1, 1, 1, 1, 1, 1, 1, 1};
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    NestLevel level;
    const arch::MappingLevelSpec* entry = by_level[l];
    if (entry != nullptr) {
      level.temporal = to_loops(entry->temporal);
      level.spatial_x = to_loops(entry->spatial_x);
      level.spatial_y = to_loops(entry->spatial_y);
      level.spec_index = static_cast<int>(entry - spec.levels.data());
      const std::int64_t fx = arch.fanout_x(l + 1);
      const std::int64_t fy = arch.fanout_y(l + 1);
      const std::string below =
          l + 1 == arch.num_levels() ? arch.compute.name : arch.levels[l + 1].name;
      if (product(level.spatial_x) > fx) {
        entry->where.child("spatial_x")
            .fail("spatial_x factors multiply to " + std::to_string(product(level.spatial_x)) +
                  " but " + arch.levels[l].name + " fans out to only " + std::to_string(fx) +
                  " in X (to " + below + ")");
      }
      if (product(level.spatial_y) > fy) {
        entry->where.child("spatial_y")
            .fail("spatial_y factors multiply to " + std::to_string(product(level.spatial_y)) +
                  " but " + arch.levels[l].name + " fans out to only " + std::to_string(fy) +
                  " in Y (to " + below + ")");
      }
    }
    level.keep = resolve_keep(entry, arch.levels[l], l == 0);
    for (const auto* loops : {&level.temporal, &level.spatial_x, &level.spatial_y}) {
      for (const auto& loop : *loops) products[arch::index(loop.dim)] *= loop.factor;
    }
    nest.levels.push_back(std::move(level));
  }
  for (Dim dim : arch::kAllDims) {
    if (products[arch::index(dim)] != layer.dim(dim)) {
      root.child("levels").fail(std::string("factors of ") + arch::dim_letter(dim) +
                                " multiply to " + std::to_string(products[arch::index(dim)]) +
                                " but layer " + layer.name + " has " + arch::dim_letter(dim) +
                                " = " + std::to_string(layer.dim(dim)));
    }
  }
  return nest;
}

arch::MappingSpec to_mapping_spec(const LoopNest& nest, const arch::Architecture& arch) {
  arch::MappingSpec spec;
  for (std::size_t l = 0; l < nest.levels.size(); ++l) {
    const NestLevel& level = nest.levels[l];
    arch::MappingLevelSpec entry;
    entry.level = arch.levels[l].name;
    auto convert = [](const std::vector<Loop>& loops) {
      std::vector<arch::LoopSpec> out;
      out.reserve(loops.size());
      for (const auto& loop : loops) out.push_back({loop.dim, loop.factor});
      return out;
    };
    entry.temporal = convert(level.temporal);
    entry.spatial_x = convert(level.spatial_x);
    entry.spatial_y = convert(level.spatial_y);
    entry.keep = level.keep;
    spec.levels.push_back(std::move(entry));
  }
  return spec;
}

arch::Json mapping_to_json(const arch::MappingSpec& spec) {
  arch::Json levels = arch::Json::array();
  for (const auto& entry : spec.levels) {
    arch::Json level = {{"level", entry.level}};
    if (!entry.temporal.empty()) level["temporal"] = arch::format_loops(entry.temporal);
    if (!entry.spatial_x.empty()) level["spatial_x"] = arch::format_loops(entry.spatial_x);
    if (!entry.spatial_y.empty()) level["spatial_y"] = arch::format_loops(entry.spatial_y);
    if (entry.keep) {
      arch::Json keep = arch::Json::array();
      for (DataSpace ds : arch::kAllDataSpaces) {
        if (arch::contains(*entry.keep, ds)) keep.push_back(arch::dataspace_name(ds));
      }
      level["keep"] = keep;
    }
    levels.push_back(level);
  }
  return {{"spec", "mapping"}, {"levels", levels}};
}

std::string format_loop_nest(const LoopNest& nest, const arch::Architecture& arch) {
  std::ostringstream out;
  std::string indent;
  for (std::size_t l = 0; l < nest.levels.size(); ++l) {
    const NestLevel& level = nest.levels[l];
    out << indent << "// " << arch.levels[l].name << " keeps " << mask_names(level.keep) << "\n";
    for (const auto& loop : level.temporal) {
      const char letter = arch::dim_letter(loop.dim);
      out << indent << "for " << static_cast<char>(std::tolower(letter)) << l
          << " in [0:" << loop.factor << ")\n";
      indent += "  ";
    }
    for (const auto* loops : {&level.spatial_x, &level.spatial_y}) {
      for (const auto& loop : *loops) {
        const char letter = arch::dim_letter(loop.dim);
        out << indent << "spatial_for" << (loops == &level.spatial_x ? "_x " : "_y ")
            << static_cast<char>(std::tolower(letter)) << l << " in [0:" << loop.factor << ")\n";
        indent += "  ";
      }
    }
  }
  out << indent << "mac()\n";
  return out.str();
}

}  // namespace arraysim::mapper
