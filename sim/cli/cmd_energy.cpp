// `arraysim energy --arch A`: the resolved per-action energy and area of every level, and the
// rule that produced each entry. With --match-area B --resize LEVEL it sizes LEVEL so that A's
// on-chip storage area matches B's (iso-area studies) and can write the resized architecture.
#include <cstdio>
#include <filesystem>
#include <optional>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

struct EnergyOptions {
  std::string arch, match_area, resize, write;
  std::int64_t granularity = 0;
};

void print_table(const arch::Architecture& arch, const energy::ResolvedEnergy& energy) {
  std::printf("Architecture %s, energy table: %s\n", arch.name.c_str(),
              energy.table_name.empty() ? "(none)" : energy.table_name.c_str());
  std::printf("%-16s %-8s %6s %10s %10s %12s %12s  %s\n", "component", "class", "bits", "read pJ",
              "write pJ", "leak pJ/cyc", "area um^2", "rule");
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    const auto& level = arch.levels[l];
    const auto& e = energy.levels[l];
    std::printf("%-16s %-8s %6lld %10.4g %10.4g %12.4g %12.4g  %s\n", level.name.c_str(),
                arch::level_kind_name(level.kind),
                static_cast<long long>(level.word_bits) * level.block_words, e.read_pj, e.write_pj,
                e.leak_pj_per_cycle, e.area_um2, e.rule.c_str());
  }
  std::printf("%-16s %-8s %6lld %10.4g %10s %12.4g %12.4g  %s\n", arch.compute.name.c_str(), "mac",
              static_cast<long long>(arch.compute.word_bits), energy.mac.read_pj, "-",
              energy.mac.leak_pj_per_cycle, energy.mac.area_um2, energy.mac.rule.c_str());
  if (arch.compute.accumulator_bits != 0) {
    std::printf("%-16s partial sums stored at %lld bits (accumulator_bits)\n", "",
                static_cast<long long>(arch.compute.accumulator_bits));
  } else {
    std::printf(
        "%-16s partial sums stored at one word of the level holding them (no "
        "accumulator_bits)\n",
        "");
  }
  for (std::size_t s = 1; s <= arch.num_levels(); ++s) {
    if (arch.instances_of(s) == arch.instances_of(s - 1) && !arch.network_into(s).declared)
      continue;
    const std::string to = s == arch.num_levels() ? arch.compute.name : arch.levels[s].name;
    const std::string name = "->" + to;
    const arch::NetworkSpec& net = arch.network_into(s);
    std::printf("%-16s %-8s %6s %10.4g %10s %12s %12s  %s (%s, %s)\n", name.c_str(), "noc", "",
                energy.networks[s].read_pj, "-", "-", "-", energy.networks[s].rule.c_str(),
                net.energy_per_delivery ? "per word delivered" : "per word and link",
                arch::topology_name(net.topology));
    const bool routers = net.topology == arch::Topology::Mesh ||
                         net.topology == arch::Topology::HierarchicalMesh ||
                         net.topology == arch::Topology::Crossbar;
    if (routers && !net.energy_per_delivery) {
      std::printf("%-16s %-8s %6s %10.4g %10s %12s %12s  %s (per word and router)\n", name.c_str(),
                  "router", "", energy.routers[s].read_pj, "-", "-", "-",
                  energy.routers[s].rule.c_str());
    }
  }
  std::printf("(read/write: per access of word_bits x block_words bits; area per instance)\n");
  // The cycle engine prices the DRAM controller's commands when the table has the preset's entry.
  const auto& dram = arch.levels.front().dram;
  if (dram && dram->preset) {
    if (const energy::TableEntry* e = energy::dram_command_energy(energy, *dram->preset)) {
      std::printf(
          "DRAM commands (%s, cycle engine): ACT %.6g, PRE %.6g, RD %.6g, WR %.6g, REF "
          "%.6g pJ per command of one rank  (entry \"%s\")\n",
          dram->preset->c_str(), e->command_pj.activate, e->command_pj.precharge,
          e->command_pj.read, e->command_pj.write, e->command_pj.refresh, e->name.c_str());
    } else {
      std::printf(
          "DRAM commands (%s, cycle engine): not priced, the table has no dram_commands "
          "entry for it\n",
          dram->preset->c_str());
    }
  }
  std::printf("On-chip storage area %.6g um^2 (all instances)\n",
              energy::storage_area_um2(arch, energy));
  if (energy.defaults.empty()) return;
  std::printf("Defaults (values the specs leave out; `validate --strict` rejects them):\n");
  for (const auto& d : energy.defaults) std::printf("  %s\n", default_line(d).c_str());
}

std::size_t level_index(const arch::Architecture& arch, const std::string& name) {
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    if (arch.levels[l].name == name && arch.levels[l].kind != arch::LevelKind::Dram) return l;
  }
  throw arch::SpecError("--resize", "",
                        "no on-chip storage level named \"" + name + "\" in " + arch.file);
}

// Largest capacity (a multiple of `step` words) of level `l` keeping A's storage area <= target.
std::int64_t capacity_for_area(arch::Architecture arch, std::size_t l, std::int64_t step,
                               double target_um2) {
  std::optional<energy::EnergyTable> table;  // read once, not at every bisection step
  if (!arch.energy_table.empty()) table = energy::load_energy_table(arch.energy_table);
  const auto area_with = [&arch, &table, l](std::int64_t words) {
    arch.levels[l].capacity_words = words;
    return energy::storage_area_um2(arch, energy::resolve_energy(arch, table ? &*table : nullptr));
  };
  if (area_with(step) > target_um2)
    throw arch::SpecError("--match-area", "", "the other levels alone exceed the target area");
  std::int64_t lo = 1;  // in steps; fits
  std::int64_t hi = 2;
  while (area_with(hi * step) <= target_um2) lo = hi, hi *= 2;
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (area_with(mid * step) <= target_um2 ? lo : hi) = mid;
  }
  return lo * step;
}

void run_energy(const EnergyOptions& options) {
  const arch::Architecture arch = load_arch_input(options.arch);
  if (!options.write.empty()) check_file_writable(options.write, "--write");
  const energy::ResolvedEnergy energy = energy::resolve_energy(arch);
  print_table(arch, energy);
  if (options.match_area.empty()) return;
  if (options.resize.empty())
    throw arch::SpecError("--match-area", "", "needs --resize LEVEL (the level to size)");
  const arch::Architecture other = load_arch_input(options.match_area);
  const double target = energy::storage_area_um2(other, energy::resolve_energy(other));
  const std::size_t l = level_index(arch, options.resize);
  const std::int64_t step =
      options.granularity > 0 ? options.granularity : arch.levels[l].block_words;
  const std::int64_t words = capacity_for_area(arch, l, step, target);
  arch::Architecture resized = arch;
  resized.levels[l].capacity_words = words;
  const double area = energy::storage_area_um2(resized, energy::resolve_energy(resized));
  std::printf("Iso-area with %s (%.6g um^2): %s = %lld words (%.6g KB), storage area %.6g um^2\n",
              other.name.c_str(), target, options.resize.c_str(), static_cast<long long>(words),
              static_cast<double>(words * arch.levels[l].word_bits) / 8192.0, area);
  if (options.write.empty()) return;
  if (options.arch.size() < 5 || options.arch.substr(options.arch.size() - 5) != ".json")
    throw arch::SpecError("--write", "", "resizing writes JSON: give --arch as a JSON spec");
  arch::Json json = arch::load_json_file(options.arch);
  json["levels"][l]["capacity_words"] = words;
  if (!arch.energy_table.empty()) {  // keep the table reachable from the new file's folder
    const auto folder = std::filesystem::absolute(options.write).parent_path();
    json["energy_table"] =
        std::filesystem::absolute(arch.energy_table).lexically_relative(folder).string();
  }
  write_file_atomically(options.write, json.dump(2) + "\n");
}

}  // namespace

void add_energy_command(CLI::App& app) {
  auto options = std::make_shared<EnergyOptions>();
  CLI::App* cmd =
      app.add_subcommand("energy", "Show the resolved per-action energy and area table");
  cmd->add_option("--arch", options->arch, "Architecture file")->required();
  cmd->add_option("--match-area", options->match_area,
                  "Size --resize LEVEL so the on-chip storage area equals this architecture's");
  cmd->add_option("--resize", options->resize, "Level to size for --match-area");
  cmd->add_option("--granularity", options->granularity,
                  "Capacity step in words for --resize (default: the level's block_words)")
      ->check(positive_integer());
  cmd->add_option("--write", options->write, "Write the resized architecture JSON here");
  cmd->callback([options] { run_energy(*options); });
}

}  // namespace arraysim::cli
