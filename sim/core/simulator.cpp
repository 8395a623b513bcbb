#include "sim/core/simulator.hpp"

#include "arch/logging.hpp"
#include "mapper/network_traffic.hpp"

namespace arraysim::sim {

void add_link_words(const TileWalk& walk, mapper::ActionCounts& counts) {
  for (auto& net : counts.networks) {
    for (DataSpace ds : arch::kAllDataSpaces) {
      net.link_words[arch::index(ds)] = walk.link_words()[arch::index(ds)][net.into];
    }
  }
}

SimResult simulate(const arch::Architecture& arch, const arch::Layer& layer,
                   const mapper::LoopNest& nest, const SimOptions& options) {
  log::sim().debug("{} engine: layer {} on {}, {} MACs", options.clocked ? "clocked" : "fast",
                   layer.name, arch.name, layer.macs());
  TileWalk walk(arch, layer, nest);
  log::sim().debug("tile walk: {} outer steps", walk.outer_steps());
  const auto timing = options.clocked ? make_clocked_timing(arch, walk, options.unlimited)
                                      : make_fast_timing(arch, walk, options.unlimited);
  walk.run([&](std::uint64_t step, const std::vector<TileEvent>& events) {
    if (step == walk.outer_steps()) {
      timing->drain(events);
    } else {
      timing->step(events);
    }
  });
  SimResult result;
  result.engine = options.clocked ? "clocked" : "fast";
  result.counts = walk.counts();
  result.timing = timing->finish();
  result.counts.cycles = result.timing.cycles;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    result.counts.levels[l].cycles = result.timing.levels[l].busy_cycles;
  }
  mapper::add_network_traffic(arch, walk.entering(), result.counts);
  add_link_words(walk, result.counts);
  log::sim().debug("{} engine: {} cycles, {} stall cycles", result.engine, result.timing.cycles,
                   result.timing.stall_cycles);
  return result;
}

}  // namespace arraysim::sim
