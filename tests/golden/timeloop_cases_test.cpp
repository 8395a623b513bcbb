// Golden cases from Timeloop v3.0.3 (tests/golden/timeloop): each pins one counting rule of DESIGN
// section 3; the analytical model must reproduce every per-instance count, MACs, cycles and
// utilization exactly.
#include <filesystem>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "tests/support/test_paths.hpp"

namespace {

using arraysim::arch::Json;
namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;

void check_case(const std::filesystem::path& dir) {
  const auto architecture = arch::load_architecture((dir / "arch.json").string());
  const auto network = arch::load_workload((dir / "workload.json").string());
  const arch::Layer& layer = *network.mac_layers().front();
  const auto nest = mapper::bind_mapping(arch::load_mapping((dir / "mapping.json").string()),
                                         architecture, layer);
  const auto result = mapper::evaluate(architecture, layer, nest);
  REQUIRE(result.ok());
  const Json expect = arch::load_json_file((dir / "expect.json").string());
  CHECK(result.counts.macs == expect["macs"].get<std::uint64_t>());
  CHECK(result.counts.cycles == expect["cycles"].get<std::uint64_t>());
  const double utilization = static_cast<double>(result.counts.macs) /
                             (static_cast<double>(architecture.compute.instances) *
                              static_cast<double>(result.counts.cycles));
  CHECK(utilization == Approx(expect["utilization"].get<double>()).margin(1e-6));
  for (const auto& [level_name, dataspaces] : expect["levels"].items()) {
    const auto level = architecture.find_level(level_name);
    REQUIRE(level);
    const auto& counts = result.counts.levels[*level];
    for (arch::DataSpace ds : arch::kAllDataSpaces) {
      const bool expected_kept = dataspaces.contains(arch::dataspace_name(ds));
      CHECK(arch::contains(counts.keep, ds) == expected_kept);
    }
    for (const auto& [ds_name, fields] : dataspaces.items()) {
      INFO(level_name << "." << ds_name);
      const auto& c = counts.dataspaces[arch::index(*arch::dataspace_from_name(ds_name))];
      CHECK(c.utilized_capacity == fields["utilized_capacity"].get<std::uint64_t>());
      CHECK(c.reads == fields["reads_per_instance"].get<std::uint64_t>());
      CHECK(c.fills == fields["fills_per_instance"].get<std::uint64_t>());
      CHECK(c.updates == fields["updates_per_instance"].get<std::uint64_t>());
    }
  }
}

}  // namespace

TEST_CASE("Timeloop golden cases reproduce exactly", "[golden][mapper]") {
  const std::filesystem::path root = arraysim::testing::source_path("tests/golden/timeloop");
  std::vector<std::filesystem::path> cases;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() == 18);
  for (const auto& dir : cases) {
    SECTION(dir.filename().string()) { check_case(dir); }
  }
}
