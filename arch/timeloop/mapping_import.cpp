#include "arch/timeloop/mapping_import.hpp"

#include <algorithm>
#include <charconv>

#include "arch/mapping.hpp"

namespace arraysim::arch::timeloop {

namespace {

Dim dim_of(char letter, const JsonLocation& where) {
  if (letter == 'K') letter = 'M';
  if (auto dim = dim_from_letter(letter)) return *dim;
  where.fail(std::string("unknown dimension \"") + letter + "\" (R S P Q C M K N G)");
}

struct LevelLoops {
  std::vector<LoopSpec> temporal, spatial_x, spatial_y;  // outer -> inner
  std::optional<DataSpaceMask> keep;
  bool has_temporal = false;
};

// Loops with factor > 1, outer to inner: the permutation reversed, unlisted dimensions outermost.
std::vector<LoopSpec> ordered(const std::vector<std::pair<Dim, std::int64_t>>& factors,
                              const std::vector<Dim>& innermost_first) {
  std::vector<LoopSpec> loops;
  for (auto it = innermost_first.rbegin(); it != innermost_first.rend(); ++it) {
    for (const auto& [dim, factor] : factors) {
      if (dim == *it && factor > 1) loops.push_back({dim, factor});
    }
  }
  std::vector<LoopSpec> unlisted;
  for (const auto& [dim, factor] : factors) {
    const bool listed =
        std::find(innermost_first.begin(), innermost_first.end(), dim) != innermost_first.end();
    if (!listed && factor > 1) unlisted.push_back({dim, factor});
  }
  loops.insert(loops.begin(), unlisted.begin(), unlisted.end());
  return loops;
}

}  // namespace

std::vector<std::pair<Dim, std::int64_t>> parse_factors(const YamlValue& value) {
  std::vector<std::pair<Dim, std::int64_t>> factors;
  std::string text;
  for (const auto& word : yaml_string_list(value)) text += word + " ";
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const Dim dim = dim_of(text[i++], value.where);
    if (i < text.size() && text[i] == '=') ++i;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i)
      value.where.fail("expected a factor after \"" + std::string(1, dim_letter(dim)) + "\"");
    std::int64_t factor = 0;
    const auto [end, error] = std::from_chars(text.data() + start, text.data() + i, factor);
    if (error != std::errc() || end != text.data() + i) {
      value.where.fail("factor " + text.substr(start, i - start) + " of " +
                       std::string(1, dim_letter(dim)) + " is too large");
    }
    for (const auto& [seen, f] : factors) {
      if (seen == dim)
        value.where.fail(std::string("dimension ") + dim_letter(dim) + " given twice");
    }
    factors.emplace_back(dim, factor);
  }
  return factors;
}

std::vector<Dim> parse_permutation(const YamlValue& value) {
  std::vector<Dim> dims;
  for (char letter : yaml_string(value)) {
    if (letter == ' ') continue;
    const Dim dim = dim_of(letter, value.where);
    if (std::find(dims.begin(), dims.end(), dim) != dims.end()) {
      value.where.fail(std::string("dimension ") + letter + " repeated in the permutation");
    }
    dims.push_back(dim);
  }
  return dims;
}

DataSpaceMask parse_dataspaces(const YamlValue& value) {
  DataSpaceMask mask = 0;
  for (const auto& name : yaml_string_list(value)) {
    const auto ds = dataspace_from_name(name);
    if (!ds) value.where.fail("unknown data space \"" + name + "\" (Weights, Inputs, Outputs)");
    mask |= mask_of(*ds);
  }
  return mask;
}

Json import_mapping(const YamlValue& value, const LevelMap& levels, ImportLog& log,
                    SourceMap* origins) {
  SourceMap unused;
  SourceMap& from = origins != nullptr ? *origins : unused;
  from.add("", value.where);
  from.add("/levels", value.where);
  // JSON pointer of a level's field -> the directive it came from.
  auto record = [&from](std::size_t level, const char* field, const JsonLocation& where) {
    const std::string entry = "/levels/" + std::to_string(level);
    from.add(entry + "/" + field, where);
    from.add(entry, where);
  };
  std::vector<LevelLoops> loops(levels.level_names.size());
  std::vector<std::vector<LoopSpec>> folded_x(loops.size()), folded_y(loops.size());
  const std::vector<YamlValue> entries =
      value.node.IsMap() ? std::vector<YamlValue>{} : yaml_sequence(value);
  if (value.node.IsMap()) value.where.fail("expected a list of mapping directives");
  for (const auto& entry : entries) {
    YamlMap fields(entry);
    const YamlValue target_value = fields.required("target");
    const LevelLink& link = levels.find(yaml_string(target_value), target_value.where);
    const std::string type = yaml_string(fields.required("type"));
    LevelLoops& level = loops[link.level];
    const JsonLocation factors_where =
        fields.has("factors") ? entry.where.child("factors") : entry.where;
    if (type == "temporal" && !link.folded) record(link.level, "temporal", factors_where);
    if (type == "spatial") {
      record(link.level, "spatial_x", factors_where);
      record(link.level, "spatial_y", factors_where);
    }
    if (type == "datatype" || type == "bypass" || type == "dataspace") {
      record(link.level, "keep", entry.where);
    }
    if (type == "temporal" || type == "spatial") {
      const auto factors = fields.has("factors") ? parse_factors(*fields.get("factors"))
                                                 : std::vector<std::pair<Dim, std::int64_t>>{};
      for (const auto& [dim, factor] : factors) {
        if (factor < 1) {
          entry.where.child("factors").fail("factors must be positive (a mapping is complete)");
        }
      }
      std::vector<Dim> permutation;
      if (auto p = fields.get("permutation")) permutation = parse_permutation(*p);
      if (type == "temporal") {
        fields.warn_if_present("split", log, "temporal loops have no split");
        if (link.folded) {
          for (const auto& [dim, factor] : factors) {
            if (factor > 1) {
              entry.where.fail("temporal loops at \"" + link.name +
                               "\", a level without storage, are not supported");
            }
          }
          fields.finish();
          continue;
        }
        if (level.has_temporal) entry.where.fail("a second temporal directive for this level");
        level.has_temporal = true;
        level.temporal = ordered(factors, permutation);
      } else {
        std::size_t split = permutation.size();
        if (auto s = fields.get("split")) split = static_cast<std::size_t>(yaml_integer(*s));
        const auto middle =
            permutation.begin() + static_cast<std::ptrdiff_t>(std::min(split, permutation.size()));
        std::vector<Dim> x(permutation.begin(), middle);
        std::vector<Dim> y(middle, permutation.end());
        std::vector<std::pair<Dim, std::int64_t>> fx, fy;
        for (const auto& f : factors) {
          const bool in_y = std::find(y.begin(), y.end(), f.first) != y.end();
          (in_y ? fy : fx).push_back(f);
        }
        auto& out_x = link.folded ? folded_x[link.level] : level.spatial_x;
        auto& out_y = link.folded ? folded_y[link.level] : level.spatial_y;
        if (!out_x.empty() || !out_y.empty())
          entry.where.fail("a second spatial directive for this level");
        out_x = ordered(fx, x);
        out_y = ordered(fy, y);
      }
    } else if (type == "datatype" || type == "bypass" || type == "dataspace") {
      DataSpaceMask keep = kAllDataSpacesMask;
      DataSpaceMask bypass = 0;
      if (auto b = fields.get("bypass")) bypass = parse_dataspaces(*b);
      if (auto k = fields.get("keep")) {
        const DataSpaceMask kept = parse_dataspaces(*k);
        if (kept & bypass) k->where.fail("a data space both kept and bypassed");
      }
      keep &= static_cast<DataSpaceMask>(~bypass);
      if (link.folded) {
        if (keep != 0) {
          entry.where.fail("\"" + link.name + "\" has no storage: it must bypass every data space");
        }
      } else {
        if (level.keep) entry.where.fail("a second datatype directive for this level");
        level.keep = keep;
      }
    } else {
      fields.where().child("type").fail("unknown directive type \"" + type +
                                        "\" (temporal, spatial, datatype, bypass)");
    }
    fields.finish();
  }
  Json out_levels = Json::array();
  for (std::size_t l = 0; l < loops.size(); ++l) {
    LevelLoops& level = loops[l];
    level.spatial_x.insert(level.spatial_x.end(), folded_x[l].begin(), folded_x[l].end());
    level.spatial_y.insert(level.spatial_y.end(), folded_y[l].begin(), folded_y[l].end());
    Json entry = {{"level", levels.level_names[l]}};
    if (!level.temporal.empty()) entry["temporal"] = format_loops(level.temporal);
    if (!level.spatial_x.empty()) entry["spatial_x"] = format_loops(level.spatial_x);
    if (!level.spatial_y.empty()) entry["spatial_y"] = format_loops(level.spatial_y);
    if (level.keep) {
      Json keep = Json::array();
      for (DataSpace ds : kAllDataSpaces) {
        if (contains(*level.keep, ds)) keep.push_back(dataspace_name(ds));
      }
      entry["keep"] = keep;
    }
    out_levels.push_back(entry);
  }
  return {{"spec", "mapping"}, {"levels", out_levels}};
}

}  // namespace arraysim::arch::timeloop
