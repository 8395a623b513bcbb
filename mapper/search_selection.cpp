#include "mapper/search_selection.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

// Why the tolerant pick needs only the front. Let S be the mappings seen with first metric at most
// (1 + eps) * E*, E* the least first metric seen, and the pick the key-least member of S. A
// candidate b is dropped when (i) its first metric exceeds (1 + eps) times the best seen so far,
// which is at least E*, so b is not in S; or (ii) a kept a has first(a) <= first(b) and
// key(a) < key(b): if b is in S so is a, and a beats b. Dominance is transitive, so whatever
// dropped b, some member of the final front beats it or b is not in S.

namespace arraysim::mapper {

Selection::Selection(const Objective& objective, double energy_tolerance)
    : tolerant_(energy_tolerance > 0.0 && !objective.metrics.empty() &&
                objective.metrics.front() == Metric::Energy),
      factor_(1.0 + (energy_tolerance > 0.0 ? energy_tolerance : 0.0)),
      best_first_(std::numeric_limits<double>::infinity()) {
  if (!tolerant_) factor_ = 1.0;
}

bool Selection::key_less(const Candidate& a, const Candidate& b) const {
  return std::tie(a.score[1], a.score[2], a.cycles, a.score[0], a.order) <
         std::tie(b.score[1], b.score[2], b.cycles, b.score[0], b.order);
}

bool Selection::dominates(const Candidate& a, const Candidate& b) const {
  return a.score[0] <= b.score[0] && key_less(a, b);
}

bool Selection::within(const Candidate& c) const { return c.score[0] <= factor_ * best_first_; }

bool Selection::wants(const Score& score, Cycle cycles, const OrderKey& order) const {
  if (front_.empty()) return true;
  const bool improves_optimum =
      score < optimum_.score || (score == optimum_.score && order < optimum_.order);
  if (improves_optimum) return true;
  if (!tolerant_) return false;
  Candidate probe;
  probe.score = score;
  probe.cycles = cycles;
  probe.order = order;
  if (!within(probe)) return false;
  return std::none_of(front_.begin(), front_.end(),
                      [&](const Candidate& kept) { return dominates(kept, probe); });
}

void Selection::drop_outside() {
  front_.erase(std::remove_if(front_.begin(), front_.end(),
                              [this](const Candidate& c) { return !within(c); }),
               front_.end());
}

void Selection::insert(Candidate candidate) {
  if (!within(candidate)) return;
  for (const Candidate& kept : front_) {
    if (dominates(kept, candidate)) return;
  }
  front_.erase(std::remove_if(front_.begin(), front_.end(),
                              [&](const Candidate& kept) { return dominates(candidate, kept); }),
               front_.end());
  front_.push_back(std::move(candidate));
}

void Selection::offer(const Score& score, Cycle cycles, const OrderKey& order,
                      const LoopNest& nest) {
  if (!wants(score, cycles, order)) return;
  Candidate candidate{score, cycles, order, nest};
  const bool first = front_.empty();
  if (first || score < optimum_.score || (score == optimum_.score && order < optimum_.order)) {
    optimum_ = candidate;
  }
  if (score[0] < best_first_) best_first_ = score[0];
  if (!tolerant_) {
    front_.assign(1, optimum_);
    return;
  }
  drop_outside();
  insert(std::move(candidate));
}

void Selection::merge(const Selection& other) {
  if (!other.found()) return;
  offer(other.optimum_.score, other.optimum_.cycles, other.optimum_.order, other.optimum_.nest);
  for (const Candidate& c : other.front_) offer(c.score, c.cycles, c.order, c.nest);
}

const Candidate& Selection::chosen() const {
  if (!tolerant_) return front_.front();
  return *std::min_element(
      front_.begin(), front_.end(),
      [this](const Candidate& a, const Candidate& b) { return key_less(a, b); });
}

const Candidate& Selection::optimum() const { return optimum_; }

double Selection::prune_above() const { return factor_ * best_first_; }

}  // namespace arraysim::mapper
