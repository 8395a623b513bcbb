#include "sim/cli/spec_inputs.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "arch/logging.hpp"
#include "arch/scalesim/to_spec.hpp"
#include "arch/timeloop/timeloop_import.hpp"
#include "sim/cli/data_paths.hpp"
#ifdef ARRAYSIM_HAVE_ONNX
#include "arch/onnx/onnx_import.hpp"
#endif

namespace arraysim::cli {

namespace tl = arch::timeloop;

namespace {

std::string extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

std::vector<std::string> split_files(const std::string& arg) {
  std::vector<std::string> files;
  std::stringstream list(arg);
  std::string file;
  while (std::getline(list, file, ',')) {
    if (!file.empty()) files.push_back(file);
  }
  return files;
}

bool any_yaml(const std::vector<std::string>& files) {
  for (const auto& f : files) {
    if (tl::is_yaml_path(f)) return true;
  }
  return false;
}

void print_warnings(const tl::ImportLog& log) {
  for (const auto& line : log.warnings) arraysim::log::arch().warn("{}", line);
}

// The Timeloop import of `files`, plus the architecture files when they are Timeloop's too, so
// that level names resolve.
tl::TimeloopImport import_with_arch(const std::string& path, const std::string& arch_arg,
                                    const arch::Architecture& arch) {
  std::vector<std::string> files;
  const auto arch_files = split_files(arch_arg);
  if (any_yaml(arch_files)) files = arch_files;
  if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(path);
  tl::TimeloopImport imported = tl::import_timeloop(files, &arch);
  if (any_yaml(arch_files)) imported.log.warnings.clear();  // already shown with the architecture
  print_warnings(imported.log);
  return imported;
}

}  // namespace

ArchitectureInput load_architecture_input(const std::string& arch_arg) {
  if (extension(arch_arg) == ".cfg") {
    log::cli().debug("architecture: {}", arch_arg);
    const scalesim::Config config = scalesim::read_config(arch_arg);
    return {arch::parse_architecture(scalesim::architecture_json(config), arch_arg),
            config.dataflow};
  }
  return {load_arch_input(arch_arg), ""};
}

arch::Architecture load_arch_input(const std::string& arch_arg) {
  log::cli().debug("architecture: {}", arch_arg);
  const auto files = split_files(arch_arg);
  if (!any_yaml(files)) {
    if (files.size() != 1) throw arch::SpecError("--arch", "", "expected one architecture file");
    if (extension(files.front()) == ".cfg") return load_architecture_input(files.front()).arch;
    return arch::load_architecture(files.front());
  }
  tl::TimeloopImport imported = tl::import_timeloop(files);
  if (!imported.architecture) {
    throw arch::SpecError(files.front(), "", "no Timeloop architecture (arch or architecture)");
  }
  print_warnings(imported.log);
  return arch::parse_architecture(imported.architecture->json, imported.architecture->root());
}

arch::Network load_workload_input(const std::string& path) {
  log::cli().debug("workload: {}", path);
  const std::string ext = extension(path);
  if (ext == ".csv") {
    return arch::parse_network(scalesim::network_json(scalesim::read_topology(path)), path);
  }
  if (ext == ".onnx") return arch::parse_network(onnx_network_json(path), path);
  if (!tl::is_yaml_path(path)) return arch::load_workload(path);
  tl::TimeloopImport imported = tl::import_timeloop({path});
  if (!imported.layer) throw arch::SpecError(path, "", "no Timeloop problem");
  print_warnings(imported.log);
  return arch::parse_workload(imported.layer->json, imported.layer->root());
}

arch::MappingSpec load_mapping_input(const std::string& path, const std::string& arch_arg,
                                     const arch::Architecture& arch) {
  log::cli().debug("mapping: {}", path);
  if (!tl::is_yaml_path(path)) return arch::load_mapping(path);
  const tl::TimeloopImport imported = import_with_arch(path, arch_arg, arch);
  if (!imported.mapping) throw arch::SpecError(path, "", "no Timeloop mapping");
  return arch::parse_mapping(imported.mapping->json, imported.mapping->root());
}

arch::Dataflow load_dataflow_input(const std::string& name_or_path, const std::string& arch_arg,
                                   arch::Architecture& arch) {
  if (!tl::is_yaml_path(name_or_path)) return arch::load_dataflow(dataflow_path(name_or_path));
  const tl::TimeloopImport imported = import_with_arch(name_or_path, arch_arg, arch);
  if (!imported.dataflow) throw arch::SpecError(name_or_path, "", "no Timeloop mapspace");
  tl::apply_residency(*imported.mapspace, arch);
  return arch::parse_dataflow(imported.dataflow->json, imported.dataflow->root());
}

arch::Json onnx_network_json(const std::string& path) {
#ifdef ARRAYSIM_HAVE_ONNX
  return onnx_import::import_onnx(path);
#else
  throw arch::SpecError(path, "", "this arraysim was built without ONNX support (libonnx-dev)");
#endif
}

}  // namespace arraysim::cli
