#include "arch/network.hpp"

#include <map>

#include "arch/layer_bounds.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

namespace arraysim::arch {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Output shape of a non-MAC layer from its inputs, checking that they agree.
TensorShape infer_shape(const Network& net, std::size_t i) {
  const Layer& layer = net.layers[i];
  const auto& inputs = net.producers[i];
  const JsonLocation where = layer.where;
  auto shape_of = [&](std::size_t k) { return net.output_shapes[inputs[k]]; };
  auto name_of = [&](std::size_t k) { return net.layers[inputs[k]].name; };
  if (layer.is_mac() || layer.type == LayerType::Pool || layer.type == LayerType::LstmCell) {
    if (inputs.empty()) return layer.output_shape();
    const TensorShape expected = layer.input_shape();
    const TensorShape got = shape_of(0);
    const bool second_operand = layer.type == LayerType::Matmul && inputs.size() == 2;
    if (inputs.size() > (second_operand ? 2U : 1U)) {
      where.child("inputs").fail("a " + std::string(layer_type_name(layer.type)) +
                                 " layer takes one input, got " + std::to_string(inputs.size()));
    }
    if (got != expected) {
      where.child("inputs").fail("shape mismatch on edge " + name_of(0) + " -> " + layer.name +
                                 ": producer gives " + got.to_string() + ", layer expects " +
                                 expected.to_string());
    }
    if (second_operand) {
      const std::uint64_t want = layer.dataspace_words(DataSpace::Weights);
      if (static_cast<std::uint64_t>(shape_of(1).elements()) != want) {
        where.child("inputs").fail("shape mismatch on edge " + name_of(1) + " -> " + layer.name +
                                   ": producer gives " + std::to_string(shape_of(1).elements()) +
                                   " elements, operand B needs " + std::to_string(want));
      }
    }
    return layer.output_shape();
  }
  if (inputs.empty())
    where.fail("a " + std::string(layer_type_name(layer.type)) + " layer needs an input");
  TensorShape shape = shape_of(0);
  if (layer.type == LayerType::Add || layer.type == LayerType::Concat) {
    if (inputs.size() < 2) where.child("inputs").fail("needs at least two inputs");
    for (std::size_t k = 1; k < inputs.size(); ++k) {
      const TensorShape other = shape_of(k);
      const bool agree = layer.type == LayerType::Add
                             ? other == shape
                             : (other.n == shape.n && other.h == shape.h && other.w == shape.w);
      if (!agree) {
        where.child("inputs").fail("shape mismatch on edge " + name_of(k) + " -> " + layer.name +
                                   ": " + other.to_string() + " does not match " +
                                   shape_of(0).to_string() + " from " + name_of(0));
      }
      if (layer.type == LayerType::Concat) {
        require_count(static_cast<Wide>(shape.c) + static_cast<Wide>(other.c),
                      "concatenated channels", where);
        shape.c += other.c;
        require_count(wide_mul(wide_mul(static_cast<Wide>(shape.n), static_cast<Wide>(shape.c)),
                               wide_mul(static_cast<Wide>(shape.h), static_cast<Wide>(shape.w))),
                      "concatenated tensor words", where);
      }
    }
  } else if (inputs.size() != 1) {
    where.child("inputs").fail("takes one input, got " + std::to_string(inputs.size()));
  }
  return shape;
}

}  // namespace

std::vector<const Layer*> Network::mac_layers() const {
  std::vector<const Layer*> out;
  for (std::size_t i : topological_order) {
    if (layers[i].is_mac()) out.push_back(&layers[i]);
  }
  return out;
}

const Layer* Network::find(const std::string& layer_name) const {
  for (const auto& layer : layers) {
    if (layer.name == layer_name) return &layer;
  }
  return nullptr;
}

bool Network::owns_weights(std::size_t layer_index) const {
  const Layer& layer = layers[layer_index];
  if (!layer.is_mac() || !layer.shares_weights.empty()) return false;
  return !(layer.type == LayerType::Matmul && producers[layer_index].size() == 2);
}

Network parse_network(const Json& json, const std::string& file) {
  return parse_network(json, JsonLocation{file, ""});
}

Network parse_network(const Json& json, const JsonLocation& root) {
  const std::string& file = root.file;
  ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "network") reader.at("spec").fail("expected \"network\", got \"" + spec + "\"");
  Network net;
  net.file = file;
  net.name = reader.string("name");
  net.batch = reader.positive("batch", 1);
  reader.optional_string("source");
  const Json* layers = reader.get("layers");
  if (layers == nullptr) root.fail("missing required key \"layers\"");
  if (!layers->is_array() || layers->empty()) {
    reader.at("layers").fail("expected a non-empty array of layers");
  }
  reader.finish();

  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < layers->size(); ++i) {
    Layer layer = parse_layer((*layers)[i], reader.at("layers").child(i), true, net.batch);
    if (!by_name.emplace(layer.name, i).second) {
      layer.where.child("name").fail("duplicate layer name \"" + layer.name + "\"");
    }
    net.layers.push_back(std::move(layer));
  }

  Graph graph(net.layers.size());
  net.producers.resize(net.layers.size());
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& layer = net.layers[i];
    if (!layer.inputs_given) {
      if (i > 0) net.producers[i].push_back(i - 1);
    } else {
      for (std::size_t k = 0; k < layer.inputs.size(); ++k) {
        const auto it = by_name.find(layer.inputs[k]);
        if (it == by_name.end()) {
          std::vector<std::string> names;
          names.reserve(by_name.size());
          for (const auto& entry : by_name) names.push_back(entry.first);
          std::string message = "unknown layer \"" + layer.inputs[k] + "\"";
          if (auto guess = closest_match(layer.inputs[k], names)) {
            message += " (did you mean \"" + *guess + "\"?)";
          }
          layer.where.child("inputs").child(k).fail(message);
        }
        if (it->second == i)
          layer.where.child("inputs").child(k).fail("a layer cannot feed itself");
        net.producers[i].push_back(it->second);
      }
    }
    for (std::size_t producer : net.producers[i]) boost::add_edge(producer, i, graph);
    if (!layer.shares_weights.empty()) {
      const auto it = by_name.find(layer.shares_weights);
      if (it == by_name.end() || !net.layers[it->second].is_mac()) {
        layer.where.child("shares_weights")
            .fail("no MAC layer named \"" + layer.shares_weights + "\"");
      }
      if (net.layers[it->second].dataspace_words(DataSpace::Weights) !=
          layer.dataspace_words(DataSpace::Weights)) {
        layer.where.child("shares_weights")
            .fail("weight shape differs from \"" + layer.shares_weights + "\"");
      }
    }
  }

  std::vector<std::size_t> reversed;
  try {
    boost::topological_sort(graph, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    reader.at("layers").fail("the layer graph has a cycle");
  }
  net.topological_order.assign(reversed.rbegin(), reversed.rend());
  net.output_shapes.resize(net.layers.size());
  for (std::size_t i : net.topological_order) net.output_shapes[i] = infer_shape(net, i);
  return net;
}

Network load_workload(const std::string& path) {
  return parse_workload(load_json_file(path), path);
}

Network parse_workload(const Json& json, const std::string& path) {
  return parse_workload(json, JsonLocation{path, ""});
}

Network parse_workload(const Json& json, const JsonLocation& root) {
  const std::string& path = root.file;
  if (!json.is_object() || !json.contains("spec")) {
    throw SpecError(path, "", "expected a workload spec (\"spec\": \"layer\" or \"network\")");
  }
  const Json& spec = json.at("spec");
  if (!spec.is_string()) root.child("spec").fail("expected a string, \"layer\" or \"network\"");
  if (spec.get_ref<const std::string&>() == "layer") {
    Network net;
    net.file = path;
    net.layers.push_back(parse_layer(json, root, false));
    net.name = net.layers.front().name;
    net.batch = net.layers.front().dim(Dim::N);
    net.producers.resize(1);
    net.output_shapes.push_back(net.layers.front().output_shape());
    net.topological_order = {0};
    return net;
  }
  return parse_network(json, root);
}

}  // namespace arraysim::arch
