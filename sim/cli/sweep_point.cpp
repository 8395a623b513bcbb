// Runs one sweep point: every distinct MAC layer shape is mapped once (exhaustive, one thread),
// energy and cycles add up over the layers, area is the architecture's. Errors are sorted into
// bad input (SpecError), infeasible (no valid mapping: a result row) and internal errors.
#include "sim/cli/sweep_point.hpp"

#include <cstdlib>
#include <map>
#include <sstream>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "mapper/search.hpp"
#include "mapper/stats.hpp"
#include "sim/cli/layer_mapping.hpp"

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

std::string describe_axes(const arch::Json& axes) {
  std::string text;
  for (auto it = axes.begin(); it != axes.end(); ++it)
    text += (text.empty() ? "" : ", ") + it.key() + " = " + it.value().dump();
  return text.empty() ? std::string("the base architecture") : text;
}

// Test hook: ARRAYSIM_SWEEP_INJECT_ERROR=<id> makes that point fail as an internal error would.
void maybe_inject_error(std::uint64_t id) {
  const char* env = std::getenv("ARRAYSIM_SWEEP_INJECT_ERROR");
  if (env != nullptr && std::to_string(id) == env) {
    throw std::logic_error("injected internal error (ARRAYSIM_SWEEP_INJECT_ERROR)");
  }
}

}  // namespace

arch::Json run_point(const Sweep& sweep, std::uint64_t id) {
  const SweepPoint p = point_of(sweep, id);
  arch::Json axes;
  const arch::Json patched = architecture_of(sweep, p, axes);
  arch::Json row = {{"id", p.id},
                    {"axes", axes},
                    {"workload", sweep.workloads[p.workload]},
                    {"dataflow", sweep.dataflows[p.dataflow]},
                    {"objective", sweep.objectives[p.objective]}};
  try {
    maybe_inject_error(id);
    arch::Architecture arch;
    energy::ResolvedEnergy energy;
    try {
      arch = arch::parse_architecture(patched, sweep.architecture_file);
      energy = energy::resolve_energy(arch);
    } catch (const arch::SpecError& error) {
      throw arch::SpecError(
          sweep.file, "/axes",
          "point " + std::to_string(id) + " (" + describe_axes(axes) + "): " + error.what());
    }
    arch::Network net = sweep.networks[p.workload];
    if (!sweep.bits.empty()) apply_bits(net, sweep.bits[p.bits]);
    const arch::Dataflow& dataflow = sweep.templates[p.dataflow];
    const mapper::SearchOptions search =
        make_search_options(sweep.objectives[p.objective], "exhaustive", 1, 1, 0.0, 0, true);
    std::map<std::string, mapper::Stats> mapped;  // per distinct layer shape
    double energy_pj = 0.0;
    double cycles = 0.0;
    std::uint64_t macs = 0;
    double area = 0.0;
    for (const arch::Layer* layer : net.mac_layers()) {
      const std::string key = shape_key(*layer);
      auto it = mapped.find(key);
      if (it == mapped.end()) {
        const mapper::Mapspace space(arch, *layer, dataflow);
        const mapper::SearchResult result = mapper::run_search("exhaustive", space, energy, search);
        if (!result.found) {
          row["status"] = "infeasible: no valid mapping of layer " + layer->name +
                          " under dataflow " + dataflow.name + " on " + arch.name;
          return row;
        }
        it =
            mapped.emplace(key, mapper::make_stats(arch, layer->name, result.counts, energy)).first;
      }
      energy_pj += it->second.energy_pj;
      cycles += static_cast<double>(it->second.cycles);
      macs += it->second.macs;
      area = it->second.area_um2;
    }
    row["energy_pj"] = energy_pj;
    row["cycles"] = cycles;
    row["edp"] = energy_pj * cycles;
    row["area_um2"] = area;
    row["energy_per_mac_pj"] = energy_pj / static_cast<double>(macs);
    row["status"] = "ok";
  } catch (const arch::SpecError&) {
    throw;
  } catch (const std::exception& error) {
    throw SweepInternalError("sweep point " + std::to_string(id) + " (" + describe_axes(axes) +
                             ", " + sweep.workloads[p.workload] + ", " +
                             sweep.dataflows[p.dataflow] + "): internal error: " + error.what());
  }
  return row;
}

}  // namespace arraysim::cli
