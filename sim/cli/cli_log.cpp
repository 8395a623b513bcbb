#include "sim/cli/cli_log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace arraysim::cli {

spdlog::logger& cli_log() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("cli")) return existing;
    auto created = spdlog::stderr_color_mt("cli");
    created->set_pattern("%l: %v");
    return created;
  }();
  return *logger;
}

}  // namespace arraysim::cli
