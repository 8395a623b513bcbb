#include "sim/cli/workload_select.hpp"

namespace arraysim::cli {

const arch::Layer& select_layer(const arch::Network& net, const std::string& layer_name) {
  const auto macs = net.mac_layers();
  std::vector<std::string> names;
  names.reserve(macs.size());
  for (const auto* layer : macs) names.push_back(layer->name);
  if (layer_name.empty()) {
    if (macs.size() == 1) return *macs.front();
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", " : "") + names[i];
    if (names.size() > 8) list += ", ...";
    throw arch::SpecError(net.file, "/layers",
                          "the workload has " + std::to_string(macs.size()) +
                              " MAC layers; choose one with --layer (" + list + ")");
  }
  for (const auto* layer : macs) {
    if (layer->name == layer_name) return *layer;
  }
  std::string message = "no MAC layer named \"" + layer_name + "\"";
  if (auto guess = arch::closest_match(layer_name, names))
    message += " (did you mean \"" + *guess + "\"?)";
  throw arch::SpecError(net.file, "/layers", message);
}

}  // namespace arraysim::cli
