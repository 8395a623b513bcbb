#include "tests/fuzz/fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "arch/text_check.hpp"

namespace arraysim::fuzz {

namespace {

namespace fs = std::filesystem;

// The scratch tree, made once per process and removed at exit.
struct Scratch {
  fs::path root;
  fs::path dir;

  Scratch() {
    root = fs::temp_directory_path() / ("arraysim-fuzz-" + std::to_string(::getpid()));
    dir = root / "d1" / "d2" / "d3";
    fs::create_directories(dir);
    for (const fs::path& level : {root, root / "d1", root / "d1" / "d2"}) {
      for (const char* name : {"arch", "energy_tables", "workloads", "dataflows", "tests"}) {
        fs::create_directory_symlink(fs::path(ARRAYSIM_SOURCE_DIR) / name, level / name);
      }
    }
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};

}  // namespace

std::string write_input(const std::uint8_t* data, std::size_t size, const std::string& extension) {
  static const Scratch scratch;
  const fs::path path = scratch.dir / ("input" + extension);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) std::abort();
  return path.string();
}

std::string source_file(const std::string& relative) {
  return (fs::path(ARRAYSIM_SOURCE_DIR) / relative).string();
}

void check_rejection(const arch::SpecError& error) {
  const std::string line = error.what();
  const bool one_line =
      line.find('\n') == std::string::npos && line.find('\r') == std::string::npos;
  const bool printable = arch::printable(line) == line;
  if (!one_line || !printable || line.empty() || line.rfind("<input>", 0) == 0) {
    std::fprintf(stderr, "bad rejection message: %s\n", arch::printable(line).c_str());
    std::abort();
  }
}

}  // namespace arraysim::fuzz
