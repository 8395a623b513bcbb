// A network: layers joined into a DAG (Boost.Graph) whose edges carry activation tensors; shapes
// must agree along every edge. Runs visit layers in topological order.
#pragma once

#include <string>
#include <vector>

#include "arch/layer.hpp"

namespace arraysim::arch {

struct Network {
  std::string name;
  std::int64_t batch = 1;
  std::string file;
  std::vector<Layer> layers;
  std::vector<std::vector<std::size_t>> producers;  // per layer: indices of its inputs
  std::vector<TensorShape> output_shapes;           // per layer
  std::vector<std::size_t> topological_order;

  std::vector<const Layer*> mac_layers() const;  // in topological order
  const Layer* find(const std::string& layer_name) const;
  // Whether this layer's weights are its own (not shared with an earlier layer, not an activation).
  bool owns_weights(std::size_t layer_index) const;
};

Network parse_network(const Json& json, const std::string& file);
Network parse_network(const Json& json, const JsonLocation& root);

// Loads a workload file: a network, or a single layer wrapped as a one-layer network.
Network load_workload(const std::string& path);
// A layer or network spec already read from `path`.
Network parse_workload(const Json& json, const std::string& path);
// The same for a spec translated from another format: errors name `root`'s origin.
Network parse_workload(const Json& json, const JsonLocation& root);

}  // namespace arraysim::arch
