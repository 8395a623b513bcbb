// Writes the test ONNX models into a directory (small_convnet.onnx, unsupported_op.onnx,
// invalid_utf8.onnx) for the command-line tests.
#include <iostream>
#include <string>

#include "tests/support/onnx_models.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: onnx_fixture DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  arraysim::testing::write_small_convnet(dir + "/small_convnet.onnx");
  arraysim::testing::write_unsupported_model(dir + "/unsupported_op.onnx");
  arraysim::testing::write_invalid_utf8_model(dir + "/invalid_utf8.onnx");
  return 0;
}
