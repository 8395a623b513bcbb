// Pareto front of design points under 1 to 3 objectives (all minimised), per group (workload).
// Sort plus sweep: O(n log n) for 2 and 3 objectives (3: a Fenwick tree of prefix minima).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace arraysim::cli {

struct ParetoPoint {
  std::uint32_t group = 0;             // points compete only within their group
  std::array<double, 3> objectives{};  // the first `count` are used
};

// Indices (ascending) of the points no point of the same group dominates. q dominates p when
// q <= p in every objective and q != p in one; equal points do not dominate each other, so they
// share their fate. A point with a NaN objective neither dominates nor is dominated.
std::vector<std::size_t> pareto_front(const std::vector<ParetoPoint>& points, int count);

}  // namespace arraysim::cli
