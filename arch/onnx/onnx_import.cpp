#include "arch/onnx/onnx_import.hpp"

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <map>
#include <set>

#include "arch/input_file.hpp"
#include "arch/network.hpp"
#include "arch/onnx/onnx_ops.hpp"
#include "arch/text_check.hpp"

namespace arraysim::onnx_import {

namespace {

using arch::Json;
using arch::TensorShape;

// Ops that leave the tensor arraysim sees unchanged (normalisation, activations, layout
// bookkeeping, element-wise ops with a constant operand).
const std::set<std::string>& pass_through_ops() {
  static const std::set<std::string> ops = {"BatchNormalization",
                                            "Dropout",
                                            "Identity",
                                            "Flatten",
                                            "Reshape",
                                            "Squeeze",
                                            "Unsqueeze",
                                            "Clip",
                                            "LeakyRelu",
                                            "PRelu",
                                            "Sigmoid",
                                            "Tanh",
                                            "HardSigmoid",
                                            "HardSwish",
                                            "Elu",
                                            "Selu",
                                            "LRN",
                                            "Cast",
                                            "Mul",
                                            "Div",
                                            "Sub",
                                            "InstanceNormalization"};
  return ops;
}

std::string supported_list() {
  std::string list =
      "Conv, Gemm, MatMul, MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool, Add, Concat, "
      "Relu, Softmax; passed through:";
  for (const auto& op : pass_through_ops()) list += " " + op;
  return list;
}

// Protobuf (proto2) does not check that strings are UTF-8: every name that may reach the network
// JSON is checked here, before it is used.
void check_text(const std::string& text, const std::string& path, const std::string& pointer) {
  if (auto bad = arch::invalid_utf8_offset(text)) {
    throw arch::SpecError(path, pointer, arch::describe_invalid_utf8(text, *bad));
  }
}

void check_names(const onnx::GraphProto& graph, const std::string& path) {
  check_text(graph.name(), path, "/graph/name");
  for (int i = 0; i < graph.initializer_size(); ++i) {
    check_text(graph.initializer(i).name(), path,
               "/graph/initializer/" + std::to_string(i) + "/name");
  }
  for (int i = 0; i < graph.input_size(); ++i) {
    check_text(graph.input(i).name(), path, "/graph/input/" + std::to_string(i) + "/name");
  }
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto& node = graph.node(i);
    const std::string at = "/graph/node/" + std::to_string(i);
    check_text(node.name(), path, at + "/name");
    check_text(node.op_type(), path, at + "/op_type");
    for (int k = 0; k < node.input_size(); ++k) {
      check_text(node.input(k), path, at + "/input/" + std::to_string(k));
    }
    for (int k = 0; k < node.output_size(); ++k) {
      check_text(node.output(k), path, at + "/output/" + std::to_string(k));
    }
    for (int k = 0; k < node.attribute_size(); ++k) {
      check_text(node.attribute(k).name(), path, at + "/attribute/" + std::to_string(k) + "/name");
    }
  }
}

class Importer {
 public:
  Importer(const onnx::ModelProto& model, std::string path)
      : graph_(model.graph()), path_(std::move(path)) {}

  Json run() {
    for (const auto& init : graph_.initializer()) {
      constants_[init.name()] = {init.dims().begin(), init.dims().end()};
    }
    for (const auto& input : graph_.input()) {
      if (constants_.count(input.name()) != 0) continue;
      add_graph_input(input);
    }
    for (int i = 0; i < graph_.node_size(); ++i) import_node(graph_.node(i), i);
    const std::string stem = std::filesystem::path(path_).stem().string();
    return {{"spec", "network"},
            {"name", graph_.name().empty() ? stem : graph_.name()},
            {"batch", batch_ == 0 ? 1 : batch_},
            {"source",
             "Imported from the ONNX model " + std::filesystem::path(path_).filename().string()},
            {"layers", layers_}};
  }

 private:
  [[noreturn]] void fail(int node, const std::string& message) const {
    throw arch::SpecError(path_, node < 0 ? "/graph/input" : "/graph/node/" + std::to_string(node),
                          message);
  }

  void add_graph_input(const onnx::ValueInfoProto& input) {
    const auto& shape = input.type().tensor_type().shape();
    std::vector<std::int64_t> dims;
    for (int d = 0; d < shape.dim_size(); ++d) {
      if (shape.dim(d).has_dim_value() && shape.dim(d).dim_value() > 0) {
        dims.push_back(shape.dim(d).dim_value());
      } else if (d == 0) {
        dims.push_back(1);  // a symbolic batch: batch 1
      } else {
        fail(-1, "graph input \"" + input.name() + "\" has a symbolic dimension " +
                     std::to_string(d) + "; give the model fixed input sizes");
      }
    }
    if (dims.empty() || dims.size() > 4) {
      fail(-1, "graph input \"" + input.name() + "\" has rank " + std::to_string(dims.size()) +
                   "; expected 2 to 4 (batch first)");
    }
    if (batch_ == 0) batch_ = dims[0];
    Value value;
    value.shape = view_of(dims);
    values_[input.name()] = value;
  }

  // arraysim's view of a tensor: [n, c, h, w]; [n, k] is [n, k, 1, 1]; [n, rows, k] is
  // [n, k, rows, 1] (a matmul's operand A).
  static TensorShape view_of(const std::vector<std::int64_t>& dims) {
    if (dims.size() == 4) return {dims[0], dims[1], dims[2], dims[3]};
    if (dims.size() == 3) return {dims[0], dims[2], dims[1], 1};
    if (dims.size() == 2) return {dims[0], dims[1], 1, 1};
    return {1, dims.empty() ? 1 : dims[0], 1, 1};
  }

  std::string unique_name(const onnx::NodeProto& node, int index) {
    std::string name =
        node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
    if (!names_.insert(name).second) {
      name += "_" + std::to_string(index);
      names_.insert(name);
    }
    return name;
  }

  const std::vector<std::int64_t>& constant(const onnx::NodeProto& node, int index, int input,
                                            std::size_t rank, const char* what) const {
    if (node.input_size() <= input || constants_.count(node.input(input)) == 0) {
      fail(index, "node \"" + node.name() + "\" (" + node.op_type() + "): the " + what +
                      " must be a constant initializer");
    }
    const auto& dims = constants_.at(node.input(input));
    if (dims.size() != rank) {
      fail(index, "node \"" + node.name() + "\" (" + node.op_type() + "): the " + what +
                      " has rank " + std::to_string(dims.size()) + ", expected " +
                      std::to_string(rank) + (rank == 4 ? " (only 2-D convolutions)" : ""));
    }
    return dims;
  }

  // Emits one layer fed by `inputs` and records its output tensor.
  void emit(Json layer, const std::vector<const Value*>& inputs, const std::string& output,
            const TensorShape& shape) {
    Json producers = Json::array();
    for (const Value* input : inputs) {
      if (!input->layer.empty()) producers.push_back(input->layer);
    }
    layer["inputs"] = producers;
    Value value;
    value.layer = layer["name"].get<std::string>();
    value.shape = shape;
    layers_.push_back(std::move(layer));
    values_[output] = value;
  }

  void import_node(const onnx::NodeProto& node, int index) {
    const std::string& op = node.op_type();
    std::vector<const Value*> activations;
    for (const auto& input : node.input()) {
      if (input.empty() || constants_.count(input) != 0) continue;
      const auto it = values_.find(input);
      if (it == values_.end()) {
        std::string message = "node \"" + node.name() + "\" (";
        message.append(op).append("): input \"").append(input);
        fail(index, message + "\" is not produced by an earlier node");
      }
      activations.push_back(&it->second);
    }
    // Constant folding territory (shape computations, Constant nodes): not part of the network.
    if (activations.empty() || op == "Shape" || op == "Size") {
      for (const auto& output : node.output()) constants_[output] = {};
      return;
    }
    const Value& x = *activations.front();
    const std::string name = unique_name(node, index);
    if (node.output_size() == 0) fail(index, "node \"" + name + "\" (" + op + ") has no output");
    const std::string& out = node.output(0);
    const Attributes attrs(node);
    auto node_fail = [&](const std::string& message) {
      fail(index, "node \"" + name + "\" (" + op + "): " + message);
    };
    if (op == "Conv") {
      const auto& w = constant(node, index, 1, 4, "weight");
      const SpatialOp conv = resolve_spatial(attrs, x.shape, w[2], w[3], false, node_fail);
      const std::int64_t group = attrs.integer("group", 1);
      if (w[1] * group != x.shape.c || w[0] % group != 0) {
        node_fail("weight " + std::to_string(w[0]) + "x" + std::to_string(w[1]) + " with group " +
                  std::to_string(group) + " does not fit " + std::to_string(x.shape.c) +
                  " input channels");
      }
      Json layer = spatial_json(name, conv);
      if (group == x.shape.c && w[0] == x.shape.c && group > 1) {
        layer["type"] = "depthwise";
        layer["C"] = x.shape.c;
      } else {
        layer["type"] = "conv";
        layer["G"] = group;
        layer["M"] = w[0] / group;
        layer["C"] = w[1];
      }
      emit(layer, {&x}, out, {x.shape.n, w[0], conv.out[0], conv.out[1]});
    } else if (op == "MaxPool" || op == "AveragePool" || op == "GlobalAveragePool" ||
               op == "GlobalMaxPool") {
      const bool global = op.rfind("Global", 0) == 0;
      const auto kernel = global ? std::vector<std::int64_t>{x.shape.h, x.shape.w}
                                 : attrs.integers("kernel_shape", {});
      if (kernel.size() != 2) node_fail("only 2-D pooling is supported");
      const SpatialOp pool =
          resolve_spatial(global ? Attributes() : attrs, x.shape, kernel[0], kernel[1],
                          attrs.integer("ceil_mode", 0) != 0, node_fail);
      Json layer = spatial_json(name, pool);
      layer["type"] = "pool";
      layer["pool_kind"] = op.find("Max") != std::string::npos ? "max" : "avg";
      layer["C"] = x.shape.c;
      emit(layer, {&x}, out, {x.shape.n, x.shape.c, pool.out[0], pool.out[1]});
    } else if (op == "Gemm" || op == "MatMul") {
      if (activations.size() != 1)
        node_fail("both operands are activations; only constant weights are supported");
      if (attrs.integer("transA", 0) != 0) node_fail("transA = 1 is not supported");
      const auto& b = constant(node, index, 1, 2, "operand B");
      const bool trans_b = attrs.integer("transB", 0) != 0;
      const std::int64_t k = trans_b ? b[1] : b[0];
      const std::int64_t n = trans_b ? b[0] : b[1];
      if (x.shape.w == 1 && x.shape.h > 1 && x.shape.c == k) {
        // [batch, rows, k] x [k, n]: a matmul over the rows.
        Json layer = {{"name", name}, {"type", "matmul"}, {"m", x.shape.h}, {"n", n}, {"k", k}};
        emit(layer, {&x}, out, {x.shape.n, n, x.shape.h, 1});
      } else if (x.shape.c * x.shape.h * x.shape.w == k) {
        Json layer = {{"name", name},   {"type", "fc"},   {"M", n},
                      {"C", x.shape.c}, {"R", x.shape.h}, {"S", x.shape.w}};
        emit(layer, {&x}, out, {x.shape.n, n, 1, 1});
      } else {
        node_fail("operand A " + x.shape.to_string() + " does not have K = " + std::to_string(k) +
                  " elements per row");
      }
    } else if (op == "Add" && activations.size() == 2) {
      if (activations[0]->shape != activations[1]->shape) {
        node_fail("operands " + activations[0]->shape.to_string() + " and " +
                  activations[1]->shape.to_string() + " differ (broadcasting is not supported)");
      }
      emit({{"name", name}, {"type", "add"}}, activations, out, x.shape);
    } else if (op == "Concat") {
      const std::int64_t axis = attrs.integer("axis", 1);
      if (activations.size() != static_cast<std::size_t>(node.input_size()))
        node_fail("concatenating constants is not supported");
      if (axis != 1 && axis != -3) node_fail("only concatenation along channels (axis 1)");
      TensorShape shape = x.shape;
      for (std::size_t k = 1; k < activations.size(); ++k) shape.c += activations[k]->shape.c;
      if (activations.size() == 1) {
        values_[out] = x;
      } else {
        emit({{"name", name}, {"type", "concat"}}, activations, out, shape);
      }
    } else if (op == "Relu" || op == "Softmax") {
      emit({{"name", name}, {"type", op == "Relu" ? "relu" : "softmax"}}, {&x}, out, x.shape);
    } else if (pass_through_ops().count(op) != 0 || op == "Add") {
      if (activations.size() != 1) node_fail("element-wise op on two activations is not supported");
      values_[out] = x;
    } else {
      node_fail("unsupported op type \"" + op + "\" (supported: " + supported_list() + ")");
    }
  }

  const onnx::GraphProto& graph_;
  std::string path_;
  std::map<std::string, std::vector<std::int64_t>> constants_;  // name -> dims
  std::map<std::string, Value> values_;                         // activations
  std::set<std::string> names_;
  Json layers_ = Json::array();
  std::int64_t batch_ = 0;
};

}  // namespace

Json import_onnx(const std::string& path) {
  const std::string bytes = arch::read_input_file(path);
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes)) {
    throw arch::SpecError(path, "", "not an ONNX model (protobuf parse failed)");
  }
  if (model.graph().node_size() == 0) throw arch::SpecError(path, "/graph", "the graph is empty");
  check_names(model.graph(), path);
  Json json = Importer(model, path).run();
  try {
    arch::parse_network(json, path);
  } catch (const arch::SpecError& error) {
    throw arch::SpecError(path, "", "the imported network is inconsistent: " + error.message());
  }
  return json;
}

}  // namespace arraysim::onnx_import
