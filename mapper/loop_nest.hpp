// A mapping bound to an architecture and a layer: per storage level its temporal loops, the
// spatial loops fanning out below it, and which data spaces it keeps. Validated on construction.
#pragma once

#include <string>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "arch/mapping.hpp"

namespace arraysim::mapper {

using arch::DataSpace;
using arch::DataSpaceMask;
using arch::Dim;

struct Loop {
  Dim dim = Dim::N;
  std::int64_t factor = 1;
};

struct NestLevel {
  std::vector<Loop> temporal;   // outer -> inner
  std::vector<Loop> spatial_x;  // across the X fan-out below this level
  std::vector<Loop> spatial_y;
  DataSpaceMask keep = arch::kAllDataSpacesMask;
  int spec_index = -1;  // entry in the mapping file, for error locations

  std::int64_t spatial_product() const;
};

struct LoopNest {
  std::vector<NestLevel> levels;  // one per storage level, outermost first
};

// Binds and validates: level names and order, factor products equal to the layer's dimensions,
// spatial fan-out within the mesh, keep/bypass consistent with the architecture. Throws SpecError
// located in the mapping file.
LoopNest bind_mapping(const arch::MappingSpec& spec, const arch::Architecture& arch,
                      const arch::Layer& layer);

// Converts back to a mapping spec (for writing mapping JSON).
arch::MappingSpec to_mapping_spec(const LoopNest& nest, const arch::Architecture& arch);
arch::Json mapping_to_json(const arch::MappingSpec& spec);

// The loop nest as indented pseudo-code, outermost loop first.
std::string format_loop_nest(const LoopNest& nest, const arch::Architecture& arch);

}  // namespace arraysim::mapper
