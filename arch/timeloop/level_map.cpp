#include "arch/timeloop/level_map.hpp"

namespace arraysim::arch::timeloop {

const LevelLink& LevelMap::find(const std::string& name, const JsonLocation& where) const {
  std::vector<std::string> names;
  for (const auto& link : links) {
    if (link.name == name) return link;
    names.push_back(link.name);
  }
  std::string message = "unknown storage level \"" + name + "\"";
  if (auto guess = closest_match(name, names)) message += " (did you mean \"" + *guess + "\"?)";
  where.fail(message);
}

LevelMap LevelMap::identity(const Architecture& arch) {
  LevelMap map;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    map.links.push_back({arch.levels[l].name, l, false});
    map.level_names.push_back(arch.levels[l].name);
  }
  return map;
}

}  // namespace arraysim::arch::timeloop
