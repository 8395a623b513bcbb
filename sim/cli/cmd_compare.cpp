// `arraysim compare`: maps every layer of a network under several dataflows and tabulates energy
// per MAC with breakdowns by level class (ALU, RF, NoC/array, global buffer, DRAM) and by data
// type, DRAM accesses per MAC, cycles, utilization and what each search proved (the Eyeriss
// ISCA'16 comparison). A layer a dataflow cannot map is reported as such (compare_table.cpp).
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_table.hpp"
#include "sim/cli/data_paths.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

struct CompareOptions {
  std::string arch, network, dataflows = "ws,os,is,rs,nlr", objective = "energy",
                             search = "exhaustive";
  std::string out;
  std::int64_t batch = 0;
  int bits = 0, psum_bits = 0;
  int threads = 0;
  double energy_tolerance = mapper::kDefaultEnergyTolerance;
  bool quiet = false;
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// One column of the comparison: a dataflow, on the shared --arch or on its own ("rs@arch.json",
// for families such as the ISCA'16 iso-area study).
struct Member {
  std::string label;
  arch::Architecture arch;
  arch::Dataflow dataflow;
  bool own_arch = false;
};

std::vector<Member> load_members(const CompareOptions& options) {
  std::vector<Member> members;
  for (const std::string& item : split(options.dataflows)) {
    const auto at = item.find('@');
    const std::string name = item.substr(0, at);
    Member member{"", {}, arch::load_dataflow(dataflow_path(name))};
    if (at != std::string::npos) {
      member.arch = load_arch_input(item.substr(at + 1));
      member.label = member.arch.name;
      member.own_arch = true;
    } else {
      if (options.arch.empty())
        throw arch::SpecError("--dataflows", "", "\"" + item + "\" needs --arch or NAME@ARCH");
      member.arch = load_arch_input(options.arch);
      member.label = member.dataflow.name;
    }
    members.push_back(std::move(member));
  }
  if (members.empty()) throw arch::SpecError("--dataflows", "", "name at least one dataflow");
  return members;
}

void run_compare(const CompareOptions& options) {
  arch::Network net = load_workload_input(options.network);
  apply_batch(net, options.batch);
  apply_bits(net, options.bits);
  apply_psum_bits(net, options.psum_bits);
  const std::vector<Member> members = load_members(options);
  if (!options.out.empty()) check_directory_writable(options.out, "--out");  // before the runs
  mapper::SearchOptions search =
      make_search_options(options.objective, options.search, options.threads, 1, 0.0, 0, true);
  search.energy_tolerance = check_energy_tolerance(options.energy_tolerance);
  CompareTable table;
  table.network = net.name;
  table.batch = net.batch;
  table.search = options.search;
  table.objective = options.objective;
  table.energy_tolerance =
      search.objective.metrics.front() == mapper::Metric::Energy ? search.energy_tolerance : 0.0;
  table.arch_label =
      members.front().own_arch ? "one architecture per dataflow" : members.front().arch.name;
  table.layers = net.mac_layers().size();
  for (const Member& member : members) {
    table.dataflows.push_back(member.label);
    const energy::ResolvedEnergy energy = resolve_energy_reported(member.arch);
    if (table.dataflows.size() == 1) table.energy_table = energy.table_name;
    // A layer the dataflow cannot map is a row saying so; the rest of the network still runs.
    for (const LayerResult& r : map_layers(member.arch, net, net.mac_layers(), member.dataflow,
                                           energy, options.search, search, options.quiet, true)) {
      table.rows.push_back(make_compare_row(member.arch, member.label, r));
    }
  }
  std::fputs(format_compare_table(table).c_str(), stdout);
  if (options.out.empty()) return;
  const std::filesystem::path dir(options.out);
  OutputSet outputs;
  outputs.add((dir / "compare.csv").string(), compare_csv(table));
  outputs.add((dir / "compare.json").string(), compare_json(table).dump(2) + "\n");
  outputs.commit();
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Compare dataflows layer by layer on one architecture");
  cmd->add_option("--arch", options->arch,
                  "Architecture file (optional when every dataflow names its own: rs@arch.json)");
  cmd->add_option("--network", options->network, "Network (or layer) file")->required();
  cmd->add_option(
      "--dataflows", options->dataflows,
      "Comma-separated dataflows (default ws,os,is,rs,nlr); NAME@ARCH runs one on its own "
      "architecture");
  cmd->add_option("--objective", options->objective, "energy, delay, edp, or a list");
  cmd->add_option("--search", options->search, "exhaustive, random or anneal");
  cmd->add_option("--batch", options->batch, "Override the batch size")->check(positive_integer());
  cmd->add_option("--bits", options->bits, "Precision of every data space in bits (1-32)")
      ->check(integer_in(1, 32));
  cmd->add_option("--psum-bits", options->psum_bits, "Precision of partial sums in bits (1-64)")
      ->check(integer_in(1, 64));
  cmd->add_option("--energy-tolerance", options->energy_tolerance,
                  "Objectives starting with energy: among mappings within this fraction of the "
                  "least energy, take the fewest cycles (default 0.005 = 0.5%; 0: pure optimum)");
  cmd->add_option("--threads", options->threads,
                  "Worker threads (default: all cores; at most 4 per hardware thread)")
      ->check(positive_count());
  cmd->add_option("--out", options->out, "Directory for compare.csv and compare.json");
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run_compare(*options); });
}

}  // namespace arraysim::cli
