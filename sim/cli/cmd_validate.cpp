// `arraysim validate FILE...`: checks specs of every kind; a mapping is checked against an
// architecture and workload when both are given. Every error of a file is reported (one line
// each), every file is checked, and the exit code is 1 when any file has an error. An
// architecture's defaulted values (leakage or area 0, unlimited bandwidth, ...) are listed as
// warnings; --strict makes each one an error.
#include <filesystem>
#include <iostream>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/energy_table.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "arch/timeloop/yaml_reader.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/model_run.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  std::string arch;
  std::string workload;
  std::string layer;
  bool strict = false;
};

// Describes one file; an architecture's defaults go to `defaults`.
std::string describe_file(const std::string& path, const ValidateOptions& options,
                          std::vector<arch::SpecDefault>& defaults) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".cfg") {
    const arch::Architecture arch = load_architecture_input(path).arch;
    defaults = energy::resolve_energy(arch).defaults;
    return "SCALE-Sim config, architecture " + arch.name;
  }
  if (ext == ".csv" || ext == ".onnx") {
    const arch::Network net = load_workload_input(path);
    return "network " + net.name + " (" + std::to_string(net.mac_layers().size()) + " MAC layers)";
  }
  if (arch::timeloop::is_yaml_path(path)) return describe_timeloop_input(path, options.arch);
  const arch::Json json = arch::load_json_file(path);
  if (!json.is_object())
    throw arch::SpecError(path, "", "expected a JSON object with a \"spec\" key");
  const auto spec = json.find("spec");
  if (spec == json.end()) throw arch::SpecError(path, "", "missing required key \"spec\"");
  const std::string kind = arch::as_string(*spec, arch::JsonLocation{path, "/spec"});
  if (kind == "layer" || kind == "network") {
    const arch::Network net = arch::load_workload(path);
    return kind + " " + net.name + " (" + std::to_string(net.mac_layers().size()) + " MAC layers)";
  }
  if (kind == "architecture") {
    const arch::Architecture arch = arch::parse_architecture(json, path);
    defaults = energy::resolve_energy(arch).defaults;
    return "architecture " + arch.name;
  }
  if (kind == "energy_table") {
    const energy::EnergyTable table = energy::parse_energy_table(json, path);
    return "energy table " + table.name + " (" + std::to_string(table.entries.size()) + " entries)";
  }
  if (kind == "area_table") {
    const energy::AreaTable table = energy::parse_area_table(json, path);
    return "area table " + table.name + " (" + std::to_string(table.points.size()) + " points)";
  }
  if (kind == "sweep") return describe_sweep(path);
  if (kind == "dataflow") {
    const arch::Dataflow dataflow = arch::parse_dataflow(json, path);
    return "dataflow " + dataflow.name;
  }
  if (kind == "mapping") {
    arch::parse_mapping(json, path);
    if (options.arch.empty() || options.workload.empty())
      return "mapping (syntax only; give --arch and --workload to check it fully)";
    const ModelRun run = run_model(options.arch, options.workload, options.layer, path);
    return "mapping for " + run.layer.name + " on " + run.arch.name;
  }
  const std::vector<std::string> kinds = {"layer",        "network",    "architecture", "mapping",
                                          "energy_table", "area_table", "dataflow",     "sweep"};
  std::string message = "unknown spec kind \"" + kind + "\"";
  if (auto guess = arch::closest_match(kind, kinds))
    message += " (did you mean \"" + *guess + "\"?)";
  throw arch::SpecError(path, "/spec", message);
}

}  // namespace

FileCheck check_spec_file(const std::string& path, const std::string& arch,
                          const std::string& workload, const std::string& layer) {
  const ValidateOptions options{{}, arch, workload, layer, false};
  FileCheck check;
  const arch::ErrorCollector collector;
  try {
    check.description = describe_file(path, options, check.defaults);
  } catch (const arch::SpecError& error) {
    // An error that stops the file. After recorded field errors it may only be their echo (a
    // placeholder value failing a later check), so it is reported only when it is the first.
    if (collector.errors().empty()) check.errors.push_back(error);
  }
  check.errors.insert(check.errors.begin(), collector.errors().begin(), collector.errors().end());
  return check;
}

void add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check spec files (layer, network, architecture, mapping, energy table)");
  cmd->add_option("files", options->files, "Spec files")->required();
  cmd->add_option("--arch", options->arch, "Architecture to check mappings against");
  cmd->add_option("--workload", options->workload, "Workload to check mappings against");
  cmd->add_option("--layer", options->layer, "Layer of the workload (when it has several)");
  cmd->add_flag("--strict", options->strict,
                "Reject every defaulted energy, leakage, area or bandwidth (listed as warnings "
                "without it)");
  cmd->callback([options] {
    std::size_t failed = 0;
    for (const auto& file : options->files) {
      const FileCheck check =
          check_spec_file(file, options->arch, options->workload, options->layer);
      for (const auto& error : check.errors) std::cerr << error.what() << "\n";
      if (!check.errors.empty()) {
        ++failed;
        continue;
      }
      if (options->strict && !check.defaults.empty()) {
        for (const auto& d : check.defaults) std::cerr << default_line(d) << " (--strict)\n";
        ++failed;
        continue;
      }
      for (const auto& d : check.defaults) std::cerr << "warning: " << default_line(d) << "\n";
      std::cout << file << ": ok, " << check.description;
      if (!check.defaults.empty())
        std::cout << " (" << check.defaults.size() << " default(s), listed on stderr)";
      std::cout << "\n";
    }
    if (failed != 0) throw ValidationFailed(failed);
  });
}

}  // namespace arraysim::cli
