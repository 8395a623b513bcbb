// `arraysim map`: searches the mapspace of each layer under a dataflow and writes the best mapping
// (a mapping JSON that `model` accepts), its stats, the loop nest and the search statistics.
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "arch/timeloop/mapping_export.hpp"
#include "mapper/report.hpp"
#include "mapper/search.hpp"
#include "mapper/search_support.hpp"
#include "mapper/stats.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/data_paths.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/spec_inputs.hpp"
#include "sim/cli/workload_select.hpp"

namespace arraysim::cli {

namespace {

struct MapOptions {
  std::string arch, workload, layer, dataflow = "rs", objective = "energy", search = "exhaustive";
  std::string out, emit;
  int threads = 0;
  std::uint64_t seed = 1;
  double time_limit = 0.0;
  std::uint64_t max_evaluations = 0;
  std::int64_t batch = 0;
  int bits = 0, psum_bits = 0;
  double energy_tolerance = mapper::kDefaultEnergyTolerance;
  bool quiet = false;
};

arch::Json search_json(const mapper::SearchResult& r, const MapOptions& options) {
  arch::Json invalid = arch::Json::object();
  for (const auto& [reason, count] : r.stats.invalid) invalid[reason] = count;
  arch::Json json = {{"search", options.search},
                     {"objective", options.objective},
                     {"dataflow", options.dataflow},
                     {"threads", options.threads},
                     {"seed", options.seed},
                     {"mapspace_size", r.stats.mapspace_size},
                     {"evaluated", r.stats.evaluated},
                     {"valid", r.stats.valid},
                     {"invalid", invalid},
                     {"seconds", r.stats.seconds},
                     {"complete", r.stats.complete},
                     {"found", r.found}};
  json.update(search_claims_json(r));
  return json;
}

// One line on what the search proved: the optimum or its gap to the lower bound, and the chosen
// mapping when the energy tolerance picked another one.
std::string claim_line(const mapper::SearchResult& r, const std::string& objective) {
  char text[512];
  const std::string metric = objective.substr(0, objective.find(','));
  if (r.proved_optimal) {
    std::snprintf(text, sizeof text, "Proven optimal: no mapping of the mapspace has lower %s.\n",
                  metric.c_str());
  } else {
    std::snprintf(text, sizeof text,
                  "Not proven: best %s found %.6g, lower bound %.6g (gap %.2f%%).\n",
                  metric.c_str(), r.optimum, r.lower_bound, 100.0 * r.gap);
  }
  std::string line = text;
  if (r.energy_tolerance > 0.0) {
    std::snprintf(text, sizeof text,
                  "Energy tolerance %.3g%%: least energy found %.6g pJ (%llu cycles); chosen: "
                  "%.6g pJ (+%.3f%%), %llu cycles (the fewest within the tolerance).\n",
                  100.0 * r.energy_tolerance, r.optimum_energy_pj,
                  static_cast<unsigned long long>(r.optimum_cycles), r.energy_pj,
                  100.0 * (r.energy_pj / r.optimum_energy_pj - 1.0),
                  static_cast<unsigned long long>(r.counts.cycles));
    line += text;
  }
  return line;
}

void add_outputs(OutputSet& outputs, const std::string& dir, const LayerResult& result,
                 const arch::Architecture& arch, const arch::Network& net,
                 const MapOptions& options) {
  const std::string base = (std::filesystem::path(dir) / result.name).string();
  if (!result.search.found) {
    outputs.add(base + ".search.json", search_json(result.search, options).dump(2) + "\n");
    return;
  }
  arch::Json mapping = mapper::mapping_to_json(mapper::to_mapping_spec(result.search.best, arch));
  mapping["layer"] = result.name;
  outputs.add(base + ".mapping.json", mapping.dump(2) + "\n");
  if (options.emit == "timeloop") {
    const arch::MappingSpec spec = mapper::to_mapping_spec(result.search.best, arch);
    outputs.add(base + ".mapping.yaml",
                arch::timeloop::export_mapping(spec, select_layer(net, result.name)));
  }
  outputs.add(base + ".stats.json", mapper::stats_to_json(result.stats).dump(2) + "\n");
  outputs.add(base + ".loop_nest.txt", mapper::format_loop_nest(result.search.best, arch));
  outputs.add(base + ".search.json", search_json(result.search, options).dump(2) + "\n");
  std::string curve = "seconds,evaluated,best\n";
  for (const auto& point : result.search.stats.curve) {
    char line[128];
    std::snprintf(line, sizeof line, "%.6f,%llu,%.10g\n", point.seconds,
                  static_cast<unsigned long long>(point.evaluated), point.best);
    curve += line;
  }
  outputs.add(base + ".curve.csv", curve);
}

void run_map(const MapOptions& options) {
  arch::Architecture arch = load_arch_input(options.arch);
  arch::Network net = load_workload_input(options.workload);
  apply_batch(net, options.batch);
  apply_bits(net, options.bits);
  apply_psum_bits(net, options.psum_bits);
  const arch::Dataflow dataflow = load_dataflow_input(options.dataflow, options.arch, arch);
  const energy::ResolvedEnergy energy = resolve_energy_reported(arch);
  mapper::SearchOptions search =
      make_search_options(options.objective, options.search, options.threads, options.seed,
                          options.time_limit, options.max_evaluations, options.quiet);
  search.energy_tolerance = check_energy_tolerance(options.energy_tolerance);
  if (!options.out.empty()) check_directory_writable(options.out, "--out");  // before the search
  std::vector<const arch::Layer*> layers;
  if (!options.layer.empty() || net.mac_layers().size() == 1) {
    layers.push_back(&select_layer(net, options.layer));
  } else {
    layers = net.mac_layers();
  }
  // One layer: no mapping is an error (nothing to report). A network: such layers are marked.
  const std::vector<LayerResult> results =
      map_layers(arch, net, layers, dataflow, energy, options.search, search, options.quiet,
                 layers.size() > 1);
  MapOptions effective = options;  // recorded in the search statistics
  effective.threads = search.threads;

  if (!options.out.empty()) {  // every layer's files, or none
    OutputSet outputs;
    for (const auto& result : results)
      add_outputs(outputs, options.out, result, arch, net, effective);
    outputs.commit();
  }
  if (results.size() == 1) {
    const LayerResult& r = results.front();
    std::printf("Best %s mapping of %s on %s (%s search, objective %s)\n\n%s\n%s",
                dataflow.name.c_str(), r.name.c_str(), arch.name.c_str(), options.search.c_str(),
                options.objective.c_str(), mapper::format_loop_nest(r.search.best, arch).c_str(),
                mapper::format_report(r.stats).c_str());
    std::printf(
        "\nSearch: %llu mappings evaluated (%llu valid) in %.3f s, mapspace %.3g points, %s.\n%s",
        static_cast<unsigned long long>(r.search.stats.evaluated),
        static_cast<unsigned long long>(r.search.stats.valid), r.search.stats.seconds,
        r.search.stats.mapspace_size, r.search.stats.complete ? "all covered" : "not all covered",
        claim_line(r.search, options.objective).c_str());
    return;
  }
  std::printf("%s on %s, dataflow %s, objective %s, %s search", net.name.c_str(), arch.name.c_str(),
              dataflow.name.c_str(), options.objective.c_str(), options.search.c_str());
  if (search.energy_tolerance > 0.0 && search.objective.metrics.front() == mapper::Metric::Energy) {
    std::printf(", energy tolerance %.3g%% (fewest cycles within it)",
                100.0 * search.energy_tolerance);
  }
  std::printf("\n%-18s %14s %12s %10s %8s %12s %10s\n", "layer", "energy pJ", "pJ/MAC", "cycles",
              "util", "EDP pJ*cyc", "proof");
  double energy_total = 0.0;
  double cycles_total = 0.0;
  std::uint64_t macs_total = 0;
  std::vector<std::string> notes;
  for (const auto& r : results) {
    if (!r.search.found) {
      std::printf("%-18s %14s %12s %10s %8s %12s %10s\n", r.name.c_str(), "-", "-", "-", "-", "-",
                  mapper::proof_status(r.search).c_str());
      notes.push_back(r.name + ": " + r.search.infeasible_reason);
      continue;
    }
    const double cycles = static_cast<double>(r.stats.cycles);
    std::printf("%-18s %14.6g %12.4f %10llu %7.1f%% %12.4g %10s\n", r.name.c_str(),
                r.stats.energy_pj, r.stats.energy_per_mac_pj,
                static_cast<unsigned long long>(r.stats.cycles), 100.0 * r.stats.utilization,
                r.stats.energy_pj * cycles, mapper::proof_status(r.search).c_str());
    energy_total += r.stats.energy_pj;
    cycles_total += cycles;
    macs_total += r.stats.macs;
  }
  std::printf("%-18s %14.6g %12.4f %10.0f %8s %12.4g%s\n", "total", energy_total,
              macs_total == 0 ? 0.0 : energy_total / static_cast<double>(macs_total), cycles_total,
              "", energy_total * cycles_total,
              notes.empty() ? "" : "  INCOMPLETE: layers without a mapping are left out");
  for (const auto& note : notes) std::printf("  %s\n", note.c_str());
}

}  // namespace

void add_map_command(CLI::App& app) {
  auto options = std::make_shared<MapOptions>();
  CLI::App* cmd = app.add_subcommand("map", "Search for the best mapping of a layer or network");
  cmd->add_option("--arch", options->arch, "Architecture file")->required();
  cmd->add_option("--workload", options->workload, "Layer or network file")->required();
  cmd->add_option("--layer", options->layer, "Map only this layer of a network");
  cmd->add_option("--dataflow", options->dataflow, "ws, os, is, rs, nlr, free, or a template file");
  cmd->add_option("--objective", options->objective,
                  "energy, delay, edp, or a list such as delay,energy");
  cmd->add_option("--search", options->search, "exhaustive, random or anneal");
  cmd->add_option("--threads", options->threads,
                  "Worker threads (default: all cores; at most 4 per hardware thread)")
      ->check(positive_count());
  cmd->add_option("--seed", options->seed, "Seed of the random and annealing searches")
      ->check(seed_value());
  cmd->add_option("--time-limit", options->time_limit, "Seconds per layer (default: none)")
      ->check(positive_seconds());
  cmd->add_option("--max-evaluations", options->max_evaluations,
                  "Evaluation budget per layer (default: none)")
      ->check(positive_integer());
  cmd->add_option("--batch", options->batch, "Override the batch size")->check(positive_integer());
  cmd->add_option("--bits", options->bits, "Precision of every data space in bits (1-32)")
      ->check(integer_in(1, 32));
  cmd->add_option("--psum-bits", options->psum_bits,
                  "Precision of partial sums in bits (1-64; default: the layer's Psums, else the "
                  "MAC's accumulator_bits, else a level's word)")
      ->check(integer_in(1, 64));
  cmd->add_option("--energy-tolerance", options->energy_tolerance,
                  "Objectives starting with energy: among mappings within this fraction of the "
                  "least energy, take the fewest cycles (default 0.005 = 0.5%; 0: pure optimum)");
  cmd->add_option("--out", options->out,
                  "Directory for mapping, stats, loop nest and search files");
  cmd->add_option(
         "--emit", options->emit,
         "Also write the best mapping in another tool's format: timeloop (<layer>.mapping.yaml)")
      ->check(CLI::IsMember({"timeloop"}));
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run_map(*options); });
}

}  // namespace arraysim::cli
