#include "arch/spec_error.hpp"

namespace arraysim::arch {

namespace {
std::string format_error(const std::string& file, const std::string& pointer,
                         const std::string& message) {
  std::string line = file.empty() ? std::string("<input>") : file;
  line += (pointer.empty() ? "" : ":" + pointer) + ": " + message;
  for (char& ch : line) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  return line;
}
}  // namespace

SpecError::SpecError(std::string file, std::string pointer, std::string message)
    : std::runtime_error(format_error(file, pointer, message)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      message_(std::move(message)) {}

}  // namespace arraysim::arch
