// DESIGN section 3, worked examples A and B (Timeloop reference outputs with the 40 nm tutorial
// ERT): counts and cycles exact, energies to the two decimals Timeloop prints.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/stats.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arch::DataSpace;
using arraysim::testing::source_path;

struct Run {
  arch::Architecture architecture;
  mapper::ActionCounts counts;
  mapper::Stats stats;
};

Run run(const std::string& arch_file, const std::string& mapping_file) {
  Run out;
  out.architecture = arch::load_architecture(source_path(arch_file));
  const auto network = arch::load_workload(source_path("workloads/conv1d_r3_p16.json"));
  const arch::Layer& layer = network.layers.front();
  const auto nest =
      mapper::bind_mapping(arch::load_mapping(source_path(mapping_file)), out.architecture, layer);
  const auto result = mapper::evaluate(out.architecture, layer, nest);
  REQUIRE(result.ok());
  out.counts = result.counts;
  out.stats = mapper::make_stats(out.architecture, layer.name, out.counts,
                                 arraysim::energy::resolve_energy(out.architecture));
  return out;
}

const mapper::DataSpaceCounts& at(const Run& r, std::size_t level, DataSpace ds) {
  return r.counts.levels[level].dataspaces[arch::index(ds)];
}

double level_energy(const Run& r, std::size_t level, DataSpace ds) {
  return r.stats.levels[level].dataspaces[arch::index(ds)].energy_pj;
}

// Timeloop prints these references with two decimals: a value matches when it rounds to them,
// i.e. lies within half a unit of the last printed digit.
Approx printed_2dp(double reference) { return Approx(reference).epsilon(0.0).margin(0.005 + 1e-9); }

// A per-MAC total in fJ/MAC, printed with two decimals, that Timeloop computed from its ERT at
// full precision while the ERT we read is rounded: SRAM 43.353 / 30.878 pJ to three decimals
// (half a unit: 0.0005 pJ per action), the regfile's 0.42564 pJ to five (0.000005 pJ), leakage to
// six (0.0000005 pJ per cycle); the 48 MACs' energy is printed as 40.56 pJ (0.005 pJ).
// `rounding_pj` is that bound summed over the actions.
Approx printed_per_mac(double reference_fj, double rounding_pj, double macs) {
  return Approx(reference_fj).epsilon(0.0).margin(0.005 + 1000.0 * rounding_pj / macs + 1e-9);
}

}  // namespace

TEST_CASE("Worked example A: one-level conv1d", "[golden][energy]") {
  const Run r =
      run("arch/examples/conv1d_1level.json", "tests/golden/examples/conv1d_1level/example_a.json");
  CHECK(r.counts.macs == 48);
  CHECK(r.counts.cycles == 48);
  CHECK(at(r, 0, DataSpace::Weights).utilized_capacity == 3);
  CHECK(at(r, 0, DataSpace::Weights).reads == 48);
  CHECK(at(r, 0, DataSpace::Inputs).utilized_capacity == 18);
  CHECK(at(r, 0, DataSpace::Inputs).reads == 48);
  CHECK(at(r, 0, DataSpace::Outputs).utilized_capacity == 16);
  CHECK(at(r, 0, DataSpace::Outputs).reads == 32);
  CHECK(at(r, 0, DataSpace::Outputs).updates == 48);
  CHECK(r.stats.compute_energy_pj == printed_2dp(40.56));
  CHECK(level_energy(r, 0, DataSpace::Weights) == printed_2dp(20.43));
  CHECK(level_energy(r, 0, DataSpace::Inputs) == printed_2dp(20.43));
  CHECK(level_energy(r, 0, DataSpace::Outputs) == printed_2dp(34.05));
  // The MACs, 176 regfile accesses (reads 48 + 48 + 32, updates 48), 48 cycles of leakage.
  const double rounding_pj = 0.005 + 176 * 0.000005 + 48 * 0.0000005;
  CHECK(r.stats.energy_per_mac_pj * 1000.0 == printed_per_mac(2406.54, rounding_pj, 48));
}

TEST_CASE("Worked example B: two-level conv1d, weight-stationary", "[golden][energy]") {
  const Run r = run("arch/examples/conv1d_2level.json",
                    "tests/golden/examples/conv1d_2level/example_b_ws.json");
  CHECK(r.counts.cycles == 48);
  CHECK(at(r, 1, DataSpace::Weights).utilized_capacity == 1);
  CHECK(at(r, 1, DataSpace::Weights).fills == 3);
  CHECK(at(r, 1, DataSpace::Weights).reads == 48);
  CHECK(at(r, 1, DataSpace::Inputs).utilized_capacity == 16);
  CHECK(at(r, 1, DataSpace::Inputs).fills == 18);
  CHECK(at(r, 1, DataSpace::Inputs).reads == 48);
  CHECK(at(r, 1, DataSpace::Outputs).utilized_capacity == 16);
  CHECK(at(r, 1, DataSpace::Outputs).reads == 32);
  CHECK(at(r, 1, DataSpace::Outputs).updates == 48);
  CHECK(at(r, 0, DataSpace::Weights).reads == 3);
  CHECK(at(r, 0, DataSpace::Inputs).reads == 18);
  CHECK(at(r, 0, DataSpace::Outputs).updates == 16);
  CHECK(level_energy(r, 0, DataSpace::Weights) == printed_2dp(43.35));
  CHECK(level_energy(r, 0, DataSpace::Inputs) == printed_2dp(130.06));
  CHECK(level_energy(r, 0, DataSpace::Outputs) == printed_2dp(61.76));
  // The MACs; 6 SRAM block accesses (reads W 1 + I 3, writes O 2); 197 regfile accesses (fills
  // W 3 + I 18, reads 48 + 48 + 32, updates 48); 48 cycles of leakage at two levels.
  const double rounding_pj = 0.005 + 6 * 0.0005 + 197 * 0.000005 + 2 * 48 * 0.0000005;
  CHECK(r.stats.energy_per_mac_pj * 1000.0 == printed_per_mac(7500.08, rounding_pj, 48));
}

TEST_CASE("Worked example B: output-stationary variant has the same counts", "[golden]") {
  const Run ws = run("arch/examples/conv1d_2level.json",
                     "tests/golden/examples/conv1d_2level/example_b_ws.json");
  const Run os = run("arch/examples/conv1d_2level.json",
                     "tests/golden/examples/conv1d_2level/example_b_os.json");
  CHECK(at(os, 1, DataSpace::Weights).utilized_capacity == 3);
  CHECK(at(os, 1, DataSpace::Inputs).utilized_capacity == 3);
  CHECK(at(os, 1, DataSpace::Outputs).utilized_capacity == 1);
  for (std::size_t level = 0; level < 2; ++level) {
    for (DataSpace ds : arch::kAllDataSpaces) {
      INFO("level " << level << " " << arch::dataspace_name(ds));
      CHECK(at(os, level, ds).reads == at(ws, level, ds).reads);
      CHECK(at(os, level, ds).fills == at(ws, level, ds).fills);
      CHECK(at(os, level, ds).updates == at(ws, level, ds).updates);
    }
  }
}

TEST_CASE("Narrower values pack into a level's words and blocks", "[energy]") {
  // Example B with 4-bit values in the 8-bit tutorial levels: MainMemory's 8-word blocks carry 16
  // values, so its 18 input reads take ceil(18 / 16) = 2 block reads instead of 3, and every
  // Buffer access moves two values per word.
  auto architecture = arch::load_architecture(source_path("arch/examples/conv1d_2level.json"));
  auto layer = arch::load_workload(source_path("workloads/conv1d_r3_p16.json")).layers.front();
  layer.bits = {4, 4, 4};
  const auto nest = mapper::bind_mapping(
      arch::load_mapping(source_path("tests/golden/examples/conv1d_2level/example_b_ws.json")),
      architecture, layer);
  const auto result = mapper::evaluate(architecture, layer, nest);
  REQUIRE(result.ok());
  const auto stats = mapper::make_stats(architecture, layer.name, result.counts,
                                        arraysim::energy::resolve_energy(architecture));
  CHECK(stats.levels[0].dataspaces[arch::index(DataSpace::Inputs)].energy_pj == Approx(2 * 43.353));
  // Buffer Weights: 3 fills + 48 reads of 4-bit values = 2 and 24 word accesses.
  CHECK(stats.levels[1].dataspaces[arch::index(DataSpace::Weights)].energy_pj ==
        Approx((2 + 24) * 0.42564));
}
