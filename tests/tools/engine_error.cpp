// The fast estimate's cycle error against the cycle engine on seeded random cases with random
// bandwidths, latencies, buffering, topologies and DRAM rows: prints the distribution of
// (fast - cycle) / cycle and the worst cases. Usage: arraysim_engine_error [cases] [seed]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "sim/core/simulator.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"
#include "tests/support/random_cases.hpp"

namespace sim = arraysim::sim;

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::atoi(argv[1]) : 200;
  const unsigned seed = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 8642;
  std::mt19937 rng(seed);
  struct Sample {
    double error;
    std::uint64_t fast, cycle;
    std::string what;
  };
  std::vector<Sample> samples;
  for (int i = 0; i < cases; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    arraysim::testing::add_random_timing(rc.arch, rng);
    const auto fast = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto cycle = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto f = fast.counts.cycles;
    const auto c = cycle.sim.counts.cycles;
    samples.push_back({(static_cast<double>(f) - static_cast<double>(c)) / static_cast<double>(c),
                       f, c, arraysim::testing::describe(rc)});
  }
  std::vector<double> magnitude;
  int above = 0, below = 0;
  for (const Sample& s : samples) {
    magnitude.push_back(std::fabs(s.error));
    above += s.error > 0;
    below += s.error < 0;
  }
  std::sort(magnitude.begin(), magnitude.end());
  auto quantile = [&magnitude](double q) {
    return magnitude[static_cast<std::size_t>(q * static_cast<double>(magnitude.size() - 1))];
  };
  std::printf(
      "%d random cases (seed %u): |fast - cycle| / cycle median %.1f%%, 90th percentile "
      "%.1f%%, worst %.1f%%; fast above cycle in %d, below in %d, equal in %d\n",
      cases, seed, 100 * quantile(0.5), 100 * quantile(0.9), 100 * magnitude.back(), above, below,
      cases - above - below);
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
    return std::fabs(a.error) > std::fabs(b.error);
  });
  for (std::size_t i = 0; i < std::min<std::size_t>(3, samples.size()); ++i) {
    std::printf("\nfast %llu, cycle %llu (%+.1f%%):\n%s\n",
                static_cast<unsigned long long>(samples[i].fast),
                static_cast<unsigned long long>(samples[i].cycle), 100 * samples[i].error,
                samples[i].what.c_str());
  }
  return 0;
}
