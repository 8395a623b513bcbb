// Range checks for numeric command-line options with readable one-line messages ("--threads:
// expected a positive integer, got \"0\""). They check the text as written, before CLI11
// converts it, so "-1" for an unsigned option or a seed past 2^64 - 1 is an error, not a wrap.
#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

namespace arraysim::cli {

// A whole number from `low` to `high` (decimal digits, an optional leading '-').
CLI::Validator integer_in(std::int64_t low, std::int64_t high);
// 1 to 2^63 - 1 (batch sizes, granularities, evaluation budgets).
CLI::Validator positive_integer();
// 1 to 2^31 - 1 (thread counts; clamping to the machine happens where threads start).
CLI::Validator positive_count();
// 0 to 2^64 - 1.
CLI::Validator seed_value();
// A finite number of seconds greater than 0.
CLI::Validator positive_seconds();

}  // namespace arraysim::cli
