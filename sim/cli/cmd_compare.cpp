// `arraysim compare`: maps every layer of a network under several dataflows and tabulates energy
// per MAC with breakdowns by level class (ALU, RF, NoC/array, global buffer, DRAM) and by data
// type, DRAM accesses per MAC, cycles and utilization (the Eyeriss ISCA'16 comparison).
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/data_paths.hpp"
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
  int bits = 0;
  int threads = 0;
  bool quiet = false;
};

enum Part { kAlu, kRf, kNoc, kBuffer, kDram, kParts };
const char* const kPartNames[kParts] = {"alu", "rf", "noc", "buffer", "dram"};

struct Row {
  std::string layer, dataflow;
  std::uint64_t macs = 0;
  double energy_pj = 0.0;
  std::array<double, kParts> parts{};
  std::array<double, arch::kNumDataSpaces> dataspaces{};
  double dram_accesses = 0.0;
  mapper::Cycle cycles = 0;
  double utilization = 0.0;
};

// PE-local storage (one instance per MAC, or a register file) is RF; other on-chip storage is
// the global buffer; DRAM levels are DRAM.
Part part_of(const arch::Architecture& arch, std::size_t level) {
  const arch::StorageLevel& spec = arch.levels[level];
  if (spec.kind == arch::LevelKind::Dram) return kDram;
  if (spec.kind == arch::LevelKind::Regfile ||
      (level > 0 && spec.instances == arch.compute.instances)) {
    return kRf;
  }
  return kBuffer;
}

Row make_row(const arch::Architecture& arch, const std::string& dataflow, const LayerResult& r) {
  Row row;
  row.layer = r.name;
  row.dataflow = dataflow;
  row.macs = r.stats.macs;
  row.energy_pj = r.stats.energy_pj;
  row.parts[kAlu] = r.stats.compute_energy_pj;
  for (std::size_t l = 0; l < r.stats.levels.size(); ++l) {
    const auto& level = r.stats.levels[l];
    row.parts[part_of(arch, l)] += level.energy_pj;
    if (part_of(arch, l) == kDram) {
      for (const auto& ds : level.dataspaces)
        row.dram_accesses += static_cast<double>(ds.reads + ds.fills + ds.updates);
    }
  }
  for (const auto& net : r.stats.networks) row.parts[kNoc] += net.energy_pj;
  row.dataspaces = r.stats.dataspace_energy_pj();
  row.cycles = r.stats.cycles;
  row.utilization = r.stats.utilization;
  return row;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string csv_of(const std::vector<Row>& rows) {
  std::string csv = "layer,dataflow,macs,energy_pj,energy_per_mac_pj";
  for (const char* part : kPartNames) csv += std::string(",") + part + "_per_mac_pj";
  csv +=
      ",weights_per_mac_pj,inputs_per_mac_pj,outputs_per_mac_pj,dram_accesses_per_mac,cycles,"
      "utilization\n";
  char buffer[64];
  auto num = [&buffer](double v) {
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return std::string(buffer);
  };
  for (const Row& r : rows) {
    const double macs = static_cast<double>(r.macs);
    csv += r.layer + "," + r.dataflow + "," + std::to_string(r.macs) + "," + num(r.energy_pj) +
           "," + num(r.energy_pj / macs);
    for (double part : r.parts) csv += "," + num(part / macs);
    for (double ds : r.dataspaces) csv += "," + num(ds / macs);
    csv += "," + num(r.dram_accesses / macs) + "," + std::to_string(r.cycles) + "," +
           num(r.utilization) + "\n";
  }
  return csv;
}

arch::Json json_of(const std::vector<Row>& rows, const CompareOptions& options,
                   const arch::Network& net) {
  arch::Json list = arch::Json::array();
  for (const Row& r : rows) {
    const double macs = static_cast<double>(r.macs);
    arch::Json parts = arch::Json::object();
    for (int p = 0; p < kParts; ++p) parts[kPartNames[p]] = r.parts[p] / macs;
    list.push_back({{"layer", r.layer},
                    {"dataflow", r.dataflow},
                    {"macs", r.macs},
                    {"energy_pj", r.energy_pj},
                    {"energy_per_mac_pj", r.energy_pj / macs},
                    {"per_mac_pj_by_level", parts},
                    {"per_mac_pj_by_data",
                     {{"Weights", r.dataspaces[0] / macs},
                      {"Inputs", r.dataspaces[1] / macs},
                      {"Outputs", r.dataspaces[2] / macs}}},
                    {"dram_accesses_per_mac", r.dram_accesses / macs},
                    {"cycles", r.cycles},
                    {"utilization", r.utilization}});
  }
  return {{"network", net.name},
          {"batch", net.batch},
          {"objective", options.objective},
          {"rows", list}};
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
  const std::vector<Member> members = load_members(options);
  if (!options.out.empty()) check_directory_writable(options.out, "--out");  // before the runs
  const mapper::SearchOptions search =
      make_search_options(options.objective, options.search, options.threads, 1, 0.0, 0, true);
  std::vector<Row> rows;
  std::vector<std::string> names;
  std::string table_name;
  for (const Member& member : members) {
    names.push_back(member.label);
    const energy::ResolvedEnergy energy = energy::resolve_energy(member.arch);
    if (names.size() == 1) table_name = energy.table_name;
    for (const LayerResult& r : map_layers(member.arch, net, net.mac_layers(), member.dataflow,
                                           energy, options.search, search, options.quiet)) {
      rows.push_back(make_row(member.arch, member.label, r));
    }
  }
  const arch::Architecture& arch = members.front().arch;
  // Table: energy per MAC, layer by dataflow, then each dataflow's network-wide breakdown.
  const std::size_t layers = net.mac_layers().size();
  std::printf("%s on %s, batch %lld: energy per MAC (pJ; %s), best per layer marked *\n",
              net.name.c_str(),
              members.front().own_arch ? "one architecture per dataflow" : arch.name.c_str(),
              static_cast<long long>(net.batch),
              table_name.empty() ? "no energy table" : table_name.c_str());
  std::printf("%-16s", "layer");
  for (const auto& name : names) std::printf(" %11s", name.c_str());
  std::printf("\n");
  std::vector<double> total_energy(names.size(), 0.0);
  std::uint64_t total_macs = 0;
  for (std::size_t l = 0; l < layers; ++l) {
    std::size_t best = 0;
    for (std::size_t d = 1; d < names.size(); ++d) {
      if (rows[d * layers + l].energy_pj < rows[best * layers + l].energy_pj) best = d;
    }
    std::printf("%-16s", rows[l].layer.c_str());
    for (std::size_t d = 0; d < names.size(); ++d) {
      const Row& r = rows[d * layers + l];
      std::printf(" %10.3f%s", r.energy_pj / static_cast<double>(r.macs), d == best ? "*" : " ");
      total_energy[d] += r.energy_pj;
    }
    total_macs += rows[l].macs;
    std::printf("\n");
  }
  std::printf("%-16s", "network");
  for (double e : total_energy) std::printf(" %10.3f ", e / static_cast<double>(total_macs));
  std::printf(
      "\n\nBreakdown per MAC over the network (ALU / RF / NoC / buffer / DRAM | W / I / O), DRAM "
      "accesses per MAC, cycles:\n");
  for (std::size_t d = 0; d < names.size(); ++d) {
    std::array<double, kParts> parts{};
    std::array<double, arch::kNumDataSpaces> data{};
    double dram = 0.0;
    mapper::Cycle cycles = 0;
    for (std::size_t l = 0; l < layers; ++l) {
      const Row& r = rows[d * layers + l];
      for (int p = 0; p < kParts; ++p) parts[p] += r.parts[p];
      for (int k = 0; k < arch::kNumDataSpaces; ++k) data[k] += r.dataspaces[k];
      dram += r.dram_accesses;
      cycles += r.cycles;
    }
    const double macs = static_cast<double>(total_macs);
    std::printf("%-12s %7.3f %7.3f %7.3f %7.3f %8.3f | %7.3f %7.3f %7.3f | %7.4f | %llu\n",
                names[d].c_str(), parts[kAlu] / macs, parts[kRf] / macs, parts[kNoc] / macs,
                parts[kBuffer] / macs, parts[kDram] / macs, data[0] / macs, data[1] / macs,
                data[2] / macs, dram / macs, static_cast<unsigned long long>(cycles));
  }
  if (options.out.empty()) return;
  const std::filesystem::path dir(options.out);
  OutputSet outputs;
  outputs.add((dir / "compare.csv").string(), csv_of(rows));
  outputs.add((dir / "compare.json").string(), json_of(rows, options, net).dump(2) + "\n");
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
  cmd->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(positive_count());
  cmd->add_option("--out", options->out, "Directory for compare.csv and compare.json");
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run_compare(*options); });
}

}  // namespace arraysim::cli
