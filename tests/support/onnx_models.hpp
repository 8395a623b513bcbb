// Small ONNX models written with the ONNX protobuf API, for the importer's tests: a conv net with
// every supported layer kind, and a model with an op the importer does not support.
#pragma once

#include <string>

namespace arraysim::testing {

// Input [1, 3, 32, 32]: conv1 3x3 16 (pad 1) - relu - maxpool 2x2/2 - depthwise 3x3 (pad 1) -
// batchnorm - pointwise 16 - add (residual with the pool) - grouped conv 3x3/2 (4 groups, 32
// filters, pads 0/0/1/1) and a 1x1/2 side conv 16 - concat - global average pool - flatten -
// gemm 48->10 - softmax.
void write_small_convnet(const std::string& path);

// A Conv followed by a Resize node named "up1" (not supported by the importer).
void write_unsupported_model(const std::string& path);

// One Conv node whose name holds the byte 0xA9, which is not UTF-8 (protobuf does not check).
void write_invalid_utf8_model(const std::string& path);

// One Conv node without an output.
void write_no_output_model(const std::string& path);

}  // namespace arraysim::testing
