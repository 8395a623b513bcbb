// Systolic mode against SCALE-Sim's recorded cycle counts (DESIGN section 6): AlexNet CONV1 under
// WS and the 7x7-input 3x3 192->384 layer under OS on the 32x32 array.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/network.hpp"
#include "sim/core/systolic.hpp"
#include "tests/support/test_paths.hpp"

namespace {
namespace arch = arraysim::arch;
namespace sim = arraysim::sim;
using arraysim::testing::source_path;
}  // namespace

TEST_CASE("SCALE-Sim cycle counts on the 32x32 array", "[sim][golden]") {
  const auto array = arch::load_architecture(source_path("arch/examples/scalesim_32x32.json"));
  REQUIRE(sim::is_systolic(array));
  const auto conv1 =
      arch::load_workload(source_path("workloads/alexnet_conv1.json")).layers.front();
  const auto ws = sim::simulate_systolic(array, conv1, sim::SystolicDataflow::WeightStationary);
  CHECK(ws.scalesim_cycles == 112283);
  CHECK(ws.cycles == 112284);
  CHECK(ws.folds == 36);

  const arch::Json json = {{"spec", "layer"}, {"name", "t"}, {"type", "conv"},
                           {"M", 384},        {"C", 192},    {"P", 5},
                           {"Q", 5},          {"R", 3},      {"S", 3}};
  const auto layer = arch::parse_layer(json, {"t.json", ""}, false);
  const auto os = sim::simulate_systolic(array, layer, sim::SystolicDataflow::OutputStationary);
  CHECK(os.scalesim_cycles == 21479);
  // 25 output pixels on 32 rows, 384 filters on 12 folds of 32 columns.
  CHECK(os.mapping_efficiency == Approx(25.0 / 32.0));
}
