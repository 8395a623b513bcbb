// Timeloop mappings to arraysim mapping JSON. Timeloop lists each level's loops innermost first
// (`permutation`), ours outer to inner, so the order is reversed; `split` sends the first `split`
// dimensions of a spatial permutation to X and the rest to Y; datatype/bypass entries become keep
// lists. Loops of a folded level (see level_map.hpp) join its parent's fan-out.
#pragma once

#include <map>
#include <string>

#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"
#include "arch/timeloop/level_map.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

// "R=3 P=16" or "R3 S1 P1" (K is our M) -> dimension letter and factor, in the order written.
std::vector<std::pair<Dim, std::int64_t>> parse_factors(const YamlValue& value);
// "RSPQCKN" (spaces ignored) -> dimensions, innermost first.
std::vector<Dim> parse_permutation(const YamlValue& value);
// "Weights"/"Inputs"/"Outputs" list -> mask.
DataSpaceMask parse_dataspaces(const YamlValue& value);

// `origins` (optional) receives where each part of the mapping JSON came from.
Json import_mapping(const YamlValue& value, const LevelMap& levels, ImportLog& log,
                    SourceMap* origins = nullptr);

}  // namespace arraysim::arch::timeloop
