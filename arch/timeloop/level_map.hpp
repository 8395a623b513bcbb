// How Timeloop's storage levels map onto arraysim's: a level without storage (Timeloop's empty
// buffers that only add a fan-out stage, e.g. eyeriss-256's DummyBuffer) folds into the level above
// it, whose fan-out then spans both stages; every other level maps to itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arch/architecture.hpp"

namespace arraysim::arch::timeloop {

struct LevelLink {
  std::string name;       // Timeloop's level name
  std::size_t level = 0;  // arraysim level (the parent for a folded level)
  bool folded = false;
};

struct LevelMap {
  std::vector<LevelLink> links;          // outermost first
  std::vector<std::string> level_names;  // arraysim's levels, outermost first

  // Throws SpecError at `where` for an unknown name.
  const LevelLink& find(const std::string& name, const JsonLocation& where) const;
  static LevelMap identity(const Architecture& arch);
};

}  // namespace arraysim::arch::timeloop
