// Accelergy ERT tables of replicated components name them with ranges ("System.PE[1..16].MACC",
// "System.GlobalBuffer[1..16]"): every level must pick up its energies from them; a level no
// table names, in an architecture priced by an ERT, is an error instead of 0 pJ.
#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "arch/timeloop/timeloop_import.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace energy = arraysim::energy;
using arraysim::testing::source_path;

arch::Architecture import_arch(const std::string& ert) {
  const auto imported = arch::timeloop::import_timeloop(
      {source_path("tests/data/timeloop/conv1d/3levelspatial.arch.yaml"), source_path(ert)});
  REQUIRE(imported.architecture);
  return arch::parse_architecture(imported.architecture->json, "3levelspatial.arch.yaml");
}

}  // namespace

TEST_CASE("ERT table names with instance ranges price every level", "[timeloop]") {
  const auto architecture = import_arch("tests/data/timeloop/ranges/ert_ranges.yaml");
  const auto e = energy::resolve_energy(architecture);
  // MainMemory, GlobalBuffer, RegisterFile, then the MACC: the values of ert_ranges.yaml.
  CHECK(e.levels[0].read_pj == Approx(512.0));
  CHECK(e.levels[1].read_pj == Approx(43.353));
  CHECK(e.levels[1].write_pj == Approx(30.878));
  CHECK(e.levels[1].leak_pj_per_cycle == Approx(0.007972));
  CHECK(e.levels[2].read_pj == Approx(0.42564));
  CHECK(e.levels[2].leak_pj_per_cycle == Approx(0.000861));
  CHECK(e.mac.read_pj == Approx(0.845));
}

TEST_CASE("A level no ERT table names is an error instead of free", "[timeloop]") {
  // ert_40nm.yaml names System.MAC, System.Buffer and System.MainMemory: this architecture's
  // GlobalBuffer, RegisterFile and MACC have no energy, while MainMemory has one.
  const auto architecture = import_arch("tests/data/timeloop/conv1d/ert_40nm.yaml");
  CHECK_THROWS_WITH(energy::resolve_energy(architecture),
                    Catch::Contains("/levels/1: no read and write energies for GlobalBuffer"));
}
