// Subcommands of the arraysim executable; each registers itself on the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

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

// Loads and checks a sweep spec (for `validate`); throws SpecError.
std::string describe_sweep(const std::string& path);
// Imports a Timeloop YAML file in memory and checks it (for `validate`); throws SpecError.
std::string describe_timeloop_input(const std::string& path, const std::string& arch_arg);

}  // namespace arraysim::cli
