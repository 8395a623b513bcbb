// Reading specs: every malformed input is a SpecError naming the file and the place (numbers out
// of range, duplicate keys, deep nesting, integers past 64 bits), messages are one printable line,
// translated specs report the original file's path, and an ErrorCollector gathers every field
// error of a spec.
#include <catch2/catch.hpp>

#include <string>

#include "arch/json_reader.hpp"
#include "arch/network.hpp"
#include "arch/text_check.hpp"

namespace {

namespace arch = arraysim::arch;

std::string error_of(const std::string& text) {
  try {
    arch::parse_workload(arch::parse_json_text(text, "f.json"), "f.json");
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "";
}

const std::string kLayer =
    R"("spec": "layer", "name": "l", "type": "conv", "C": 4, "P": 8, "Q": 8, "R": 3, "S": 3)";

}  // namespace

TEST_CASE("JSON loading: numbers out of range name their pointer", "[arch]") {
  CHECK(error_of("{" + kLayer + ", \"M\": 1e999}") == "f.json:/M: number 1e999 is out of range");
  CHECK(error_of("{\"spec\": \"network\", \"name\": \"n\",\n \"layers\": [{" + kLayer +
                 ", \"M\": -1e400}]}") == "f.json:/layers/0/M: number -1e400 is out of range");
  // Integers past 2^63 - 1 are not taken modulo 2^64 (18446744073709551615 is not -1).
  CHECK(error_of("{" + kLayer + ", \"M\": 18446744073709551615}") ==
        "f.json:/M: expected an integer of at most 9223372036854775807, got 18446744073709551615");
  CHECK(error_of("{" + kLayer + ", \"M\": 1e19}") ==
        "f.json:/M: expected an integer of at most 9223372036854775807, got 1e+19");
}

TEST_CASE("JSON loading: duplicate keys, deep nesting and syntax errors are rejected", "[arch]") {
  CHECK(error_of("{" + kLayer + ", \"M\": 4, \"M\": 8}") == "f.json:/M: duplicate key \"M\"");
  std::string deep = "{" + kLayer + ", \"M\": 4, \"x\": ";
  for (int i = 0; i < 200; ++i) deep += "[";
  CHECK(error_of(deep).rfind("f.json:/x/0/0/", 0) == 0);
  CHECK(error_of(deep).find(": nesting deeper than 128 levels") != std::string::npos);
  CHECK(error_of("{" + kLayer + ", \"M\": 4")
            .rfind("f.json: invalid JSON: parse error at line 1", 0) == 0);
  CHECK(error_of("{\"spec\": [\"layer\"]}") ==
        "f.json:/spec: expected a string, \"layer\" or \"network\"");
}

TEST_CASE("Error messages are one printable line", "[arch]") {
  const std::string key("stride\0x\n\xA9", 10);
  const std::string message = error_of("{" + kLayer + ", \"M\": 4, \"stride\\u0000x\\n\": [1, 1]}");
  CHECK(message ==
        "f.json:/stride\\x00x\\n: unknown key \"stride\\x00x\\n\" (did you mean \"stride\"?)");
  CHECK(arch::printable(key) == "stride\\x00x\\n\\xA9");
  CHECK(arch::SpecError(key, "/a\tb", "m\r").what() ==
        std::string("stride\\x00x\\n\\xA9:/a\\tb: m\\r"));
}

TEST_CASE("UTF-8 validation follows RFC 3629", "[arch]") {
  CHECK_FALSE(
      arch::invalid_utf8_offset("plain, \xC3\xA9t\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80"));
  CHECK(arch::invalid_utf8_offset("Buf\xA9"
                                  "fer") == 3U);                // a lone continuation byte
  CHECK(arch::invalid_utf8_offset("a\xC0\xAF") == 1U);          // overlong '/'
  CHECK(arch::invalid_utf8_offset("a\xE0\x80\xAF") == 1U);      // overlong, three bytes
  CHECK(arch::invalid_utf8_offset("a\xED\xA0\x80") == 1U);      // a surrogate
  CHECK(arch::invalid_utf8_offset("a\xF4\x90\x80\x80") == 1U);  // above U+10FFFF
  CHECK(arch::invalid_utf8_offset("ab\xE2\x82") == 2U);         // cut short
  CHECK(arch::invalid_utf8_offset("\xFF") == 0U);
  CHECK(arch::describe_invalid_utf8("Buf\xA9", 3) == "invalid UTF-8 byte 0xA9 at byte 3");
}

TEST_CASE("A translated spec reports the place in the original file", "[arch]") {
  auto origins = std::make_shared<arch::SourceMap>();
  origins->add("", arch::JsonLocation{"m.yaml", "/mapping"});
  origins->add("/levels/1", arch::JsonLocation{"m.yaml", "/mapping/3"});
  origins->add("/levels/1/temporal", arch::JsonLocation{"m.yaml", "/mapping/3/factors"});
  const arch::JsonLocation root{"m.yaml", "", origins};
  using Source = std::pair<std::string, std::string>;
  CHECK(root.child("levels").source() == Source{"m.yaml", "/mapping"});
  CHECK(root.child("levels").child(1).source() == Source{"m.yaml", "/mapping/3"});
  CHECK(root.child("levels").child(1).child("temporal").source() ==
        Source{"m.yaml", "/mapping/3/factors"});
  CHECK(root.child("levels").child(1).child("keep").source() == Source{"m.yaml", "/mapping/3"});
  CHECK(root.child("levels").child(12).source() == Source{"m.yaml", "/mapping"});
  // "/levels/1" is not a prefix of "/levels/10": prefixes end at a token.
  CHECK(root.child("levels").child(10).child("temporal").source() == Source{"m.yaml", "/mapping"});
}

TEST_CASE("An ErrorCollector gathers every field error of a spec", "[arch]") {
  const arch::Json json = arch::parse_json_text(
      R"({"spec": "layer", "name": "l", "type": "conv", "M": "four", "C": -4, "P": 8, "Q": 8,
          "R": 3, "S": 3, "strid": [1, 1], "dilation": [1, "x"]})",
      "f.json");
  std::vector<std::string> lines;
  {
    const arch::ErrorCollector collector;
    try {
      arch::parse_workload(json, "f.json");
    } catch (const arch::SpecError& error) {
      if (collector.errors().empty()) lines.emplace_back(error.what());
    }
    for (const auto& error : collector.errors()) lines.emplace_back(error.what());
  }
  CHECK(lines == std::vector<std::string>{
                     "f.json:/M: expected an integer, got a string",
                     "f.json:/C: expected a positive integer, got -4",
                     "f.json:/dilation/1: expected an integer, got a string",
                     "f.json:/strid: unknown key \"strid\" (did you mean \"stride\"?)"});
  CHECK(arch::ErrorCollector::active() == nullptr);
  // Without a collector the first error ends the reading.
  CHECK_THROWS_WITH(arch::parse_workload(json, "f.json"),
                    "f.json:/M: expected an integer, got a string");
}
