// Seeded random search problems for the mapper's property tests: a small layer (strides,
// dilations, per data space bits), a multi-level architecture with fan-outs, capacities, word
// sizes, blocks, keep/bypass residencies, bandwidths and networks, its per-action energies, a
// shipped dataflow template and an objective.
#pragma once

#include <random>
#include <string>

#include "arch/architecture.hpp"
#include "arch/dataflow.hpp"
#include "arch/energy/estimator.hpp"
#include "arch/layer.hpp"

namespace arraysim::testing {

struct RandomMapperCase {
  arch::Layer layer;
  arch::Architecture arch;
  energy::ResolvedEnergy energy;
  std::string dataflow;   // a shipped template: ws, os, is, rs, nlr or free
  std::string objective;  // e.g. "energy", "delay,energy", "edp"
  double energy_tolerance = 0.0;
};

RandomMapperCase random_mapper_case(std::mt19937& rng);
std::string describe(const RandomMapperCase& rc);

}  // namespace arraysim::testing
