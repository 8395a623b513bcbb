#include "arch/layer_bounds.hpp"

#include <algorithm>

namespace arraysim::arch {

namespace {

Wide w(std::int64_t value) { return static_cast<Wide>(value < 0 ? 0 : value); }

Wide product(std::initializer_list<Wide> factors) {
  Wide out = 1;
  for (Wide f : factors) out = wide_mul(out, f);
  return out;
}

}  // namespace

std::string wide_to_string(Wide value) {
  if (value == 0) return "0";
  std::string digits;
  while (value != 0) {
    digits += static_cast<char>('0' + static_cast<int>(value % 10));
    value /= 10;
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

Wide window_extent(std::int64_t out, std::int64_t stride, std::int64_t filter,
                   std::int64_t dilation) {
  return wide_mul(w(out - 1), w(stride)) + wide_mul(w(filter - 1), w(dilation)) + 1;
}

void require_count(Wide value, const std::string& what, const JsonLocation& where) {
  if (fits_count(value)) return;
  where.fail(what + " = " + wide_to_string(value) +
             " exceeds 2^63 - 1 = 9223372036854775807, the largest count arraysim can represent");
}

void check_layer_bounds(const Layer& layer) {
  const JsonLocation& where = layer.where;
  auto d = [&layer](Dim dim) { return w(layer.dim(dim)); };
  if (layer.type == LayerType::LstmCell) {
    require_count(product({d(Dim::N), 4, w(layer.hidden)}), "input words N*4*hidden", where);
    return;
  }
  const Wide rows =
      window_extent(layer.dim(Dim::P), layer.stride[0], layer.dim(Dim::R), layer.dilation[0]);
  const Wide cols =
      window_extent(layer.dim(Dim::Q), layer.stride[1], layer.dim(Dim::S), layer.dilation[1]);
  require_count(rows, "input window rows (P-1)*stride + (R-1)*dilation + 1", where);
  require_count(cols, "input window columns (Q-1)*stride + (S-1)*dilation + 1", where);
  const Wide padded_rows = w(layer.input_hw[0]) + 2 * w(layer.padding[0]);
  const Wide padded_cols = w(layer.input_hw[1]) + 2 * w(layer.padding[1]);
  require_count(padded_rows, "padded input rows H + 2*padding", where);
  require_count(padded_cols, "padded input columns W + 2*padding", where);
  require_count(product({d(Dim::G), d(Dim::M), d(Dim::C), d(Dim::R), d(Dim::S)}),
                "weight words G*M*C*R*S", where);
  require_count(product({d(Dim::N), d(Dim::G), d(Dim::C), rows, cols}),
                "input words N*G*C*rows*columns", where);
  require_count(
      product({d(Dim::N), d(Dim::G), d(Dim::C), w(layer.input_hw[0]), w(layer.input_hw[1])}),
      "input tensor N*G*C*H*W", where);
  require_count(product({d(Dim::N), d(Dim::G), d(Dim::M), d(Dim::P), d(Dim::Q)}),
                "output words N*G*M*P*Q", where);
  if (!layer.is_mac()) return;
  Wide macs = 1;
  for (std::int64_t size : layer.dims) macs = wide_mul(macs, w(size));
  require_count(macs, "MACs N*G*M*C*P*Q*R*S", where);
  require_count(wide_mul(macs, 2), "operations 2*MACs", where);
}

}  // namespace arraysim::arch
