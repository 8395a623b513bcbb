#include "arch/workload_stats.hpp"

namespace arraysim::arch {

WorkloadStats workload_stats(const Network& net) {
  WorkloadStats stats;
  stats.name = net.name;
  stats.batch = net.batch;
  for (std::size_t i : net.topological_order) {
    const Layer& layer = net.layers[i];
    if (!layer.is_mac()) continue;
    LayerStats row;
    row.name = layer.name;
    row.type = layer_type_name(layer.type);
    row.macs = layer.macs();
    row.outputs = layer.dataspace_words(DataSpace::Outputs);
    row.inputs = static_cast<std::uint64_t>(layer.input_shape().elements());
    const bool operand_b_is_activation =
        layer.type == LayerType::Matmul && net.producers[i].size() == 2;
    if (operand_b_is_activation) {
      row.inputs += layer.dataspace_words(DataSpace::Weights);
    } else {
      row.weights = layer.dataspace_words(DataSpace::Weights);
    }
    row.unique_weights = net.owns_weights(i);
    stats.total.macs += row.macs;
    stats.total.inputs += row.inputs;
    stats.total.outputs += row.outputs;
    if (row.unique_weights) stats.total.weights += row.weights;
    stats.layers.push_back(std::move(row));
  }
  return stats;
}

double operational_intensity(std::uint64_t macs, std::uint64_t words, int bits) {
  const double bytes = static_cast<double>(words) * bits / 8.0;
  return bytes == 0.0 ? 0.0 : static_cast<double>(macs) / bytes;
}

}  // namespace arraysim::arch
