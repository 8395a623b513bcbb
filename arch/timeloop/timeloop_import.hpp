// Converts Timeloop inputs (any mix of arch/architecture, problem, mapping, mapspace and ERT in one
// or more YAML files, merged as Timeloop merges them) into arraysim specs. A mapping or mapspace
// refers to level names, so it needs an architecture: from the files, or an arraysim one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/json_reader.hpp"
#include "arch/timeloop/level_map.hpp"
#include "arch/timeloop/mapspace_import.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

struct ImportedSpec {
  Json json;
  std::string source;                        // the YAML file it came from
  std::shared_ptr<const SourceMap> origins;  // where in the YAML each part came from

  // The JSON root for parse_*: errors name the YAML file and path, not the JSON pointer.
  JsonLocation root() const { return {source, "", origins}; }
};

struct TimeloopImport {
  std::optional<ImportedSpec> architecture, layer, mapping, dataflow;
  std::optional<ImportedMapspace> mapspace;  // its keep/bypass constraints are per level
  LevelMap levels;
  ImportLog log;
};

// `arch` (optional) is used when the files hold no architecture.
TimeloopImport import_timeloop(const std::vector<std::string>& files,
                               const Architecture* arch = nullptr);

// The file's name up to its first dot: "conv1d.prob.yaml" -> "conv1d".
std::string file_stem(const std::string& path);

}  // namespace arraysim::arch::timeloop
