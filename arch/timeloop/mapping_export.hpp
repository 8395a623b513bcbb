// arraysim mappings to Timeloop mapping YAML, for cross-checking a result in Timeloop: per level a
// temporal directive (every dimension's factor, permutation innermost first), a spatial one
// (`split` = the number of X dimensions) when the level fans out, and a datatype directive.
// Output channels are written M (Timeloop's cnn-layer name since v0.3).
#pragma once

#include <string>

#include "arch/layer.hpp"
#include "arch/mapping.hpp"

namespace arraysim::arch::timeloop {

std::string export_mapping(const MappingSpec& mapping, const Layer& layer);

}  // namespace arraysim::arch::timeloop
