#include "sim/cli/atomic_file.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace arraysim::cli {

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  const std::filesystem::path temp = target.parent_path() / ("." + target.filename().string() +
                                                             ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write output file");
    out << content;
    out.flush();
    if (!out) {
      std::filesystem::remove(temp);
      throw std::runtime_error(path + ": write failed");
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, target, error);
  if (error) {
    std::filesystem::remove(temp);
    throw std::runtime_error(path + ": cannot move output into place: " + error.message());
  }
}

}  // namespace arraysim::cli
