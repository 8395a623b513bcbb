#include "tests/support/onnx_models.hpp"

#ifdef ARRAYSIM_HAVE_ONNX
#include <onnx/onnx_pb.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace arraysim::testing {

namespace {

using Dims = std::vector<std::int64_t>;

class ModelWriter {
 public:
  ModelWriter() {
    model_.set_ir_version(8);
    model_.add_opset_import()->set_version(13);
    model_.set_producer_name("arraysim tests");
    graph_ = model_.mutable_graph();
    graph_->set_name("small_convnet");
  }

  void input(const std::string& name, const Dims& dims) { value(graph_->add_input(), name, dims); }
  void output(const std::string& name, const Dims& dims) {
    value(graph_->add_output(), name, dims);
  }

  // A float initializer of zeros with these dims.
  void weight(const std::string& name, const Dims& dims) {
    onnx::TensorProto* tensor = graph_->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto::FLOAT);
    std::int64_t elements = 1;
    for (std::int64_t d : dims) tensor->add_dims(d), elements *= d;
    for (std::int64_t i = 0; i < elements; ++i) tensor->add_float_data(0.0F);
  }

  onnx::NodeProto* node(const std::string& op, const std::string& name,
                        const std::vector<std::string>& inputs, const std::string& output) {
    onnx::NodeProto* n = graph_->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& input : inputs) n->add_input(input);
    n->add_output(output);
    return n;
  }

  static void ints(onnx::NodeProto* n, const std::string& name, const Dims& values) {
    onnx::AttributeProto* attr = n->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::INTS);
    for (std::int64_t v : values) attr->add_ints(v);
  }
  static void integer(onnx::NodeProto* n, const std::string& name, std::int64_t value) {
    onnx::AttributeProto* attr = n->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::INT);
    attr->set_i(value);
  }

  void save(const std::string& path) const {
    std::ofstream out(path, std::ios::binary);
    if (!out || !model_.SerializeToOstream(&out)) throw std::runtime_error("cannot write " + path);
  }

 private:
  static void value(onnx::ValueInfoProto* info, const std::string& name, const Dims& dims) {
    info->set_name(name);
    auto* tensor = info->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    for (std::int64_t d : dims) tensor->mutable_shape()->add_dim()->set_dim_value(d);
  }

  onnx::ModelProto model_;
  onnx::GraphProto* graph_ = nullptr;
};

}  // namespace

void write_small_convnet(const std::string& path) {
  ModelWriter m;
  m.input("image", {1, 3, 32, 32});
  m.weight("w_conv1", {16, 3, 3, 3});
  m.weight("b_conv1", {16});
  auto* conv1 = m.node("Conv", "conv1", {"image", "w_conv1", "b_conv1"}, "t_conv1");
  ModelWriter::ints(conv1, "pads", {1, 1, 1, 1});
  ModelWriter::ints(conv1, "kernel_shape", {3, 3});
  m.node("Relu", "relu1", {"t_conv1"}, "t_relu1");
  auto* pool = m.node("MaxPool", "pool1", {"t_relu1"}, "t_pool1");
  ModelWriter::ints(pool, "kernel_shape", {2, 2});
  ModelWriter::ints(pool, "strides", {2, 2});
  m.weight("w_dw", {16, 1, 3, 3});
  auto* dw = m.node("Conv", "dw", {"t_pool1", "w_dw"}, "t_dw");
  ModelWriter::ints(dw, "pads", {1, 1, 1, 1});
  ModelWriter::integer(dw, "group", 16);
  for (const char* p : {"bn_scale", "bn_bias", "bn_mean", "bn_var"}) m.weight(p, {16});
  m.node("BatchNormalization", "bn", {"t_dw", "bn_scale", "bn_bias", "bn_mean", "bn_var"}, "t_bn");
  m.weight("w_pw", {16, 16, 1, 1});
  m.node("Conv", "pw", {"t_bn", "w_pw"}, "t_pw");
  m.node("Add", "residual", {"t_pw", "t_pool1"}, "t_add");
  m.weight("w_gconv", {32, 4, 3, 3});
  auto* gconv = m.node("Conv", "gconv", {"t_add", "w_gconv"}, "t_gconv");
  ModelWriter::integer(gconv, "group", 4);
  ModelWriter::ints(gconv, "strides", {2, 2});
  ModelWriter::ints(gconv, "pads", {0, 0, 1, 1});
  m.weight("w_side", {16, 16, 1, 1});
  auto* side = m.node("Conv", "side", {"t_add", "w_side"}, "t_side");
  ModelWriter::ints(side, "strides", {2, 2});
  auto* cat = m.node("Concat", "cat", {"t_gconv", "t_side"}, "t_cat");
  ModelWriter::integer(cat, "axis", 1);
  m.node("GlobalAveragePool", "gap", {"t_cat"}, "t_gap");
  m.node("Flatten", "flat", {"t_gap"}, "t_flat");
  m.weight("w_fc", {10, 48});
  m.weight("b_fc", {10});
  auto* fc = m.node("Gemm", "fc", {"t_flat", "w_fc", "b_fc"}, "t_fc");
  ModelWriter::integer(fc, "transB", 1);
  m.node("Softmax", "prob", {"t_fc"}, "prob");
  m.output("prob", {1, 10});
  m.save(path);
}

void write_unsupported_model(const std::string& path) {
  ModelWriter m;
  m.input("image", {1, 3, 8, 8});
  m.weight("w", {4, 3, 1, 1});
  m.node("Conv", "conv", {"image", "w"}, "t_conv");
  m.weight("scales", {4});
  m.node("Resize", "up1", {"t_conv", "", "scales"}, "up");
  m.output("up", {1, 4, 16, 16});
  m.save(path);
}

void write_invalid_utf8_model(const std::string& path) {
  ModelWriter m;
  m.input("image", {1, 3, 8, 8});
  m.weight("w", {4, 3, 1, 1});
  m.node("Conv", "conv\xA9", {"image", "w"}, "t_conv");
  m.output("t_conv", {1, 4, 8, 8});
  m.save(path);
}

void write_no_output_model(const std::string& path) {
  ModelWriter m;
  m.input("image", {1, 3, 8, 8});
  m.weight("w", {4, 3, 1, 1});
  m.node("Conv", "conv", {"image", "w"}, "t_conv")->clear_output();
  m.save(path);
}

}  // namespace arraysim::testing
#endif
