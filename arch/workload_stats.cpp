#include "arch/workload_stats.hpp"

#include "arch/layer_bounds.hpp"

namespace arraysim::arch {

namespace {

// Adds a layer's count to a network total; the total must stay a count too.
void add_to_total(std::uint64_t& total, std::uint64_t value, const char* what, const Network& net) {
  const Wide sum = static_cast<Wide>(total) + value;
  require_count(sum, std::string("the network's total ") + what, JsonLocation{net.file, ""});
  total = static_cast<std::uint64_t>(sum);
}

}  // namespace

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
    add_to_total(stats.total.macs, row.macs, "MACs", net);
    add_to_total(stats.total.inputs, row.inputs, "input words", net);
    add_to_total(stats.total.outputs, row.outputs, "output words", net);
    if (row.unique_weights) add_to_total(stats.total.weights, row.weights, "weights", net);
    stats.layers.push_back(std::move(row));
  }
  return stats;
}

double operational_intensity(std::uint64_t macs, std::uint64_t words, int bits) {
  const double bytes = static_cast<double>(words) * bits / 8.0;
  return bytes == 0.0 ? 0.0 : static_cast<double>(macs) / bytes;
}

}  // namespace arraysim::arch
