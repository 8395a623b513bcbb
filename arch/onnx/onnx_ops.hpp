// Helpers of the ONNX importer: node attributes with defaults, and the spatial geometry of Conv
// and pooling nodes (strides, dilations, explicit or automatic padding, ceil mode) expressed with
// arraysim's symmetric padding.
#pragma once

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"
#include "arch/layer.hpp"

namespace arraysim::onnx_import {

// An activation tensor: the layer producing it ("" for a graph input) and arraysim's view of it.
struct Value {
  std::string layer;
  arch::TensorShape shape;
};

class Attributes {
 public:
  Attributes() = default;
  explicit Attributes(const onnx::NodeProto& node) : node_(&node) {}

  std::int64_t integer(const std::string& name, std::int64_t fallback) const;
  std::vector<std::int64_t> integers(const std::string& name,
                                     std::vector<std::int64_t> fallback) const;
  std::string text(const std::string& name, const std::string& fallback) const;

 private:
  const onnx::AttributeProto* find(const std::string& name) const;
  const onnx::NodeProto* node_ = nullptr;
};

// Per axis (rows, columns): input, kernel, stride, dilation, symmetric padding, output size.
struct SpatialOp {
  std::array<std::int64_t, 2> in{}, kernel{}, stride{1, 1}, dilation{1, 1}, padding{}, out{};
};

using FailFn = std::function<void(const std::string&)>;

// ONNX's output size from its attributes, and a symmetric padding that gives the same size
// (ONNX allows begin and end padding to differ); `fail` is called when none does.
SpatialOp resolve_spatial(const Attributes& attrs, const arch::TensorShape& x, std::int64_t kh,
                          std::int64_t kw, bool ceil_mode, const FailFn& fail);

// The spatial fields of a conv/pool layer: R, S, stride, dilation, H, W, padding.
arch::Json spatial_json(const std::string& name, const SpatialOp& op);

}  // namespace arraysim::onnx_import
