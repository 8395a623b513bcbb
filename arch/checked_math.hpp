// Overflow-safe integer arithmetic for counts: every count arraysim reports must fit in 2^63, so
// products are taken in 128 bits or saturate, and doubles are converted to integers only in range.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace arraysim::arch {

// The largest count a spec may imply and a result may report: 2^63 - 1 (a signed 64-bit integer).
constexpr std::uint64_t kMaxCount =
    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
// What a saturating operation returns on overflow; anything above kMaxCount means "too large".
constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

// 128-bit integers (a GCC/Clang extension) for products that may not fit in 64 bits.
__extension__ typedef unsigned __int128 Wide;  // NOLINT(modernize-use-using): needs a typedef
__extension__ typedef __int128 SignedWide;     // NOLINT(modernize-use-using)

// a * b, or kSaturated when it does not fit in 64 bits (kSaturated stays kSaturated).
inline std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_mul_overflow(a, b, &out) ? kSaturated : out;
}

inline std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_add_overflow(a, b, &out) ? kSaturated : out;
}

// Product of non-negative 64-bit factors in 128 bits, clamped at 2^127 so it never wraps.
inline Wide wide_mul(Wide a, Wide b) {
  constexpr Wide kClamp = static_cast<Wide>(1) << 127;
  if (a != 0 && b > kClamp / a) return kClamp;
  return a * b;
}

inline bool fits_count(Wide value) { return value <= static_cast<Wide>(kMaxCount); }

// ceil(x) as a count, or nullopt when x is not finite, negative or above kMaxCount (a plain
// conversion of an out-of-range double to an integer is undefined behaviour).
inline std::optional<std::uint64_t> ceil_to_count(long double x) {
  if (!std::isfinite(x) || x < 0) return std::nullopt;
  const long double up = std::ceil(x);
  if (up > static_cast<long double>(kMaxCount)) return std::nullopt;
  return static_cast<std::uint64_t>(up);
}

}  // namespace arraysim::arch
