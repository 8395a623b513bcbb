// SCALE-Sim inputs as arraysim specs: a config becomes a systolic architecture (DRAM, ifmap,
// filter and ofmap SRAMs of 8-bit words, an ArrayHeight x ArrayWidth edge-fed PE array) and a
// topology a network of independent layers (each a graph input) with SCALE-Sim's output sizes.
#pragma once

#include "arch/json_reader.hpp"
#include "arch/scalesim/cfg_reader.hpp"
#include "arch/scalesim/topology_reader.hpp"

namespace arraysim::scalesim {

arch::Json architecture_json(const Config& config);
arch::Json network_json(const Topology& topology);

}  // namespace arraysim::scalesim
