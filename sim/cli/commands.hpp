// Subcommands of the arraysim executable; each registers itself on the CLI11 app.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "arch/spec_defaults.hpp"
#include "arch/spec_error.hpp"

namespace arraysim::cli {

void add_validate_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_energy_command(CLI::App& app);
void add_model_command(CLI::App& app);
void add_map_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_roofline_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_import_command(CLI::App& app);

// Subcommands of `import`.
void add_import_scalesim(CLI::App& import);
void add_import_onnx(CLI::App& import);
void add_import_timeloop(CLI::App& import);

// One spec file of any kind checked as `validate` checks it: its description, or every error
// found in it (one line each). `arch`/`workload`/`layer` check a mapping fully when given.
struct FileCheck {
  std::string description;
  std::vector<arch::SpecError> errors;
  std::vector<arch::SpecDefault> defaults;  // an architecture's defaulted values
};
FileCheck check_spec_file(const std::string& path, const std::string& arch = "",
                          const std::string& workload = "", const std::string& layer = "");

// `validate` found errors (already printed): main exits with 1 and prints nothing more.
class ValidationFailed : public std::runtime_error {
 public:
  explicit ValidationFailed(std::size_t files)
      : std::runtime_error(std::to_string(files) + " file(s) with errors") {}
};

// Loads and checks a sweep spec (for `validate`); throws SpecError.
std::string describe_sweep(const std::string& path);
// Imports a Timeloop YAML file in memory and checks it (for `validate`); throws SpecError.
std::string describe_timeloop_input(const std::string& path, const std::string& arch_arg);

}  // namespace arraysim::cli
