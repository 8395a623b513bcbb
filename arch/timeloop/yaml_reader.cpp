#include "arch/timeloop/yaml_reader.hpp"

#include <cmath>

#include "arch/timeloop/yaml_loader.hpp"

namespace arraysim::arch::timeloop {

namespace {

std::string kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "\"" + node.Scalar() + "\"";
    default:
      return "nothing";
  }
}

std::string scalar(const YamlValue& value, const std::string& expected) {
  if (!value.node.IsScalar())
    value.where.fail("expected " + expected + ", got " + kind_of(value.node));
  return value.node.Scalar();
}

}  // namespace

void ImportLog::warn(const JsonLocation& where, const std::string& message) {
  warnings.push_back(where.file + ":" + where.pointer + ": " + message);
}

bool is_yaml_path(const std::string& path) {
  const auto dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  const std::string ext = path.substr(dot);
  return ext == ".yaml" || ext == ".yml";
}

std::map<std::string, YamlValue> load_yaml_files(const std::vector<std::string>& paths) {
  std::map<std::string, YamlValue> merged;
  for (const auto& path : paths) {
    const YAML::Node root = load_yaml_document(path);
    const JsonLocation where{path, ""};
    if (!root.IsMap())
      where.fail("expected a YAML mapping of Timeloop inputs, got " + kind_of(root));
    for (const auto& entry : root) {
      const std::string key = entry.first.Scalar();
      const auto [it, fresh] = merged.emplace(key, YamlValue{entry.second, where.child(key)});
      if (!fresh) {
        where.child(key).fail("\"" + key + "\" is already given in " + it->second.where.file);
      }
    }
  }
  return merged;
}

std::int64_t yaml_integer(const YamlValue& value) {
  const std::string text = scalar(value, "an integer");
  try {
    std::size_t used = 0;
    const double number = std::stod(text, &used);
    if (used == text.size() && number == std::floor(number) && std::fabs(number) < 9e15) {
      return static_cast<std::int64_t>(number);
    }
  } catch (const std::exception&) {
  }
  value.where.fail("expected an integer, got \"" + text + "\"");
}

double yaml_number(const YamlValue& value) {
  const std::string text = scalar(value, "a number");
  try {
    std::size_t used = 0;
    const double number = std::stod(text, &used);
    if (used == text.size() && std::isfinite(number)) return number;
  } catch (const std::exception&) {
  }
  value.where.fail("expected a finite number, got \"" + text + "\"");
}

bool yaml_boolean(const YamlValue& value) {
  const std::string text = scalar(value, "true or false");
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  value.where.fail("expected true or false, got \"" + text + "\"");
}

std::string yaml_string(const YamlValue& value) { return scalar(value, "a string"); }

std::vector<YamlValue> yaml_sequence(const YamlValue& value) {
  if (!value.node.IsSequence()) value.where.fail("expected a list, got " + kind_of(value.node));
  std::vector<YamlValue> items;
  for (std::size_t i = 0; i < value.node.size(); ++i) {
    items.push_back({value.node[i], value.where.child(i)});
  }
  return items;
}

std::vector<std::string> yaml_string_list(const YamlValue& value) {
  if (value.node.IsNull()) return {};
  if (value.node.IsScalar()) return {value.node.Scalar()};
  std::vector<std::string> words;
  for (const auto& item : yaml_sequence(value)) words.push_back(yaml_string(item));
  return words;
}

YamlMap::YamlMap(const YamlValue& value) : node_(value.node), where_(value.where) {
  if (!node_.IsMap()) where_.fail("expected a mapping, got " + kind_of(node_));
  for (const auto& entry : node_) keys_.push_back(entry.first.Scalar());
}

bool YamlMap::has(const std::string& key) const {
  for (const auto& k : keys_) {
    if (k == key) return true;
  }
  return false;
}

std::optional<YamlValue> YamlMap::get(const std::string& key) {
  known_.insert(key);
  if (!has(key)) return std::nullopt;
  return YamlValue{node_[key], where_.child(key)};
}

YamlValue YamlMap::required(const std::string& key) {
  auto value = get(key);
  if (!value) where_.fail("missing required key \"" + key + "\"");
  return *value;
}

void YamlMap::warn_if_present(const std::string& key, ImportLog& log, const std::string& why) {
  known_.insert(key);
  if (has(key)) log.warn(where_.child(key), "\"" + key + "\" not translated: " + why);
}

void YamlMap::finish() const {
  for (const auto& key : keys_) {
    if (known_.count(key) != 0) continue;
    std::string message = "unsupported key \"" + key + "\"";
    const std::vector<std::string> candidates(known_.begin(), known_.end());
    if (auto guess = closest_match(key, candidates))
      message += " (did you mean \"" + *guess + "\"?)";
    where_.child(key).fail(message);
  }
}

}  // namespace arraysim::arch::timeloop
