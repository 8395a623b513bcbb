// Storage area from the shipped 65 nm curve (CACTI 7 points in energy_tables/cacti_65nm_area.json):
// exact points, log-log interpolation of area per byte, extrapolation, regfile fallback, and the
// iso-area sizing of the ISCA'16 family.
#include <cmath>

#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace energy = arraysim::energy;

const energy::AreaTable& cacti() {
  static const energy::AreaTable table =
      energy::load_area_table(arraysim::testing::source_path("energy_tables/cacti_65nm_area.json"));
  return table;
}

double storage_area(const arch::Architecture& a) {
  return energy::storage_area_um2(a, energy::resolve_energy(a));
}

}  // namespace

TEST_CASE("Area curve: CACTI points exact, per-byte area interpolated log-log", "[energy][area]") {
  // The curve's own points (CACTI: 512 B scratchpad 3854 um^2, 128 KB buffer 733756 um^2).
  CHECK(energy::storage_area(cacti(), true, 512).area_um2 == Approx(3854));
  CHECK(energy::storage_area(cacti(), false, 131072).area_um2 == Approx(733756));
  // 192 KB lies between 128 KB (5.598 um^2/B) and 256 KB (5.487 um^2/B): area per byte follows
  // the power law through those two points.
  const double a = 733756.0 / 131072, b = 1438445.0 / 262144;
  const double exponent = std::log(b / a) / std::log(2.0);
  const double per_byte = a * std::pow(1.5, exponent);
  CHECK(energy::storage_area(cacti(), false, 196608).area_um2 == Approx(per_byte * 196608));
  // Below the smallest point: extrapolated along the first segment (64 B -> 128 B).
  const double r64 = 678.0 / 64, r128 = 1193.0 / 128;
  const double small = r64 * std::pow(2.0 / 64, std::log(r128 / r64) / std::log(2.0)) * 2;
  CHECK(energy::storage_area(cacti(), true, 2).area_um2 == Approx(small));
  CHECK(energy::storage_area(cacti(), true, 0).area_um2 == 0.0);
  // Smaller memories cost more area per byte (periphery).
  CHECK(energy::storage_area(cacti(), true, 64).area_um2 / 64 >
        energy::storage_area(cacti(), false, 524288).area_um2 / 524288);
}

TEST_CASE("ISCA'16 family: every member has the baseline's storage area", "[energy][area]") {
  const auto path = [](const std::string& m) {
    return arraysim::testing::source_path("arch/examples/isca16/" + m + ".json");
  };
  const arch::Architecture base = arch::load_architecture(path("rs"));
  // Baseline: 256 x 512 B register files + a 128 KB global buffer, straight from the curve.
  CHECK(storage_area(base) == Approx(256 * 3854.0 + 733756.0));
  for (const char* member : {"ws", "os", "os98", "nlr"}) {
    INFO(member);
    arch::Architecture a = arch::load_architecture(path(member));
    const double area = storage_area(a);
    // At most one 1 KB sizing step (the granularity used) below the baseline.
    CHECK(area <= storage_area(base));
    arch::StorageLevel& buffer = a.levels[1];
    buffer.capacity_words = *buffer.capacity_words + 512;
    CHECK(storage_area(a) > storage_area(base));
  }
}
