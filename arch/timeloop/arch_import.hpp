// Timeloop architectures to arraysim architecture JSON: v0.2 (`arch: {storage: [...] innermost
// first, arithmetic: {...}}`) and v0.3 (`architecture: {version: 0.3, subtree: [...]}` trees whose
// `name[0..N]` ranges multiply instances). Storage levels without capacity fold into their parent
// (see level_map.hpp).
#pragma once

#include <string>

#include "arch/json_reader.hpp"
#include "arch/timeloop/level_map.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

struct ImportedArch {
  Json json;  // an arraysim architecture spec
  LevelMap levels;
  SourceMap origins;  // JSON levels and compute -> the Timeloop components they came from
};

// `value` is the "arch" or "architecture" entry; `name` names the architecture.
ImportedArch import_architecture(const YamlValue& value, const std::string& name, ImportLog& log);

}  // namespace arraysim::arch::timeloop
