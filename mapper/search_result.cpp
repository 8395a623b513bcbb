// What a search can claim about its result: the chosen mapping re-evaluated, the optimum found,
// the mapspace's lower bound and the gap between them, or why there is no mapping at all.
#include <cstdio>

#include "mapper/lower_bound.hpp"
#include "mapper/search_support.hpp"

namespace arraysim::mapper {

namespace {

// An optimum this close to the lower bound is proved by the bound (rounding in the two sums).
constexpr double kProofSlack = 1e-9;

const char* kind_name(SlotKind kind) {
  switch (kind) {
    case SlotKind::Temporal:
      return "temporal";
    case SlotKind::SpatialX:
      return "spatial X";
    case SlotKind::SpatialY:
      return "spatial Y";
  }
  return "";
}

std::string invalid_summary(const SearchStats& stats) {
  std::string text;
  for (const auto& [reason, count] : stats.invalid) {
    if (count == 0) continue;
    text += (text.empty() ? "" : ", ") + reason + " " + std::to_string(count);
  }
  return text.empty() ? "none" : text;
}

}  // namespace

bool has_points(const Mapspace& space) {
  if (space.num_keep_choices() == 0) return false;
  for (Dim dim : arch::kAllDims) {
    if (space.factorizations(dim).empty()) return false;
  }
  return true;
}

std::string empty_mapspace_reason(const Mapspace& space) {
  if (space.num_keep_choices() == 0) return "no keep/bypass choice satisfies the dataflow";
  const arch::Architecture& arch = space.arch();
  for (Dim dim : arch::kAllDims) {
    if (!space.factorizations(dim).empty()) continue;
    std::string slots;
    for (const Slot& slot : space.slots(dim)) {
      slots +=
          (slots.empty() ? "" : ", ") + arch.levels[slot.level].name + " " + kind_name(slot.kind);
      if (slot.kind == SlotKind::SpatialX) {
        slots += " (at most " + std::to_string(arch.fanout_x(slot.level + 1)) + ")";
      } else if (slot.kind == SlotKind::SpatialY) {
        slots += " (at most " + std::to_string(arch.fanout_y(slot.level + 1)) + ")";
      }
    }
    return std::string(1, arch::dim_letter(dim)) + " = " + std::to_string(space.layer().dim(dim)) +
           " has no factorization dataflow " + space.dataflow().name + " allows on " + arch.name +
           " (slots: " + (slots.empty() ? "none" : slots) +
           "; the dataflow may also fix its product within a role)";
  }
  return "";
}

SearchResult finish_result(const Mapspace& space, const energy::ResolvedEnergy& energy,
                           const SearchOptions& options, const Selection& selection,
                           SearchStats stats, bool covered) {
  SearchResult result;
  result.stats = std::move(stats);
  result.stats.mapspace_size = space.size();
  result.energy_tolerance = selection.tolerant() ? options.energy_tolerance : 0.0;
  if (!has_points(space)) {
    result.infeasible_reason = empty_mapspace_reason(space);
    result.proved_infeasible = true;
    result.stats.complete = true;
    return result;
  }
  result.lower_bound = LowerBound(space, energy, options.objective).global();
  if (!selection.found()) {
    result.proved_infeasible = covered;
    result.infeasible_reason =
        (covered ? "every mapping is invalid ("
                 : "no valid mapping among the " + std::to_string(result.stats.evaluated) +
                       " evaluated, not proven infeasible (") +
        invalid_summary(result.stats) + ")";
    return result;
  }
  Scorer scorer(space, energy, options.objective);
  Score score{};
  scorer.score(selection.optimum().nest, score);
  result.optimum = score[0];
  result.optimum_energy_pj = scorer.last_energy();
  result.optimum_cycles = scorer.last().counts.cycles;
  scorer.score(selection.chosen().nest, score);
  result.found = true;
  result.best = selection.chosen().nest;
  result.counts = scorer.last().counts;
  result.energy_pj = scorer.last_energy();
  result.score = score;
  const double open = result.optimum - result.lower_bound;
  result.proved_optimal = covered || open <= kProofSlack * result.optimum;
  result.gap = result.proved_optimal || result.optimum <= 0.0 ? 0.0 : open / result.optimum;
  return result;
}

std::string proof_status(const SearchResult& result) {
  if (!result.found) return result.proved_infeasible ? "infeasible" : "none found";
  if (result.proved_optimal) return "proven";
  char text[64];
  std::snprintf(text, sizeof text, "gap %.2f%%", 100.0 * result.gap);
  return text;
}

}  // namespace arraysim::mapper
