// ONNX import: a small conv net written with the ONNX protobuf API (every supported layer kind),
// imported and checked against shapes and MAC counts computed by hand; an unsupported op is
// reported with its node; PyTorch-exported models from Debian's libonnx-testdata (when installed)
// must give the output shapes their recorded test outputs have.
#ifdef ARRAYSIM_HAVE_ONNX
#include <onnx/onnx_pb.h>

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "arch/network.hpp"
#include "arch/onnx/onnx_import.hpp"
#include "tests/support/onnx_models.hpp"

namespace {
namespace arch = arraysim::arch;
namespace fs = std::filesystem;

fs::path temp_model(const std::string& name) {
  return fs::temp_directory_path() / ("arraysim_" + std::to_string(::getpid()) + "_" + name);
}

const arch::TensorShape& shape_of(const arch::Network& net, const std::string& name) {
  const arch::Layer* layer = net.find(name);
  REQUIRE(layer != nullptr);
  return net.output_shapes.at(static_cast<std::size_t>(layer - net.layers.data()));
}
}  // namespace

TEST_CASE("ONNX conv net imports with hand-computed shapes and MACs", "[arch]") {
  const fs::path path = temp_model("small_convnet.onnx");
  arraysim::testing::write_small_convnet(path.string());
  const arch::Json json = arraysim::onnx_import::import_onnx(path.string());
  fs::remove(path);
  const arch::Network net = arch::parse_network(json, "small_convnet.json");
  // BatchNormalization and Flatten pass through; every other node is a layer.
  CHECK(net.layers.size() == 12);
  CHECK(net.batch == 1);
  auto macs = [&net](const std::string& name) { return net.find(name)->macs(); };
  // conv1: 16 filters of 3x3x3 over 32x32 outputs (pad 1).
  CHECK(macs("conv1") == 16ULL * 3 * 9 * 32 * 32);
  CHECK(shape_of(net, "pool1") == arch::TensorShape{1, 16, 16, 16});
  // Depthwise 3x3 on 16 channels of 16x16.
  CHECK(net.find("dw")->type == arch::LayerType::Depthwise);
  CHECK(macs("dw") == 16ULL * 9 * 16 * 16);
  CHECK(macs("pw") == 16ULL * 16 * 16 * 16);
  // The residual add joins the pointwise conv and the pool (batchnorm passed through).
  CHECK(net.find("residual")->inputs == std::vector<std::string>{"pw", "pool1"});
  CHECK(shape_of(net, "residual") == arch::TensorShape{1, 16, 16, 16});
  // Grouped conv: 4 groups of 8 filters over 4 channels, 3x3, stride 2, pads 0/1:
  // floor((16 + 1 - 3) / 2) + 1 = 8 outputs per axis.
  const arch::Layer& gconv = *net.find("gconv");
  CHECK(gconv.dim(arch::Dim::G) == 4);
  CHECK(gconv.dim(arch::Dim::M) == 8);
  CHECK(gconv.dim(arch::Dim::C) == 4);
  CHECK(shape_of(net, "gconv") == arch::TensorShape{1, 32, 8, 8});
  CHECK(macs("gconv") == 4ULL * 8 * 4 * 9 * 8 * 8);
  CHECK(macs("side") == 16ULL * 16 * 8 * 8);
  CHECK(shape_of(net, "cat") == arch::TensorShape{1, 48, 8, 8});
  CHECK(shape_of(net, "gap") == arch::TensorShape{1, 48, 1, 1});
  CHECK(net.find("fc")->type == arch::LayerType::Fc);
  CHECK(macs("fc") == 48ULL * 10);
  CHECK(shape_of(net, "prob") == arch::TensorShape{1, 10, 1, 1});
  std::uint64_t total = 0;
  for (const auto* layer : net.mac_layers()) total += layer->macs();
  CHECK(total == 442368 + 36864 + 65536 + 73728 + 16384 + 480);
}

TEST_CASE("ONNX import names an unsupported node", "[arch]") {
  const fs::path path = temp_model("unsupported.onnx");
  arraysim::testing::write_unsupported_model(path.string());
  std::string message;
  try {
    arraysim::onnx_import::import_onnx(path.string());
  } catch (const arch::SpecError& error) {
    message = error.what();
  }
  fs::remove(path);
  CHECK(message.rfind(
            path.string() + ":/graph/node/1: node \"up1\" (Resize): unsupported op type \"Resize\"",
            0) == 0);
}

// Protobuf does not check that names are UTF-8; the importer does, before any name reaches JSON
// (a JSON library exception when the network was written, before).
TEST_CASE("ONNX import rejects a node name that is not UTF-8, naming the node", "[arch]") {
  const fs::path path = temp_model("invalid_utf8.onnx");
  arraysim::testing::write_invalid_utf8_model(path.string());
  std::string message;
  try {
    const arch::Json json = arraysim::onnx_import::import_onnx(path.string());
    json.dump();
  } catch (const arch::SpecError& error) {
    message = error.what();
  }
  fs::remove(path);
  CHECK(message == path.string() + ":/graph/node/0/name: invalid UTF-8 byte 0xA9 at byte 4");
}

TEST_CASE("ONNX import rejects a node without an output", "[arch]") {
  const fs::path path = temp_model("no_output.onnx");
  arraysim::testing::write_no_output_model(path.string());
  std::string message;
  try {
    arraysim::onnx_import::import_onnx(path.string());
  } catch (const arch::SpecError& error) {
    message = error.what();
  }
  fs::remove(path);
  CHECK(message == path.string() + ":/graph/node/0: node \"conv\" (Conv) has no output");
}

// Optional: models exported by PyTorch in Debian's libonnx-testdata. The expected output shape is
// the one of the test set's recorded output tensor.
TEST_CASE("PyTorch-exported ONNX models from libonnx-testdata", "[arch]") {
  const fs::path root = "/usr/share/libonnx-testdata/data/pytorch-converted";
  if (!fs::is_directory(root)) {
    WARN("libonnx-testdata is not installed; skipped");
    return;
  }
  for (const char* name :
       {"test_Conv2d", "test_Conv2d_groups", "test_Conv2d_depthwise_with_multiplier",
        "test_Conv2d_depthwise_strided", "test_Conv2d_padding", "test_Conv2d_strided",
        "test_Conv2d_dilated", "test_MaxPool2d", "test_AvgPool2d_stride", "test_Linear"}) {
    INFO(name);
    const fs::path dir = root / name;
    if (!fs::exists(dir / "model.onnx")) continue;
    const arch::Network net = arch::parse_network(
        arraysim::onnx_import::import_onnx((dir / "model.onnx").string()), name);
    onnx::TensorProto expected;
    std::ifstream in(dir / "test_data_set_0" / "output_0.pb", std::ios::binary);
    REQUIRE(expected.ParseFromIstream(&in));
    std::vector<std::int64_t> dims(expected.dims().begin(), expected.dims().end());
    while (dims.size() < 4) dims.push_back(1);
    const arch::TensorShape got = net.output_shapes.at(net.topological_order.back());
    CHECK(got == arch::TensorShape{dims[0], dims[1], dims[2], dims[3]});
  }
}
#endif
