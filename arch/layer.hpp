// A workload layer: the 8-D loop bounds of MAC layers (conv, depthwise, fc, matmul) and the
// shape rules of the non-MAC layers (pool, add, concat, element-wise) that keep a network honest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"
#include "arch/problem_dims.hpp"

namespace arraysim::arch {

enum class LayerType {
  Conv,
  Depthwise,
  Fc,
  Matmul,
  Pool,
  Relu,
  Add,
  Concat,
  Softmax,
  Norm,
  Gelu,
  LstmCell
};
const char* layer_type_name(LayerType type);

// Activation tensor shape: batch, channels, rows, columns.
struct TensorShape {
  std::int64_t n = 1, c = 1, h = 1, w = 1;
  std::int64_t elements() const { return n * c * h * w; }
  bool operator==(const TensorShape& other) const {
    return n == other.n && c == other.c && h == other.h && w == other.w;
  }
  bool operator!=(const TensorShape& other) const { return !(*this == other); }
  std::string to_string() const;
};

struct Layer {
  std::string name;
  LayerType type = LayerType::Conv;
  DimSizes dims{1, 1, 1, 1, 1, 1, 1, 1};
  std::array<std::int64_t, 2> stride{1, 1};
  std::array<std::int64_t, 2> dilation{1, 1};
  std::array<std::int64_t, 2> padding{0, 0};
  std::array<std::int64_t, 2> input_hw{0, 0};     // declared input rows/columns (before padding)
  std::array<int, kNumDataSpaces> bits{0, 0, 0};  // 0: the storage level's word size
  int psum_bits = 0;  // partial sums ("bits": {"Psums": b}); 0: the MAC's accumulator_bits
  std::vector<std::string> inputs;
  bool inputs_given = false;
  std::string shares_weights;  // weights are the same tensor as this earlier layer's
  std::string pool_kind;
  std::int64_t hidden = 0;  // lstm_cell
  JsonLocation where;

  std::int64_t dim(Dim d) const { return dims[index(d)]; }
  bool is_mac() const;
  std::uint64_t macs() const;
  // Words of a data space: Weights[G,M,C,R,S], Inputs[N,G*C,H',W'] (projection),
  // Outputs[N,G*M,P,Q].
  std::uint64_t dataspace_words(DataSpace ds) const;
  // Input footprint rows/columns: (P-1)*stride + (R-1)*dilation + 1.
  std::int64_t projected_rows() const;
  std::int64_t projected_cols() const;
  // What the layer expects from its producer and what it produces; a matmul's rows are the
  // tensors' rows (h) whichever loop dimension they are lowered to.
  TensorShape input_shape() const;
  TensorShape output_shape() const;  // for MAC and pool layers
};

// Parses one layer object. In a network the batch comes from the network ("N" is rejected).
Layer parse_layer(const Json& json, const JsonLocation& where, bool in_network,
                  std::int64_t batch = 1);

}  // namespace arraysim::arch
