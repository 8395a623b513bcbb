#include "arch/timeloop/problem_import.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace arraysim::arch::timeloop {

namespace {

const std::vector<std::string> kDims = {"R", "S", "P", "Q", "C", "M", "K", "N", "G"};
const std::vector<std::string> kCoefficients = {"Wstride", "Hstride", "Wdilation", "Hdilation"};

// A projection rank as the set of "dim" or "dim*coefficient" terms.
using Rank = std::set<std::string>;

std::string our_dim(const std::string& dim) { return dim == "K" ? "M" : dim; }

// The convolution's projections; ranks over dimensions the shape lacks drop out.
std::map<std::string, std::set<Rank>> conv_projections(const std::set<std::string>& dims) {
  const std::map<std::string, std::vector<Rank>> full = {
      {"Weights", {{"G"}, {"M"}, {"C"}, {"R"}, {"S"}}},
      {"Inputs", {{"N"}, {"G"}, {"C"}, {"P", "R"}, {"Q", "S"}}},
      {"Outputs", {{"N"}, {"G"}, {"M"}, {"P"}, {"Q"}}}};
  std::map<std::string, std::set<Rank>> out;
  for (const auto& [space, ranks] : full) {
    for (const Rank& rank : ranks) {
      Rank kept;
      for (const auto& term : rank) {
        if (dims.count(term.substr(0, 1)) != 0) kept.insert(term);
      }
      if (!kept.empty()) out[space].insert(kept);
    }
  }
  return out;
}

// A term [dim] or [dim, coefficient]; the coefficient must be the dimension's stride or dilation.
std::string read_term(const YamlValue& term, const std::set<std::string>& dims,
                      std::set<std::string>& coefficients_used) {
  const auto parts = yaml_string_list(term);
  if (parts.empty() || parts.size() > 2 || dims.count(our_dim(parts[0])) == 0) {
    term.where.fail("expected [dimension] or [dimension, coefficient] over the shape's dimensions");
  }
  std::string dim = our_dim(parts[0]);
  if (parts.size() == 2) {
    const std::map<std::string, std::string> expected = {
        {"P", "Wstride"}, {"R", "Wdilation"}, {"Q", "Hstride"}, {"S", "Hdilation"}};
    const auto it = expected.find(dim);
    if (it == expected.end() || it->second != parts[1]) {
      term.where.fail("coefficient \"" + parts[1] + "\" does not belong to " + dim);
    }
    coefficients_used.insert(parts[1]);
  }
  return dim;
}

std::set<std::string> check_shape(const YamlValue& shape) {
  YamlMap fields(shape);
  fields.get("name");  // the layer is named after the file
  std::set<std::string> dims;
  for (const auto& d : yaml_string_list(fields.required("dimensions"))) {
    if (std::find(kDims.begin(), kDims.end(), d) == kDims.end()) {
      fields.where()
          .child("dimensions")
          .fail("dimension \"" + d + "\" is not a convolution dimension (R S P Q C M K N G)");
    }
    dims.insert(our_dim(d));
  }
  if (auto coefficients = fields.get("coefficients")) {
    for (const auto& c : yaml_sequence(*coefficients)) {
      YamlMap coefficient(c);
      const std::string name = yaml_string(coefficient.required("name"));
      if (std::find(kCoefficients.begin(), kCoefficients.end(), name) == kCoefficients.end()) {
        c.where.fail("coefficient \"" + name + "\" is not a stride or dilation");
      }
      if (auto v = coefficient.get("default")) {
        if (yaml_integer(*v) != 1) v->where.fail("give strides and dilations in the instance");
      }
      coefficient.finish();
    }
  }
  std::optional<YamlValue> spaces = fields.get("data-spaces");
  if (!spaces) spaces = fields.get("data_spaces");
  if (!spaces) fields.where().fail("missing required key \"data-spaces\"");
  const auto expected = conv_projections(dims);
  std::set<std::string> seen;
  for (const auto& item : yaml_sequence(*spaces)) {
    YamlMap space(item);
    const std::string name = yaml_string(space.required("name"));
    if (expected.count(name) == 0) {
      item.where.fail("data space \"" + name + "\" is not Weights, Inputs or Outputs");
    }
    bool read_write = false;
    for (const char* key : {"read-write", "read_write"}) {
      if (auto v = space.get(key)) read_write = yaml_boolean(*v);
    }
    if (read_write != (name == "Outputs")) {
      item.where.fail("only Outputs may be (and must be) read-write");
    }
    std::set<Rank> ranks;
    std::set<std::string> used;
    for (const auto& rank : yaml_sequence(space.required("projection"))) {
      Rank terms;
      if (rank.node.IsSequence() && rank.node.size() > 0 && rank.node[0].IsScalar()) {
        terms.insert(read_term(rank, dims, used));  // a rank given as a bare term
      } else {
        for (const auto& term : yaml_sequence(rank)) terms.insert(read_term(term, dims, used));
      }
      ranks.insert(terms);
    }
    space.finish();
    if (ranks != expected.at(name)) {
      item.where.fail("projection of " + name +
                      " is not the convolution's over these dimensions; only convolution-shaped "
                      "problems are supported");
    }
    seen.insert(name);
  }
  fields.finish();
  if (seen.size() != 3) spaces->where.fail("expected Weights, Inputs and Outputs");
  return dims;
}

}  // namespace

Json import_problem(const YamlValue& value, const std::string& name, ImportLog& log,
                    SourceMap* origins) {
  SourceMap unused;
  SourceMap& from = origins != nullptr ? *origins : unused;
  from.add("", value.where);
  YamlMap problem(value);
  std::set<std::string> dims = {"R", "S", "P", "Q", "C", "M", "N", "G"};
  std::optional<YamlMap> instance_map;
  if (problem.has("instance") || problem.has("shape")) {
    problem.get("version");
    if (auto shape = problem.get("shape")) {
      if (shape->node.IsScalar()) {
        const std::string shape_name = yaml_string(*shape);
        if (shape_name != "cnn-layer" && shape_name != "cnn_layer") {
          shape->where.fail("problem shape \"" + shape_name +
                            "\" is not supported (cnn-layer or a convolution-shaped custom shape)");
        }
      } else {
        dims = check_shape(*shape);
      }
    }
    const YamlValue instance = problem.required("instance");
    problem.finish();
    instance_map.emplace(instance);
  } else {
    instance_map.emplace(value);
    instance_map->warn_if_present("shape", log, "the flat layout is the convolution");
  }
  YamlMap& fields = *instance_map;
  Json layer = {{"spec", "layer"}, {"name", name}, {"type", "conv"}};
  for (const std::string& d : kDims) {
    if (auto v = fields.get(d)) {
      if (dims.count(our_dim(d)) == 0)
        v->where.fail("\"" + d + "\" is not a dimension of the shape");
      const std::int64_t size = yaml_integer(*v);
      if (size <= 0) v->where.fail("expected a positive integer");
      if (layer.contains(our_dim(d))) v->where.fail("K and M are the same dimension; give one");
      layer[our_dim(d)] = size;
      from.add("/" + our_dim(d), v->where);
    }
  }
  for (const char* d : {"R", "S", "P", "Q", "C", "M", "N", "G"}) {
    if (!layer.contains(d)) layer[d] = 1;
  }
  std::int64_t strides[2] = {1, 1};
  std::int64_t dilations[2] = {1, 1};
  const std::pair<const char*, std::int64_t*> coefficients[] = {{"Wstride", &strides[0]},
                                                                {"Hstride", &strides[1]},
                                                                {"Wdilation", &dilations[0]},
                                                                {"Hdilation", &dilations[1]}};
  for (const auto& [key, target] : coefficients) {
    if (auto v = fields.get(key)) {
      *target = yaml_integer(*v);
      if (*target <= 0) v->where.fail("expected a positive integer");
      const bool stride = std::string(key).find("stride") != std::string::npos;
      const bool width = key[0] == 'W';
      from.add(std::string(stride ? "/stride/" : "/dilation/") + (width ? "0" : "1"), v->where);
    }
  }
  fields.finish();
  // Timeloop's W axis pairs P with R, our first axis; H pairs Q with S.
  layer["stride"] = {strides[0], strides[1]};
  layer["dilation"] = {dilations[0], dilations[1]};
  return layer;
}

}  // namespace arraysim::arch::timeloop
