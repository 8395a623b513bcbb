// `arraysim import <format> ...`: converts other tools' inputs into arraysim specs; one
// subcommand per format.
#include "sim/cli/commands.hpp"

namespace arraysim::cli {

void add_import_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("import", "Convert other tools' inputs into arraysim specs");
  cmd->require_subcommand(1);
  add_import_scalesim(*cmd);
  add_import_onnx(*cmd);
  add_import_timeloop(*cmd);
}

}  // namespace arraysim::cli
