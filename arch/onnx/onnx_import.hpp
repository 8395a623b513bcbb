// ONNX models as arraysim networks: Conv (grouped and depthwise), Gemm and MatMul with constant
// weights, MaxPool/AveragePool/GlobalAveragePool/GlobalMaxPool, Add of two activations and
// channel Concat become layers with their shapes propagated from the graph inputs; Relu and
// Softmax become element-wise layers; shape-preserving or bookkeeping ops (BatchNormalization,
// Dropout, Identity, Flatten, Reshape, activations, bias adds...) pass their input through.
// Anything else is an error naming the node and its op type.
#pragma once

#include <string>

#include "arch/json_reader.hpp"

namespace arraysim::onnx_import {

// Reads a serialized ONNX model and returns the equivalent arraysim network spec (checked with
// parse_network). Throws SpecError "file:/graph/node/i: message" on unsupported or bad input.
arch::Json import_onnx(const std::string& path);

}  // namespace arraysim::onnx_import
