// A layer with no valid mapping is a result, not a crash: Eyeriss v1 shrunk to 8x8 PEs cannot
// unroll AlexNet CONV1's 11 filter rows (R = 11) on its 8 PE rows under row stationary, and every
// search says so (the sampling searches used to index an empty factorization list).
#include <catch2/catch.hpp>

#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "mapper/search.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arraysim::testing::source_path;

arch::Architecture eyeriss_8x8() {
  arch::Architecture a = arch::load_architecture(source_path("arch/examples/eyeriss_v1.json"));
  for (auto& level : a.levels) {
    if (level.instances == 168) {
      level.instances = 64;
      level.mesh_x = 8;
    }
  }
  a.compute.instances = 64;
  a.compute.mesh_x = 8;
  return a;
}

}  // namespace

TEST_CASE("Every search reports an empty mapspace as infeasible with the reason", "[mapper]") {
  const arch::Architecture a = eyeriss_8x8();
  const auto energy = arraysim::energy::resolve_energy(a);
  const arch::Layer layer =
      arch::load_workload(source_path("workloads/alexnet_conv1.json")).layers.front();
  const arch::Dataflow rs = arch::load_dataflow(source_path("dataflows/rs.json"));
  const mapper::Mapspace space(a, layer, rs);  // keeps a pointer: the dataflow must outlive it
  for (const std::string& name : mapper::search_names()) {
    INFO(name);
    mapper::SearchOptions options;
    options.threads = 2;
    const auto result = mapper::run_search(name, space, energy, options);
    CHECK_FALSE(result.found);
    CHECK(result.proved_infeasible);
    CHECK(mapper::proof_status(result) == "infeasible");
    CHECK(result.infeasible_reason.find("R = 11") != std::string::npos);
    CHECK(result.infeasible_reason.find("at most 8") != std::string::npos);
  }
  // The same layer maps under os on the same array.
  const arch::Dataflow os_flow = arch::load_dataflow(source_path("dataflows/os.json"));
  const mapper::Mapspace os(a, layer, os_flow);
  mapper::SearchOptions options;
  options.max_evaluations = 2000;
  CHECK(mapper::run_search("anneal", os, energy, options).found);
}

TEST_CASE("A search that samples no valid point does not claim infeasibility", "[mapper]") {
  // Capacity-infeasible everywhere: a 1-word register file that must keep all three data spaces.
  arch::Architecture a;
  a.name = "tiny";
  arch::StorageLevel dram;
  dram.name = "DRAM";
  dram.kind = arch::LevelKind::Dram;
  arch::StorageLevel rf;
  rf.name = "RF";
  rf.kind = arch::LevelKind::Regfile;
  rf.capacity_words = 1;
  rf.residency = {arch::Residency::Keep, arch::Residency::Keep, arch::Residency::Keep};
  a.levels = {dram, rf};
  arraysim::energy::ResolvedEnergy energy;
  energy.levels.resize(2);
  energy.networks.resize(3);
  energy.routers.resize(3);
  const arch::Layer layer =
      arch::load_workload(source_path("workloads/conv1d_r3_p16.json")).layers.front();
  const arch::Dataflow free = arch::load_dataflow(source_path("dataflows/free.json"));
  const mapper::Mapspace space(a, layer, free);
  mapper::SearchOptions options;
  options.max_evaluations = 500;
  const auto sampled = mapper::run_search("random", space, energy, options);
  CHECK_FALSE(sampled.found);
  CHECK_FALSE(sampled.proved_infeasible);
  CHECK(mapper::proof_status(sampled) == "none found");
  options.max_evaluations = 0;
  const auto exhaustive = mapper::run_search("exhaustive", space, energy, options);
  CHECK_FALSE(exhaustive.found);
  CHECK(exhaustive.proved_infeasible);
  CHECK(exhaustive.infeasible_reason.find("every mapping is invalid") != std::string::npos);
}
