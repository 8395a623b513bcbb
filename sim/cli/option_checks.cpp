#include "sim/cli/option_checks.hpp"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>

namespace arraysim::cli {

namespace {

bool all_digits(const std::string& text, std::size_t from) {
  if (from >= text.size()) return false;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

std::string got(const std::string& text) { return ", got \"" + text + "\""; }

std::string range_text(std::int64_t low, std::int64_t high) {
  if (high == INT64_MAX) return "an integer of at least " + std::to_string(low);
  return "an integer from " + std::to_string(low) + " to " + std::to_string(high);
}

}  // namespace

CLI::Validator integer_in(std::int64_t low, std::int64_t high) {
  const std::string expected =
      low == 1 && high == INT64_MAX ? std::string("a positive integer") : range_text(low, high);
  return CLI::Validator(
      [low, high, expected](std::string& text) -> std::string {
        const bool negative = !text.empty() && text[0] == '-';
        if (!all_digits(text, negative ? 1 : 0)) return "expected " + expected + got(text);
        errno = 0;
        const long long value = std::strtoll(text.c_str(), nullptr, 10);
        if (errno == ERANGE || value < low || value > high) {
          return "expected " + expected + got(text);
        }
        return "";
      },
      expected, "INTEGER");
}

CLI::Validator positive_integer() { return integer_in(1, INT64_MAX); }

CLI::Validator positive_count() { return integer_in(1, INT_MAX); }

CLI::Validator seed_value() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string expected = "expected an integer from 0 to 18446744073709551615";
        if (!all_digits(text, 0)) return expected + got(text);
        errno = 0;
        std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE) return expected + got(text);
        return "";
      },
      "0 to 2^64-1", "SEED");
}

CLI::Validator positive_seconds() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string expected = "expected a number of seconds greater than 0";
        char* end = nullptr;
        errno = 0;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE ||
            !std::isfinite(value) || value <= 0.0) {
          return expected + got(text);
        }
        return "";
      },
      "seconds > 0", "SECONDS");
}

}  // namespace arraysim::cli
