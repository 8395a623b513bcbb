// Per-layer workload statistics (DNN-tutorial formulas): MACs, operations, weights, input and
// output activations, bytes at a precision, and operational intensity; plus network totals.
#pragma once

#include <string>
#include <vector>

#include "arch/network.hpp"

namespace arraysim::arch {

struct LayerStats {
  std::string name;
  std::string type;
  std::uint64_t macs = 0;
  std::uint64_t weights = 0;  // parameters this layer reads (0 when operand B is an activation)
  std::uint64_t inputs = 0;   // input activations (both operands for activation-activation matmuls)
  std::uint64_t outputs = 0;
  bool unique_weights = true;  // false when the weights are shared with an earlier layer
};

struct WorkloadTotals {
  std::uint64_t macs = 0, weights = 0, inputs = 0, outputs = 0;
};

struct WorkloadStats {
  std::string name;
  std::int64_t batch = 1;
  std::vector<LayerStats> layers;  // MAC layers, topological order
  WorkloadTotals total;            // weights counted once per tensor
};

WorkloadStats workload_stats(const Network& net);

// MACs per byte moved when every operand crosses the chip boundary once at `bits` precision.
double operational_intensity(std::uint64_t macs, std::uint64_t words, int bits);

}  // namespace arraysim::arch
