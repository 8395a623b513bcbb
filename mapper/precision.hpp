// Value precision (DESIGN 2.1 "bits"): narrower values pack into a level's words. Partial sums
// have their own precision: the layer's "Psums" bits, else the MAC's accumulator_bits, else one
// word of the level holding them. Every Outputs access that carries a partial sum uses it: reads,
// fills, updates below the outermost level, and the tiles held below the outermost level; only
// the final write of each output word at the outermost level (and its tile there) takes the
// Outputs precision.
#pragma once

#include <array>
#include <cstdint>

#include "arch/architecture.hpp"
#include "arch/checked_math.hpp"
#include "arch/layer.hpp"

namespace arraysim::mapper {

// Bits of a stored partial sum; 0: one word of the level that holds it.
inline int psum_bits(const arch::Architecture& arch, const arch::Layer& layer) {
  return layer.psum_bits != 0 ? layer.psum_bits : static_cast<int>(arch.compute.accumulator_bits);
}

// Bits per value of a data space's tile at a level (0: one word per value).
inline int tile_bits(const std::array<int, arch::kNumDataSpaces>& bits, int psum_bits,
                     arch::DataSpace ds, std::size_t level) {
  return ds == arch::DataSpace::Outputs && level > 0 ? psum_bits : bits[arch::index(ds)];
}

// Words that `values` values of `bits` bits fill in words of `word_bits` bits.
inline std::uint64_t packed_words(std::uint64_t values, int bits, std::int64_t word_bits) {
  if (bits == 0) return values;
  const auto word = static_cast<arch::Wide>(word_bits);
  const arch::Wide words =
      (static_cast<arch::Wide>(values) * static_cast<arch::Wide>(bits) + word - 1) / word;
  return words > arch::kMaxCount ? arch::kSaturated : static_cast<std::uint64_t>(words);
}

}  // namespace arraysim::mapper
