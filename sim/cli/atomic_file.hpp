// Output files are written whole or not at all: write a temporary file beside the target, then
// rename it into place.
#pragma once

#include <string>

namespace arraysim::cli {

void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace arraysim::cli
