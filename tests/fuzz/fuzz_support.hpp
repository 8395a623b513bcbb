// Shared set-up of the libFuzzer harnesses: each input is written to a file (the readers under
// test are the CLI's, and they read files) in a scratch tree where the repository's data
// directories resolve through ../, ../../ and ../../../ as they do from the shipped specs; and
// the checks every rejection must pass (one printable line, naming a file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "arch/spec_error.hpp"

namespace arraysim::fuzz {

// Writes the input to <scratch>/d1/d2/d3/input<extension> and returns the path.
std::string write_input(const std::uint8_t* data, std::size_t size, const std::string& extension);

// A file of the repository (ARRAYSIM_SOURCE_DIR).
std::string source_file(const std::string& relative);

// Aborts (a finding) unless the error is one printable line "file...: message".
void check_rejection(const arch::SpecError& error);

}  // namespace arraysim::fuzz
