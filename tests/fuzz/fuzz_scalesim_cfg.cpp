// libFuzzer harness: SCALE-Sim configuration files (.cfg), read and turned into an architecture as
// `arraysim validate` and `--arch x.cfg` do.
#include "sim/cli/commands.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arraysim;
  const std::string path = fuzz::write_input(data, size, ".cfg");
  try {
    const cli::FileCheck check = cli::check_spec_file(path);
    for (const auto& error : check.errors) fuzz::check_rejection(error);
  } catch (const arch::SpecError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
