// Picks the layer a command works on from a workload file (`--layer`, or its only MAC layer).
#pragma once

#include <string>

#include "arch/network.hpp"

namespace arraysim::cli {

const arch::Layer& select_layer(const arch::Network& net, const std::string& layer_name);

}  // namespace arraysim::cli
