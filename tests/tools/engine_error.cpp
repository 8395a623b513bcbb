// The fast estimate's cycle error against the cycle engine on seeded random cases with random
// bandwidths, latencies, buffering, topologies and DRAM rows: prints the distribution of
// (fast - cycle) / cycle and the worst cases. Usage: arraysim_engine_error [cases] [seed] [ports]
// ("ports": keep only the random port bandwidths and buffering; no link widths, hop or access
// latencies, DRAM rows or presets).
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
  const bool ports_only = argc > 3 && std::string(argv[3]) == "ports";
  std::mt19937 rng(seed);
  struct Sample {
    double error;
    std::uint64_t fast, cycle;
    std::string what;
    bool preset;  // a datasheet DRAM (the fast estimate has only row hit/miss cycles)
  };
  std::vector<Sample> samples;
  for (int i = 0; i < cases; ++i) {
    auto rc = arraysim::testing::random_case(rng, arraysim::testing::kSmallLayers);
    arraysim::testing::add_random_timing(rc.arch, rng);
    if (ports_only) {
      for (auto& level : rc.arch.levels) {
        level.network.link_bits = 0;
        level.network.hop_latency_cycles = 0;
        level.latency_cycles = 0;
        level.row_hit_cycles = level.row_miss_cycles = 0;
        level.dram.reset();
      }
      rc.arch.compute.network.link_bits = 0;
      rc.arch.compute.network.hop_latency_cycles = 0;
    }
    const auto fast = sim::simulate(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto cycle = sim::sc::simulate_cycle(rc.arch, rc.layer, rc.nest, sim::SimOptions{});
    const auto f = fast.counts.cycles;
    const auto c = cycle.sim.counts.cycles;
    samples.push_back({(static_cast<double>(f) - static_cast<double>(c)) / static_cast<double>(c),
                       f, c, arraysim::testing::describe(rc),
                       rc.arch.levels.front().dram.has_value()});
  }
  auto summary = [&samples](const char* name, int preset) {
    std::vector<double> magnitude;
    int above = 0, below = 0;
    for (const Sample& s : samples) {
      if (preset >= 0 && s.preset != (preset == 1)) continue;
      magnitude.push_back(std::fabs(s.error));
      above += s.error > 0;
      below += s.error < 0;
    }
    if (magnitude.empty()) return;
    std::sort(magnitude.begin(), magnitude.end());
    auto quantile = [&magnitude](double q) {
      return magnitude[static_cast<std::size_t>(q * static_cast<double>(magnitude.size() - 1))];
    };
    const auto n = static_cast<int>(magnitude.size());
    std::printf(
        "%-26s %4d cases: |fast - cycle| / cycle median %5.1f%%, 90th percentile %5.1f%%, "
        "worst %5.1f%%; fast above cycle in %d, below in %d, equal in %d\n",
        name, n, 100 * quantile(0.5), 100 * quantile(0.9), 100 * magnitude.back(), above, below,
        n - above - below);
  };
  std::printf("seed %u\n", seed);
  summary("all", -1);
  summary("generic DRAM (row model)", 0);
  summary("datasheet DRAM preset", 1);
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
