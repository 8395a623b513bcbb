#include "arch/mapping.hpp"

#include "arch/dataspace_list.hpp"

#include <cctype>

namespace arraysim::arch {

std::vector<LoopSpec> parse_loops(const std::string& text, const JsonLocation& where) {
  std::vector<LoopSpec> loops;
  std::size_t pos = 0;
  unsigned seen = 0;
  while (pos < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[pos])) != 0) {
      ++pos;
      continue;
    }
    const auto dim = dim_from_letter(text[pos]);
    if (!dim) {
      where.fail("bad loop \"" + text.substr(pos, text.find(' ', pos) - pos) +
                 "\": expected a dimension letter (N G M C P Q R S) followed by a factor");
    }
    std::size_t end = pos + 1;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) != 0) ++end;
    if (end == pos + 1 ||
        (end < text.size() && std::isspace(static_cast<unsigned char>(text[end])) == 0)) {
      where.fail("bad loop \"" + text.substr(pos, text.find(' ', pos) - pos) +
                 "\": expected a dimension letter followed by a positive factor, e.g. \"P7\"");
    }
    const std::string digits = text.substr(pos + 1, end - pos - 1);
    if (digits.size() > 12 || std::stoll(digits) <= 0) {
      where.fail("bad loop factor \"" + text.substr(pos, end - pos) +
                 "\": expected a positive factor");
    }
    const unsigned bit = 1U << index(*dim);
    if ((seen & bit) != 0) {
      where.fail(std::string("dimension ") + dim_letter(*dim) + " appears twice in \"" + text +
                 "\"");
    }
    seen |= bit;
    loops.push_back({*dim, std::stoll(digits)});
    pos = end;
  }
  return loops;
}

std::string format_loops(const std::vector<LoopSpec>& loops) {
  std::string out;
  for (const auto& loop : loops) {
    if (loop.factor == 1) continue;
    if (!out.empty()) out += ' ';
    out += dim_letter(loop.dim);
    out += std::to_string(loop.factor);
  }
  return out;
}

MappingSpec parse_mapping(const Json& json, const std::string& file) {
  return parse_mapping(json, JsonLocation{file, ""});
}

MappingSpec parse_mapping(const Json& json, const JsonLocation& root) {
  const std::string& file = root.file;
  ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "mapping") reader.at("spec").fail("expected \"mapping\", got \"" + spec + "\"");
  reader.optional_string("description");
  reader.optional_string("layer");
  const Json* levels = reader.get("levels");
  if (levels == nullptr) root.fail("missing required key \"levels\"");
  if (!levels->is_array() || levels->empty())
    reader.at("levels").fail("expected a non-empty array of levels");
  reader.finish();
  MappingSpec mapping;
  mapping.file = file;
  mapping.where = root;
  for (std::size_t i = 0; i < levels->size(); ++i) {
    const JsonLocation where = root.child("levels").child(i);
    ObjectReader level_reader((*levels)[i], where);
    MappingLevelSpec level;
    level.where = where;
    level.level = level_reader.string("level");
    for (const char* key : {"temporal", "spatial_x", "spatial_y"}) {
      const auto text = level_reader.optional_string(key);
      if (!text) continue;
      auto loops = parse_loops(*text, where.child(key));
      if (std::string(key) == "temporal") {
        level.temporal = std::move(loops);
      } else if (std::string(key) == "spatial_x") {
        level.spatial_x = std::move(loops);
      } else {
        level.spatial_y = std::move(loops);
      }
    }
    if (level_reader.has("keep")) level.keep = read_dataspace_list(level_reader, "keep");
    if (level_reader.has("bypass")) level.bypass = read_dataspace_list(level_reader, "bypass");
    if (level.keep && level.bypass && (*level.keep & *level.bypass) != 0) {
      where.child("bypass").fail("a data space is listed in both keep and bypass");
    }
    level_reader.finish();
    mapping.levels.push_back(std::move(level));
  }
  return mapping;
}

MappingSpec load_mapping(const std::string& path) {
  return parse_mapping(load_json_file(path), path);
}

}  // namespace arraysim::arch
