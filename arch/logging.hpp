// The named loggers of the libraries ("arch", "mapper", "sim", "energy", "cli"), created once and
// sharing one stderr sink: "warning: message" for warnings and errors, "debug: mapper: message"
// below. Warnings can be held back until a command has succeeded, so that a rejected input
// prints its one error line and nothing else.
#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace arraysim::log {

// One of the five named loggers (any other name is a programming error: std::invalid_argument).
spdlog::logger& get(const std::string& name);
inline spdlog::logger& arch() { return get("arch"); }
inline spdlog::logger& mapper() { return get("mapper"); }
inline spdlog::logger& sim() { return get("sim"); }
inline spdlog::logger& energy() { return get("energy"); }
inline spdlog::logger& cli() { return get("cli"); }

// The level of every named logger (default: warn).
void set_level(spdlog::level::level_enum level);

// From now on, warnings and errors are kept in memory instead of printed (debug and info lines
// still appear at once).
void hold_warnings();
// Prints the held warnings and stops holding.
void release_warnings();
// Forgets the held warnings (the command failed on bad input: its error line says it all).
void discard_warnings();

}  // namespace arraysim::log
