#include "sim/cli/layer_mapping.hpp"

#include <atomic>
#include <cstdio>
#include <exception>
#include <map>
#include <sstream>
#include <thread>

#include "arch/layer_bounds.hpp"
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
                                    bool quiet) {
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
      if (!result.search.found) {
        throw arch::SpecError(net.file, layer.where.pointer,
                              "no valid mapping of layer " + layer.name + " under dataflow " +
                                  dataflow.name + " on " + arch.name);
      }
      result.stats = mapper::make_stats(arch, layer.name, result.search.counts, energy);
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
