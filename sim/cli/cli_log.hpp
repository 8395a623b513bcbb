// The command line's named spdlog logger ("cli"): notes and warnings as one line each on stderr
// ("warning: ..."), silenced or widened with --log-level; stdout stays for results.
#pragma once

#include <spdlog/spdlog.h>

namespace arraysim::cli {

spdlog::logger& cli_log();

}  // namespace arraysim::cli
