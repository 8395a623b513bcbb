// `arraysim import onnx MODEL.onnx --out NET.json`: writes the arraysim network of an ONNX model.
#include <cstdio>

#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

struct ImportOnnxOptions {
  std::string model, out;
};

void run(const ImportOnnxOptions& options) {
  const arch::Json json = onnx_network_json(options.model);
  check_file_writable(options.out, "--out");
  write_file_atomically(options.out, json.dump(2) + "\n");
  std::printf("wrote %s (%zu layers)\n", options.out.c_str(), json["layers"].size());
}

}  // namespace

void add_import_onnx(CLI::App& import) {
  auto options = std::make_shared<ImportOnnxOptions>();
  CLI::App* cmd = import.add_subcommand("onnx", "ONNX model to an arraysim network JSON");
  cmd->add_option("model", options->model, "ONNX model file")->required();
  cmd->add_option("--out", options->out, "Network JSON to write")->required();
  cmd->callback([options] { run(*options); });
}

}  // namespace arraysim::cli
