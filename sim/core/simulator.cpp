#include "sim/core/simulator.hpp"

#include "mapper/network_traffic.hpp"

namespace arraysim::sim {

SimResult simulate(const arch::Architecture& arch, const arch::Layer& layer,
                   const mapper::LoopNest& nest, const SimOptions& options) {
  TileWalk walk(arch, layer, nest);
  TimingModel timing(arch, walk, TimingOptions{options.unlimited});
  walk.run([&](std::uint64_t step, const std::vector<TileEvent>& events) {
    if (step == walk.outer_steps()) {
      timing.drain(events);
    } else {
      timing.step(step, events);
    }
  });
  SimResult result;
  result.counts = walk.counts();
  result.timing = timing.finish();
  result.counts.cycles = result.timing.cycles;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    result.counts.levels[l].cycles = result.timing.levels[l].busy_cycles;
  }
  mapper::add_network_traffic(arch, walk.entering(), result.counts);
  return result;
}

}  // namespace arraysim::sim
