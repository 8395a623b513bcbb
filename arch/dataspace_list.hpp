// Reads a list of data-space names ("keep": ["Weights", "Inputs"]) as a mask, rejecting unknown
// names with a suggestion. Shared by architectures, mappings and dataflow templates.
#pragma once

#include <string>

#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::arch {

// An absent key reads as the empty mask.
DataSpaceMask read_dataspace_list(ObjectReader& reader, const std::string& key);

}  // namespace arraysim::arch
