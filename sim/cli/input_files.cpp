#include "sim/cli/input_files.hpp"

#include <cctype>
#include <filesystem>

#include "arch/scalesim/to_spec.hpp"
#ifdef ARRAYSIM_HAVE_ONNX
#include "arch/onnx/onnx_import.hpp"
#endif

namespace arraysim::cli {

namespace {

std::string extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

}  // namespace

ArchitectureInput load_architecture_input(const std::string& path) {
  if (extension(path) == ".cfg") {
    const scalesim::Config config = scalesim::read_config(path);
    return {arch::parse_architecture(scalesim::architecture_json(config), path), config.dataflow};
  }
  return {arch::load_architecture(path), ""};
}

arch::Network load_workload_input(const std::string& path) {
  const std::string ext = extension(path);
  if (ext == ".csv") {
    return arch::parse_network(scalesim::network_json(scalesim::read_topology(path)), path);
  }
  if (ext == ".onnx") return arch::parse_network(onnx_network_json(path), path);
  return arch::load_workload(path);
}

arch::Json onnx_network_json(const std::string& path) {
#ifdef ARRAYSIM_HAVE_ONNX
  return onnx_import::import_onnx(path);
#else
  throw arch::SpecError(path, "", "this arraysim was built without ONNX support (libonnx-dev)");
#endif
}

}  // namespace arraysim::cli
