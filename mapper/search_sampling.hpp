// A point of the mapspace drawn or moved at random: keep choice, one factorization per dimension
// and the temporal order of every free level. Used by the random and annealing searches.
#pragma once

#include <random>
#include <vector>

#include "mapper/mapspace.hpp"

namespace arraysim::mapper {

struct MapspacePoint {
  std::uint64_t keep = 0;
  std::array<std::uint64_t, arch::kNumDims> factorization{};
  std::vector<std::vector<Dim>> orders;  // per level; used where the order is free
};

using Rng = std::mt19937_64;

// A generator seeded from (seed, stream) so that stream i is the same on any thread.
Rng make_rng(std::uint64_t seed, std::uint64_t stream);

// Requires has_points(space) (search_support.hpp): throws std::logic_error otherwise.
MapspacePoint random_point(const Mapspace& space, Rng& rng);
// Changes one thing: a dimension's factorization, the keep choice, or two loops of a free order.
void mutate(const Mapspace& space, MapspacePoint& point, Rng& rng);

// Applies the point; false (with the reason) if it breaks a fan-out, capacity or utilization bound.
enum class PointStatus { Ok, Fanout, Capacity, Utilization };
PointStatus build_point(const Mapspace& space, MapspacePoint& point, PartialMapping& partial,
                        LoopNest& nest);
const char* point_status_reason(PointStatus status);

}  // namespace arraysim::mapper
