// Size limits of a layer: every count it implies (window extents, tensor sizes, MACs and
// operations) must fit in 2^63 - 1. Computed in 128 bits, so a huge layer is rejected at load
// time with one line instead of wrapping silently.
#pragma once

#include <cstdint>
#include <string>

#include "arch/checked_math.hpp"
#include "arch/layer.hpp"

namespace arraysim::arch {

// (out - 1) * stride + (filter - 1) * dilation + 1, the input rows (or columns) a window spans.
Wide window_extent(std::int64_t out, std::int64_t stride, std::int64_t filter,
                   std::int64_t dilation);

// Fails at `where` unless `value` fits in 2^63 - 1; `what` names the quantity in the message.
void require_count(Wide value, const std::string& what, const JsonLocation& where);

// Checks every count of a parsed layer (see the file comment); fails at the layer's location.
void check_layer_bounds(const Layer& layer);

// A decimal rendering of a 128-bit count, for messages.
std::string wide_to_string(Wide value);

}  // namespace arraysim::arch
