// Strict JSON reading for specs: typed field access with JSON-pointer error locations and
// rejection of unknown keys ("did you mean ...?").
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/spec_error.hpp"

namespace arraysim::arch {

using Json = nlohmann::json;

// Reads a JSON file (comments allowed). Throws SpecError on I/O or syntax errors.
Json load_json_file(const std::string& path);

// Where a JSON value sits: the file and the JSON pointer inside it.
struct JsonLocation {
  std::string file;
  std::string pointer;

  JsonLocation child(const std::string& key) const;
  JsonLocation child(std::size_t index) const;
  [[noreturn]] void fail(const std::string& message) const;
};

// Reads one JSON object field by field; finish() rejects keys that were never asked for.
class ObjectReader {
 public:
  ObjectReader(const Json& json, JsonLocation where);

  bool has(const std::string& key) const;
  const Json* get(const std::string& key);  // nullptr when absent; marks the key as known
  JsonLocation at(const std::string& key) const { return where_.child(key); }
  const JsonLocation& where() const { return where_; }

  std::string string(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  std::string enum_string(const std::string& key, const std::vector<std::string>& allowed,
                          std::optional<std::string> fallback = std::nullopt);
  std::int64_t integer(const std::string& key);
  std::int64_t positive(const std::string& key, std::optional<std::int64_t> fallback = {});
  std::int64_t non_negative(const std::string& key, std::optional<std::int64_t> fallback = {});
  double number(const std::string& key, std::optional<double> fallback = {});
  bool boolean(const std::string& key, std::optional<bool> fallback = {});
  std::vector<std::int64_t> positive_pair(const std::string& key,
                                          std::vector<std::int64_t> fallback);
  std::vector<std::string> string_list(const std::string& key);

  void ignore(const std::string& key) { known_.insert(key); }
  void finish() const;

 private:
  const Json& json_;
  JsonLocation where_;
  std::set<std::string> known_;
};

// Checks a value's type; fails with "expected <what>" otherwise.
std::int64_t as_integer(const Json& value, const JsonLocation& where);
double as_number(const Json& value, const JsonLocation& where);
const std::string& as_string(const Json& value, const JsonLocation& where);

// The closest candidate by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(const std::string& word,
                                         const std::vector<std::string>& candidates);

}  // namespace arraysim::arch
