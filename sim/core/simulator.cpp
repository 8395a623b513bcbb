#include "sim/core/simulator.hpp"

#include <cstdint>

#include "arch/logging.hpp"
#include "mapper/network_traffic.hpp"

namespace arraysim::sim {

void add_link_words(const TileWalk& walk, mapper::ActionCounts& counts) {
  for (auto& net : counts.networks) {
    for (DataSpace ds : arch::kAllDataSpaces) {
      net.link_words[arch::index(ds)] = walk.link_words()[arch::index(ds)][net.into];
      net.router_words[arch::index(ds)] = walk.router_words()[arch::index(ds)][net.into];
    }
  }
}

std::uint64_t simulation_steps(const mapper::LoopNest& nest) {
  std::uint64_t steps = 1;
  for (std::size_t l = 0; l + 1 < nest.levels.size(); ++l) {
    for (const mapper::Loop& loop : nest.levels[l].temporal) {
      const auto factor = static_cast<std::uint64_t>(loop.factor);
      if (factor > 1 && steps > UINT64_MAX / factor) return UINT64_MAX;
      steps *= factor;
    }
  }
  return steps;
}

SimResult simulate(const arch::Architecture& arch, const arch::Layer& layer,
                   const mapper::LoopNest& nest, const SimOptions& options) {
  log::sim().debug("{} engine: layer {} on {}, {} MACs", options.clocked ? "clocked" : "fast",
                   layer.name, arch.name, layer.macs());
  TileWalk walk(arch, layer, nest);
  log::sim().debug("tile walk: {} outer steps", walk.outer_steps());
  const auto timing =
      options.clocked ? make_clocked_timing(arch, walk, options.unlimited, options.progress)
                      : make_fast_timing(arch, walk, options.unlimited, options.record_intervals);
  std::vector<TileEvent> events;
  walk.start(events);
  timing->step(events);
  while (walk.next(events)) {
    timing->step(events);
    // The clocked engine does its work in finish(), and reports it there.
    if (options.progress && !options.clocked && walk.step() % 4096 == 0) {
      options.progress(walk.step(), walk.outer_steps());
    }
  }
  timing->drain(events);
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
