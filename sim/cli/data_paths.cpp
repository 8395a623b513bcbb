#include "sim/cli/data_paths.hpp"

#include <cstdlib>
#include <filesystem>

#include "arch/spec_error.hpp"

namespace arraysim::cli {

std::string dataflow_path(const std::string& name_or_path) {
  if (std::filesystem::exists(name_or_path)) return name_or_path;
  const char* env = std::getenv("ARRAYSIM_DATA_DIR");
  const std::string root = env != nullptr ? env : ARRAYSIM_DATA_DIR;
  const std::filesystem::path shipped =
      std::filesystem::path(root) / "dataflows" / (name_or_path + ".json");
  if (std::filesystem::exists(shipped)) return shipped.string();
  throw arch::SpecError("--dataflow", "",
                        "no template file or shipped dataflow named \"" + name_or_path +
                            "\" (shipped: ws, os, is, rs, nlr, free)");
}

}  // namespace arraysim::cli
