// Search objectives: energy, delay (cycles), energy-delay product, and lexicographic lists of
// them ("delay,energy": fewest cycles first, then least energy).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "mapper/action_counts.hpp"

namespace arraysim::mapper {

enum class Metric { Energy, Delay, Edp };

constexpr std::size_t kMaxMetrics = 3;
using Score = std::array<double, kMaxMetrics>;  // lower is better, compared lexicographically

struct Objective {
  std::vector<Metric> metrics{Metric::Energy};

  // "energy", "delay", "edp" or a comma-separated list; throws std::invalid_argument.
  static Objective parse(const std::string& text);
  std::string name() const;
  Score score(double energy_pj, Cycle cycles) const;
};

}  // namespace arraysim::mapper
