// SCALE-Sim inputs end to end: a config and topologies written in SCALE-Sim's formats
// (tests/data/scalesim) converted to arraysim specs and run in systolic mode. Expected cycles are
// the closed forms of DESIGN section 6 (SCALE-Sim's recorded 112283 and 21479); utilizations are
// computed by hand from SCALE-Sim's report definitions.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/network.hpp"
#include "arch/scalesim/to_spec.hpp"
#include "sim/core/systolic_report.hpp"
#include "tests/support/test_paths.hpp"

namespace {
namespace arch = arraysim::arch;
namespace sim = arraysim::sim;
namespace scalesim = arraysim::scalesim;
using arraysim::testing::source_path;

struct Run {
  sim::SystolicResult result;
  sim::ComputeReport report;
};

Run run(const arch::Architecture& array, const arch::Layer& layer, sim::SystolicDataflow df) {
  const auto result = sim::simulate_systolic(array, layer, df);
  return {result, sim::scalesim_compute_report(result, df)};
}

std::string error_of(const std::string& text, bool cfg) {
  try {
    if (cfg) {
      scalesim::parse_config(text, "bad.cfg");
    } else {
      scalesim::parse_topology(text, "bad.csv");
    }
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("SCALE-Sim config and conv topology reproduce the recorded cycle counts", "[arch][sim]") {
  const auto config = scalesim::read_config(source_path("tests/data/scalesim/scale.cfg"));
  CHECK(config.run_name == "scale_32x32_ws");
  CHECK(config.array_rows == 32);
  CHECK(config.array_cols == 32);
  CHECK(config.dataflow == "ws");
  CHECK(config.ifmap_sram_kb == 64);
  CHECK(config.bandwidths == std::vector<std::int64_t>{10});
  const auto array = arch::parse_architecture(scalesim::architecture_json(config), config.file);
  CHECK(array.compute.instances == 1024);
  CHECK(array.levels.at(1).capacity_words == 64 * 1024);

  const auto topology = scalesim::read_topology(source_path("tests/data/scalesim/topology.csv"));
  REQUIRE(topology.layers.size() == 2);
  // SCALE-Sim's output size ceil((224 - 11 + 4) / 4) = 55 (the last window overhangs).
  CHECK(topology.layers[0].ofmap_h() == 55);
  CHECK(topology.layers[1].ofmap_w() == 5);
  const auto net = arch::parse_network(scalesim::network_json(topology), topology.file);
  const arch::Layer& conv1 = *net.find("Conv1");
  const arch::Layer& test = *net.find("Test7x7");
  CHECK(conv1.macs() == 55ULL * 55 * 11 * 11 * 3 * 96);

  // WS: Sr = 11*11*3 = 363 (12 row folds), Sc = 96 (3 column folds), T = 55*55 = 3025;
  // 36 folds of 2*32 + 32 + 3025 - 2 = 3119 cycles, reported as the last index 112283.
  const Run ws = run(array, conv1, sim::SystolicDataflow::WeightStationary);
  CHECK(ws.report.total_cycles == 112283);
  CHECK(ws.report.stall_cycles == 0);
  CHECK(ws.report.mapping_efficiency_pct == Approx(100.0 * 363 * 96 / (1024.0 * 36)));
  // Compute util: mapping efficiency x T / (2R + 2C + T - 3) = 94.53125% x 3025/3150.
  CHECK(ws.report.compute_util_pct == Approx(94.53125 * 3025.0 / 3150.0));
  CHECK(ws.report.overall_util_pct == Approx(100.0 * 105415200.0 / (112283.0 * 1024.0)));

  // OS: Sr = 25 pixels (1 fold), Sc = 384 (12 folds), T = 3*3*192 = 1728; 12 * (1728 + 62) - 1.
  const Run os = run(array, test, sim::SystolicDataflow::OutputStationary);
  CHECK(os.report.total_cycles == 21479);
  CHECK(os.report.mapping_efficiency_pct == Approx(100.0 * 25 / 32));
  CHECK(os.report.compute_util_pct == Approx(78.125 * 1728.0 / 1790.0));
  CHECK(os.report.overall_util_pct == Approx(100.0 * 25 * 384 * 1728 / (21479.0 * 1024.0)));

  // IS on CONV1: Sr = 363 (12 folds), Sc = 3025 pixels (95 folds), T = 96;
  // 1140 folds of 2*32 + 32 + 96 - 2 = 190 cycles.
  const Run is = run(array, conv1, sim::SystolicDataflow::InputStationary);
  CHECK(is.report.total_cycles == 1140ULL * 190 - 1);
  CHECK(is.report.mapping_efficiency_pct == Approx(100.0 * 363 * 3025 / (1024.0 * 1140)));
}

TEST_CASE("SCALE-Sim GEMM topology lowers M, N, K like SCALE-Sim", "[arch][sim]") {
  const auto config = scalesim::read_config(source_path("tests/data/scalesim/scale.cfg"));
  const auto array = arch::parse_architecture(scalesim::architecture_json(config), config.file);
  const auto topology = scalesim::read_topology(source_path("tests/data/scalesim/gemm.csv"));
  REQUIRE(topology.gemm);
  const auto net = arch::parse_network(scalesim::network_json(topology), topology.file);
  // M x K input, 1 x K filter, N filters: MACs M*N*K; OS folds ceil(M/32) x ceil(N/32) of
  // K + 62 cycles.
  const arch::Layer& t1 = *net.find("Test 1");
  CHECK(t1.macs() == 128ULL * 64 * 256);
  const Run a = run(array, t1, sim::SystolicDataflow::OutputStationary);
  CHECK(a.report.total_cycles == 4 * 2 * (256 + 62) - 1);
  CHECK(a.report.mapping_efficiency_pct == Approx(100.0));
  CHECK(a.report.compute_util_pct == Approx(100.0 * 256 / 318));
  const Run b = run(array, *net.find("Proj"), sim::SystolicDataflow::OutputStationary);
  CHECK(b.report.total_cycles == 4 * 2 * (70 + 62) - 1);
  // Folds of 32/32/32/4 rows x 32/8 columns: (100 * 40) / (8 folds * 1024).
  CHECK(b.report.mapping_efficiency_pct == Approx(100.0 * 100 * 40 / (8 * 1024.0)));
  CHECK(b.report.overall_util_pct == Approx(100.0 * 100 * 40 * 70 / (1055.0 * 1024)));
}

TEST_CASE("SCALE-Sim depthwise rows run one layer per channel", "[arch]") {
  const auto topology = scalesim::parse_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\nConvDP1, 8, 8, 3, 3, 4, 1, 1, 2,\n",
      "dw.csv");
  const auto net = arch::parse_network(scalesim::network_json(topology), "dw.csv");
  REQUIRE(net.layers.size() == 4);
  CHECK(net.layers[3].name == "ConvDP1Channel_3");
  CHECK(net.layers[0].dim(arch::Dim::C) == 1);
  CHECK(net.layers[0].dim(arch::Dim::Q) == 4);  // column stride 2: ceil((8 - 3 + 2) / 2)
}

TEST_CASE("A SCALE-Sim row's last field that starts with '#' is a note", "[arch]") {
  // SCALE-Sim's mobilnet_paper.csv marks depthwise rows with "#dw" after the last comma; SCALE-Sim
  // drops the last field of every row.
  const auto topology = scalesim::parse_topology(
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\nConv1, 16, 16, 3, 3, 3, 8, 2,\nConv2_dw, 7, 7, 3, 3, 1, 1, 1,#dw\n",
      "notes.csv");
  REQUIRE(topology.layers.size() == 2);
  CHECK(topology.layers[1].name == "Conv2_dw");
  CHECK(topology.layers[1].stride_w == 1);
}

TEST_CASE("Malformed SCALE-Sim files name the file and line", "[arch]") {
  CHECK(error_of("[general]\nrun_name = x\n[architecture_presets]\nArrayHieght: 8\n", true) ==
        "bad.cfg:4: unknown key \"ArrayHieght\" in [architecture_presets] (did you mean "
        "\"ArrayHeight\"?)");
  CHECK(error_of("[arch]\n", true).rfind("bad.cfg:1: unknown section [arch]", 0) == 0);
  CHECK(error_of("[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\nIfmapSramSzkB: 1\n"
                 "FilterSramSzkB: 1\nOfmapSramSzkB: 1\nDataflow: rs\n",
                 true) == "bad.cfg:7: Dataflow: expected os, ws or is, got \"rs\"");
  CHECK(error_of("[architecture_presets]\nArrayHeight: 8\n", true) ==
        "bad.cfg: missing required key \"ArrayWidth\"");
  const std::string header =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter "
      "Width, Channels, Num Filter, Strides,\n";
  CHECK(error_of(header + "c1, 8, 8, 3, 3, x3, 4, 1,\n", false) ==
        "bad.csv:2: Channels: expected a positive integer, got \"x3\"");
  CHECK(
      error_of(header + "\nc1, 8, 8, 3,\n", false).rfind("bad.csv:3: expected 8 or 9 fields", 0) ==
      0);
  CHECK(error_of(header + "c1, 2, 8, 3, 3, 3, 4, 1,\n", false) ==
        "bad.csv:2: filter 3x3 is larger than the IFMAP 2x8");
  CHECK(error_of("Layer, M, N, K,\ng, 4, 0, 2,\n", false) ==
        "bad.csv:2: N: expected a positive integer, got \"0\"");
}
