// Paths to the repository's data files from inside the test binary.
#pragma once

#include <string>

namespace arraysim::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(ARRAYSIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace arraysim::testing
