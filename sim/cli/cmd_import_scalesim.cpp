// `arraysim import scalesim CFG [TOPOLOGY.csv] --out DIR`: writes the architecture (and workload)
// JSON equivalent to a SCALE-Sim config and topology.
#include <cstdio>
#include <filesystem>

#include "arch/architecture.hpp"
#include "arch/network.hpp"
#include "arch/scalesim/to_spec.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"

namespace arraysim::cli {

namespace {

struct ImportScalesimOptions {
  std::string cfg, topology, out;
};

void run(const ImportScalesimOptions& options) {
  const scalesim::Config config = scalesim::read_config(options.cfg);
  const arch::Json arch_json = scalesim::architecture_json(config);
  arch::parse_architecture(arch_json, options.cfg);
  std::string topology = options.topology;
  if (topology.empty() && !config.topology_csv.empty()) {
    // TopologyCsvLoc: as given, else beside the config.
    topology = config.topology_csv;
    const auto beside = std::filesystem::path(options.cfg).parent_path() / topology;
    if (!std::filesystem::exists(topology) && std::filesystem::exists(beside))
      topology = beside.string();
  }
  arch::Json net_json;
  if (!topology.empty()) {
    net_json = scalesim::network_json(scalesim::read_topology(topology));
    arch::parse_network(net_json, topology);
  }
  check_directory_writable(options.out, "--out");
  const std::string arch_path = (std::filesystem::path(options.out) / "architecture.json").string();
  const std::string net_path = (std::filesystem::path(options.out) / "workload.json").string();
  OutputSet outputs;  // both files or neither
  outputs.add(arch_path, arch_json.dump(2) + "\n");
  if (!net_json.is_null()) outputs.add(net_path, net_json.dump(2) + "\n");
  outputs.commit();
  std::printf("wrote %s (%lldx%lld systolic array, dataflow %s)\n", arch_path.c_str(),
              static_cast<long long>(config.array_rows), static_cast<long long>(config.array_cols),
              config.dataflow.c_str());
  if (net_json.is_null()) return;
  std::printf("wrote %s (%zu layers)\n", net_path.c_str(), net_json["layers"].size());
  std::printf("simulate with: arraysim simulate --arch %s --workload %s --dataflow %s\n",
              arch_path.c_str(), net_path.c_str(), config.dataflow.c_str());
}

}  // namespace

void add_import_scalesim(CLI::App& import) {
  auto options = std::make_shared<ImportScalesimOptions>();
  CLI::App* cmd = import.add_subcommand(
      "scalesim", "SCALE-Sim config (.cfg) and topology (.csv) to architecture and workload JSON");
  cmd->add_option("cfg", options->cfg, "SCALE-Sim config file")->required();
  cmd->add_option("topology", options->topology,
                  "SCALE-Sim topology CSV (default: the config's TopologyCsvLoc, if any)");
  cmd->add_option("--out", options->out, "Directory for architecture.json and workload.json")
      ->required();
  cmd->callback([options] { run(*options); });
}

}  // namespace arraysim::cli
