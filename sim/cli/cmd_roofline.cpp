// `arraysim roofline`: places each mapped layer on a roofline (attainable MACs per cycle against
// operational intensity, MACs per DRAM word) with a roof for peak compute and for every level
// with a bandwidth, and says which bound limits each layer (Eyexam-style): the compute peak, the
// mapping's spatial utilization, or a level's bandwidth.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "arch/dataflow.hpp"
#include "arch/network.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/data_paths.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"

namespace arraysim::cli {

namespace {

struct RooflineOptions {
  std::string arch, workload, dataflow = "rs", objective = "edp", out;
  int threads = 0;
  bool quiet = false;
};

struct LevelRoof {
  std::string name;
  double bandwidth = 0.0;  // words per cycle over all instances (0: unlimited)
  double intensity = 0.0;  // MACs per word moved at this level
  double roof = 0.0;       // MACs per cycle this level allows
};

// MACs per cycle a level's bandwidths allow, given the words it reads and writes per run: reads
// and writes have their own bandwidth, or share one (0 words or no bandwidth: no limit).
double level_roof(const arch::StorageLevel& level, double macs, double reads, double writes,
                  double peak, double& bandwidth) {
  const auto n = static_cast<double>(level.instances);
  double roof = peak;
  bandwidth = 0.0;
  auto limit = [&](const std::optional<double>& bw, double words) {
    if (!bw || words == 0.0) return;
    bandwidth += *bw * n;
    roof = std::min(roof, *bw * n * macs / words);
  };
  if (level.shared_bandwidth) {
    limit(level.shared_bandwidth, reads + writes);
  } else {
    limit(level.read_bandwidth, reads);
    limit(level.write_bandwidth, writes);
  }
  return roof;
}

void run_roofline(const RooflineOptions& options) {
  const arch::Architecture arch = arch::load_architecture(options.arch);
  const arch::Network net = arch::load_workload(options.workload);
  const arch::Dataflow dataflow = arch::load_dataflow(dataflow_path(options.dataflow));
  const energy::ResolvedEnergy energy = resolve_energy_reported(arch);
  if (!options.out.empty()) check_directory_writable(options.out, "--out");  // before the search
  const auto search =
      make_search_options(options.objective, "exhaustive", options.threads, 1, 0.0, 0, true);
  const auto results = map_layers(arch, net, net.mac_layers(), dataflow, energy, "exhaustive",
                                  search, options.quiet);
  const double peak = static_cast<double>(arch.compute.instances);
  std::printf("Roofline of %s on %s (%s mappings, objective %s): peak %.0f MACs/cycle\n",
              net.name.c_str(), arch.name.c_str(), dataflow.name.c_str(), options.objective.c_str(),
              peak);
  std::printf("%-16s %12s %12s %12s %10s  %s\n", "layer", "MACs/cycle", "MAC/DRAMword",
              "spatial cap", "of peak", "bound");
  std::string csv =
      "layer,macs,cycles,macs_per_cycle,peak_macs_per_cycle,spatial_macs_per_cycle,dram_intensity,"
      "bound";
  for (const auto& level : arch.levels)
    csv += "," + level.name + "_intensity," + level.name + "_roof";
  csv += "\n";
  arch::Json layers = arch::Json::array();
  for (const LayerResult& r : results) {
    const auto& s = r.stats;
    const double macs = static_cast<double>(s.macs);
    const double achieved = macs / static_cast<double>(s.cycles);
    const double spatial = static_cast<double>(s.utilized_macs);
    std::vector<LevelRoof> roofs;
    double dram_intensity = 0.0;
    for (std::size_t l = 0; l < arch.num_levels(); ++l) {
      LevelRoof roof;
      roof.name = arch.levels[l].name;
      double reads = 0.0;
      double writes = 0.0;
      for (const auto& ds : s.levels[l].dataspaces) {
        reads += static_cast<double>(ds.reads *
                                     static_cast<std::uint64_t>(s.levels[l].utilized_instances));
        writes += static_cast<double>((ds.fills + ds.updates) *
                                      static_cast<std::uint64_t>(s.levels[l].utilized_instances));
      }
      roof.intensity = reads + writes == 0.0 ? 0.0 : macs / (reads + writes);
      roof.roof = level_roof(arch.levels[l], macs, reads, writes, peak, roof.bandwidth);
      if (l == 0) dram_intensity = roof.intensity;
      roofs.push_back(roof);
    }
    // The tightest of: the compute peak, the PEs the mapping uses, each level's bandwidth.
    std::string bound = "compute peak";
    double limit = peak;
    if (spatial < limit) limit = spatial, bound = "spatial utilization of the mapping";
    for (const auto& roof : roofs) {
      if (roof.roof < limit) limit = roof.roof, bound = roof.name + " bandwidth";
    }
    std::printf("%-16s %12.2f %12.2f %12.0f %9.1f%%  %s\n", r.name.c_str(), achieved,
                dram_intensity, spatial, 100.0 * achieved / peak, bound.c_str());
    char line[256];
    std::snprintf(line, sizeof line, "%s,%llu,%llu,%.10g,%.10g,%.10g,%.10g,%s", r.name.c_str(),
                  static_cast<unsigned long long>(s.macs),
                  static_cast<unsigned long long>(s.cycles), achieved, peak, spatial,
                  dram_intensity, bound.c_str());
    csv += line;
    arch::Json level_json = arch::Json::array();
    for (const auto& roof : roofs) {
      std::snprintf(line, sizeof line, ",%.10g,%.10g", roof.intensity, roof.roof);
      csv += line;
      level_json.push_back({{"name", roof.name},
                            {"bandwidth_words_per_cycle", roof.bandwidth},
                            {"intensity_macs_per_word", roof.intensity},
                            {"roof_macs_per_cycle", roof.roof}});
    }
    csv += "\n";
    layers.push_back({{"layer", r.name},
                      {"macs", s.macs},
                      {"cycles", s.cycles},
                      {"macs_per_cycle", achieved},
                      {"spatial_macs_per_cycle", spatial},
                      {"dram_intensity_macs_per_word", dram_intensity},
                      {"bound", bound},
                      {"levels", level_json}});
  }
  if (options.out.empty()) return;
  const std::filesystem::path dir(options.out);
  OutputSet outputs;
  outputs.add((dir / "roofline.csv").string(), csv);
  const arch::Json json = {{"architecture", arch.name},
                           {"network", net.name},
                           {"dataflow", dataflow.name},
                           {"peak_macs_per_cycle", peak},
                           {"layers", layers}};
  outputs.add((dir / "roofline.json").string(), json.dump(2) + "\n");
  outputs.commit();
}

}  // namespace

void add_roofline_command(CLI::App& app) {
  auto options = std::make_shared<RooflineOptions>();
  CLI::App* cmd =
      app.add_subcommand("roofline", "Place each mapped layer on the architecture's roofline");
  cmd->add_option("--arch", options->arch, "Architecture file")->required();
  cmd->add_option("--workload", options->workload, "Layer or network file")->required();
  cmd->add_option("--dataflow", options->dataflow,
                  "Dataflow the layers are mapped with (default rs)");
  cmd->add_option("--objective", options->objective, "Mapping objective (default edp)");
  cmd->add_option("--threads", options->threads,
                  "Worker threads (default: all cores; at most 4 per hardware thread)")
      ->check(positive_count());
  cmd->add_option("--out", options->out, "Directory for roofline.csv and roofline.json");
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run_roofline(*options); });
}

}  // namespace arraysim::cli
