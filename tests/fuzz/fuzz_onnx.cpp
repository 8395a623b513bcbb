// libFuzzer harness: ONNX model bytes, parsed and imported as a network as `arraysim validate`
// and `--workload x.onnx` do.
#include "sim/cli/commands.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arraysim;
  const std::string path = fuzz::write_input(data, size, ".onnx");
  try {
    const cli::FileCheck check = cli::check_spec_file(path);
    for (const auto& error : check.errors) fuzz::check_rejection(error);
  } catch (const arch::SpecError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
