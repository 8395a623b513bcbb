// Benchmarks of the sweep's Pareto front: 1,000,000 points under 3 objectives (energy, cycles,
// area) and under 2, with independent random objectives (a small front) and with objectives on a
// plane x + y + z = 1 (every point on the front), in 8 workload groups.
#include <benchmark/benchmark.h>

#include <random>

#include "sim/cli/pareto.hpp"

namespace {

using arraysim::cli::ParetoPoint;

std::vector<ParetoPoint> make_points(std::size_t n, bool on_plane) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<ParetoPoint> points(n);
  for (auto& p : points) {
    p.group = static_cast<std::uint32_t>(rng() % 8);
    const double x = unit(rng), y = unit(rng) * (1.0 - x);
    p.objectives = on_plane ? std::array<double, 3>{x, y, 1.0 - x - y}
                            : std::array<double, 3>{unit(rng), unit(rng), unit(rng)};
  }
  return points;
}

void BM_ParetoFront(benchmark::State& state) {
  const auto points = make_points(static_cast<std::size_t>(state.range(0)), state.range(2) != 0);
  std::size_t front = 0;
  for (auto _ : state) {
    front = arraysim::cli::pareto_front(points, static_cast<int>(state.range(1))).size();
    benchmark::DoNotOptimize(front);
  }
  state.counters["front"] = static_cast<double>(front);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ParetoFront)
    ->ArgNames({"points", "objectives", "plane"})
    ->Args({1000000, 3, 0})
    ->Args({1000000, 3, 1})
    ->Args({1000000, 2, 0})
    ->Args({1000000, 2, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
