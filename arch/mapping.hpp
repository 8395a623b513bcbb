// A mapping as written by the user: per storage level (outermost first) its temporal loops, the
// loops unrolled across the fan-out below it (spatial_x / spatial_y), and keep/bypass choices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::arch {

struct LoopSpec {
  Dim dim = Dim::N;
  std::int64_t factor = 1;
};

struct MappingLevelSpec {
  std::string level;
  std::vector<LoopSpec> temporal;   // outer -> inner
  std::vector<LoopSpec> spatial_x;  // unrolled across the X fan-out below this level
  std::vector<LoopSpec> spatial_y;
  std::optional<DataSpaceMask> keep;    // exactly these are held
  std::optional<DataSpaceMask> bypass;  // these are not held
  JsonLocation where;
};

struct MappingSpec {
  std::string file;
  JsonLocation where;  // the whole mapping (in the original file, for a translated one)
  std::vector<MappingLevelSpec> levels;
};

// "Q4 C4 P7 M4" -> loops outer to inner. Throws SpecError at `where` on bad syntax.
std::vector<LoopSpec> parse_loops(const std::string& text, const JsonLocation& where);
std::string format_loops(const std::vector<LoopSpec>& loops);

MappingSpec parse_mapping(const Json& json, const std::string& file);
// The same for a spec translated from another format: errors name `root`'s origin.
MappingSpec parse_mapping(const Json& json, const JsonLocation& root);
MappingSpec load_mapping(const std::string& path);

}  // namespace arraysim::arch
