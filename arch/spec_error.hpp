// Errors in user-supplied specs and files: one line "file:/json/pointer: message"; control
// characters and ill-formed UTF-8 in any part are escaped (\n, \xNN).
#pragma once

#include <stdexcept>
#include <string>

namespace arraysim::arch {

class SpecError : public std::runtime_error {
 public:
  SpecError(std::string file, std::string pointer, std::string message);

  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::string pointer_;
  std::string message_;
};

}  // namespace arraysim::arch
