// Loads an architecture, a workload layer and a mapping, binds and evaluates them, and prices the
// result: the common path of `model` and `validate`.
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/network.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/stats.hpp"

namespace arraysim::cli {

struct ModelRun {
  arch::Architecture arch;
  arch::Network network;
  arch::Layer layer;
  mapper::LoopNest nest;
  energy::ResolvedEnergy energy;
  mapper::Stats stats;
};

// Throws SpecError (in the mapping file) when the mapping is invalid, e.g. a tile does not fit.
// bits / psum_bits > 0 override the layer's precision of every data space / of partial sums;
// batch > 0 the batch size.
ModelRun run_model(const std::string& arch_path, const std::string& workload_path,
                   const std::string& layer_name, const std::string& mapping_path, int bits = 0,
                   int psum_bits = 0, std::int64_t batch = 0);

}  // namespace arraysim::cli
