// libFuzzer harness: Timeloop YAML inputs without a separate architecture (arch/architecture with
// or without an ERT, problem, or several merged in one file), imported and checked as
// `arraysim validate` does.
#include "sim/cli/commands.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arraysim;
  const std::string path = fuzz::write_input(data, size, ".yaml");
  try {
    const cli::FileCheck check = cli::check_spec_file(path);
    for (const auto& error : check.errors) fuzz::check_rejection(error);
  } catch (const arch::SpecError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
