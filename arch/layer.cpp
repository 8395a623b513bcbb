#include "arch/layer.hpp"

#include <map>

#include "arch/layer_bounds.hpp"

namespace arraysim::arch {

namespace {

const std::vector<std::string>& type_names() {
  static const std::vector<std::string> names = {"conv",    "depthwise", "fc",   "matmul",
                                                 "pool",    "relu",      "add",  "concat",
                                                 "softmax", "norm",      "gelu", "lstm_cell"};
  return names;
}

// P from the input size: floor((H + 2*pad - dil*(R-1) - 1) / stride) + 1.
// In 128 bits; a result beyond 2^63 - 1 is clamped there and rejected by check_layer_bounds.
std::int64_t output_size(std::int64_t in, std::int64_t pad, std::int64_t filter,
                         std::int64_t stride, std::int64_t dilation) {
  using Signed = SignedWide;
  const Signed span = static_cast<Signed>(in) + 2 * static_cast<Signed>(pad) -
                      static_cast<Signed>(dilation) * (filter - 1) - 1;
  if (span < 0) return 0;
  const Signed out = span / stride + 1;
  return out > static_cast<Signed>(kMaxCount) ? static_cast<std::int64_t>(kMaxCount)
                                              : static_cast<std::int64_t>(out);
}

void set(Layer& layer, Dim d, std::int64_t value) { layer.dims[index(d)] = value; }

// Spatial layers (conv, depthwise, pool) take either P/Q or H/W (+padding); both must agree.
void read_spatial(ObjectReader& reader, Layer& layer) {
  layer.stride = {1, 1};
  const auto stride = reader.positive_pair("stride", {1, 1});
  const auto dilation = reader.positive_pair("dilation", {1, 1});
  layer.stride = {stride[0], stride[1]};
  layer.dilation = {dilation[0], dilation[1]};
  for (int i = 0; i < 2; ++i) {
    if (stride[i] <= 0) reader.at("stride").child(i).fail("expected a positive integer");
    if (dilation[i] <= 0) reader.at("dilation").child(i).fail("expected a positive integer");
  }
  if (reader.has("padding")) {
    const auto padding = reader.positive_pair("padding", {0, 0});
    for (int i = 0; i < 2; ++i) {
      if (padding[i] < 0) reader.at("padding").child(i).fail("expected a non-negative integer");
    }
    layer.padding = {padding[0], padding[1]};
  }
  const bool has_hw = reader.has("H") || reader.has("W");
  const bool has_pq = reader.has("P") || reader.has("Q");
  if (!has_hw && !has_pq) reader.where().fail("give the output size P/Q or the input size H/W");
  const std::array<Dim, 2> out_dims{Dim::P, Dim::Q};
  const std::array<Dim, 2> filter_dims{Dim::R, Dim::S};
  const std::array<const char*, 2> in_keys{"H", "W"};
  const std::array<const char*, 2> out_keys{"P", "Q"};
  for (int i = 0; i < 2; ++i) {
    const std::int64_t filter = layer.dim(filter_dims[i]);
    if (has_hw) {
      const std::int64_t in = reader.positive(in_keys[i]);
      const std::int64_t out =
          output_size(in, layer.padding[i], filter, layer.stride[i], layer.dilation[i]);
      if (out <= 0) {
        reader.at(in_keys[i])
            .fail("input of " + std::to_string(in) + " is smaller than the filter's reach");
      }
      if (has_pq) {
        const std::int64_t given = reader.positive(out_keys[i]);
        if (given != out) {
          reader.at(out_keys[i])
              .fail(std::string(out_keys[i]) + " = " + std::to_string(given) + " disagrees with " +
                    in_keys[i] + "/padding/stride (gives " + std::to_string(out) + ")");
        }
      }
      set(layer, out_dims[i], out);
      layer.input_hw[i] = in;
    } else {
      set(layer, out_dims[i], reader.positive(out_keys[i]));
    }
  }
  if (!has_hw) {
    for (int i = 0; i < 2; ++i) {
      const Wide extent = window_extent(layer.dim(out_dims[i]), layer.stride[i],
                                        layer.dim(filter_dims[i]), layer.dilation[i]);
      require_count(extent,
                    i == 0 ? "input window rows (P-1)*stride + (R-1)*dilation + 1"
                           : "input window columns (Q-1)*stride + (S-1)*dilation + 1",
                    reader.where());
      const Wide padding = 2 * static_cast<Wide>(layer.padding[i]);
      if (padding >= extent) {
        reader.at("padding").child(i).fail("padding leaves no input: the window spans " +
                                           wide_to_string(extent) + " padded " + in_keys[i] +
                                           " values");
      }
      layer.input_hw[i] = static_cast<std::int64_t>(extent - padding);
    }
  }
}

// Precision per data space, and of the partial sums ("Psums", up to 64 bits: accumulators are
// wider than the values they sum).
void read_bits(ObjectReader& reader, Layer& layer) {
  const Json* bits = reader.get("bits");
  if (bits == nullptr) return;
  ObjectReader bits_reader(*bits, reader.at("bits"));
  for (DataSpace ds : kAllDataSpaces) {
    const std::string name = dataspace_name(ds);
    if (!bits_reader.has(name)) continue;
    const std::int64_t value = bits_reader.positive(name);
    if (value > 32) bits_reader.at(name).fail("precision must be 1 to 32 bits");
    layer.bits[index(ds)] = static_cast<int>(value);
  }
  if (bits_reader.has("Psums")) {
    const std::int64_t value = bits_reader.positive("Psums");
    if (value > 64) bits_reader.at("Psums").fail("partial-sum precision must be 1 to 64 bits");
    layer.psum_bits = static_cast<int>(value);
  }
  bits_reader.finish();
}

}  // namespace

const char* layer_type_name(LayerType type) {
  return type_names()[static_cast<std::size_t>(type)].c_str();
}

std::string TensorShape::to_string() const {
  return "[" + std::to_string(n) + ", " + std::to_string(c) + ", " + std::to_string(h) + ", " +
         std::to_string(w) + "]";
}

bool Layer::is_mac() const {
  return type == LayerType::Conv || type == LayerType::Depthwise || type == LayerType::Fc ||
         type == LayerType::Matmul;
}

std::uint64_t Layer::macs() const {
  if (!is_mac()) return 0;
  std::uint64_t product = 1;
  for (std::int64_t size : dims) product *= static_cast<std::uint64_t>(size);
  return product;
}

std::int64_t Layer::projected_rows() const {
  return (dim(Dim::P) - 1) * stride[0] + (dim(Dim::R) - 1) * dilation[0] + 1;
}

std::int64_t Layer::projected_cols() const {
  return (dim(Dim::Q) - 1) * stride[1] + (dim(Dim::S) - 1) * dilation[1] + 1;
}

std::uint64_t Layer::dataspace_words(DataSpace ds) const {
  auto u = [](std::int64_t v) { return static_cast<std::uint64_t>(v); };
  switch (ds) {
    case DataSpace::Weights:
      return u(dim(Dim::G)) * u(dim(Dim::M)) * u(dim(Dim::C)) * u(dim(Dim::R)) * u(dim(Dim::S));
    case DataSpace::Inputs:
      return u(dim(Dim::N)) * u(dim(Dim::G)) * u(dim(Dim::C)) * u(projected_rows()) *
             u(projected_cols());
    case DataSpace::Outputs:
      return u(dim(Dim::N)) * u(dim(Dim::G)) * u(dim(Dim::M)) * u(dim(Dim::P)) * u(dim(Dim::Q));
  }
  return 0;
}

TensorShape Layer::input_shape() const {
  if (type == LayerType::LstmCell) return {dim(Dim::N), 4 * hidden, 1, 1};
  return {dim(Dim::N), dim(Dim::G) * dim(Dim::C), input_hw[0], input_hw[1]};
}

TensorShape Layer::output_shape() const {
  if (type == LayerType::LstmCell) return {dim(Dim::N), hidden, 1, 1};
  if (type == LayerType::Matmul) return {dim(Dim::N), dim(Dim::G) * dim(Dim::M), dim(Dim::Q), 1};
  return {dim(Dim::N), dim(Dim::G) * dim(Dim::M), dim(Dim::P), dim(Dim::Q)};
}

Layer parse_layer(const Json& json, const JsonLocation& where, bool in_network,
                  std::int64_t batch) {
  ObjectReader reader(json, where);
  Layer layer;
  layer.where = where;
  if (!in_network) {
    const std::string spec = reader.string("spec");
    if (spec != "layer") reader.at("spec").fail("expected \"layer\", got \"" + spec + "\"");
    reader.optional_string("source");
  }
  layer.name = reader.string("name");
  if (layer.name.empty()) reader.at("name").fail("layer name must not be empty");
  const std::string type = reader.enum_string("type", type_names());
  for (std::size_t i = 0; i < type_names().size(); ++i) {
    if (type_names()[i] == type) layer.type = static_cast<LayerType>(i);
  }
  set(layer, Dim::N, in_network ? batch : reader.positive("N", 1));

  switch (layer.type) {
    case LayerType::Conv:
      set(layer, Dim::G, reader.positive("G", 1));
      set(layer, Dim::M, reader.positive("M"));
      set(layer, Dim::C, reader.positive("C"));
      set(layer, Dim::R, reader.positive("R", 1));
      set(layer, Dim::S, reader.positive("S", 1));
      read_spatial(reader, layer);
      break;
    case LayerType::Depthwise:
      set(layer, Dim::G, reader.positive("C"));
      set(layer, Dim::R, reader.positive("R", 1));
      set(layer, Dim::S, reader.positive("S", 1));
      read_spatial(reader, layer);
      break;
    case LayerType::Pool:
      set(layer, Dim::C, reader.positive("C"));
      set(layer, Dim::R, reader.positive("R"));
      set(layer, Dim::S, reader.positive("S"));
      layer.pool_kind = reader.enum_string("pool_kind", {"max", "avg"}, std::string("max"));
      read_spatial(reader, layer);
      // A pool keeps its channels: model it as G = C independent channels of one.
      set(layer, Dim::G, layer.dim(Dim::C));
      set(layer, Dim::C, 1);
      break;
    case LayerType::Fc:
      set(layer, Dim::M, reader.positive("M"));
      set(layer, Dim::C, reader.positive("C"));
      set(layer, Dim::R, reader.positive("R", 1));
      set(layer, Dim::S, reader.positive("S", 1));
      layer.input_hw = {layer.dim(Dim::R), layer.dim(Dim::S)};
      break;
    case LayerType::Matmul:
      // A[m,k] B[k,n]: the rows m are output columns Q (P = 1), as a 1-D convolution over the
      // rows with one filter tap. The templates sweep Q where they walk a row (rs completes Q in
      // the array so a row slides through the PEs; os/is unroll Q or P alike; ws/nlr use neither).
      set(layer, Dim::G, reader.positive("G", 1));
      set(layer, Dim::Q, reader.positive("m"));
      set(layer, Dim::M, reader.positive("n"));
      set(layer, Dim::C, reader.positive("k"));
      layer.input_hw = {layer.dim(Dim::Q), 1};
      break;
    case LayerType::LstmCell:
      layer.hidden = reader.positive("hidden");
      break;
    default:
      break;
  }
  if (layer.is_mac()) read_bits(reader, layer);
  if (layer.is_mac()) {
    if (auto shares = reader.optional_string("shares_weights")) layer.shares_weights = *shares;
  }
  if (reader.has("inputs")) {
    layer.inputs = reader.string_list("inputs");
    layer.inputs_given = true;
  }
  reader.finish();
  check_layer_bounds(layer);
  return layer;
}

}  // namespace arraysim::arch
