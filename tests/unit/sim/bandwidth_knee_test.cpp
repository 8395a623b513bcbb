// Sweeping DRAM bandwidth moves a layer from memory-bound to compute-bound at the knee its
// operational intensity predicts: bandwidth* = DRAM words moved (the busier of reads and writes)
// / compute cycles. Transfers of one DRAM step overlap the compute of the previous one, so a run
// takes at least max(words / bandwidth, compute cycles) and at most that plus what cannot
// overlap: the first step's transfers and the last step's compute.
#include <algorithm>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "mapper/model.hpp"
#include "sim/core/simulator.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;

arch::Architecture streaming_arch(double dram_bandwidth) {
  const arch::Json json = {{"spec", "architecture"},
                           {"name", "stream"},
                           {"levels",
                            {{{"name", "DRAM"},
                              {"kind", "dram"},
                              {"read_bandwidth", dram_bandwidth},
                              {"write_bandwidth", dram_bandwidth}},
                             {{"name", "Buffer"},
                              {"kind", "sram"},
                              {"capacity_words", 4096},
                              {"multiple_buffering", 2},
                              {"instances", 16},
                              {"mesh_x", 16}}}},
                           {"compute", {{"name", "MAC"}, {"instances", 16}, {"mesh_x", 16}}}};
  return arch::parse_architecture(json, "stream.json");
}

}  // namespace

TEST_CASE("DRAM bandwidth sweep: the knee sits where operational intensity predicts", "[sim]") {
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "l"}, {"type", "conv"},
                                 {"M", 16},         {"C", 16},     {"P", 32},
                                 {"Q", 32},         {"R", 3},      {"S", 3}};
  const arch::Layer layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  const arch::Json mapping_json = {
      {"spec", "mapping"},
      {"levels",
       {{{"level", "DRAM"}, {"temporal", "P16 C4"}, {"spatial_x", "M16"}},
        {{"level", "Buffer"}, {"temporal", "C4 P2 Q32 R3 S3"}}}}};
  const arch::MappingSpec spec = arch::parse_mapping(mapping_json, "m.json");
  const auto probe = streaming_arch(1.0);
  const auto nest = mapper::bind_mapping(spec, probe, layer);
  const auto model = mapper::evaluate(probe, layer, nest);
  REQUIRE(model.ok());
  // Reads and writes have their own DRAM bandwidth: the busier direction sets the pace.
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  for (const auto& ds : model.counts.levels[0].dataspaces) {
    reads += ds.reads;
    writes += ds.fills + ds.updates;
  }
  const std::uint64_t dram_words = std::max(reads, writes);
  const double compute = static_cast<double>(model.counts.compute_cycles);
  const double knee = static_cast<double>(dram_words) / compute;  // words per cycle
  INFO("DRAM words " << dram_words << ", compute cycles " << compute << ", knee " << knee);
  const double steps = 16 * 4;  // the DRAM level's temporal loops, "P16 C4"
  for (double factor : {0.125, 0.25, 0.5, 2.0, 4.0, 8.0}) {
    const double bandwidth = knee * factor;
    const auto result = arraysim::sim::simulate(streaming_arch(bandwidth), layer, nest, {});
    const double cycles = static_cast<double>(result.counts.cycles);
    const double transfer = static_cast<double>(dram_words) / bandwidth;
    const double ideal = std::max(transfer, compute);
    INFO("bandwidth " << bandwidth << " words/cycle: " << cycles << " cycles, ideal " << ideal);
    CHECK(cycles >= ideal);
    CHECK(cycles <= ideal + transfer / steps + compute / steps);
    // The side of the knee: memory-bound below it, compute-bound above.
    CHECK((factor < 1.0 ? transfer > compute : compute > transfer));
  }
}
