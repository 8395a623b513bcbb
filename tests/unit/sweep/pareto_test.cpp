// The sweep's Pareto front (sort and sweep, O(n log n)) against the definition applied
// literally: every pair of points compared, O(n^2), on random inputs full of ties, repeated
// points, infinities and NaNs, with 1 to 3 objectives and several groups.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "sim/cli/pareto.hpp"

namespace {

using arraysim::cli::pareto_front;
using arraysim::cli::ParetoPoint;

// The definition: p is on the front unless some q of its group has q <= p in every objective and
// q != p (in the sense of ==) in at least one.
std::vector<std::size_t> brute_force_front(const std::vector<ParetoPoint>& points, int count) {
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      if (points[j].group != points[i].group) continue;
      bool no_worse = true, differs = false;
      for (int k = 0; k < count; ++k) {
        no_worse = no_worse && points[j].objectives[k] <= points[i].objectives[k];
        differs = differs || !(points[j].objectives[k] == points[i].objectives[k]);
      }
      dominated = no_worse && differs;
    }
    if (!dominated) front.push_back(i);
  }
  return front;
}

std::vector<ParetoPoint> random_points(std::mt19937_64& rng, std::size_t n, int levels, int groups,
                                       bool specials) {
  std::uniform_int_distribution<int> value(0, levels - 1), group(0, groups - 1), special(0, 60);
  std::vector<ParetoPoint> points(n);
  for (auto& p : points) {
    p.group = static_cast<std::uint32_t>(group(rng));
    for (double& o : p.objectives) {
      o = value(rng) * 0.5;
      if (!specials) continue;
      const int s = special(rng);
      if (s == 0) o = std::numeric_limits<double>::infinity();
      if (s == 1) o = std::numeric_limits<double>::quiet_NaN();
      if (s == 2) o = -0.0;
    }
  }
  return points;
}

}  // namespace

TEST_CASE("Pareto front keeps equal points and drops dominated ones, per group", "[sweep]") {
  std::vector<ParetoPoint> points = {
      {0, {1, 1, 1}},   {0, {1, 1, 1}},  // equal: neither dominates the other
      {0, {2, 1, 1}},                    // dominated by the first two
      {0, {1, 2, 0}},                    // better area: on the front
      {1, {2, 1, 1}},                    // another workload: alone in its group
      {0, {0.5, 3, 3}},                  // best energy
      {0, {1, 1, 2}}};                   // dominated (equal energy and cycles, more area)
  CHECK(pareto_front(points, 3) == std::vector<std::size_t>{0, 1, 3, 4, 5});
  CHECK(pareto_front(points, 2) == std::vector<std::size_t>{0, 1, 4, 5, 6});
  CHECK(pareto_front(points, 1) == std::vector<std::size_t>{4, 5});
}

TEST_CASE("Pareto front equals the pairwise definition on random inputs with ties", "[sweep]") {
  std::mt19937_64 rng(20240611);
  for (int round = 0; round < 600; ++round) {
    const int count = 1 + round % 3;
    const std::size_t n = 1 + rng() % 150;
    const int levels = 2 + static_cast<int>(rng() % 8);  // few levels: many ties and repeats
    const auto points = random_points(rng, n, levels, 1 + static_cast<int>(rng() % 3), round % 2);
    INFO("round " << round << ", " << n << " points, " << count << " objectives");
    REQUIRE(pareto_front(points, count) == brute_force_front(points, count));
  }
  for (int count = 2; count <= 3; ++count) {
    const auto points = random_points(rng, 4000, 1000, 2, false);
    REQUIRE(pareto_front(points, count) == brute_force_front(points, count));
  }
}
