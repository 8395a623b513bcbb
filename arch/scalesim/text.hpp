// Small text helpers shared by the SCALE-Sim readers (INI config and topology CSV).
#pragma once

#include <cctype>
#include <string>

namespace arraysim::scalesim {

inline std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

inline std::string lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

}  // namespace arraysim::scalesim
