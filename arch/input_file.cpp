#include "arch/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <sys/stat.h>

#include "arch/spec_error.hpp"

namespace arraysim::arch {

namespace {

std::string limit_text() { return std::to_string(kMaxInputBytes >> 20U) + " MiB"; }

}  // namespace

void check_input_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw SpecError(path, "", std::string("cannot open file: ") + std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw SpecError(path, "", "is a directory, expected a file");
  if (!S_ISREG(info.st_mode)) {
    throw SpecError(path, "", "not a regular file (a device, pipe or socket); expected a file");
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxInputBytes) {
    throw SpecError(path, "",
                    "file is " + std::to_string(info.st_size) + " bytes, larger than the " +
                        limit_text() + " limit on input files");
  }
}

std::string read_input_file(const std::string& path) {
  check_input_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SpecError(path, "", std::string("cannot open file: ") + std::strerror(errno));
  std::string text;
  char buffer[65536];
  // The file may grow between the check and the read: never read past the limit.
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      throw SpecError(path, "",
                      "file is larger than the " + limit_text() + " limit on input files");
    }
  }
  if (in.bad()) throw SpecError(path, "", "read error");
  return text;
}

}  // namespace arraysim::arch
