// The one place where commands read their --arch, --workload, --mapping and --dataflow files, by
// extension: JSON specs as they are; .yaml/.yml through the Timeloop importer (`--arch` may name
// several YAML files separated by commas, a Timeloop architecture and its ERT, merged as Timeloop
// merges its inputs; import warnings go to the "arch" logger, one line each); SCALE-Sim configs
// (.cfg) and topologies (.csv); ONNX models (.onnx).
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"

namespace arraysim::cli {

struct ArchitectureInput {
  arch::Architecture arch;
  std::string dataflow;  // a SCALE-Sim config's Dataflow; empty otherwise
};

ArchitectureInput load_architecture_input(const std::string& arch_arg);
arch::Architecture load_arch_input(const std::string& arch_arg);
arch::Network load_workload_input(const std::string& path);
// A Timeloop mapping names Timeloop's levels: `arch_arg` says how they map onto `arch`.
arch::MappingSpec load_mapping_input(const std::string& path, const std::string& arch_arg,
                                     const arch::Architecture& arch);
// A shipped dataflow name or a template file; a Timeloop mapspace also sets the keep/bypass of the
// levels it constrains in `arch`.
arch::Dataflow load_dataflow_input(const std::string& name_or_path, const std::string& arch_arg,
                                   arch::Architecture& arch);

// The arraysim network spec of an ONNX model; SpecError when built without ONNX support.
arch::Json onnx_network_json(const std::string& path);

}  // namespace arraysim::cli
