// `arraysim stats WORKLOAD`: per-layer MACs, operations, weights, activations, bytes and
// operational intensity, with network totals; --training adds the backward pass.
#include <cstdio>
#include <iostream>

#include "arch/layer_bounds.hpp"
#include "arch/workload_stats.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/spec_inputs.hpp"

namespace arraysim::cli {

namespace {

struct StatsOptions {
  std::string workload;
  int bits = 16;
  std::string json;
  bool training = false;
  std::int64_t batch = 0;
};

// Backward pass: the input-gradient and the weight-gradient convolutions, each as many MACs as
// the forward pass, so training costs about 3x the forward MACs in total.
constexpr std::uint64_t kTrainingFactor = 3;

arch::Json row_json(const std::string& name, const std::string& type, std::uint64_t macs,
                    std::uint64_t weights, std::uint64_t inputs, std::uint64_t outputs,
                    const StatsOptions& options) {
  const std::uint64_t bytes_per_word = static_cast<std::uint64_t>(options.bits);
  arch::Json row = {{"macs", macs},
                    {"operations", 2 * macs},
                    {"weights", weights},
                    {"inputs", inputs},
                    {"outputs", outputs},
                    {"weight_bytes", weights * bytes_per_word / 8},
                    {"input_bytes", inputs * bytes_per_word / 8},
                    {"output_bytes", outputs * bytes_per_word / 8},
                    {"operational_intensity",
                     arch::operational_intensity(macs, weights + inputs + outputs, options.bits)}};
  if (!name.empty()) row["name"] = name;
  if (!type.empty()) row["type"] = type;
  if (options.training) {
    row["training_macs"] = kTrainingFactor * macs;
    row["training_operations"] = 2 * kTrainingFactor * macs;
  }
  return row;
}

std::string human(double value) {
  const char* suffix[] = {"", "K", "M", "G", "T"};
  int i = 0;
  while (value >= 1000.0 && i < 4) value /= 1000.0, ++i;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, i == 0 ? "%.0f%s" : "%.3g%s", value, suffix[i]);
  return buffer;
}

// Every number derived from the totals (operations, bytes, the training pass) must be a count;
// a layer's numbers are at most the totals'.
void check_derived_counts(const arch::WorkloadTotals& t, const StatsOptions& options) {
  const arch::JsonLocation where{options.workload, ""};
  const arch::Wide ops_factor = arch::Wide{2} * (options.training ? kTrainingFactor : 1);
  arch::require_count(arch::wide_mul(t.macs, ops_factor), "the network's total operations", where);
  const arch::Wide words = static_cast<arch::Wide>(t.weights) + t.inputs + t.outputs;
  arch::require_count(arch::wide_mul(words, static_cast<arch::Wide>(options.bits)),
                      "the network's total bits (weights + inputs + outputs)", where);
}

void run_stats(const StatsOptions& options) {
  arch::Network net = load_workload_input(options.workload);
  apply_batch(net, options.batch);
  const arch::WorkloadStats stats = arch::workload_stats(net);
  check_derived_counts(stats.total, options);
  if (!options.json.empty()) check_file_writable(options.json, "--json");  // before the report
  std::printf("Workload %s, batch %lld, %d-bit words\n", stats.name.c_str(),
              static_cast<long long>(stats.batch), options.bits);
  std::printf("%-22s %-9s %10s %10s %10s %10s %10s %10s%s\n", "layer", "type", "MACs", "ops",
              "weights", "inputs", "outputs", "MAC/B", options.training ? "   train MACs" : "");
  arch::Json layers = arch::Json::array();
  for (const auto& row : stats.layers) {
    const double intensity =
        arch::operational_intensity(row.macs, row.weights + row.inputs + row.outputs, options.bits);
    std::printf("%-22s %-9s %10s %10s %10s %10s %10s %10.2f", row.name.c_str(), row.type.c_str(),
                human(row.macs).c_str(), human(2.0 * row.macs).c_str(),
                (human(row.weights) + (row.unique_weights ? "" : "*")).c_str(),
                human(row.inputs).c_str(), human(row.outputs).c_str(), intensity);
    if (options.training) std::printf(" %12s", human(kTrainingFactor * row.macs).c_str());
    std::printf("\n");
    arch::Json json =
        row_json(row.name, row.type, row.macs, row.weights, row.inputs, row.outputs, options);
    json["shares_weights"] = !row.unique_weights;
    layers.push_back(json);
  }
  const auto& t = stats.total;
  std::printf("%-22s %-9s %10s %10s %10s %10s %10s %10.2f", "total", "", human(t.macs).c_str(),
              human(2.0 * t.macs).c_str(), human(t.weights).c_str(), human(t.inputs).c_str(),
              human(t.outputs).c_str(),
              arch::operational_intensity(t.macs, t.weights + t.inputs + t.outputs, options.bits));
  if (options.training) std::printf(" %12s", human(kTrainingFactor * t.macs).c_str());
  std::printf("\n  (exact: %llu MACs, %llu weights; * = weights shared with an earlier layer)\n",
              static_cast<unsigned long long>(t.macs), static_cast<unsigned long long>(t.weights));
  if (!options.json.empty()) {
    const arch::Json out = {
        {"workload", stats.name},
        {"batch", stats.batch},
        {"bits", options.bits},
        {"layers", layers},
        {"total", row_json("", "", t.macs, t.weights, t.inputs, t.outputs, options)}};
    write_file_atomically(options.json, out.dump(2) + "\n");
  }
}

}  // namespace

void add_stats_command(CLI::App& app) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "Per-layer MACs, weights, activations and intensity of a workload");
  cmd->add_option("workload", options->workload, "Layer or network file")->required();
  cmd->add_option("--bits", options->bits, "Bits per word for byte counts")
      ->check(integer_in(1, 32));
  cmd->add_option("--json", options->json, "Write the statistics as JSON");
  cmd->add_option("--batch", options->batch, "Override the batch size")->check(positive_integer());
  cmd->add_flag("--training", options->training,
                "Add the backward pass (3x the forward MACs in total)");
  cmd->callback([options] { run_stats(*options); });
}

}  // namespace arraysim::cli
