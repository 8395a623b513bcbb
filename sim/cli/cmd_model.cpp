// `arraysim model --arch A --workload W --mapping M`: evaluates one mapping with the analytical
// model and prints the report; --json writes the stats JSON.
#include <cstdio>

#include "mapper/report.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/energy_defaults.hpp"
#include "sim/cli/model_run.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/precision_notes.hpp"

namespace arraysim::cli {

namespace {

struct ModelOptions {
  std::string arch, workload, layer, mapping, json;
  int bits = 0, psum_bits = 0;
  std::int64_t batch = 0;
  bool show_nest = false;
};

void run(const ModelOptions& options) {
  const ModelRun run = run_model(options.arch, options.workload, options.layer, options.mapping,
                                 options.bits, options.psum_bits, options.batch);
  warn_defaults(run.arch, run.energy);
  // The file first: a report on stdout followed by a failed write would be half a result.
  if (!options.json.empty()) {
    check_file_writable(options.json, "--json");
    write_file_atomically(options.json, mapper::stats_to_json(run.stats).dump(2) + "\n");
  }
  std::printf("Architecture %s, workload %s\n", run.arch.name.c_str(), run.network.name.c_str());
  std::printf("%s\n", precision_line(run.arch, run.layer).c_str());
  if (options.show_nest)
    std::printf("\n%s\n", mapper::format_loop_nest(run.nest, run.arch).c_str());
  std::printf("%s", mapper::format_report(run.stats).c_str());
}

}  // namespace

void add_model_command(CLI::App& app) {
  auto options = std::make_shared<ModelOptions>();
  CLI::App* cmd = app.add_subcommand("model", "Evaluate a mapping with the analytical model");
  cmd->add_option("--arch", options->arch, "Architecture file")->required();
  cmd->add_option("--workload", options->workload, "Layer or network file")->required();
  cmd->add_option("--layer", options->layer, "Layer name (when the workload has several)");
  cmd->add_option("--batch", options->batch, "Override the batch size")->check(positive_integer());
  cmd->add_option("--mapping", options->mapping, "Mapping file")->required();
  cmd->add_option("--bits", options->bits, "Precision of every data space in bits (1-32)")
      ->check(CLI::Range(1, 32));
  cmd->add_option("--psum-bits", options->psum_bits,
                  "Precision of partial sums in bits (1-64; default: the layer's Psums, else the "
                  "MAC's accumulator_bits, else a level's word)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--json", options->json, "Write the stats JSON here");
  cmd->add_flag("--loop-nest", options->show_nest, "Print the loop nest");
  cmd->callback([options] { run(*options); });
}

}  // namespace arraysim::cli
