// libFuzzer harness: any arraysim JSON spec (layer, network, architecture, mapping, energy table,
// area table, dataflow, sweep), checked as `arraysim validate` checks it; mappings are bound to
// Eyeriss v1 and AlexNet CONV1 so the model runs on them too.
#include "sim/cli/commands.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arraysim;
  static const std::string arch = fuzz::source_file("arch/examples/eyeriss_v1.json");
  static const std::string workload = fuzz::source_file("workloads/alexnet_conv1.json");
  const std::string path = fuzz::write_input(data, size, ".json");
  try {
    const cli::FileCheck check = cli::check_spec_file(path, arch, workload);
    for (const auto& error : check.errors) fuzz::check_rejection(error);
  } catch (const arch::SpecError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
