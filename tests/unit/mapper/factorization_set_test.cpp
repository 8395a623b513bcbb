// The mapspace's factorization index against a plain recursive enumeration (every factor tried in
// turn, then the group products filtered, as the mapper once listed them) and against closed-form
// counts; prime factorization of large values; the cost of building a deep mapspace.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "mapper/factorization_set.hpp"
#include "mapper/mapspace.hpp"
#include "tests/support/test_paths.hpp"

namespace {

namespace arch = arraysim::arch;
namespace mapper = arraysim::mapper;
using arraysim::testing::source_path;

// Every ordered factorization by trial of each factor, in slot order, then the groups' products
// checked: the reference the index must reproduce entry by entry.
void enumerate(std::int64_t n, const std::vector<mapper::FactorSlot>& slots, std::size_t slot,
               mapper::Factorization& current, std::vector<mapper::Factorization>& out) {
  if (slot == slots.size()) {
    if (n == 1) out.push_back(current);
    return;
  }
  for (std::int64_t f = 1; f <= n && f <= slots[slot].limit; ++f) {
    if (n % f != 0) continue;
    current[slot] = f;
    enumerate(n / f, slots, slot + 1, current, out);
  }
}

std::vector<mapper::Factorization> reference(std::int64_t n,
                                             const std::vector<mapper::FactorSlot>& slots,
                                             const std::vector<std::int64_t>& groups) {
  std::vector<mapper::Factorization> all;
  mapper::Factorization current(slots.size(), 1);
  enumerate(n, slots, 0, current, all);
  std::vector<mapper::Factorization> kept;
  for (const auto& f : all) {
    bool ok = true;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      std::int64_t product = 1;
      for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].group == static_cast<int>(g)) product *= f[i];
      }
      ok = ok && product == groups[g];
    }
    if (ok) kept.push_back(f);
  }
  return kept;
}

std::uint64_t binomial(std::uint64_t n, std::uint64_t k) {
  std::uint64_t result = 1;
  for (std::uint64_t i = 1; i <= k; ++i) result = result * (n - k + i) / i;
  return result;
}

}  // namespace

TEST_CASE("Prime factorization of large dimension values", "[mapper]") {
  using PP = std::vector<std::pair<std::uint64_t, int>>;
  auto factors = [](std::uint64_t n) {
    PP out;
    for (const auto& pp : mapper::prime_factorization(n)) out.emplace_back(pp.prime, pp.exponent);
    return out;
  };
  CHECK(factors(1).empty());
  CHECK(factors(100000000000ULL) == PP{{2, 11}, {5, 11}});
  CHECK(factors(1000000007ULL) == PP{{1000000007ULL, 1}});
  CHECK(factors(2305843009213693951ULL) == PP{{2305843009213693951ULL, 1}});  // 2^61 - 1
  CHECK(factors(1000000007ULL * 998244353ULL) == PP{{998244353ULL, 1}, {1000000007ULL, 1}});
  CHECK(factors(4294967291ULL * 4294967291ULL) == PP{{4294967291ULL, 2}});  // a prime squared
  const mapper::DivisorLattice lattice(720);                                // 2^4 3^2 5
  CHECK(lattice.size() == 30);
  CHECK(lattice.value(lattice.ascending().back()) == 720);
  CHECK(lattice.index_of(7) == lattice.size());
  CHECK(lattice.value(lattice.index_of(48)) == 48);
}

TEST_CASE("Factorization index matches a plain enumeration entry by entry", "[mapper]") {
  std::mt19937_64 rng(11);
  const std::vector<std::int64_t> values = {1, 2, 12, 16, 36, 56, 60, 64, 96, 97, 128, 210, 224};
  for (int trial = 0; trial < 300; ++trial) {
    const std::int64_t n = values[rng() % values.size()];
    const std::size_t num_slots = 1 + rng() % 5;
    const std::size_t num_groups = rng() % 3;
    std::vector<mapper::FactorSlot> slots(num_slots);
    for (auto& slot : slots) {
      slot.spatial = rng() % 2 == 0;
      slot.limit = slot.spatial ? 1 + static_cast<std::int64_t>(rng() % 16) : n;
      slot.group = num_groups > 0 && rng() % 2 == 0 ? static_cast<int>(rng() % num_groups) : -1;
    }
    std::vector<std::int64_t> groups;
    for (std::size_t g = 0; g < num_groups; ++g) {
      const std::int64_t choices[] = {1, 2, 3, 4, 8, n};
      groups.push_back(choices[rng() % 6]);
    }
    INFO("trial " << trial << " n " << n << " slots " << num_slots << " groups " << num_groups);
    const auto expected = reference(n, slots, groups);
    const mapper::FactorizationSet set(n, slots, groups);
    REQUIRE(set.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(set.at(i) == expected[i]);
      const auto index = set.index_of(expected[i]);
      REQUIRE(index);
      CHECK(*index == i);
    }
    // A factorization outside the set has no index.
    mapper::Factorization outside(num_slots, 1);
    outside[0] = n + 1;
    CHECK_FALSE(set.index_of(outside));
    // Spatial choices: exactly the distinct spatial parts of the entries.
    std::set<mapper::Factorization> spatial;
    std::int64_t best = 1;
    for (const auto& f : expected) {
      mapper::Factorization part;
      std::int64_t product = 1;
      for (std::size_t i = 0; i < num_slots; ++i) {
        if (!slots[i].spatial) continue;
        part.push_back(f[i]);
        product *= f[i];
      }
      spatial.insert(part);
      best = std::max(best, product);
    }
    const auto choices = set.spatial_choices(1U << 20U);
    REQUIRE(choices);
    CHECK(std::set<mapper::Factorization>(choices->begin(), choices->end()) == spatial);
    CHECK(set.max_spatial_product() == best);
  }
}

TEST_CASE("Factorization counts follow the prime exponents without listing them", "[mapper]") {
  // Ordered factorizations of 2^8 3^3 over 20 unlimited slots: C(8+19, 19) x C(3+19, 19).
  const std::vector<mapper::FactorSlot> slots(20, mapper::FactorSlot{6912, false, -1});
  const mapper::FactorizationSet set(6912, slots, {});
  CHECK(set.size() == binomial(27, 8) * binomial(22, 3));  // 3,418,915,500
  // The last entry puts everything in the last slot; index_of inverts at().
  const mapper::Factorization last = set.at(set.size() - 1);
  CHECK(last.front() == 6912);
  CHECK(*set.index_of(last) == set.size() - 1);
  mapper::Factorization first(20, 1);
  first.back() = 6912;
  CHECK(set.at(0) == first);
  // 10^11 = 2^11 5^11 over 6 slots: C(16, 5)^2.
  const std::vector<mapper::FactorSlot> six(6, mapper::FactorSlot{100000000000LL, false, -1});
  CHECK(mapper::FactorizationSet(100000000000LL, six, {}).size() ==
        binomial(16, 5) * binomial(16, 5));
  // Beyond 2^64 entries: refused, not wrapped.
  const std::vector<mapper::FactorSlot> many(48, mapper::FactorSlot{1LL << 62, false, -1});
  CHECK_THROWS_AS(mapper::FactorizationSet(1LL << 62, many, {}), mapper::FactorizationLimitError);
}

TEST_CASE("A 16-level mapspace and a 10^11 batch build in milliseconds", "[mapper]") {
  // Listing every factorization took 1.85 GB and seconds at 10 levels, and never finished at 16;
  // trying every factor up to a 10^11 batch never finished either.
  const auto deep = arch::load_architecture(source_path("tests/data/defects/lv16_arch.json"));
  const auto eyeriss = arch::load_architecture(source_path("arch/examples/eyeriss_v1.json"));
  const auto ws = arch::load_dataflow(source_path("dataflows/ws.json"));
  const auto rs = arch::load_dataflow(source_path("dataflows/rs.json"));
  const auto vgg = arch::load_workload(source_path("workloads/vgg16_conv3_2.json"));
  auto alexnet = arch::load_workload(source_path("workloads/alexnet_conv1.json"));
  arch::Layer big_batch = alexnet.layers.front();
  big_batch.dims[arch::index(arch::Dim::N)] = 100000000000LL;
  arch::Layer prime_batch = big_batch;
  prime_batch.dims[arch::index(arch::Dim::N)] = 1000000007LL;

  const auto start = std::chrono::steady_clock::now();
  const mapper::Mapspace deep_space(deep, vgg.layers.front(), ws);
  const mapper::Mapspace batch_space(eyeriss, big_batch, rs);
  const mapper::Mapspace prime_space(eyeriss, prime_batch, rs);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 2.0);
  CHECK(deep_space.size() > 1e30);
  CHECK(deep_space.num_keep_choices() > 1000000000ULL);
  CHECK(batch_space.factorizations(arch::Dim::N).size() > 1);
  // The prime batch has two slots for N in rs (backing and array temporal): N x 1 or 1 x N.
  CHECK(prime_space.factorizations(arch::Dim::N).size() == 2);
}
