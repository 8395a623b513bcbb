// `arraysim simulate`: executes a mapping (given, or found with the mapper for --dataflow) on the
// timed level models and reports cycles, stalls per level and cause, and the action counts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>

#include <unistd.h>

#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/network.hpp"
#include "mapper/model.hpp"
#include "mapper/report.hpp"
#include "mapper/stats.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compute_report.hpp"
#include "sim/cli/cycle_report.hpp"
#include "sim/cli/data_paths.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/spec_inputs.hpp"
#include "sim/cli/vcd_writer.hpp"
#include "sim/cli/workload_select.hpp"
#include "sim/core/simulator.hpp"
#include "sim/core/systolic.hpp"
#include "sim/core/systolic_report.hpp"
#include "sim/sc/cycle/cycle_engine.hpp"
#include "sim/sc/sc_simulator.hpp"

namespace arraysim::cli {

namespace {

struct SimulateOptions {
  std::string arch, workload, layer, mapping, dataflow, json, trace, vcd, out, engine = "cycle";
  std::int64_t batch = 0;
  bool unlimited = false;
  bool clocked = false;
  bool force = false;
  bool quiet = false;
};

// Work a simulation may take without --force, a few minutes: outer tile steps for the fast and
// SystemC engines (each a run of MAC steps; several million steps per second), cycles for the
// clocked reference engine, which visits every cycle (some 30,000 cycles per second).
constexpr std::uint64_t kMaxSteps = 500'000'000;
// The cycle engine: PE steps (outer steps x PEs; some 20-100 million per second), the tile
// changes it keeps in memory (up to one per keeper and outer step, 32 bytes each), and the
// transfers it makes (some 200,000 per second through flit-level networks).
constexpr double kMaxPeSteps = 1e10;
constexpr double kMaxProgramSteps = 2e7;
constexpr double kMaxTransfers = 5e7;
constexpr std::uint64_t kMaxClockedCycles = 5'000'000;

std::string scientific(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// Refuses a run whose work the loop nest shows to be beyond the limit (unless --force), before
// any of it is done: one line, pointing to the model, which counts the same in microseconds.
void check_work(const SimulateOptions& options, const std::string& engine,
                const arch::Architecture& arch, const arch::Layer& layer,
                const mapper::LoopNest& nest) {
  if (options.force) return;
  const std::uint64_t steps = sim::simulation_steps(nest);
  std::string what;
  if (engine == "clocked") {
    const std::uint64_t cycles = mapper::evaluate(arch, layer, nest).counts.cycles;
    if (cycles > kMaxClockedCycles) {
      what = "the clocked engine would step " + scientific(static_cast<double>(cycles)) +
             " cycles (limit " + scientific(static_cast<double>(kMaxClockedCycles)) + ")";
    }
  } else if (engine == "cycle") {
    const double pe_steps =
        static_cast<double>(steps) * static_cast<double>(arch.levels.back().instances);
    if (pe_steps > kMaxPeSteps) {
      what = "the cycle engine would run " + scientific(pe_steps) + " PE steps (limit " +
             scientific(kMaxPeSteps) + ", a few minutes)";
    } else if (static_cast<double>(steps) > kMaxProgramSteps) {
      what = "the cycle engine would keep up to " + scientific(static_cast<double>(steps)) +
             " tile changes per buffer in memory (limit " + scientific(kMaxProgramSteps) +
             " outer steps)";
    }
  } else if (steps > kMaxSteps) {
    what = "the " + engine + " engine would walk " + scientific(static_cast<double>(steps)) +
           " tile steps (limit " + scientific(static_cast<double>(kMaxSteps)) + ", a few minutes)";
  }
  if (what.empty()) return;
  throw arch::SpecError(options.workload, "",
                        "simulating layer " + layer.name + ": " + what +
                            "; `arraysim model` gives its counts and cycles at once, or add "
                            "--force to simulate anyway");
}

// Progress on stderr (the search's convention): steps done, elapsed time and ETA, twice a
// second at most; cleared at the end.
class StepProgress {
 public:
  explicit StepProgress(bool quiet) : quiet_(quiet) {}
  ~StepProgress() {
    if (shown_) std::fprintf(stderr, "\r%78s\r", "");
  }
  void operator()(std::uint64_t done, std::uint64_t total) {
    if (quiet_ || done == 0) return;
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (now < next_) return;
    next_ = now + 0.5;
    shown_ = true;
    const double eta = now * static_cast<double>(total - done) / static_cast<double>(done);
    std::fprintf(stderr, "\rsimulate: %llu/%llu steps (%.0f%%), %.1f s elapsed, ETA %.1f s   ",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                 100.0 * static_cast<double>(done) / static_cast<double>(total), now, eta);
  }

 private:
  bool quiet_;
  bool shown_ = false;
  double next_ = 0.5;  // the first line after half a second
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

mapper::LoopNest find_mapping(arch::Architecture& arch, const arch::Network& net,
                              const arch::Layer& layer, const energy::ResolvedEnergy& energy,
                              const std::string& dataflow_name, const std::string& arch_arg) {
  const arch::Dataflow dataflow = load_dataflow_input(dataflow_name, arch_arg, arch);
  const auto search = make_search_options("energy", "exhaustive", 0, 1, 0.0, 0, true);
  return map_layers(arch, net, {&layer}, dataflow, energy, "exhaustive", search, true)
      .front()
      .search.best;
}

arch::Json simulation_json(const mapper::Stats& stats, const sim::SimResult& result) {
  arch::Json json = mapper::stats_to_json(stats);
  json["engine"] = result.engine;
  json["stall_cycles"] = result.timing.stall_cycles;
  json["pipeline_cycles"] = result.timing.pipeline_cycles;
  json["compute_cycles"] = result.counts.compute_cycles;
  for (std::size_t l = 0; l < result.timing.levels.size(); ++l) {
    const sim::LevelTiming& t = result.timing.levels[l];
    json["levels"][l]["busy_cycles"] = t.busy_cycles;
    json["levels"][l]["stall_cycles"] = t.stall_cycles();
    json["levels"][l]["stall_by_cause"] = {
        {"bandwidth", t.stall_bandwidth}, {"contention", t.stall_contention},
        {"latency", t.stall_latency},     {"link_contention", t.stall_link},
        {"bank_conflict", t.stall_bank},  {"waiting_for_tiles", t.stall_waiting}};
  }
  return json;
}

// Counts of a systolic run in the level structure: each operand SRAM is the level keeping that
// data space; DRAM supplies every operand once and receives every output once.
mapper::ActionCounts systolic_counts(const arch::Architecture& arch, const arch::Layer& layer,
                                     const sim::SystolicResult& r) {
  mapper::ActionCounts counts;
  counts.macs = r.macs;
  counts.cycles = r.cycles;
  counts.compute_cycles = r.cycles - r.stall_cycles;
  counts.utilized_macs = arch.compute.instances;
  counts.levels.resize(arch.num_levels());
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    auto& level = counts.levels[l];
    level.instances = arch.levels[l].instances;
    for (arch::DataSpace ds : arch::kAllDataSpaces) {
      if (arch.levels[l].residency[arch::index(ds)] == arch::Residency::Bypass && l > 0) continue;
      level.keep |= arch::mask_of(ds);
      auto& c = level.dataspaces[arch::index(ds)];
      const std::uint64_t words = layer.dataspace_words(ds);
      c.utilized_capacity = words;
      if (l == 0) {
        (ds == arch::DataSpace::Outputs ? c.updates : c.reads) = words;
      } else if (ds == arch::DataSpace::Inputs) {
        c.fills = words, c.reads = r.ifmap_reads;
      } else if (ds == arch::DataSpace::Weights) {
        c.fills = words, c.reads = r.filter_reads;
      } else {
        c.updates = r.ofmap_writes, c.reads = r.ofmap_writes - std::min(r.ofmap_writes, words);
      }
    }
  }
  return counts;
}

// One systolic layer in detail: its --json file joins `outputs`; the report is printed by the
// returned function once the outputs are written.
std::function<void()> run_systolic(const SimulateOptions& options, const arch::Architecture& arch,
                                   const arch::Layer& layer, const energy::ResolvedEnergy& energy,
                                   OutputSet& outputs) {
  const auto dataflow = sim::parse_systolic_dataflow(options.dataflow, "--dataflow");
  const sim::SystolicResult r = sim::simulate_systolic(arch, layer, dataflow);
  const mapper::Stats stats =
      mapper::make_stats(arch, layer.name, systolic_counts(arch, layer, r), energy);
  if (!options.json.empty()) {
    arch::Json json = mapper::stats_to_json(stats);
    json["engine"] = "systolic";
    json["scalesim_cycles"] = r.scalesim_cycles;
    json["stall_cycles"] = r.stall_cycles;
    json["mapping_efficiency"] = r.mapping_efficiency;
    json["compute_utilization"] = r.compute_utilization;
    json["folds"] = r.folds;
    json["conventions"] = {
        {"cycles", "count of cycles, the first is cycle 1"},
        {"scalesim_cycles", "SCALE-Sim: index of the last cycle counted from 0, plus stalls"}};
    outputs.add(options.json, json.dump(2) + "\n");
  }
  return [options, r, stats, name = layer.name] {
    std::printf(
        "Systolic %llux%llu array (%s), layer %s lowered to Sr %llu x Sc %llu x T %llu: %llu folds "
        "of %llu cycles\n",
        static_cast<unsigned long long>(r.rows), static_cast<unsigned long long>(r.cols),
        options.dataflow.c_str(), name.c_str(), static_cast<unsigned long long>(r.sr),
        static_cast<unsigned long long>(r.sc), static_cast<unsigned long long>(r.t),
        static_cast<unsigned long long>(r.folds), static_cast<unsigned long long>(r.fold_cycles));
    std::printf(
        "Cycles: %llu counted from 1; SCALE-Sim convention (index of the last cycle, from 0, plus "
        "stalls): %llu; stalls %llu\n",
        static_cast<unsigned long long>(r.cycles),
        static_cast<unsigned long long>(r.scalesim_cycles),
        static_cast<unsigned long long>(r.stall_cycles));
    std::printf(
        "Mapping efficiency %.2f%% (PEs holding work, per fold); compute utilization %.2f%% (MACs "
        "/ "
        "PEs / cycles)\n",
        100.0 * r.mapping_efficiency, 100.0 * r.compute_utilization);
    std::printf(
        "SRAM traffic: ifmap reads %llu, filter reads %llu, ofmap writes %llu; energy %.6g pJ "
        "(%.4f "
        "pJ/MAC)\n",
        static_cast<unsigned long long>(r.ifmap_reads),
        static_cast<unsigned long long>(r.filter_reads),
        static_cast<unsigned long long>(r.ofmap_writes), stats.energy_pj, stats.energy_per_mac_pj);
  };
}

// The cycle engine's VCD has a change per PE step: refuse runs whose file would be huge.
void check_vcd_size(const arch::Layer& layer, const mapper::LoopNest& nest,
                    const arch::Architecture& arch) {
  constexpr double kMaxPeSteps = 2e6;
  const double pe_steps = static_cast<double>(sim::simulation_steps(nest)) *
                          static_cast<double>(arch.levels.back().instances);
  if (pe_steps <= kMaxPeSteps) return;
  throw arch::SpecError("--vcd", "",
                        "layer " + layer.name + " would trace " + scientific(pe_steps) +
                            " PE steps (limit 2e+06): a VCD is for small runs; use --json for "
                            "per-PE stalls");
}

// Reads and deletes a file the simulator wrote next to an output.
std::string take_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return text;
}

// Per-level intervals: when its ports were busy (SystemC engine) and when the MACs waited on it.
std::string trace_csv(const arch::Architecture& arch, const sim::SimResult& result,
                      const std::vector<std::vector<sim::sc::Interval>>& busy) {
  std::string csv = "level,kind,start_cycle,end_cycle\n";
  auto line = [&csv](const std::string& level, const char* kind, sim::Cycle start, sim::Cycle end) {
    csv += level + "," + kind + "," + std::to_string(start) + "," + std::to_string(end) + "\n";
  };
  for (std::size_t l = 0; l < busy.size(); ++l) {
    for (const auto& interval : busy[l])
      line(arch.levels[l].name, "busy", interval.start, interval.end);
  }
  for (const auto& stall : result.timing.stalls) {
    line(arch.levels[stall.level].name, "stall", stall.start, stall.end);
  }
  return csv;
}

// Systolic runs: one layer in detail, or every MAC layer of a network (without --layer); always
// SCALE-Sim's COMPUTE_REPORT, also as COMPUTE_REPORT.csv in --out DIR.
void run_systolic_network(const SimulateOptions& options, const arch::Architecture& arch,
                          const arch::Network& net, const energy::ResolvedEnergy& energy) {
  if (!options.mapping.empty()) {
    throw arch::SpecError(options.mapping, "",
                          "a systolic array maps layers itself: give --dataflow os, ws or is");
  }
  std::vector<const arch::Layer*> layers;  // in file order: SCALE-Sim's LayerIDs
  for (const arch::Layer& layer : net.layers) {
    if (layer.is_mac()) layers.push_back(&layer);
  }
  OutputSet outputs;
  std::function<void()> print_detail;
  if (!options.layer.empty() || layers.size() == 1) {
    layers = {&select_layer(net, options.layer)};
    print_detail = run_systolic(options, arch, *layers.front(), energy, outputs);
  } else if (!options.json.empty()) {
    throw arch::SpecError("--json", "", "a whole network writes its report with --out DIR");
  }
  const auto dataflow = sim::parse_systolic_dataflow(options.dataflow, "--dataflow");
  std::vector<ComputeReportRow> rows;
  for (const arch::Layer* layer : layers) {
    const sim::SystolicResult r = sim::simulate_systolic(arch, *layer, dataflow);
    rows.push_back({layer->name, sim::scalesim_compute_report(r, dataflow)});
  }
  if (!options.out.empty()) {
    outputs.add((std::filesystem::path(options.out) / "COMPUTE_REPORT.csv").string(),
                compute_report_csv(rows));
  }
  outputs.commit();  // all files, then the report
  if (print_detail) print_detail();
  std::printf("%s%s", layers.size() == 1 ? "\n" : "", compute_report_table(rows).c_str());
}

// Before the run: every output can be written (a long run must not end in a failed write).
void check_outputs(const SimulateOptions& options) {
  if (!options.json.empty()) check_file_writable(options.json, "--json");
  if (!options.trace.empty()) check_file_writable(options.trace, "--trace");
  if (!options.vcd.empty()) check_file_writable(options.vcd, "--vcd");
  if (!options.out.empty()) check_directory_writable(options.out, "--out");
}

void run(SimulateOptions options) {
  ArchitectureInput input = load_architecture_input(options.arch);
  arch::Architecture& arch = input.arch;
  arch::Network net = load_workload_input(options.workload);
  apply_batch(net, options.batch);
  if (options.dataflow.empty() && options.mapping.empty()) options.dataflow = input.dataflow;
  if (options.mapping.empty() && options.dataflow.empty()) {
    throw arch::SpecError("simulate", "", "give --mapping FILE or --dataflow NAME");
  }
  const energy::ResolvedEnergy energy = resolve_energy_reported(arch);
  check_outputs(options);
  if (sim::is_systolic(arch)) {
    run_systolic_network(options, arch, net, energy);
    return;
  }
  const arch::Layer& layer = select_layer(net, options.layer);
  mapper::LoopNest nest;
  if (!options.mapping.empty()) {
    const arch::MappingSpec spec = load_mapping_input(options.mapping, options.arch, arch);
    nest = mapper::bind_mapping(spec, arch, layer);
    const auto check = mapper::evaluate(arch, layer, nest);
    if (!check.ok()) {
      const int entry = nest.levels[check.level].spec_index;
      const arch::JsonLocation levels = spec.where.child("levels");  // YAML paths for Timeloop's
      (entry < 0 ? levels : levels.child(static_cast<std::size_t>(entry))).fail(check.reason(arch));
    }
  } else {
    nest = find_mapping(arch, net, layer, energy, options.dataflow, options.arch);
  }
  const std::string engine = options.clocked ? "clocked" : options.engine;
  if (engine == "cycle" && !options.trace.empty()) {
    throw arch::SpecError("--trace", "",
                          "busy and stall intervals are recorded by --engine fast and systemc; "
                          "the cycle engine reports per-PE stalls in --json and traces its "
                          "signals with --vcd");
  }
  check_work(options, engine, arch, layer, nest);
  sim::SimOptions sim_options;
  sim_options.unlimited = options.unlimited;
  sim_options.clocked = engine == "clocked";
  sim_options.record_intervals = !options.trace.empty() || !options.vcd.empty();
  auto progress = std::make_shared<StepProgress>(options.quiet);
  sim_options.progress = [progress](std::uint64_t done, std::uint64_t total) {
    (*progress)(done, total);
  };
  sim::SimResult result;
  std::vector<std::vector<sim::sc::Interval>> busy;
  std::optional<sim::sc::CycleResult> cycle;
  std::string cycle_vcd;
  if (engine == "cycle") {
    if (!options.force) {
      sim_options.check_transfers = [&options, &layer](std::uint64_t transfers) {
        if (static_cast<double>(transfers) <= kMaxTransfers) return;
        throw arch::SpecError(
            options.workload, "",
            "simulating layer " + layer.name + ": the cycle engine would make " +
                scientific(static_cast<double>(transfers)) + " transfers (limit " +
                scientific(kMaxTransfers) +
                ", a few minutes); `arraysim model` gives its counts and cycles at once, "
                "`--engine fast` an estimate of its timing, or add --force to simulate anyway");
      };
    }
    if (!options.vcd.empty()) {
      check_vcd_size(layer, nest, arch);
      sim_options.vcd_base = options.vcd + ".part" + std::to_string(::getpid());
    }
    try {
      cycle = sim::sc::simulate_cycle(arch, layer, nest, sim_options);
    } catch (...) {
      if (!sim_options.vcd_base.empty()) std::filesystem::remove(sim_options.vcd_base + ".vcd");
      throw;
    }
    if (!sim_options.vcd_base.empty()) cycle_vcd = take_file(sim_options.vcd_base + ".vcd");
    result = cycle->sim;
  } else if (engine == "systemc") {
    sim::sc::ScResult sc = sim::sc::simulate_systemc(arch, layer, nest, sim_options);
    result = std::move(sc.sim);
    busy = std::move(sc.busy);
  } else {
    result = sim::simulate(arch, layer, nest, sim_options);
  }
  progress.reset();
  const mapper::Stats stats = mapper::make_stats(arch, layer.name, result.counts, energy);
  // Every output file (the VCD may refuse a long run), then the report.
  OutputSet outputs;
  if (!options.json.empty()) {
    arch::Json json = simulation_json(stats, result);
    if (cycle) add_cycle_json(arch, *cycle, energy, json);
    outputs.add(options.json, json.dump(2) + "\n");
  }
  if (!options.trace.empty()) outputs.add(options.trace, trace_csv(arch, result, busy));
  if (!options.vcd.empty()) {
    outputs.add(options.vcd, cycle ? cycle_vcd : vcd_text(arch, result.timing, busy));
  }
  outputs.commit();
  std::printf("Simulated %s on %s (%s engine%s)\n", layer.name.c_str(), arch.name.c_str(),
              result.engine.c_str(),
              options.unlimited ? ", unlimited bandwidth, zero latency" : "");
  std::printf("%s", mapper::format_report(stats).c_str());
  const auto& t = result.timing;
  std::printf(
      "\nCycles %llu = last MAC step issued at %llu + pipeline fill/drain %llu (+ final "
      "write-backs);"
      " MACs waited %llu cycles for data\n",
      static_cast<unsigned long long>(t.cycles), static_cast<unsigned long long>(t.compute_end),
      static_cast<unsigned long long>(t.pipeline_cycles),
      static_cast<unsigned long long>(t.stall_cycles));
  if (cycle) {
    print_cycle_summary(arch, *cycle, energy, stats.levels.front().energy_pj);
    return;
  }
  std::printf("%-16s %12s %12s %12s %12s %12s %12s\n", "level", "busy cycles", "stall: bw",
              "port wait", "link wait", "bank/row", "latency");
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    const sim::LevelTiming& level = t.levels[l];
    std::printf("%-16s %12llu %12llu %12llu %12llu %12llu %12llu\n", arch.levels[l].name.c_str(),
                static_cast<unsigned long long>(level.busy_cycles),
                static_cast<unsigned long long>(level.stall_bandwidth),
                static_cast<unsigned long long>(level.stall_contention),
                static_cast<unsigned long long>(level.stall_link),
                static_cast<unsigned long long>(level.stall_bank),
                static_cast<unsigned long long>(level.stall_latency));
  }
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Simulate a mapping: every PE and buffer on its own (cycle engine), or the fast estimate");
  cmd->add_option("--arch", options->arch, "Architecture file (JSON, or a SCALE-Sim .cfg)")
      ->required();
  cmd->add_option("--workload", options->workload,
                  "Layer or network file (JSON, a SCALE-Sim topology .csv, or .onnx)")
      ->required();
  cmd->add_option("--layer", options->layer, "Layer name (when the workload has several)");
  cmd->add_option("--batch", options->batch, "Override the batch size")->check(positive_integer());
  auto* mapping = cmd->add_option("--mapping", options->mapping, "Mapping file");
  auto* dataflow = cmd->add_option("--dataflow", options->dataflow, "Map first with this dataflow");
  mapping->excludes(dataflow);
  cmd->add_option("--json", options->json, "Write the stats JSON here");
  cmd->add_flag("--unlimited", options->unlimited, "Infinite bandwidth and zero latency");
  cmd->add_flag("--clocked", options->clocked, "Reference engine stepping every cycle (slow)");
  cmd->add_option(
         "--engine", options->engine,
         "cycle (a SystemC process per PE and buffer group, default); fast (transfer-level "
         "estimate, all instances in lockstep), systemc (the same estimate replayed in "
         "SystemC) or clocked (the estimate stepped every cycle)")
      ->check(CLI::IsMember({"cycle", "systemc", "fast", "clocked"}));
  cmd->add_option("--trace", options->trace, "Write per-level busy and stall intervals as CSV");
  cmd->add_option("--vcd", options->vcd, "Write the same intervals as a VCD waveform (small runs)");
  cmd->add_option("--out", options->out, "Systolic mode: write COMPUTE_REPORT.csv here");
  cmd->add_flag("--force", options->force,
                "Simulate even when the loop nest shows more work than the limit (5e8 tile "
                "steps; clocked engine: 5e6 cycles)");
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run(*options); });
}

}  // namespace arraysim::cli
