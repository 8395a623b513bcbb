// Timeloop problems to an arraysim layer: the 7-D convolution (R S P Q C M/K N, Wstride/Hstride,
// Wdilation/Hdilation), given flat (v0.2) or as `shape` + `instance` (v0.3). A custom shape is
// accepted when its data spaces are the convolution's projections over a subset of its dimensions
// (e.g. the tutorial's Conv1D: Weights[R], Inputs[R+P], Outputs[P]).
#pragma once

#include <string>

#include "arch/json_reader.hpp"
#include "arch/timeloop/yaml_reader.hpp"

namespace arraysim::arch::timeloop {

// An arraysim layer spec named `name`.
// `origins` (optional) receives where each part of the layer JSON came from.
Json import_problem(const YamlValue& value, const std::string& name, ImportLog& log,
                    SourceMap* origins = nullptr);

}  // namespace arraysim::arch::timeloop
