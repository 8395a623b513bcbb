// Strict reading of Timeloop's YAML inputs: typed access with /yaml/path error locations, unknown
// keys rejected, and keys that change no result recorded as warnings. Several files merge at the
// top level, as Timeloop merges its command-line inputs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "arch/json_reader.hpp"

namespace arraysim::arch::timeloop {

struct YamlValue {
  YAML::Node node;
  JsonLocation where;
};

// Warnings for keys that are read but cannot change a result; one line each.
struct ImportLog {
  std::vector<std::string> warnings;
  void warn(const JsonLocation& where, const std::string& message);
};

bool is_yaml_path(const std::string& path);

// Top-level keys of all files; a key given in two files is an error.
std::map<std::string, YamlValue> load_yaml_files(const std::vector<std::string>& paths);

std::int64_t yaml_integer(const YamlValue& value);
double yaml_number(const YamlValue& value);
bool yaml_boolean(const YamlValue& value);
std::string yaml_string(const YamlValue& value);
std::vector<YamlValue> yaml_sequence(const YamlValue& value);
std::vector<std::string> yaml_string_list(const YamlValue& value);  // a list, or one word

// Reads one YAML mapping key by key; finish() rejects keys that were never asked for.
class YamlMap {
 public:
  explicit YamlMap(const YamlValue& value);

  bool has(const std::string& key) const;
  std::optional<YamlValue> get(const std::string& key);  // marks the key as known
  YamlValue required(const std::string& key);
  std::vector<std::string> keys() const { return keys_; }
  const JsonLocation& where() const { return where_; }
  // A key that is accepted but changes no result: a warning naming it and why.
  void warn_if_present(const std::string& key, ImportLog& log, const std::string& why);
  void finish() const;

 private:
  YAML::Node node_;
  JsonLocation where_;
  std::vector<std::string> keys_;
  std::set<std::string> known_;
};

}  // namespace arraysim::arch::timeloop
