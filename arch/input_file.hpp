// Reading user input files with limits: only regular files, at most kMaxInputBytes, checked
// before anything is read, so a directory, /dev/zero or a huge file is one clear error.
#pragma once

#include <cstdint>
#include <string>

namespace arraysim::arch {

// 64 MiB: far above any spec, network or model arraysim reads (the largest shipped input is a
// few hundred kB), far below what would exhaust memory.
inline constexpr std::uintmax_t kMaxInputBytes = 64ULL * 1024 * 1024;

// Checks that `path` names a readable regular file of at most kMaxInputBytes; throws SpecError
// ("cannot open file", "is a directory", "not a regular file", "larger than 64 MiB") otherwise.
void check_input_file(const std::string& path);

// The whole content of `path` after check_input_file; throws SpecError.
std::string read_input_file(const std::string& path);

}  // namespace arraysim::arch
