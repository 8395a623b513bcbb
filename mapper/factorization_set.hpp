// The ordered factorizations of one dimension over its loop slots (each slot's factor at most its
// limit; the slots of a constrained group multiplying to a fixed product), counted from the
// divisor lattice and indexed without being materialised: entry i is computed on demand, in
// the order of a depth-first enumeration (slot 0's factor ascending, then slot 1's, ...).
// Small sets are also kept as a list so the searches' inner loops stay a table look-up.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "mapper/divisors.hpp"

namespace arraysim::mapper {

// Factors of one dimension, one per slot of that dimension.
using Factorization = std::vector<std::int64_t>;

// The set cannot be indexed within the stated limits (more than 2^64 - 1 entries, or a
// counting table beyond kMaxTableWork); what() says which.
class FactorizationLimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FactorSlot {
  std::int64_t limit = 1;  // largest factor the slot takes
  bool spatial = false;    // spatial slots are the only limited ones; temporal take any divisor
  int group = -1;          // index into the groups' products; -1: free
};

class FactorizationSet {
 public:
  // Work (table entries x divisors visited) the counting tables may take.
  static constexpr double kMaxTableWork = 2e8;
  // Sets with at most this many entries are also kept as a list.
  static constexpr std::uint64_t kListEntries = 1U << 17U;

  FactorizationSet() = default;
  // Throws FactorizationLimitError when the set is too large to index.
  FactorizationSet(std::int64_t n, std::vector<FactorSlot> slots,
                   std::vector<std::int64_t> group_products);

  std::uint64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t num_slots() const { return slots_.size(); }
  // Entry `index` (< size()): a reference into the list, or `scratch` filled in.
  const Factorization& get(std::uint64_t index, Factorization& scratch) const;
  Factorization at(std::uint64_t index) const;
  // The index of a factorization, or nothing when it is not in the set.
  std::optional<std::uint64_t> index_of(const Factorization& factors) const;

  // Every distinct assignment of the spatial slots (in slot order) that some entry has; nothing
  // when there are more than `budget` of them.
  std::optional<std::vector<Factorization>> spatial_choices(std::uint64_t budget) const;
  // The largest product of the spatial factors over the entries (an upper bound when the
  // spatial choices are too many to list); 1 without spatial slots or entries.
  std::int64_t max_spatial_product() const;

 private:
  struct Segment {
    std::size_t target = 0;             // lattice index of the product of its slots
    std::vector<std::size_t> slots;     // global slot positions, increasing
    std::vector<std::uint64_t> counts;  // (slots + 1) x lattice: suffix counts
    bool has_temporal = false;
  };

  std::uint64_t suffix(std::size_t s, std::size_t local, std::size_t rest) const {
    return segments_[s].counts[local * lattice_.size() + rest];
  }
  void build_counts(Segment& segment);
  void unrank(std::uint64_t index, Factorization& out) const;
  void build_list();

  std::int64_t n_ = 1;
  DivisorLattice lattice_{1};
  std::vector<FactorSlot> slots_;
  std::vector<std::size_t> segment_of_;  // per slot
  std::vector<std::size_t> local_of_;    // per slot: position within its segment
  std::vector<Segment> segments_;
  std::uint64_t size_ = 0;
  std::vector<Factorization> list_;
};

}  // namespace arraysim::mapper
