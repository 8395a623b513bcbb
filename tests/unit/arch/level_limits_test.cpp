// Architecture checks that protect the model: the number of storage levels (the model keeps
// per-level state in fixed arrays) and the MAC's accumulator width.
#include <catch2/catch.hpp>

#include <string>

#include "arch/architecture.hpp"
#include "arch/spec_error.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;

arch::Json deep_architecture(int levels) {
  arch::Json json = {{"spec", "architecture"},
                     {"name", "deep"},
                     {"levels", arch::Json::array()},
                     {"compute", {{"name", "MAC"}}}};
  json["levels"].push_back({{"name", "DRAM"}, {"kind", "dram"}});
  for (int l = 1; l < levels; ++l) {
    json["levels"].push_back(
        {{"name", "L" + std::to_string(l)}, {"kind", "sram"}, {"capacity_words", 1 << 20}});
  }
  return json;
}

std::string error_of(const arch::Json& json) {
  try {
    arch::parse_architecture(json, "deep.json");
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("More storage levels than the model holds are rejected at validation", "[arch]") {
  CHECK(error_of(deep_architecture(16)).empty());
  CHECK(error_of(deep_architecture(17)) ==
        "deep.json:/levels: 17 storage levels; at most 16 are supported");
  const std::string lv20 = arraysim::testing::source_path("tests/data/defects/lv20_arch.json");
  CHECK_THROWS_WITH(arch::load_architecture(lv20),
                    lv20 + ":/levels: 20 storage levels; at most 16 are supported");
}

TEST_CASE("The MAC's accumulator width is optional and bounded", "[arch]") {
  arch::Json json = deep_architecture(2);
  CHECK(arch::parse_architecture(json, "a.json").compute.accumulator_bits == 0);
  json["compute"]["accumulator_bits"] = 24;
  CHECK(arch::parse_architecture(json, "a.json").compute.accumulator_bits == 24);
  json["compute"]["accumulator_bits"] = 65;
  CHECK(error_of(json) == "deep.json:/compute/accumulator_bits: expected at most 64, got 65");
  json["compute"]["accumulator_bits"] = 0;
  CHECK_FALSE(error_of(json).empty());
}
