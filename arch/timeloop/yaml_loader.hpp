// Loading one Timeloop YAML file into a YAML::Node tree through yaml-cpp's event parser, with the
// guards yaml-cpp lacks: a budget of parser events per input byte (yaml-cpp 0.7 can emit empty
// nodes forever on some malformed block mappings), one document per file, and every key and
// scalar valid UTF-8 (reported with its YAML path). Aliases share their anchor's node.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace arraysim::arch::timeloop {

// The file's one document (a null node when it has none); throws SpecError.
YAML::Node load_yaml_document(const std::string& path);

}  // namespace arraysim::arch::timeloop
