// On eyeriss_bus and hierarchical_mesh stages, broadcasting one weight tile to every PE costs one
// global-buffer read per word and one traversal of each bus or link of the multicast tree;
// unicasting it costs one read and one route per PE.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/mapping.hpp"
#include "sim/core/simulator.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arch::DataSpace;

struct Outcome {
  std::uint64_t pe_fills = 0;      // weight words each PE receives
  std::uint64_t buffer_reads = 0;  // global-buffer weight reads
  std::uint64_t link_words = 0;    // weight words x links on the stage
};

Outcome broadcast_weights(const std::string& topology, bool multicast, std::int64_t fx,
                          std::int64_t fy, std::int64_t cluster_x = 1, std::int64_t cluster_y = 1) {
  const arch::Json network = {{"topology", topology},
                              {"multicast", multicast},
                              {"cluster_x", cluster_x},
                              {"cluster_y", cluster_y}};
  const arch::Json arch_json = {
      {"spec", "architecture"},
      {"name", "noc"},
      {"levels",
       {{{"name", "DRAM"}, {"kind", "dram"}},
        {{"name", "GLB"}, {"kind", "sram"}, {"capacity_words", 65536}},
        {{"name", "PE"},
         {"kind", "regfile"},
         {"capacity_words", 64},
         {"instances", fx * fy},
         {"mesh_x", fx},
         {"network", network}}}},
      {"compute", {{"name", "MAC"}, {"instances", fx * fy}, {"mesh_x", fx}}}};
  const auto architecture = arch::parse_architecture(arch_json, "noc.json");
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "l"}, {"type", "conv"},
                                 {"M", 1},          {"C", 1},      {"P", fy},
                                 {"Q", fx},         {"R", 3},      {"S", 3}};
  const auto layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  // Output pixels across the array: every PE needs the same 3x3 filter.
  const arch::Json mapping_json = {{"spec", "mapping"},
                                   {"levels",
                                    {{{"level", "GLB"},
                                      {"spatial_x", "Q" + std::to_string(fx)},
                                      {"spatial_y", "P" + std::to_string(fy)}},
                                     {{"level", "PE"}, {"temporal", "R3 S3"}}}}};
  const auto nest =
      mapper::bind_mapping(arch::parse_mapping(mapping_json, "m.json"), architecture, layer);
  const auto result = arraysim::sim::simulate(architecture, layer, nest, {});
  const int w = arch::index(DataSpace::Weights);
  Outcome out;
  out.pe_fills = result.counts.levels[2].dataspaces[w].fills;
  out.buffer_reads = result.counts.levels[1].dataspaces[w].reads;
  REQUIRE(result.counts.networks.size() == 1);
  out.link_words = result.counts.networks[0].link_words[w];
  return out;
}

}  // namespace

TEST_CASE("Eyeriss bus: broadcast vs unicast of a weight tile", "[sim]") {
  const std::int64_t fx = 14, fy = 12, pes = fx * fy;
  const Outcome broadcast = broadcast_weights("eyeriss_bus", true, fx, fy);
  REQUIRE(broadcast.pe_fills == 9);
  CHECK(broadcast.buffer_reads == 9);           // one read per word
  CHECK(broadcast.link_words == 9 * (1 + fy));  // the Y-bus and every X-bus once
  const Outcome unicast = broadcast_weights("eyeriss_bus", false, fx, fy);
  CHECK(unicast.buffer_reads == 9 * pes);    // one read per PE
  CHECK(unicast.link_words == 9 * 2 * pes);  // Y-bus + one X-bus per PE
}

TEST_CASE("Hierarchical mesh: broadcast vs unicast of a weight tile", "[sim]") {
  // 6 x 4 PEs in clusters of 3 x 2 behind a 2 x 2 mesh of routers.
  const Outcome broadcast = broadcast_weights("hierarchical_mesh", true, 6, 4, 3, 2);
  CHECK(broadcast.buffer_reads == 9);
  CHECK(broadcast.link_words == 9 * (1 + 3 + 4));  // parent link, 3 mesh links, 4 local buses
  const Outcome unicast = broadcast_weights("hierarchical_mesh", false, 6, 4, 3, 2);
  CHECK(unicast.buffer_reads == 9 * 24);
  CHECK(unicast.link_words == 9 * 6 * (2 + 3 + 3 + 4));  // per cluster: 1 + i + j + 1 links
}
