// Small text helpers shared by the SCALE-Sim readers (INI config and topology CSV).
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include "arch/text_check.hpp"

namespace arraysim::scalesim {

inline std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// The line number (from 1) and a description of the first ill-formed UTF-8 byte, if any: every
// name read from a config or topology ends up in JSON, which holds only valid UTF-8.
inline std::optional<std::pair<int, std::string>> first_invalid_line(const std::string& text) {
  const auto bad = arch::invalid_utf8_offset(text);
  if (!bad) return std::nullopt;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < *bad; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const std::string what = arch::describe_invalid_utf8(text, *bad);  // "... at byte N"
  return std::make_pair(line, what.substr(0, what.find(" at byte")) + " at column " +
                                  std::to_string(*bad - line_start + 1));
}

inline std::string lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

}  // namespace arraysim::scalesim
