#include "sim/cli/layer_mapping.hpp"

#include <atomic>
#include <cstdio>
#include <exception>
#include <map>
#include <sstream>
#include <thread>

#include "mapper/search_support.hpp"

namespace arraysim::cli {

namespace {

std::string shape_key(const arch::Layer& layer) {
  std::ostringstream key;
  for (auto d : layer.dims) key << d << ',';
  key << layer.stride[0] << ',' << layer.stride[1] << ',' << layer.dilation[0] << ','
      << layer.dilation[1];
  for (int b : layer.bits) key << ',' << b;
  return key.str();
}

}  // namespace

void apply_bits(arch::Network& net, int bits) {
  if (bits == 0) return;
  for (auto& layer : net.layers) {
    if (layer.is_mac()) layer.bits = {bits, bits, bits};
  }
}

void apply_batch(arch::Network& net, std::int64_t batch) {
  if (batch <= 0) return;
  for (auto& layer : net.layers) layer.dims[arch::index(arch::Dim::N)] = batch;
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
      const mapper::Mapspace space(arch, layer, dataflow);
      LayerResult& result = mapped[i];
      result.name = layer.name;
      result.search = mapper::run_search(search_name, space, energy, search);
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
