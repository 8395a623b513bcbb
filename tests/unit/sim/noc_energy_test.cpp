// Network energy follows the topology: every transfer is priced per link of its multicast,
// reduction or unicast tree on the stage's graph and per router it passes, in the analytical model
// and in the simulator alike. Hand-derived counts on a 1x4 bus, a 1x4 mesh and a 2x2 mesh; the
// model's and the simulator's traversals equal on eyeriss_v1 (AlexNet CONV1-5, row-stationary), on
// the same array wired as a mesh and as a hierarchical mesh, and on random cases.
#include <random>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/json_reader.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/stats.hpp"
#include "sim/core/simulator.hpp"
#include "tests/support/random_cases.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
namespace sim = arraysim::sim;
using arch::DataSpace;
using arraysim::testing::source_path;

constexpr int kW = 0, kI = 1, kO = 2;  // data space indices: Weights, Inputs, Outputs

struct Run {
  arch::Architecture architecture;
  mapper::ActionCounts model;
  mapper::ActionCounts simulated;
  mapper::Stats model_stats;
  mapper::Stats sim_stats;
};

// A GLB feeding an fx x fy array of PEs over `topology` (1 pJ per link, 0.5 pJ per router), the
// layer M x Q with a 3x3 filter, Q across X and M across Y, the filter taps in each PE.
Run tiny_array(const std::string& topology, std::int64_t fx, std::int64_t fy) {
  // Only the network is priced: storage and MACs cost nothing here.
  const arch::Json zero = {{"read_pj", 0.0}, {"write_pj", 0.0}};
  const arch::Json network = {
      {"topology", topology}, {"transfer_pj", 1.0}, {"router_pj", 0.5}, {"link_bits", 16}};
  const arch::Json arch_json = {
      {"spec", "architecture"},
      {"name", "tiny"},
      {"levels",
       {{{"name", "DRAM"}, {"kind", "dram"}, {"energy", zero}},
        {{"name", "GLB"}, {"kind", "sram"}, {"capacity_words", 4096}, {"energy", zero}},
        {{"name", "PE"},
         {"kind", "regfile"},
         {"capacity_words", 64},
         {"energy", zero},
         {"instances", fx * fy},
         {"mesh_x", fx},
         {"network", network}}}},
      {"compute",
       {{"name", "MAC"}, {"instances", fx * fy}, {"mesh_x", fx}, {"energy", {{"mac_pj", 0.0}}}}}};
  Run r;
  r.architecture = arch::parse_architecture(arch_json, "tiny.json");
  const arch::Json layer_json = {{"spec", "layer"}, {"name", "l"}, {"type", "conv"},
                                 {"M", fy},         {"C", 1},      {"P", 1},
                                 {"Q", fx},         {"R", 3},      {"S", 3}};
  const auto layer = arch::parse_layer(layer_json, {"l.json", ""}, false);
  const arch::Json mapping_json = {{"spec", "mapping"},
                                   {"levels",
                                    {{{"level", "GLB"},
                                      {"spatial_x", "Q" + std::to_string(fx)},
                                      {"spatial_y", "M" + std::to_string(fy)}},
                                     {{"level", "PE"}, {"temporal", "R3 S3"}}}}};
  const auto nest =
      mapper::bind_mapping(arch::parse_mapping(mapping_json, "m.json"), r.architecture, layer);
  const auto evaluation = mapper::evaluate(r.architecture, layer, nest);
  REQUIRE(evaluation.ok());
  r.model = evaluation.counts;
  r.simulated = sim::simulate(r.architecture, layer, nest, {}).counts;
  const auto energy = arraysim::energy::resolve_energy(r.architecture);
  r.model_stats = mapper::make_stats(r.architecture, "l", r.model, energy);
  r.sim_stats = mapper::make_stats(r.architecture, "l", r.simulated, energy);
  REQUIRE(r.model.networks.size() == 1);
  REQUIRE(r.simulated.networks.size() == 1);
  return r;
}

// The model's and the simulator's traversals, network by network and data space by data space.
void same_traversals(const mapper::ActionCounts& model, const mapper::ActionCounts& simulated) {
  REQUIRE(model.networks.size() == simulated.networks.size());
  for (std::size_t n = 0; n < model.networks.size(); ++n) {
    for (int d = 0; d < arch::kNumDataSpaces; ++d) {
      INFO("network into " << model.networks[n].into << ", data space " << d);
      CHECK(model.networks[n].transfers[d] == simulated.networks[n].transfers[d]);
      CHECK(model.networks[n].link_words[d] == simulated.networks[n].link_words[d]);
      CHECK(model.networks[n].router_words[d] == simulated.networks[n].router_words[d]);
    }
  }
}

}  // namespace

TEST_CASE("NoC energy on a 1x4 bus: one link traversal per transfer (hand-derived)", "[sim]") {
  const Run r = tiny_array("bus", 4, 1);
  const auto& net = r.model.networks[0];
  // Weights: the 9 taps, the same in every PE: 9 multicasts. Inputs: each PE its own 3x3 window:
  // 4 x 9 transfers. Outputs: one word from each PE: 4.
  CHECK(net.transfers[kW] == 9);
  CHECK(net.transfers[kI] == 36);
  CHECK(net.transfers[kO] == 4);
  // A bus is one link whatever the destinations, and has no router.
  CHECK(net.link_words[kW] == 9);
  CHECK(net.link_words[kI] == 36);
  CHECK(net.link_words[kO] == 4);
  for (int d = 0; d < arch::kNumDataSpaces; ++d) CHECK(net.router_words[d] == 0);
  same_traversals(r.model, r.simulated);
  // 49 transfers at 1 pJ: the energy of a bus does not depend on the topology pricing.
  CHECK(r.model_stats.networks[0].energy_pj == Approx(49.0));
  CHECK(r.sim_stats.networks[0].energy_pj == Approx(49.0));
}

TEST_CASE("NoC energy on a 1x4 mesh: routes and multicast trees along the row (hand-derived)",
          "[sim]") {
  const Run r = tiny_array("mesh", 4, 1);
  const auto& net = r.model.networks[0];
  // The parent enters at PE 0; PE q is q + 1 links and q + 1 routers away.
  CHECK(net.link_words[kW] == 9 * 4);                // the broadcast tree: all 4 links
  CHECK(net.link_words[kI] == 9 * (1 + 2 + 3 + 4));  // every window on its own route
  CHECK(net.link_words[kO] == 1 + 2 + 3 + 4);
  CHECK(net.router_words[kW] == 9 * 4);
  CHECK(net.router_words[kI] == 9 * 10);
  CHECK(net.router_words[kO] == 10);
  same_traversals(r.model, r.simulated);
  // 136 link traversals at 1 pJ and 136 router passes at 0.5 pJ.
  CHECK(r.model_stats.networks[0].energy_pj == Approx(204.0));
  CHECK(r.sim_stats.networks[0].energy_pj == Approx(204.0));
}

TEST_CASE("NoC energy on a 2x2 mesh: XY-routed multicast trees (hand-derived)", "[sim]") {
  const Run r = tiny_array("mesh", 2, 2);
  const auto& net = r.model.networks[0];
  // PE (x, y) holds filter m = y and output column q = x. Routes run along X, then Y, from the
  // parent's link into PE (0,0): (0,0) 1 link, (1,0) 2, (0,1) 2, (1,1) 3 (through (1,0)).
  // Weights of filter 0 go to row y = 0: root-(0,0)-(1,0), 2 links, 2 routers; filter 1 to row
  // y = 1: root-(0,0)-(0,1) and (0,0)-(1,0)-(1,1), 4 links, 4 routers. 9 words each.
  CHECK(net.transfers[kW] == 18);
  CHECK(net.link_words[kW] == 9 * (2 + 4));
  CHECK(net.router_words[kW] == 9 * (2 + 4));
  // Inputs of column q go to both PEs of column x = q: root-(0,0)-(0,1), 2 links; and
  // root-(0,0)-(1,0)-(1,1), 3 links. 9 words each.
  CHECK(net.transfers[kI] == 18);
  CHECK(net.link_words[kI] == 9 * (2 + 3));
  CHECK(net.router_words[kI] == 9 * (2 + 3));
  // One output from each PE along its own route: 1 + 2 + 2 + 3.
  CHECK(net.transfers[kO] == 4);
  CHECK(net.link_words[kO] == 8);
  CHECK(net.router_words[kO] == 8);
  same_traversals(r.model, r.simulated);
  CHECK(r.model_stats.networks[0].energy_pj == Approx(107.0 + 0.5 * 107.0));
  CHECK(r.sim_stats.networks[0].energy_pj == Approx(107.0 + 0.5 * 107.0));

  // The same mapping on a bus: 40 transfers, 40 pJ. A mesh costs more.
  const Run bus = tiny_array("bus", 2, 2);
  CHECK(bus.model_stats.networks[0].energy_pj == Approx(40.0));
  CHECK(r.model_stats.networks[0].energy_pj > bus.model_stats.networks[0].energy_pj);
  CHECK(r.model_stats.energy_pj > bus.model_stats.energy_pj);
}

TEST_CASE("Model and simulator count the same NoC traversals on eyeriss_v1 and mesh variants",
          "[sim]") {
  const std::string arch_file = source_path("arch/examples/eyeriss_v1.json");
  const auto network = arch::load_workload(source_path("workloads/alexnet.json"));
  struct Variant {
    std::string name;
    arch::Json network;
  };
  const std::vector<Variant> variants = {
      {"eyeriss_bus", {{"topology", "eyeriss_bus"}, {"link_bits", 64}}},
      {"mesh", {{"topology", "mesh"}, {"link_bits", 64}, {"router_pj", 1.0}}},
      {"hierarchical_mesh",
       {{"topology", "hierarchical_mesh"}, {"cluster_x", 2}, {"cluster_y", 3}, {"router_pj", 1.0}}},
  };
  std::map<std::string, double> conv1_energy;
  for (const Variant& variant : variants) {
    arch::Json json = arch::load_json_file(arch_file);
    json["levels"][2]["network"] = variant.network;
    const auto architecture = arch::parse_architecture(json, arch_file);
    const auto energy = arraysim::energy::resolve_energy(architecture);
    for (const std::string layer_name : {"conv1", "conv2", "conv3", "conv4", "conv5"}) {
      INFO(variant.name << " " << layer_name);
      const arch::Layer& layer = *network.find(layer_name);
      const std::string mapping =
          layer_name == "conv1" ? "tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json"
                                : "tests/data/noc/eyeriss_v1_alexnet_" + layer_name + "_rs.json";
      const auto nest =
          mapper::bind_mapping(arch::load_mapping(source_path(mapping)), architecture, layer);
      const auto model = mapper::evaluate(architecture, layer, nest);
      REQUIRE(model.ok());
      const auto simulated = sim::simulate(architecture, layer, nest, {});
      same_traversals(model.counts, simulated.counts);
      const auto model_stats = mapper::make_stats(architecture, layer_name, model.counts, energy);
      const auto sim_stats = mapper::make_stats(architecture, layer_name, simulated.counts, energy);
      REQUIRE(model_stats.networks.size() == 1);
      const auto& net = model_stats.networks[0];
      CHECK(net.energy_pj == Approx(sim_stats.networks[0].energy_pj).epsilon(1e-12));
      // 2 units per link (the ISCA'16 inter-PE cost) and 1 per router.
      CHECK(net.energy_pj == Approx(2.0 * static_cast<double>(net.link_transfers) +
                                    static_cast<double>(net.router_transfers))
                                 .epsilon(1e-12));
      CHECK(net.link_transfers > net.transfers);  // the trees are more than one link
      if (layer_name == "conv1") conv1_energy[variant.name] = net.energy_pj;
    }
  }
  // A flat mesh's routes are longer than the eyeriss buses' two hops.
  CHECK(conv1_energy["mesh"] > conv1_energy["eyeriss_bus"]);
}

namespace {

// Random topologies, cluster shapes and multicast/reduction on every stage of a random case.
void add_random_topologies(arch::Architecture& a, std::mt19937& rng) {
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const arch::Topology topologies[] = {arch::Topology::Bus,      arch::Topology::EyerissBus,
                                       arch::Topology::Mesh,     arch::Topology::HierarchicalMesh,
                                       arch::Topology::Crossbar, arch::Topology::Systolic};
  auto randomize = [&](arch::NetworkSpec& net) {
    if (pick(0, 4) == 0) return;  // keep the case's network (often undeclared)
    net.declared = true;
    net.topology = topologies[pick(0, 5)];
    net.cluster_x = pick(1, 3);
    net.cluster_y = pick(1, 3);
  };
  for (std::size_t l = 1; l < a.levels.size(); ++l) randomize(a.levels[l].network);
  randomize(a.compute.network);
}

}  // namespace

TEST_CASE("Model and simulator count the same NoC traversals on 300 random cases", "[sim]") {
  std::mt19937 rng(31337);
  for (int i = 0; i < 300; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    add_random_topologies(rc.arch, rng);
    INFO(arraysim::testing::describe(rc));
    const auto model = mapper::evaluate(rc.arch, rc.layer, rc.nest);
    const auto simulated = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{true});
    same_traversals(model.counts, simulated.counts);
    // Each transfer crosses at least one link on every stage it passes.
    for (const auto& net : model.counts.networks) {
      for (int d = 0; d < arch::kNumDataSpaces; ++d) CHECK(net.link_words[d] >= net.transfers[d]);
    }
  }
}
