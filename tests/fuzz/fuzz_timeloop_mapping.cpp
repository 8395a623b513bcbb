// libFuzzer harness: Timeloop mappings and mapspaces, which name the levels of an architecture:
// imported with the Eyeriss-256 Timeloop architecture (as `validate --arch` does) and, for a
// mapping, evaluated on its VGG layer (as `model --mapping` does).
#include "sim/cli/commands.hpp"
#include "sim/cli/model_run.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arraysim;
  static const std::string arch =
      fuzz::source_file("tests/data/timeloop/eyeriss256/arch_eyeriss256.yaml");
  static const std::string problem =
      fuzz::source_file("tests/data/timeloop/eyeriss256/prob_vgg_c256.yaml");
  const std::string path = fuzz::write_input(data, size, ".yaml");
  try {
    const cli::FileCheck check = cli::check_spec_file(path, arch);
    for (const auto& error : check.errors) fuzz::check_rejection(error);
    if (check.errors.empty()) cli::run_model(arch, problem, "", path);
  } catch (const arch::SpecError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
