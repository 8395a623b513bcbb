#include "sim/sc/sc_simulator.hpp"

#include <memory>

#include <systemc>

#include "arch/logging.hpp"
#include "mapper/network_traffic.hpp"
#include "sim/sc/fresh_context.hpp"
#include "sim/sc/noc_module.hpp"
#include "sim/sc/pe_array_module.hpp"

namespace arraysim::sim::sc {

ScResult simulate_systemc(const arch::Architecture& arch, const arch::Layer& layer,
                          const mapper::LoopNest& nest, bool unlimited) {
  SimOptions options;
  options.unlimited = unlimited;
  return simulate_systemc(arch, layer, nest, options);
}

ScResult simulate_systemc(const arch::Architecture& arch, const arch::Layer& layer,
                          const mapper::LoopNest& nest, const SimOptions& options) {
  log::sim().debug("systemc engine: layer {} on {}, {} MACs", layer.name, arch.name, layer.macs());
  TileWalk walk(arch, layer, nest);
  const bool unlimited = options.unlimited;

  ScResult out;
  TimingResult timing;
  timing.levels.resize(arch.num_levels());
  timing.keep_stalls = options.record_intervals;
  TransferPlanner planner(arch, walk, unlimited);
  timing.pipeline_cycles = planner.pipeline_cycles();
  {
    const FreshContext context;  // each run elaborates its own modules; freed after them
    std::vector<std::unique_ptr<StorageModule>> levels;
    std::vector<StorageModule*> level_pointers;
    for (std::size_t l = 0; l < arch.num_levels(); ++l) {
      const std::string name = "level_" + std::to_string(l);
      levels.push_back(std::make_unique<StorageModule>(name.c_str(), arch.levels[l]));
      levels.back()->record_busy(options.record_intervals);
      level_pointers.push_back(levels.back().get());
    }
    NocModule noc("noc", level_pointers, walk.num_links(), timing);
    PeArrayModule pes("pe_array", walk, planner, noc, timing, options.progress);
    log::sim().debug("systemc engine: elaborated {} storage modules, {} outer steps; running",
                     levels.size(), walk.outer_steps());
    sc_core::sc_start();
    timing.compute_end = pes.compute_end();
    timing.cycles = std::max(pes.compute_end() + timing.pipeline_cycles, pes.writeback_end());
    for (const auto& level : levels) out.busy.push_back(level->busy_intervals());
    out.transfers_delivered = noc.delivered();
    out.peak_in_flight = noc.peak_in_flight();
  }

  out.sim.engine = "systemc";
  out.sim.counts = walk.counts();
  out.sim.timing = timing;
  out.sim.counts.cycles = timing.cycles;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    out.sim.counts.levels[l].cycles = timing.levels[l].busy_cycles;
  }
  mapper::add_network_traffic(arch, walk.entering(), out.sim.counts);
  add_link_words(walk, out.sim.counts);
  log::sim().debug("systemc engine: {} cycles, {} transfers delivered, peak {} in flight",
                   timing.cycles, out.transfers_delivered, out.peak_in_flight);
  return out;
}

}  // namespace arraysim::sim::sc
