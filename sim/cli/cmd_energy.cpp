// `arraysim energy --arch A`: the resolved per-action energy and area of every level, and the
// rule that produced each entry.
#include <cstdio>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

void run_energy(const std::string& arch_path) {
  const arch::Architecture arch = load_arch_input(arch_path);
  const energy::ResolvedEnergy energy = energy::resolve_energy(arch);
  std::printf("Architecture %s, energy table: %s\n", arch.name.c_str(),
              energy.table_name.empty() ? "(none)" : energy.table_name.c_str());
  std::printf("%-16s %-8s %6s %10s %10s %12s %12s  %s\n", "component", "class", "bits", "read pJ",
              "write pJ", "leak pJ/cyc", "area um^2", "rule");
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    const auto& level = arch.levels[l];
    const auto& e = energy.levels[l];
    std::printf("%-16s %-8s %6lld %10.4g %10.4g %12.4g %12.4g  %s\n", level.name.c_str(),
                arch::level_kind_name(level.kind),
                static_cast<long long>(level.word_bits * level.block_words), e.read_pj, e.write_pj,
                e.leak_pj_per_cycle, e.area_um2, e.rule.c_str());
  }
  std::printf("%-16s %-8s %6lld %10.4g %10s %12.4g %12.4g  %s\n", arch.compute.name.c_str(), "mac",
              static_cast<long long>(arch.compute.word_bits), energy.mac.read_pj, "-",
              energy.mac.leak_pj_per_cycle, energy.mac.area_um2, energy.mac.rule.c_str());
  for (std::size_t s = 1; s <= arch.num_levels(); ++s) {
    if (arch.instances_of(s) == arch.instances_of(s - 1) && !arch.network_into(s).declared)
      continue;
    const std::string to = s == arch.num_levels() ? arch.compute.name : arch.levels[s].name;
    const std::string name = "->" + to;
    std::printf("%-16s %-8s %6s %10.4g %10s %12s %12s  %s (per word, %s)\n", name.c_str(), "noc",
                "", energy.networks[s].read_pj, "-", "-", "-", energy.networks[s].rule.c_str(),
                arch::topology_name(arch.network_into(s).topology));
  }
  std::printf("(read/write: per access of word_bits x block_words bits)\n");
}

}  // namespace

void add_energy_command(CLI::App& app) {
  auto arch_path = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("energy", "Show the resolved per-action energy and area table");
  cmd->add_option("--arch", *arch_path, "Architecture file")->required();
  cmd->callback([arch_path] { run_energy(*arch_path); });
}

}  // namespace arraysim::cli
