// Layer size limits: every count a layer implies (MACs, operations, tensor sizes, window extents)
// must fit in 2^63 - 1, checked at load time through every path that builds a layer (JSON specs,
// networks, SCALE-Sim topologies); counts that fit are exact.
#include <catch2/catch.hpp>

#include "arch/network.hpp"
#include "arch/scalesim/to_spec.hpp"
#include "arch/scalesim/topology_reader.hpp"
#include "arch/workload_stats.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace scalesim = arraysim::scalesim;
using arraysim::testing::source_path;

arch::Json conv(std::int64_t m, std::int64_t c, std::int64_t p, std::int64_t q) {
  return {{"spec", "layer"}, {"name", "l"}, {"type", "conv"}, {"M", m},
          {"C", c},          {"P", p},      {"Q", q}};
}

std::string load_error(const std::string& relative) {
  try {
    arch::load_workload(source_path(relative));
  } catch (const arch::SpecError& error) {
    return error.message();
  }
  return "";
}

}  // namespace

TEST_CASE("A layer of 2^64 MACs is rejected instead of counted as 0", "[arch]") {
  // M = C = P = Q = 65536: 2^64 MACs, which wrapped to 0 in 64-bit arithmetic.
  const std::string message = load_error("tests/data/defects/u64_wrap_layer.json");
  CHECK(message.find("MACs") != std::string::npos);
  CHECK(message.find("18446744073709551616") != std::string::npos);
}

TEST_CASE("The largest layers that fit are counted exactly", "[arch]") {
  // 2^20 * 2^20 * 2^11 * 2^10 = 2^61 MACs; 2 x MACs = 2^62 operations still fit.
  const auto layer =
      arch::parse_layer(conv(1 << 20, 1 << 20, 1 << 11, 1 << 10), {"l.json", ""}, false);
  CHECK(layer.macs() == (std::uint64_t{1} << 61));
  CHECK(layer.dataspace_words(arch::DataSpace::Outputs) == (std::uint64_t{1} << 41));
  // 2^62 MACs would make 2^63 operations: one too many.
  CHECK_THROWS_WITH(
      arch::parse_layer(conv(1 << 21, 1 << 20, 1 << 11, 1 << 10), {"l.json", ""}, false),
      Catch::Contains("operations 2*MACs = 9223372036854775808"));
}

TEST_CASE("Huge dilations and strides do not wrap the input window", "[arch]") {
  // Dilation 2^62, P = 4, R = 3: rows = 3 + 2 * 2^62 + 1 = 2^63 + 4, which wrapped to 4.
  CHECK(load_error("tests/data/defects/dilation_wrap_layer.json")
            .find("input window rows (P-1)*stride + (R-1)*dilation + 1 = 9223372036854775812") !=
        std::string::npos);
  arch::Json strided = conv(1, 1, 4, 4);
  strided["stride"] = {std::int64_t{1} << 62, 1};
  CHECK_THROWS_WITH(arch::parse_layer(strided, {"l.json", ""}, false),
                    Catch::Contains("input window rows"));
  // From H/W: a huge padding is rejected instead of overflowing H + 2 * padding.
  arch::Json padded = {{"spec", "layer"}, {"name", "l"},
                       {"type", "conv"},  {"M", 1},
                       {"C", 1},          {"H", 8},
                       {"W", 8},          {"R", 3},
                       {"S", 3},          {"padding", {std::int64_t{1} << 62, 0}}};
  CHECK_THROWS_WITH(arch::parse_layer(padded, {"l.json", ""}, false),
                    Catch::Contains("exceeds 2^63 - 1"));
  // A stride that still fits is exact: rows = 3 * 2^40 + 2 + 1.
  arch::Json fits = conv(1, 1, 4, 4);
  fits["stride"] = {std::int64_t{1} << 40, 1};
  fits["R"] = 2;
  const auto layer = arch::parse_layer(fits, {"l.json", ""}, false);
  CHECK(layer.projected_rows() == 3 * (std::int64_t{1} << 40) + 2);
}

TEST_CASE("A network total beyond 2^63 is rejected", "[arch]") {
  // Three layers of 3 * 2^60 MACs each (each fits): 9 * 2^60 > 2^63 in total.
  arch::Json layers = arch::Json::array();
  for (int i = 0; i < 3; ++i) {
    arch::Json layer = conv(3 << 19, 1 << 20, 1 << 11, 1 << 10);
    layer.erase("spec");
    layer["name"] = "l" + std::to_string(i);
    layer["inputs"] = arch::Json::array();
    layers.push_back(layer);
  }
  const arch::Json net_json = {{"spec", "network"}, {"name", "n"}, {"layers", layers}};
  const auto net = arch::parse_network(net_json, "n.json");
  CHECK_THROWS_WITH(arch::workload_stats(net), Catch::Contains("the network's total MACs"));
}

TEST_CASE("SCALE-Sim topologies: wrapping GEMMs rejected at their line and big ones exact",
          "[arch]") {
  // M = N = 2^32, K = 1: 2^64 outputs (and MACs), reported as 0 before.
  CHECK_THROWS_WITH(scalesim::read_topology(source_path("tests/data/defects/gemm_wrap.csv")),
                    Catch::Contains("gemm_wrap.csv:2: OFMAP words = 18446744073709551616"));
  // M = N = K = 1e9: 1e27 MACs, reported as 1.15e19 (mod 2^64) before.
  CHECK_THROWS_WITH(scalesim::read_topology(source_path("tests/data/defects/gemm_huge.csv")),
                    Catch::Contains("gemm_huge.csv:2: operations (2 x MACs)"));
  // 4294967297 filters of 3x3x192 over a 5x5 output: 25 * 9 * 192 * 4294967297 MACs (by hand:
  // 185542587230400), plus AlexNet conv1 (55 * 55 * 11 * 11 * 3 * 96 = 105415200).
  const auto topology =
      scalesim::read_topology(source_path("tests/data/defects/topology_big_filters.csv"));
  const auto net = arch::parse_network(scalesim::network_json(topology), topology.file);
  const auto stats = arch::workload_stats(net);
  CHECK(stats.total.macs == 185542587230400ULL + 105415200ULL);
  // A stride near 2^63 no longer overflows the output-size formula: ceil((8 - 3) / s) + 1 = 2.
  const auto strided = scalesim::parse_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter "
      "Width, Channels, Num Filter, Strides,\nbig, 8, 8, 3, 3, 1, 1, "
      "9223372036854775807,\n",
      "t.csv");
  CHECK(strided.layers.front().ofmap_h() == 2);
  // Its second window starts at row 2^63 - 1: the layer it lowers to is rejected, not wrapped.
  CHECK_THROWS_WITH(arch::parse_network(scalesim::network_json(strided), "t.csv"),
                    Catch::Contains("input window rows"));
  // A depthwise layer becomes one layer per channel: too many channels are refused, not looped.
  CHECK_THROWS_WITH(
      scalesim::parse_topology("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter "
                               "Width, Channels, Num Filter, Strides,\nDP1, 8, 8, 3, 3, "
                               "1000000000000, 1, 1,\n",
                               "t.csv"),
      Catch::Contains("t.csv:2: a depthwise (DP) layer"));
}
