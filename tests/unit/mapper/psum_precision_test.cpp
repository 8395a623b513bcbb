// Partial sums at their own precision, derived by hand on the conv1d tutorial (R = 3, P = 16, the
// two-level architecture of DESIGN section 3 with 8-bit words, MainMemory blocks of 8 words):
// psum reads, fills and updates below the outermost level and the psum share of the outermost
// level's updates are priced at the psum bits, the final write of each output at the Outputs bits;
// tiles below the outermost level hold psums. Counts are checked against the brute force.
#include <catch2/catch.hpp>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/search_sampling.hpp"
#include "mapper/stats.hpp"
#include "tests/support/brute_force.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arch::DataSpace;
using arraysim::testing::source_path;

constexpr int kOutputs = 2;  // arch::index(DataSpace::Outputs)

arch::Architecture tutorial_arch(std::int64_t accumulator_bits = 0, std::int64_t word_bits = 8) {
  arch::Json json = arch::load_json_file(source_path("arch/examples/conv1d_2level.json"));
  for (auto& level : json["levels"]) level["word_bits"] = word_bits;
  if (accumulator_bits > 0) json["compute"]["accumulator_bits"] = accumulator_bits;
  return arch::parse_architecture(json, source_path("arch/examples/conv1d_2level.json"));
}

arch::Layer conv1d(int bits, int psum_bits) {
  arch::Layer layer =
      arch::load_workload(source_path("workloads/conv1d_r3_p16.json")).layers.front();
  layer.bits = {bits, bits, bits};
  layer.psum_bits = psum_bits;
  return layer;
}

mapper::LoopNest nest_of(const arch::Architecture& a, const arch::Layer& layer,
                         const std::string& main_memory, const std::string& buffer) {
  const arch::Json json = {{"spec", "mapping"},
                           {"levels",
                            {{{"level", "MainMemory"}, {"temporal", main_memory}},
                             {{"level", "Buffer"}, {"temporal", buffer}}}}};
  return mapper::bind_mapping(arch::parse_mapping(json, "m.json"), a, layer);
}

struct Priced {
  mapper::Evaluation evaluation;
  mapper::Stats stats;
  arraysim::energy::ResolvedEnergy energy;
};

Priced price(const arch::Architecture& a, const arch::Layer& layer, const mapper::LoopNest& nest) {
  Priced out;
  out.evaluation = mapper::evaluate(a, layer, nest);
  REQUIRE(out.evaluation.ok());
  out.energy = arraysim::energy::resolve_energy(a);
  out.stats = mapper::make_stats(a, layer.name, out.evaluation.counts, out.energy);
  return out;
}

const mapper::DataSpaceCounts& outputs(const mapper::ActionCounts& c, std::size_t level) {
  return c.levels[level].dataspaces[kOutputs];
}

}  // namespace

TEST_CASE("Psums below the outermost level take the psum precision", "[mapper][energy]") {
  // Example B (MainMemory R3, Buffer P16): the Buffer keeps all 16 outputs while R iterates
  // above it, so MainMemory sees only the 16 final writes.
  const arch::Architecture a = tutorial_arch();
  const arch::Layer layer = conv1d(8, 16);
  const Priced p = price(a, layer, nest_of(a, layer, "R3", "P16"));
  const auto& buffer = outputs(p.evaluation.counts, 1);
  const auto& memory = outputs(p.evaluation.counts, 0);
  CHECK(buffer.reads == 32);
  CHECK(buffer.updates == 48);
  CHECK(buffer.fills == 0);
  CHECK(memory.updates == 16);
  CHECK(memory.reads == 0);
  // Buffer: 32 reads and 48 updates of 16-bit psums in 8-bit words: 64 + 96 word accesses.
  const double buffer_pj = p.energy.levels[1].read_pj;
  REQUIRE(p.energy.levels[1].write_pj == buffer_pj);
  CHECK(p.stats.levels[1].dataspaces[kOutputs].energy_pj == Approx((64 + 96) * buffer_pj));
  // MainMemory: 16 final 8-bit writes = 128 bits = 2 blocks of 64 bits.
  CHECK(p.stats.levels[0].dataspaces[kOutputs].energy_pj ==
        Approx(2 * p.energy.levels[0].write_pj));
  // Capacity: weights 1 + inputs 16 + outputs 16 x 16 / 8 = 49 of 64 words.
  CHECK(p.evaluation.counts.levels[1].dataspaces[kOutputs].utilized_capacity == 16);
}

TEST_CASE("Psum tiles count at the psum precision in the capacity check", "[mapper]") {
  // The same mapping with 24-bit psums: 1 + 16 + 16 x 3 = 65 words in a 64-word Buffer.
  const arch::Architecture a = tutorial_arch();
  const arch::Layer layer = conv1d(8, 24);
  const mapper::Evaluation e = mapper::evaluate(a, layer, nest_of(a, layer, "R3", "P16"));
  REQUIRE_FALSE(e.ok());
  CHECK(e.level == 1);
  CHECK(e.occupied == 65);
  CHECK(e.available == 64);
  // The mapspace's partial-mapping check agrees with the model on every point of the space.
  const arch::Dataflow free = arch::load_dataflow(source_path("dataflows/free.json"));
  for (int psum : {8, 16, 24, 32}) {
    const arch::Layer l = conv1d(8, psum);
    const mapper::Mapspace space(a, l, free);
    mapper::PartialMapping partial(space);
    mapper::LoopNest nest;
    int checked = 0;
    for (std::uint64_t seed = 0; seed < 400; ++seed) {
      mapper::Rng rng = mapper::make_rng(seed, 0);
      mapper::MapspacePoint point = mapper::random_point(space, rng);
      const mapper::PointStatus status = mapper::build_point(space, point, partial, nest);
      if (status == mapper::PointStatus::Fanout) continue;
      if (status == mapper::PointStatus::Capacity) {
        point.orders.resize(space.num_levels());
        for (std::size_t l = 0; l < space.num_levels(); ++l) {
          point.orders[l] = partial.temporal_dims(l);
        }
        partial.build_nest(point.orders, nest);
      }
      INFO("psum " << psum << " seed " << seed);
      CHECK(mapper::evaluate(a, l, nest).ok() == (status == mapper::PointStatus::Ok));
      ++checked;
    }
    CHECK(checked > 100);
  }
}

TEST_CASE("Psums that reach the outermost level are priced apart from final writes",
          "[mapper][energy]") {
  // MainMemory "R3 P4", Buffer "P4": each 4-output tile leaves the Buffer after every r, so 48
  // output words enter MainMemory, 16 of them first (final values: the last r), 32 psums.
  for (const bool from_arch : {false, true}) {
    INFO((from_arch ? "accumulator_bits 24 on the MAC" : "Psums 24 on the layer"));
    const arch::Architecture a = tutorial_arch(from_arch ? 24 : 0);
    const arch::Layer layer = conv1d(8, from_arch ? 0 : 24);
    const mapper::LoopNest nest = nest_of(a, layer, "R3 P4", "P4");
    const Priced p = price(a, layer, nest);
    const auto& buffer = outputs(p.evaluation.counts, 1);
    const auto& memory = outputs(p.evaluation.counts, 0);
    CHECK(buffer.updates == 48);
    CHECK(buffer.reads == 32);
    CHECK(buffer.fills == 32);
    CHECK(memory.updates == 48);
    CHECK(memory.reads == 32);
    // The independent loop-nest interpreter counts the same.
    const mapper::ActionCounts brute = arraysim::testing::brute_force_counts(a, layer, nest);
    for (std::size_t l = 0; l < 2; ++l) {
      CHECK(outputs(brute, l).reads == outputs(p.evaluation.counts, l).reads);
      CHECK(outputs(brute, l).fills == outputs(p.evaluation.counts, l).fills);
      CHECK(outputs(brute, l).updates == outputs(p.evaluation.counts, l).updates);
    }
    // MainMemory: 32 psum reads x 24 bits = 768 bits = 12 blocks; writes 16 x 8 + 32 x 24 = 896
    // bits = 14 blocks.
    CHECK(p.stats.levels[0].dataspaces[kOutputs].energy_pj ==
          Approx(12 * p.energy.levels[0].read_pj + 14 * p.energy.levels[0].write_pj));
    // Buffer: (32 reads + 32 fills + 48 updates) x 3 words.
    CHECK(p.stats.levels[1].dataspaces[kOutputs].energy_pj ==
          Approx((32 + 32 + 48) * 3 * p.energy.levels[1].read_pj));
    // Buffer capacity: weights 1 + inputs 4 + outputs 4 x 3 = 17 words.
    CHECK(p.evaluation.counts.levels[1].dataspaces[kOutputs].utilized_capacity == 4);
  }
}

TEST_CASE("Without a psum precision, psums take a level's word, not the Outputs bits",
          "[mapper][energy]") {
  // 16-bit words, 8-bit values (--bits 8), no accumulator_bits: psums are 16-bit words.
  // MainMemory blocks are 8 x 16 = 128 bits: reads 32 x 16 = 512 bits = 4 blocks; writes
  // 16 x 8 + 32 x 16 = 640 bits = 5 blocks (8-bit psums would give 2 and 3).
  const arch::Architecture a = tutorial_arch(0, 16);
  const arch::Layer layer = conv1d(8, 0);
  const Priced p = price(a, layer, nest_of(a, layer, "R3 P4", "P4"));
  CHECK(p.stats.levels[0].dataspaces[kOutputs].energy_pj ==
        Approx(4 * p.energy.levels[0].read_pj + 5 * p.energy.levels[0].write_pj));
  // With psums as wide as the values, the shipped pricing is unchanged: one ceil over 48 x 8.
  const arch::Architecture narrow = tutorial_arch();
  const arch::Layer same = conv1d(8, 8);
  const Priced q = price(narrow, same, nest_of(narrow, same, "R3 P4", "P4"));
  CHECK(q.stats.levels[0].dataspaces[kOutputs].energy_pj ==
        Approx(4 * q.energy.levels[0].read_pj + 6 * q.energy.levels[0].write_pj));
}
