// `arraysim import timeloop FILE.yaml... --out DIR`: Timeloop's architecture, problem, mapping,
// mapspace and ERT into arraysim architecture, layer, mapping and dataflow JSON, each checked by
// arraysim's own parser before it is written (atomically); warnings are listed in the summary.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "arch/dataflow.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "arch/timeloop/timeloop_import.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

namespace tl = arch::timeloop;

struct ImportOptions {
  std::vector<std::string> files;
  std::string out;
  std::string arch;  // an arraysim architecture for a mapping or mapspace imported alone
};

struct Converted {
  std::string kind;
  const tl::ImportedSpec* spec;
};

// Imports and checks every spec with arraysim's parsers; returns what was found.
std::vector<Converted> convert(const tl::TimeloopImport& imported) {
  std::vector<Converted> found;
  if (imported.architecture) {
    arch::parse_architecture(imported.architecture->json, imported.architecture->root());
    found.push_back({"arch", &*imported.architecture});
  }
  if (imported.layer) {
    arch::parse_workload(imported.layer->json, imported.layer->root());
    found.push_back({"layer", &*imported.layer});
  }
  if (imported.mapping) {
    arch::parse_mapping(imported.mapping->json, imported.mapping->root());
    found.push_back({"mapping", &*imported.mapping});
  }
  if (imported.dataflow) {
    arch::parse_dataflow(imported.dataflow->json, imported.dataflow->root());
    found.push_back({"dataflow", &*imported.dataflow});
  }
  return found;
}

// A Timeloop `--arch` joins the import (its level names may differ from ours: folded levels);
// an arraysim one is parsed and its level names used.
tl::TimeloopImport import_files(const std::vector<std::string>& files, const std::string& arch_arg,
                                std::optional<arch::Architecture>& arch) {
  if (arch_arg.empty()) return tl::import_timeloop(files);
  if (tl::is_yaml_path(arch_arg.substr(0, arch_arg.find(',')))) {
    std::vector<std::string> merged;
    std::stringstream list(arch_arg);
    for (std::string f; std::getline(list, f, ',');) merged.push_back(f);
    for (const auto& f : files) {
      if (std::find(merged.begin(), merged.end(), f) == merged.end()) merged.push_back(f);
    }
    return tl::import_timeloop(merged);
  }
  arch = load_arch_input(arch_arg);
  return tl::import_timeloop(files, &*arch);
}

void run(const ImportOptions& options) {
  std::optional<arch::Architecture> arch;
  const tl::TimeloopImport imported = import_files(options.files, options.arch, arch);
  const auto found = convert(imported);
  if (found.empty()) {
    throw arch::SpecError(options.files.front(), "",
                          "nothing to import (arch, architecture, problem, mapping, mapspace)");
  }
  check_directory_writable(options.out, "--out");
  OutputSet outputs;  // every converted spec, or none
  std::string summary;
  for (const auto& item : found) {
    const std::string path = (std::filesystem::path(options.out) /
                              (tl::file_stem(item.spec->source) + "." + item.kind + ".json"))
                                 .string();
    outputs.add(path, item.spec->json.dump(2) + "\n");
    char line[1024];
    std::snprintf(line, sizeof line, "%-8s %s -> %s\n", item.kind.c_str(),
                  item.spec->source.c_str(), path.c_str());
    summary += line;
  }
  outputs.commit();
  std::printf("%s", summary.c_str());
  std::printf("%zu warning(s)\n", imported.log.warnings.size());
  for (const auto& line : imported.log.warnings) std::printf("  warning: %s\n", line.c_str());
}

}  // namespace

std::string describe_timeloop_input(const std::string& path, const std::string& arch_arg) {
  std::optional<arch::Architecture> arch;
  const tl::TimeloopImport imported = import_files({path}, arch_arg, arch);
  std::string kinds;
  for (const auto& item : convert(imported)) {
    kinds += (kinds.empty() ? "" : ", ") + item.kind;
  }
  return "Timeloop input (" + (kinds.empty() ? std::string("nothing to import") : kinds) + "; " +
         std::to_string(imported.log.warnings.size()) + " warning(s))";
}

void add_import_timeloop(CLI::App& import_cmd) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = import_cmd.add_subcommand(
      "timeloop", "Timeloop YAML (arch, problem, mapping, mapspace, ERT) to arraysim JSON");
  cmd->add_option("files", options->files, "Timeloop YAML files (merged)")->required();
  cmd->add_option("--out", options->out, "Output directory")->required();
  cmd->add_option("--arch", options->arch,
                  "arraysim architecture for a mapping or mapspace imported without its arch");
  cmd->callback([options] { run(*options); });
}

}  // namespace arraysim::cli
