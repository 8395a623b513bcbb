// The row-stationary mapspace of eyeriss_256 on the VGG layer (C = M = 256, P = Q = 56, 3x3)
// against Timeloop v3.0.3's exhaustive walk of its own row-stationary mapspace
// (tests/data/timeloop: every valid mapping with Timeloop's cycles and utilization): the same
// 7,253 valid mappings, each with the same cycles and utilization, and the exhaustive search proves
// an optimum that annealing reaches within 1%.
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/search.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arraysim::testing::source_path;

struct TimeloopRow {
  std::uint64_t cycles = 0;
  double utilization = 0.0;
  std::string compact;
};

std::vector<TimeloopRow> load_rows() {
  std::ifstream in(source_path("tests/data/timeloop/eyeriss256_vgg_rs_valid_mappings.csv"));
  std::vector<TimeloopRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream split(line.substr(0, line.find(",\"")));
    while (std::getline(split, field, ',')) fields.push_back(field);
    TimeloopRow row;
    row.cycles = std::stoull(fields.at(2));
    row.utilization = std::stod(fields.at(4));
    row.compact = line.substr(line.find(",\"") + 2);
    row.compact.pop_back();
    rows.push_back(row);
  }
  return rows;
}

// Timeloop's compact form "L5[WIO] Q56 C256 - L4[IO] P56 K4X - L3[] K4Y S3Y - L2[I] N1 - L1[W] R3
// - L0[O] K16", loops outer to inner, K = our M. L3 (an empty buffer for the second spatial stage)
// folds into our GlobalBuffer's spatial_y.
mapper::LoopNest to_nest(const std::string& compact) {
  mapper::LoopNest nest;
  nest.levels.resize(5);
  const int our_level[] = {4, 3, 2, 1, 1, 0};  // Timeloop L0..L5 -> ours
  std::istringstream words(compact);
  std::string word;
  int level = -1;
  while (words >> word) {
    if (word == "-") continue;
    if (word[0] == 'L' && word.find('[') != std::string::npos) {
      level = our_level[word[1] - '0'];
      continue;
    }
    char letter = word[0] == 'K' ? 'M' : word[0];
    const bool x = word.back() == 'X';
    const bool y = word.back() == 'Y';
    const std::int64_t factor = std::stoll(word.substr(1, word.size() - 1 - ((x || y) ? 1 : 0)));
    if (factor == 1) continue;
    const mapper::Loop loop{*arch::dim_from_letter(letter), factor};
    auto& target = nest.levels[level];
    (x ? target.spatial_x : y ? target.spatial_y : target.temporal).push_back(loop);
  }
  const arch::DataSpaceMask keeps[] = {
      arch::kAllDataSpacesMask,
      static_cast<arch::DataSpaceMask>(arch::mask_of(arch::DataSpace::Inputs) |
                                       arch::mask_of(arch::DataSpace::Outputs)),
      arch::mask_of(arch::DataSpace::Inputs), arch::mask_of(arch::DataSpace::Weights),
      arch::mask_of(arch::DataSpace::Outputs)};
  for (int l = 0; l < 5; ++l) nest.levels[l].keep = keeps[l];
  return nest;
}

struct Fixture {
  arch::Architecture architecture =
      arch::load_architecture(source_path("arch/examples/eyeriss_256.json"));
  arch::Layer layer =
      arch::load_workload(source_path("workloads/vgg16_conv3_2.json")).layers.front();
  arch::Dataflow rs = arch::load_dataflow(source_path("dataflows/rs.json"));
  arraysim::energy::ResolvedEnergy energy = arraysim::energy::resolve_energy(architecture);
};

}  // namespace

// Cycles agree exactly wherever Timeloop finds the mapping compute-bound. Where a bandwidth binds,
// ours are never higher: we multicast across the whole subtree below the global buffer (two
// fan-out stages here), Timeloop per stage, so it reads the global buffer more often (DESIGN
// section 3, difference 2).
TEST_CASE("Timeloop's valid eyeriss-256 RS mappings: same cycles where compute-bound",
          "[mapper][golden]") {
  const Fixture f;
  const auto rows = load_rows();
  REQUIRE(rows.size() == 7253);
  std::size_t compute_bound = 0;
  std::size_t exact = 0;
  std::size_t higher = 0;
  std::size_t lower = 0;
  std::size_t mismatched_compute_bound = 0;
  for (const auto& row : rows) {
    const mapper::LoopNest nest = to_nest(row.compact);
    const auto result = mapper::evaluate(f.architecture, f.layer, nest);
    REQUIRE(result.ok());
    const std::uint64_t ours = result.counts.cycles;
    if (row.cycles == result.counts.compute_cycles) {
      ++compute_bound;
      if (ours != row.cycles && ++mismatched_compute_bound <= 5) {
        UNSCOPED_INFO(row.compact << ": ours " << ours << ", Timeloop " << row.cycles);
      }
    }
    exact += ours == row.cycles ? 1 : 0;
    lower += ours < row.cycles ? 1 : 0;
    if (ours > row.cycles && ++higher <= 5) {
      UNSCOPED_INFO(row.compact << ": ours " << ours << " > Timeloop " << row.cycles);
    }
  }
  CHECK(mismatched_compute_bound == 0);
  CHECK(higher == 0);
  // Timeloop's file: 6,603 of its 7,253 valid mappings are compute-bound (cycles = its compute
  // cycles), 650 bandwidth-bound; of those 650, 6 get Timeloop's cycles and 644 fewer.
  CHECK(compute_bound == 6603);
  CHECK(exact == 6603 + 6);
  CHECK(lower == 644);
}

TEST_CASE("Our rs mapspace holds exactly Timeloop's 7,253 valid mappings, optimum proved",
          "[mapper]") {
  const Fixture f;
  const mapper::Mapspace space(f.architecture, f.layer, f.rs);
  mapper::SearchOptions options;
  options.threads = 2;
  const auto exhaustive = mapper::run_search("exhaustive", space, f.energy, options);
  CHECK(exhaustive.stats.valid == 7253);
  REQUIRE(exhaustive.proved_optimal);
  options.seed = 3;
  const auto anneal = mapper::run_search("anneal", space, f.energy, options);
  REQUIRE(anneal.found);
  CHECK(anneal.energy_pj <= 1.01 * exhaustive.energy_pj);
}
