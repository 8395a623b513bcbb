// Timeloop mapspace constraints to an arraysim dataflow template. Timeloop constrains levels by
// name, a template by role (dataflow.hpp), so per-level constraints merge per role: a level's
// temporal dimensions become `by_dataspace` of the data spaces it keeps, permutations concatenate
// outer level first, spatial X/Y splits become spatial_x/spatial_y, `D0` factors `complete`, and
// fixed factors `factors`. Datatype (keep/bypass) constraints are per level and go into the
// architecture's levels instead. What a template cannot say is reported as a warning.
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "arch/timeloop/level_map.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

struct ImportedMapspace {
  Json dataflow;  // an arraysim dataflow spec
  // Per arraysim level: the data spaces the constraints keep and bypass (absent: not constrained).
  std::vector<std::optional<std::pair<DataSpaceMask, DataSpaceMask>>> residency;
  SourceMap origins;  // where the dataflow came from in the YAML
};

// `value` is the list of constraints (mapspace_constraints, or the selected mapspace set);
// `arch` is the architecture they refer to.
ImportedMapspace import_mapspace(const YamlValue& value, const Architecture& arch,
                                 const LevelMap& levels, const std::string& name, ImportLog& log);

// Sets keep/bypass of the levels of an architecture JSON from imported residency constraints.
void apply_residency(const ImportedMapspace& mapspace, Json& arch_json);
void apply_residency(const ImportedMapspace& mapspace, Architecture& arch);

}  // namespace arraysim::arch::timeloop
