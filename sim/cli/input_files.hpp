// The one place where input files are recognised by extension: SCALE-Sim configs (.cfg) and
// topologies (.csv), ONNX models (.onnx), and arraysim JSON specs (anything else).
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/network.hpp"

namespace arraysim::cli {

struct ArchitectureInput {
  arch::Architecture arch;
  std::string dataflow;  // a SCALE-Sim config's Dataflow; empty for JSON
};

ArchitectureInput load_architecture_input(const std::string& path);
arch::Network load_workload_input(const std::string& path);

// The arraysim network spec of an ONNX model; SpecError when built without ONNX support.
arch::Json onnx_network_json(const std::string& path);

}  // namespace arraysim::cli
