// Which mapping a search returns. Without a tolerance: the lowest score, ties to the lowest
// enumeration order. With an energy tolerance eps (objectives starting with energy): among the
// mappings whose energy is at most (1 + eps) * E*, E* the least energy found, the one with the
// best tie-break key (the remaining metrics, then cycles, then energy, then enumeration order).
// The key is a total order, so the pick is a function of the set of mappings seen: any visiting
// order and any split across threads give the same result.
#pragma once

#include <cstdint>
#include <vector>

#include "mapper/loop_nest.hpp"
#include "mapper/objective.hpp"

namespace arraysim::mapper {

// The default energy tolerance of `map`, `compare` and the library (0.5%).
constexpr double kDefaultEnergyTolerance = 0.005;

// Where a candidate comes in a search's enumeration: (work item, position within it).
struct OrderKey {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  OrderKey() = default;
  OrderKey(std::uint64_t major_key, std::uint64_t minor_key = 0)  // NOLINT: plain numbers are keys
      : major(major_key), minor(minor_key) {}
  bool operator<(const OrderKey& other) const {
    return major < other.major || (major == other.major && minor < other.minor);
  }
  bool operator==(const OrderKey& other) const {
    return major == other.major && minor == other.minor;
  }
};

struct Candidate {
  Score score{};
  Cycle cycles = 0;
  OrderKey order;
  LoopNest nest;
};

class Selection {
 public:
  Selection(const Objective& objective, double energy_tolerance);

  // Whether offering this candidate could change the pick (so the caller copies its nest only
  // then). Lowers the best first metric seen.
  bool wants(const Score& score, Cycle cycles, const OrderKey& order) const;
  void offer(const Score& score, Cycle cycles, const OrderKey& order, const LoopNest& nest);
  void merge(const Selection& other);

  bool found() const { return !front_.empty(); }
  // Least first metric seen (E* for an energy objective); +inf before the first candidate.
  double best_first() const { return best_first_; }
  // The mapping to return; requires found().
  const Candidate& chosen() const;
  // The best candidate by the plain score (the optimum of the first metric); requires found().
  const Candidate& optimum() const;
  // Bound above which a subtree cannot hold a candidate of the pick: (1 + eps) * best_first().
  double prune_above() const;
  bool tolerant() const { return tolerant_; }

 private:
  bool within(const Candidate& c) const;
  bool key_less(const Candidate& a, const Candidate& b) const;
  bool dominates(const Candidate& a, const Candidate& b) const;
  void insert(Candidate candidate);
  void drop_outside();

  bool tolerant_ = false;
  double factor_ = 1.0;  // 1 + eps
  double best_first_;
  // Tolerant: the Pareto front of (first metric, key) within the tolerance of best_first_.
  // Otherwise: the single best candidate.
  std::vector<Candidate> front_;
  Candidate optimum_;  // lowest (score, order)
};

}  // namespace arraysim::mapper
