// arraysim: the command-line entry point. Parses the subcommand, runs it, and turns errors into
// one line on stderr and an exit code (0 ok, 1 bad input, 2 run-time failure). Warnings are held
// until the command succeeds, so a rejected input prints exactly its one error line.
#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "arch/logging.hpp"
#include "arch/spec_error.hpp"
#include "arch/text_check.hpp"
#include "sim/cli/commands.hpp"

int main(int argc, char** argv) {
  namespace log = arraysim::log;
  // SystemC prints a banner on stdout at start-up; keep stdout clean for JSON and CSV.
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  CLI::App app{"arraysim: mapper, analytical model and simulator for spatial DNN accelerators"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "arraysim 0.1.0");
  std::string log_level = "warn";
  app.add_option("--log-level", log_level,
                 "trace, debug, info, warn, error or off (the arch, mapper, sim, energy and cli "
                 "loggers on stderr)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.parse_complete_callback([&log_level] {
    const auto level = spdlog::level::from_str(log_level);
    spdlog::set_level(level);
    log::set_level(level);
  });
  arraysim::cli::add_validate_command(app);
  arraysim::cli::add_stats_command(app);
  arraysim::cli::add_energy_command(app);
  arraysim::cli::add_model_command(app);
  arraysim::cli::add_map_command(app);
  arraysim::cli::add_simulate_command(app);
  arraysim::cli::add_compare_command(app);
  arraysim::cli::add_roofline_command(app);
  arraysim::cli::add_sweep_command(app);
  arraysim::cli::add_import_command(app);
  log::hold_warnings();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    log::discard_warnings();
    std::cerr << "arraysim: " << arraysim::arch::printable(error.what()) << "\n";
    return 1;
  } catch (const arraysim::cli::ValidationFailed&) {
    log::discard_warnings();  // the errors are printed, one line each
    return 1;
  } catch (const arraysim::arch::SpecError& error) {
    log::discard_warnings();
    std::cerr << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    log::release_warnings();
    std::cerr << "arraysim: " << arraysim::arch::printable(error.what()) << "\n";
    return 2;
  }
  log::release_warnings();
  return 0;
}
