#include "mapper/search_sampling.hpp"

#include <algorithm>
#include <stdexcept>

#include "mapper/search_support.hpp"

namespace arraysim::mapper {

namespace {

std::uint64_t pick(Rng& rng, std::uint64_t n) {
  return n <= 1 ? 0 : std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng);
}

// Keeps a free level's order a permutation of the dims that now iterate there.
void repair_orders(const Mapspace& space, const PartialMapping& partial, MapspacePoint& point) {
  point.orders.resize(space.num_levels());
  for (std::size_t l = 0; l < space.num_levels(); ++l) {
    if (!space.order_is_free(l)) continue;
    const std::vector<Dim> dims = partial.temporal_dims(l);
    std::vector<Dim> kept;
    for (Dim dim : point.orders[l]) {
      if (std::find(dims.begin(), dims.end(), dim) != dims.end()) kept.push_back(dim);
    }
    for (Dim dim : dims) {
      if (std::find(kept.begin(), kept.end(), dim) == kept.end()) kept.push_back(dim);
    }
    point.orders[l] = kept;
  }
}

}  // namespace

Rng make_rng(std::uint64_t seed, std::uint64_t stream) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32U),
                         static_cast<std::uint32_t>(stream),
                         static_cast<std::uint32_t>(stream >> 32U)};
  return Rng(sequence);
}

MapspacePoint random_point(const Mapspace& space, Rng& rng) {
  if (!has_points(space)) throw std::logic_error("random_point: the mapspace has no point");
  MapspacePoint point;
  point.keep = pick(rng, space.num_keep_choices());
  for (Dim dim : arch::kAllDims) {
    point.factorization[arch::index(dim)] = pick(rng, space.factorizations(dim).size());
  }
  point.orders.resize(space.num_levels());
  for (auto& order : point.orders) order.clear();
  PartialMapping partial(space);
  Factorization scratch;
  for (Dim dim : arch::kAllDims) {
    partial.assign(dim,
                   space.factorizations(dim).get(point.factorization[arch::index(dim)], scratch));
  }
  repair_orders(space, partial, point);
  for (auto& order : point.orders) std::shuffle(order.begin(), order.end(), rng);
  return point;
}

void mutate(const Mapspace& space, MapspacePoint& point, Rng& rng) {
  const std::size_t choice = pick(rng, 10);
  if (choice == 0 && space.num_keep_choices() > 1) {
    point.keep = pick(rng, space.num_keep_choices());
    return;
  }
  if (choice == 1) {
    std::vector<std::size_t> levels;
    for (std::size_t l = 0; l < point.orders.size(); ++l) {
      if (space.order_is_free(l) && point.orders[l].size() > 1) levels.push_back(l);
    }
    if (!levels.empty()) {
      auto& order = point.orders[levels[pick(rng, levels.size())]];
      std::swap(order[pick(rng, order.size())], order[pick(rng, order.size())]);
      return;
    }
  }
  const Dim dim = arch::kAllDims[pick(rng, arch::kNumDims)];
  point.factorization[arch::index(dim)] = pick(rng, space.factorizations(dim).size());
}

PointStatus build_point(const Mapspace& space, MapspacePoint& point, PartialMapping& partial,
                        LoopNest& nest) {
  partial.set_keep_choice(point.keep);
  Factorization scratch;
  for (Dim dim : arch::kAllDims) {
    partial.assign(dim,
                   space.factorizations(dim).get(point.factorization[arch::index(dim)], scratch));
  }
  if (!partial.fanout_ok()) return PointStatus::Fanout;
  if (!partial.capacity_ok()) return PointStatus::Capacity;
  const double utilization = static_cast<double>(partial.utilized_macs()) /
                             static_cast<double>(space.arch().compute.instances);
  if (utilization < space.dataflow().min_utilization) return PointStatus::Utilization;
  repair_orders(space, partial, point);
  partial.build_nest(point.orders, nest);
  return PointStatus::Ok;
}

const char* point_status_reason(PointStatus status) {
  switch (status) {
    case PointStatus::Ok:
      return "ok";
    case PointStatus::Fanout:
      return "fanout";
    case PointStatus::Capacity:
      return "capacity";
    case PointStatus::Utilization:
      return "utilization below the dataflow's minimum";
  }
  return "";
}

}  // namespace arraysim::mapper
