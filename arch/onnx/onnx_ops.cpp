#include "arch/onnx/onnx_ops.hpp"

#include <cstdlib>

namespace arraysim::onnx_import {

namespace {

// floor((in + pad_total - dil*(k-1) - 1) / stride) + 1, or ceil in ceil mode.
std::int64_t output_size(std::int64_t in, std::int64_t pad_total, std::int64_t kernel,
                         std::int64_t stride, std::int64_t dilation, bool ceil_mode) {
  const std::int64_t span = in + pad_total - dilation * (kernel - 1) - 1;
  if (span < 0) return 0;
  return (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
}

}  // namespace

const onnx::AttributeProto* Attributes::find(const std::string& name) const {
  if (node_ == nullptr) return nullptr;
  for (const auto& attr : node_->attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

std::int64_t Attributes::integer(const std::string& name, std::int64_t fallback) const {
  const auto* attr = find(name);
  return attr == nullptr ? fallback : attr->i();
}

std::vector<std::int64_t> Attributes::integers(const std::string& name,
                                               std::vector<std::int64_t> fallback) const {
  const auto* attr = find(name);
  if (attr == nullptr) return fallback;
  return {attr->ints().begin(), attr->ints().end()};
}

std::string Attributes::text(const std::string& name, const std::string& fallback) const {
  const auto* attr = find(name);
  return attr == nullptr ? fallback : attr->s();
}

SpatialOp resolve_spatial(const Attributes& attrs, const arch::TensorShape& x, std::int64_t kh,
                          std::int64_t kw, bool ceil_mode, const FailFn& fail) {
  SpatialOp op;
  op.in = {x.h, x.w};
  op.kernel = {kh, kw};
  const auto strides = attrs.integers("strides", {1, 1});
  const auto dilations = attrs.integers("dilations", {1, 1});
  const auto pads = attrs.integers("pads", {0, 0, 0, 0});
  const std::string auto_pad = attrs.text("auto_pad", "NOTSET");
  if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4) {
    fail("expected 2-D strides, dilations and pads");
    return op;
  }
  for (int axis = 0; axis < 2; ++axis) {
    const std::int64_t in = op.in[axis], k = op.kernel[axis];
    const std::int64_t s = strides[axis], d = dilations[axis];
    if (s <= 0 || d <= 0) fail("strides and dilations must be positive");
    std::int64_t pad_total = pads[axis] + pads[axis + 2];
    std::int64_t out = 0;
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      out = (in + s - 1) / s;
      pad_total = std::max<std::int64_t>(0, (out - 1) * s + d * (k - 1) + 1 - in);
    } else if (auto_pad == "VALID") {
      pad_total = 0;
      out = output_size(in, 0, k, s, d, false);
    } else if (auto_pad == "NOTSET") {
      out = output_size(in, pad_total, k, s, d, ceil_mode);
    } else {
      fail("unknown auto_pad \"" + auto_pad + "\"");
    }
    if (out <= 0) fail("the kernel is larger than the padded input");
    // The symmetric padding closest to the total that gives the same output size.
    std::int64_t best = -1;
    for (std::int64_t p = 0; p <= pad_total + s; ++p) {
      if (output_size(in, 2 * p, k, s, d, false) != out) continue;
      if (best < 0 || std::abs(2 * p - pad_total) < std::abs(2 * best - pad_total)) best = p;
    }
    if (best < 0) {
      fail("padding " + std::to_string(pads[axis]) + "/" + std::to_string(pads[axis + 2]) +
           " cannot be expressed as symmetric padding with the same output size");
    }
    op.stride[axis] = s;
    op.dilation[axis] = d;
    op.padding[axis] = best;
    op.out[axis] = out;
  }
  return op;
}

arch::Json spatial_json(const std::string& name, const SpatialOp& op) {
  arch::Json json = {{"name", name},         {"R", op.kernel[0]}, {"S", op.kernel[1]},
                     {"stride", op.stride},  {"H", op.in[0]},     {"W", op.in[1]},
                     {"padding", op.padding}};
  if (op.dilation[0] != 1 || op.dilation[1] != 1) json["dilation"] = op.dilation;
  return json;
}

}  // namespace arraysim::onnx_import
