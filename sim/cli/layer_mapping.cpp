#include "sim/cli/layer_mapping.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "arch/layer_bounds.hpp"
#include "arch/logging.hpp"
#include "mapper/search_support.hpp"
#include "sim/cli/precision_notes.hpp"

namespace arraysim::cli {

namespace {

std::string shape_key(const arch::Layer& layer) {
  std::ostringstream key;
  for (auto d : layer.dims) key << d << ',';
  key << layer.stride[0] << ',' << layer.stride[1] << ',' << layer.dilation[0] << ','
      << layer.dilation[1];
  for (int b : layer.bits) key << ',' << b;
  key << ',' << layer.psum_bits;
  return key.str();
}

// A dataflow that cannot spread a layer over half the array is worth knowing before its numbers.
void warn_utilization_cap(const mapper::Mapspace& space, const arch::Layer& layer) {
  const arch::Architecture& arch = space.arch();
  const std::int64_t reachable = space.max_utilized_macs();
  if (2 * reachable >= arch.compute.instances) return;
  log::cli().warn(
      "layer {}: dataflow {} can use at most {} of the {} {}s of {} ({:.1f}%)", layer.name,
      space.dataflow().name, reachable, arch.compute.instances, arch.compute.name, arch.name,
      100.0 * static_cast<double>(reachable) / static_cast<double>(arch.compute.instances));
}

}  // namespace

void apply_bits(arch::Network& net, int bits) {
  if (bits == 0) return;
  for (auto& layer : net.layers) {
    if (layer.is_mac()) layer.bits = {bits, bits, bits};
  }
}

void apply_psum_bits(arch::Network& net, int bits) {
  if (bits == 0) return;
  for (auto& layer : net.layers) {
    if (layer.is_mac()) layer.psum_bits = bits;
  }
}

void apply_batch(arch::Network& net, std::int64_t batch) {
  if (batch <= 0) return;
  for (auto& layer : net.layers) {
    layer.dims[arch::index(arch::Dim::N)] = batch;
    try {
      arch::check_layer_bounds(layer);
    } catch (const arch::SpecError& error) {
      throw arch::SpecError("--batch", "",
                            "batch " + std::to_string(batch) + " makes layer " + layer.name +
                                " too large: " + error.message());
    }
  }
  net.batch = batch;
}

arch::Json search_claims_json(const mapper::SearchResult& r) {
  arch::Json json = {{"status", mapper::proof_status(r)},
                     {"proved_optimal", r.proved_optimal},
                     {"energy_tolerance", r.energy_tolerance}};
  if (r.found || !r.proved_infeasible) json["lower_bound"] = r.lower_bound;
  if (r.found) {
    json["gap"] = r.gap;
    json["optimum"] = r.optimum;
    json["optimum_energy_pj"] = r.optimum_energy_pj;
    json["optimum_cycles"] = r.optimum_cycles;
  } else {
    json["proved_infeasible"] = r.proved_infeasible;
    json["infeasible_reason"] = r.infeasible_reason;
  }
  return json;
}

double check_energy_tolerance(double tolerance) {
  if (!(tolerance >= 0.0 && tolerance <= 1.0)) {
    throw arch::SpecError(
        "--energy-tolerance", "",
        "expected a fraction from 0 to 1 (0.005 = 0.5%), got " + std::to_string(tolerance));
  }
  return tolerance;
}

mapper::SearchOptions make_search_options(const std::string& objective, const std::string& search,
                                          int threads, std::uint64_t seed, double time_limit,
                                          std::uint64_t max_evaluations, bool quiet) {
  mapper::SearchOptions options;
  try {
    options.objective = mapper::Objective::parse(objective);
  } catch (const std::invalid_argument& error) {
    throw arch::SpecError("--objective", "", error.what());
  }
  if (mapper::search_registry().count(search) == 0) {
    throw arch::SpecError("--search", "", "unknown search \"" + search + "\"");
  }
  options.threads =
      threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  if (options.threads > mapper::max_threads()) {
    log::cli().warn("--threads {}: using {}, the most this machine runs ({} per hardware thread)",
                    options.threads, mapper::max_threads(), mapper::kThreadsPerCore);
    options.threads = mapper::max_threads();
  }
  options.seed = seed;
  options.time_limit_s = time_limit;
  options.max_evaluations = max_evaluations;
  options.progress = !quiet;
  return options;
}

std::vector<LayerResult> map_layers(const arch::Architecture& arch, const arch::Network& net,
                                    const std::vector<const arch::Layer*>& layers,
                                    const arch::Dataflow& dataflow,
                                    const energy::ResolvedEnergy& energy,
                                    const std::string& search_name, mapper::SearchOptions search,
                                    bool quiet, bool allow_infeasible) {
  std::map<std::string, std::size_t> unique_index;
  std::vector<const arch::Layer*> unique;
  for (const arch::Layer* layer : layers) {
    if (unique_index.emplace(shape_key(*layer), unique.size()).second) unique.push_back(layer);
  }
  const int threads = search.threads;
  const bool across_layers = unique.size() > 1 && threads > 1;
  if (across_layers) {
    search.threads = 1;
    search.progress = false;
  }
  std::vector<LayerResult> mapped(unique.size());
  std::vector<std::exception_ptr> errors(unique.size());
  std::atomic<std::size_t> done{0};
  mapper::parallel_items(across_layers ? threads : 1, unique.size(), [&](std::uint64_t i, int) {
    try {
      const arch::Layer& layer = *unique[i];
      mapper::SearchOptions layer_search = search;
      layer_search.start = std::chrono::steady_clock::now();  // the time limit covers set-up
      const mapper::Mapspace space(arch, layer, dataflow);
      warn_utilization_cap(space, layer);
      warn_operand_precision(arch, layer);
      LayerResult& result = mapped[i];
      result.name = layer.name;
      result.search = mapper::run_search(search_name, space, energy, layer_search);
      const bool timed_out = layer_search.time_limit_s > 0.0 && !result.search.stats.complete &&
                             result.search.stats.seconds >= layer_search.time_limit_s;
      if (!result.search.found && timed_out) {
        // Not proof that none exists: the search ran out of time first (a run-time failure).
        throw std::runtime_error("no valid mapping of layer " + layer.name + " under dataflow " +
                                 dataflow.name + " on " + arch.name + " found within the " +
                                 "time limit (" + std::to_string(result.search.stats.evaluated) +
                                 " mappings evaluated)");
      }
      if (!result.search.found && !allow_infeasible) {
        throw arch::SpecError(net.file, layer.where.pointer,
                              "no valid mapping of layer " + layer.name + " under dataflow " +
                                  dataflow.name + " on " + arch.name + ": " +
                                  result.search.infeasible_reason);
      }
      if (result.search.found) {
        result.stats = mapper::make_stats(arch, layer.name, result.search.counts, energy);
      } else {
        result.stats.layer = layer.name;
        result.stats.macs = layer.macs();
      }
      if (!quiet && unique.size() > 1) {
        std::fprintf(stderr, "mapped %s under %s (%zu/%zu)\n", layer.name.c_str(),
                     dataflow.name.c_str(), ++done, unique.size());
      }
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  std::vector<LayerResult> results;
  for (const arch::Layer* layer : layers) {
    LayerResult copy = mapped[unique_index.at(shape_key(*layer))];
    copy.name = layer->name;
    copy.stats.layer = layer->name;
    results.push_back(std::move(copy));
  }
  return results;
}

}  // namespace arraysim::cli
