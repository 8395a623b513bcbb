#include "mapper/factorization_set.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace arraysim::mapper {

namespace {

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t add_sat(std::uint64_t a, std::uint64_t b) {
  return a > kSaturated - b ? kSaturated : a + b;
}

std::uint64_t mul_sat(std::uint64_t a, std::uint64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kSaturated / b ? kSaturated : a * b;
}

// One counting step over the lattice: out[x] = sum over factors f of x that the slot takes of
// in[x / f]. A slot without a binding limit takes every divisor (a prefix sum along each prime).
void convolve(const DivisorLattice& lattice, std::int64_t limit, const std::uint64_t* in,
              std::uint64_t* out) {
  const std::size_t size = lattice.size();
  if (static_cast<std::uint64_t>(limit) >= lattice.n()) {
    std::copy(in, in + size, out);
    for (std::size_t p = 0; p < lattice.num_primes(); ++p) {
      const std::size_t stride = lattice.stride(p);
      for (std::size_t x = 0; x < size; ++x) {
        if (lattice.digit(x, p) > 0) out[x] = add_sat(out[x], out[x - stride]);
      }
    }
    return;
  }
  std::vector<std::size_t> factors;
  for (std::size_t f : lattice.ascending()) {
    if (lattice.value(f) > static_cast<std::uint64_t>(limit)) break;
    factors.push_back(f);
  }
  for (std::size_t x = 0; x < size; ++x) {
    std::uint64_t sum = 0;
    for (std::size_t f : factors) {
      if (lattice.divides(f, x)) sum = add_sat(sum, in[x - f]);
    }
    out[x] = sum;
  }
}

// Divisors of n at most `limit`: the work of one limited counting step per lattice entry.
double limited_factors(const DivisorLattice& lattice, std::int64_t limit) {
  if (static_cast<std::uint64_t>(limit) >= lattice.n()) return 1.0;
  double count = 0;
  for (std::size_t f : lattice.ascending()) {
    if (lattice.value(f) > static_cast<std::uint64_t>(limit)) break;
    ++count;
  }
  return count;
}

}  // namespace

FactorizationSet::FactorizationSet(std::int64_t n, std::vector<FactorSlot> slots,
                                   std::vector<std::int64_t> group_products)
    : n_(n), lattice_(static_cast<std::uint64_t>(n)), slots_(std::move(slots)) {
  segments_.resize(1 + group_products.size());
  std::uint64_t free = static_cast<std::uint64_t>(n);
  bool feasible = true;
  for (std::size_t g = 0; g < group_products.size(); ++g) {
    const auto want = static_cast<std::uint64_t>(std::max<std::int64_t>(group_products[g], 0));
    if (want == 0 || free % want != 0) {
      feasible = false;
      continue;
    }
    free /= want;
    segments_[1 + g].target = lattice_.index_of(want);
  }
  segments_[0].target = lattice_.index_of(free);
  segment_of_.resize(slots_.size());
  local_of_.resize(slots_.size());
  double work = 0.0;
  const auto entries = static_cast<double>(lattice_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const std::size_t s = slots_[i].group < 0 ? 0 : 1 + static_cast<std::size_t>(slots_[i].group);
    segment_of_[i] = s;
    local_of_[i] = segments_[s].slots.size();
    segments_[s].slots.push_back(i);
    work += entries * static_cast<double>(lattice_.num_primes() + 1) *
            limited_factors(lattice_, slots_[i].limit);
  }
  if (!feasible) return;
  if (work > kMaxTableWork) {
    throw FactorizationLimitError(
        std::to_string(n) + " has " + std::to_string(lattice_.size()) + " divisors; counting " +
        "its factorizations over " + std::to_string(slots_.size()) + " loop slots takes " +
        std::to_string(static_cast<long long>(work)) + " steps, more than the limit of " +
        std::to_string(static_cast<long long>(kMaxTableWork)));
  }
  size_ = 1;
  for (Segment& segment : segments_) {
    build_counts(segment);
    size_ = mul_sat(
        size_, suffix(static_cast<std::size_t>(&segment - segments_.data()), 0, segment.target));
  }
  if (size_ == kSaturated) {
    throw FactorizationLimitError(
        std::to_string(n) + " has at least 2^64 ordered factorizations over " +
        std::to_string(slots_.size()) + " loop slots, more than a mapspace can index");
  }
  if (size_ <= kListEntries) build_list();
}

// The entries in index order, depth first; a factor is tried only if something completes it.
void FactorizationSet::build_list() {
  list_.reserve(size_);
  std::vector<std::size_t> rest(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) rest[s] = segments_[s].target;
  Factorization current(slots_.size(), 1);
  auto walk = [&](auto&& self, std::size_t i) -> void {
    if (i == slots_.size()) {
      list_.push_back(current);
      return;
    }
    const std::size_t s = segment_of_[i];
    for (std::size_t f : lattice_.ascending()) {
      if (lattice_.value(f) > static_cast<std::uint64_t>(slots_[i].limit)) break;
      if (!lattice_.divides(f, rest[s]) || suffix(s, local_of_[i] + 1, rest[s] - f) == 0) continue;
      current[i] = static_cast<std::int64_t>(lattice_.value(f));
      rest[s] -= f;
      self(self, i + 1);
      rest[s] += f;
    }
  };
  walk(walk, 0);
}

void FactorizationSet::build_counts(Segment& segment) {
  const std::size_t size = lattice_.size();
  const std::size_t k = segment.slots.size();
  segment.counts.assign((k + 1) * size, 0);
  segment.counts[k * size] = 1;  // nothing left to place: only the product 1
  for (std::size_t j = k; j-- > 0;) {
    convolve(lattice_, slots_[segment.slots[j]].limit, &segment.counts[(j + 1) * size],
             &segment.counts[j * size]);
  }
}

void FactorizationSet::unrank(std::uint64_t index, Factorization& out) const {
  out.resize(slots_.size());
  std::vector<std::size_t> rest(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) rest[s] = segments_[s].target;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const std::size_t s = segment_of_[i];
    const std::size_t j = local_of_[i];
    // Completions of the other segments from where they stand.
    std::uint64_t others = 1;
    for (std::size_t t = 0; t < segments_.size(); ++t) {
      if (t == s) continue;
      const auto& slots = segments_[t].slots;
      const std::size_t done =
          static_cast<std::size_t>(std::lower_bound(slots.begin(), slots.end(), i) - slots.begin());
      others = mul_sat(others, suffix(t, done, rest[t]));
    }
    for (std::size_t f : lattice_.ascending()) {
      if (lattice_.value(f) > static_cast<std::uint64_t>(slots_[i].limit)) break;
      if (!lattice_.divides(f, rest[s])) continue;
      const std::uint64_t block = mul_sat(suffix(s, j + 1, rest[s] - f), others);
      if (index < block) {
        out[i] = static_cast<std::int64_t>(lattice_.value(f));
        rest[s] -= f;
        break;
      }
      index -= block;
    }
  }
}

const Factorization& FactorizationSet::get(std::uint64_t index, Factorization& scratch) const {
  if (!list_.empty()) return list_[index];
  unrank(index, scratch);
  return scratch;
}

Factorization FactorizationSet::at(std::uint64_t index) const {
  Factorization out;
  return get(index, out);
}

std::optional<std::uint64_t> FactorizationSet::index_of(const Factorization& factors) const {
  if (factors.size() != slots_.size() || size_ == 0) return std::nullopt;
  std::vector<std::size_t> rest(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) rest[s] = segments_[s].target;
  std::uint64_t index = 0;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const std::size_t s = segment_of_[i];
    const std::size_t j = local_of_[i];
    const auto value = static_cast<std::uint64_t>(factors[i]);
    if (factors[i] <= 0 || factors[i] > slots_[i].limit) return std::nullopt;
    const std::size_t chosen = lattice_.index_of(value);
    if (chosen == lattice_.size() || !lattice_.divides(chosen, rest[s])) return std::nullopt;
    std::uint64_t others = 1;
    for (std::size_t t = 0; t < segments_.size(); ++t) {
      if (t == s) continue;
      const auto& slots = segments_[t].slots;
      const std::size_t done =
          static_cast<std::size_t>(std::lower_bound(slots.begin(), slots.end(), i) - slots.begin());
      others = mul_sat(others, suffix(t, done, rest[t]));
    }
    for (std::size_t f : lattice_.ascending()) {
      if (lattice_.value(f) >= value) break;
      if (lattice_.divides(f, rest[s])) index += mul_sat(suffix(s, j + 1, rest[s] - f), others);
    }
    rest[s] -= chosen;
    if (suffix(s, j + 1, rest[s]) == 0) return std::nullopt;
  }
  return index;
}

std::optional<std::vector<Factorization>> FactorizationSet::spatial_choices(
    std::uint64_t budget) const {
  std::vector<std::size_t> spatial;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].spatial) spatial.push_back(i);
  }
  std::vector<Factorization> out;
  if (size_ == 0) return out;
  // What is left of each segment after its spatial slots must factor over its other slots.
  const std::size_t size = lattice_.size();
  std::vector<std::vector<std::uint64_t>> rest_ok(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) {
    std::vector<std::uint64_t> current(size, 0);
    current[0] = 1;
    std::vector<std::uint64_t> next(size);
    for (std::size_t i : segments_[s].slots) {
      if (slots_[i].spatial) continue;
      convolve(lattice_, slots_[i].limit, current.data(), next.data());
      current.swap(next);
    }
    rest_ok[s] = std::move(current);
  }
  std::vector<std::size_t> rest(segments_.size());
  for (std::size_t s = 0; s < segments_.size(); ++s) rest[s] = segments_[s].target;
  Factorization chosen(spatial.size(), 1);
  std::uint64_t visited = 0;
  bool over = false;
  auto walk = [&](auto&& self, std::size_t k) -> void {
    if (over) return;
    if (++visited > 16 * budget) {
      over = true;
      return;
    }
    if (k == spatial.size()) {
      for (std::size_t s = 0; s < segments_.size(); ++s) {
        if (rest_ok[s][rest[s]] == 0) return;
      }
      if (out.size() >= budget) {
        over = true;
        return;
      }
      out.push_back(chosen);
      return;
    }
    const std::size_t i = spatial[k];
    const std::size_t s = segment_of_[i];
    for (std::size_t f : lattice_.ascending()) {
      if (lattice_.value(f) > static_cast<std::uint64_t>(slots_[i].limit)) break;
      if (!lattice_.divides(f, rest[s])) continue;
      chosen[k] = static_cast<std::int64_t>(lattice_.value(f));
      rest[s] -= f;
      self(self, k + 1);
      rest[s] += f;
    }
  };
  walk(walk, 0);
  if (over) return std::nullopt;
  return out;
}

std::int64_t FactorizationSet::max_spatial_product() const {
  constexpr std::uint64_t kBudget = 1U << 20U;
  if (size_ == 0) return 1;
  if (const auto choices = spatial_choices(kBudget)) {
    std::int64_t best = 1;
    for (const Factorization& choice : *choices) {
      std::int64_t product = 1;
      for (std::int64_t f : choice) product *= f;
      best = std::max(best, product);
    }
    return best;
  }
  std::int64_t bound = 1;
  for (const FactorSlot& slot : slots_) {
    if (!slot.spatial) continue;
    const std::int64_t f = std::min(slot.limit, n_);
    bound = bound > std::numeric_limits<std::int64_t>::max() / f
                ? std::numeric_limits<std::int64_t>::max()
                : bound * f;
  }
  return bound;
}

}  // namespace arraysim::mapper
