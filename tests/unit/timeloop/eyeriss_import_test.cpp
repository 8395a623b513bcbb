// The real Timeloop v3.0.3 inputs of the eyeriss-256 row-stationary study (tests/data/timeloop/
// eyeriss256: arch, VGG layer C = K = 256, P = Q = 56, 3x3, the exhaustive optimum mapping, the
// normalized ERT in three layouts, and the row-stationary mapspace) imported and run. Reference:
// Timeloop's stats for that mapping with the ERT (eye_opt_ert_norm.stats.txt). The only
// difference is the documented one (DESIGN section 3, difference 2): Timeloop multicasts per
// fan-out stage (GlobalBuffer -> DummyBuffer -> PEs), arraysim across the whole subtree, so the
// global buffer reads fewer input words; everything else is equal.
#include <catch2/catch.hpp>

#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/timeloop/mapping_export.hpp"
#include "arch/timeloop/timeloop_import.hpp"
#include "mapper/model.hpp"
#include "mapper/search.hpp"
#include "tests/support/test_paths.hpp"
#include "tests/unit/timeloop/import_support.hpp"

#include <cstdio>
#include <fstream>

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
namespace tl = arraysim::arch::timeloop;
using arch::DataSpace;
using arraysim::testing::counts_at;
using arraysim::testing::run_timeloop;
using arraysim::testing::source_path;

const std::string kDir = "tests/data/timeloop/eyeriss256/";

void check_against_timeloop(const arraysim::testing::ImportedRun& r) {
  CHECK(r.counts.macs == 1849688064ULL);
  CHECK(r.counts.cycles == 9633792);
  CHECK(r.stats.utilized_macs == 192);
  CHECK(r.stats.utilization == Approx(0.75));
  const auto& psum = counts_at(r, "PsumRegFile", DataSpace::Outputs);
  CHECK(psum.utilized_capacity == 16);
  CHECK(psum.reads == 9608704);
  CHECK(psum.updates == 9633792);
  CHECK(psum.fills == 777728);
  const auto& weights = counts_at(r, "WeightRegFile", DataSpace::Weights);
  CHECK(weights.utilized_capacity == 192);
  CHECK(weights.reads == 9633792);
  CHECK(weights.fills == 172032);
  const auto& inputs = counts_at(r, "InputRegFile", DataSpace::Inputs);
  CHECK(inputs.utilized_capacity == 12);
  CHECK(inputs.reads == 9633792);
  CHECK(inputs.fills == 207872);
  const auto& glb_in = counts_at(r, "GlobalBuffer", DataSpace::Inputs);
  CHECK(glb_in.utilized_capacity == 4640);
  CHECK(glb_in.fills == 2078720);
  // Difference 2 (Timeloop reads 9,977,856: it multicasts per fan-out stage). By hand: each of the
  // 192 input register files fills 207,872 words (above); below the global buffer the PEs span
  // Q8 K2 (X) and S3 C2 K2 (Y), and K does not index Inputs, while PEs with the same channel
  // group and the same input column q + s (q in 0..7, s in 0..2: 10 columns) fill the same words
  // at the same time. Multicast across the whole subtree serves those with one read: 2 channel
  // groups x 10 columns = 20 distinct sets, so 20 x 207,872 = 4,157,440 reads.
  CHECK(glb_in.reads == 20ULL * 207872);
  const auto& glb_out = counts_at(r, "GlobalBuffer", DataSpace::Outputs);
  CHECK(glb_out.utilized_capacity == 57344);
  CHECK(glb_out.reads == 24887296);
  CHECK(glb_out.updates == 25690112);
  CHECK(counts_at(r, "DRAM", DataSpace::Weights).reads == 4128768);
  CHECK(counts_at(r, "DRAM", DataSpace::Inputs).reads == 2078720);
  CHECK(counts_at(r, "DRAM", DataSpace::Outputs).updates == 802816);
  // Timeloop's energies per level (pJ), and its total less 6 pJ per input word the global buffer
  // does not read again.
  const auto level_energy = [&](const std::string& name) {
    return r.stats.levels[*r.architecture.find_level(name)].energy_pj;
  };
  CHECK(r.stats.compute_energy_pj == Approx(1849688064.0));
  CHECK(level_energy("PsumRegFile") == Approx(3843883008.0));
  CHECK(level_energy("WeightRegFile") == Approx(1882718208.0));
  CHECK(level_energy("InputRegFile") == Approx(1889599488.0));
  CHECK(level_energy("DRAM") == Approx(825753600.0 + 415744000.0 + 160563200.0));
  CHECK(r.stats.levels[1].dataspaces[arch::index(DataSpace::Outputs)].energy_pj ==
        Approx(303464448.0));
  // Timeloop's networks cost nothing here (its stats: no wire or router energy); ours neither.
  for (const auto& net : r.stats.networks) CHECK(net.energy_pj == 0.0);
  const double fewer_reads = 9977856.0 - static_cast<double>(glb_in.reads);
  CHECK(r.stats.energy_pj == Approx(11243.75e6 - 6.0 * fewer_reads).epsilon(1e-5));
}

}  // namespace

TEST_CASE("Timeloop import: eyeriss-256 optimum with the normalized ERT", "[timeloop][golden]") {
  for (const std::string ert :
       {"ert_eyeriss_norm_v03.yaml", "ert_eyeriss_norm_v02.yaml", "ert_eyeriss_norm_min.yaml"}) {
    INFO(ert);
    check_against_timeloop(run_timeloop({kDir + "arch_eyeriss256.yaml", kDir + ert,
                                         kDir + "prob_vgg_c256.yaml", kDir + "map_eye_opt.yaml"}));
  }
  INFO("energies given in the architecture (vector-access-energy)");
  check_against_timeloop(run_timeloop({kDir + "arch_eyeriss256_userenergy.yaml",
                                       kDir + "prob_vgg_c256.yaml", kDir + "map_eye_opt.yaml"}));
}

TEST_CASE("Timeloop import: the row-stationary mapspace", "[timeloop][mapper]") {
  auto imported = tl::import_timeloop({source_path(kDir + "arch_eyeriss256.yaml"),
                                       source_path(kDir + "ert_eyeriss_norm_v03.yaml"),
                                       source_path(kDir + "mapspace_rs.yaml")});
  REQUIRE(imported.dataflow);
  const auto architecture = arch::parse_architecture(imported.architecture->json, "arch");
  const auto dataflow = arch::parse_dataflow(imported.dataflow->json, "mapspace");
  const auto net = arch::load_workload(source_path("workloads/vgg16_conv3_2.json"));
  const auto energy = arraysim::energy::resolve_energy(architecture);
  mapper::SearchOptions options;
  options.threads = 2;
  options.progress = false;
  const mapper::Mapspace space(architecture, net.layers.front(), dataflow);
  const auto found = mapper::run_search("exhaustive", space, energy, options);
  // Timeloop's exhaustive walk of this mapspace: 7,253 valid mappings (timeloop-bench README).
  CHECK(found.stats.valid == 7253);
  REQUIRE(found.proved_optimal);
  // The shipped rs template states the same constraints (R/S and P/Q named the other way round,
  // which the square layer does not notice): the same space, the same optimum.
  const auto shipped = arch::load_dataflow(source_path("dataflows/rs.json"));
  const mapper::Mapspace rs_space(architecture, net.layers.front(), shipped);
  const auto rs = mapper::run_search("exhaustive", rs_space, energy, options);
  CHECK(rs.stats.valid == 7253);
  CHECK(found.energy_pj == Approx(rs.energy_pj).epsilon(1e-12));
  // Timeloop's optimum lies in the space: ours is no worse than its energy in our model.
  const auto timeloop_opt =
      run_timeloop({kDir + "arch_eyeriss256.yaml", kDir + "ert_eyeriss_norm_v03.yaml",
                    kDir + "prob_vgg_c256.yaml", kDir + "map_eye_opt.yaml"});
  CHECK(found.energy_pj <= timeloop_opt.stats.energy_pj);

  SECTION("export -> import gives the same mapping and identical stats") {
    const auto& layer = net.layers.front();
    const arch::MappingSpec spec = mapper::to_mapping_spec(found.best, architecture);
    const std::string path = "timeloop_roundtrip.mapping.yaml";
    std::ofstream(path) << tl::export_mapping(spec, layer);
    const auto back = tl::import_timeloop({source_path(kDir + "arch_eyeriss256.yaml"), path});
    std::remove(path.c_str());
    REQUIRE(back.mapping);
    CHECK(back.mapping->json == mapper::mapping_to_json(spec));
    const auto nest =
        mapper::bind_mapping(arch::parse_mapping(back.mapping->json, path), architecture, layer);
    const auto result = mapper::evaluate(architecture, layer, nest);
    REQUIRE(result.ok());
    CHECK(
        mapper::stats_to_json(
            mapper::make_stats(architecture, layer.name, result.counts, energy)) ==
        mapper::stats_to_json(mapper::make_stats(architecture, layer.name, found.counts, energy)));
  }
}
