// Locates shipped data (dataflow templates) by name: a path is used as given, a bare name such as
// "rs" is looked up in dataflows/ of the data directory (ARRAYSIM_DATA_DIR, else the source tree).
#pragma once

#include <string>

namespace arraysim::cli {

std::string dataflow_path(const std::string& name_or_path);

}  // namespace arraysim::cli
