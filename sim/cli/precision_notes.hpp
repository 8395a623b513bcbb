// Precision as the mapping commands report it: one line naming each data space's bits and the
// partial sums' (and where that default comes from), and a warning when operands are wider than
// the MACs that consume them.
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"

namespace arraysim::cli {

// "Precision: Weights 8, Inputs 8, Outputs 8 bits; partial sums 24 bits (accumulator_bits of MAC)"
std::string precision_line(const arch::Architecture& arch, const arch::Layer& layer);

// Warns (one line) when the layer's Weights or Inputs are wider than the MAC's word_bits.
void warn_operand_precision(const arch::Architecture& arch, const arch::Layer& layer);

}  // namespace arraysim::cli
