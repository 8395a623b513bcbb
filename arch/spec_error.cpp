#include "arch/spec_error.hpp"

#include "arch/text_check.hpp"

namespace arraysim::arch {

namespace {
std::string format_error(const std::string& file, const std::string& pointer,
                         const std::string& message) {
  std::string line = file.empty() ? std::string("<input>") : file;
  line += (pointer.empty() ? "" : ":" + pointer) + ": " + message;
  // One printable line whatever the input held: a NUL in a key must not cut the message short.
  return printable(line);
}
}  // namespace

SpecError::SpecError(std::string file, std::string pointer, std::string message)
    : std::runtime_error(format_error(file, pointer, message)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      message_(std::move(message)) {}

}  // namespace arraysim::arch
