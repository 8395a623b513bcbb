// Strict JSON reading for specs: typed field access with JSON-pointer error locations and
// rejection of unknown keys ("did you mean ...?"). Specs translated from another format (Timeloop
// YAML) carry a SourceMap so errors name the place in the file the user wrote.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "arch/spec_error.hpp"

namespace arraysim::arch {

using Json = nlohmann::json;

// Nesting deeper than this is rejected when a file is read (no spec comes close; deep nesting
// would only exhaust the stack of code that walks the value).
inline constexpr std::size_t kMaxJsonDepth = 128;

// Reads a JSON file (comments allowed) through read_input_file (size and file-type limits).
// Throws SpecError on I/O errors, syntax errors (with line and column), numbers out of range
// (with their pointer), duplicate keys and nesting deeper than kMaxJsonDepth.
Json load_json_file(const std::string& path);
// The same for text already in memory; `path` names it in errors.
Json parse_json_text(const std::string& text, const std::string& path);

class SourceMap;

// Where a JSON value sits: the file and the JSON pointer inside it.
struct JsonLocation {
  std::string file;
  std::string pointer;
  std::shared_ptr<const SourceMap> origin;  // set when the spec was translated from YAML

  JsonLocation() = default;
  JsonLocation(std::string file_name, std::string json_pointer,
               std::shared_ptr<const SourceMap> source_map = nullptr)
      : file(std::move(file_name)),
        pointer(std::move(json_pointer)),
        origin(std::move(source_map)) {}

  JsonLocation child(const std::string& key) const;
  JsonLocation child(std::size_t index) const;
  // What an error message names: this location, or where the value came from in the original.
  std::pair<std::string, std::string> source() const;
  [[noreturn]] void fail(const std::string& message) const;
};

// Where the parts of a translated spec came from: a JSON pointer of the translation (and what lies
// below it, unless a longer entry says otherwise) -> a file and a path in it (a YAML path). The
// entry for "" covers the whole spec.
class SourceMap {
 public:
  void add(const std::string& pointer, const JsonLocation& original);
  // The file and path of the longest entry that is `pointer` or a prefix of it ending at a token.
  std::pair<std::string, std::string> find(const std::string& pointer) const;

 private:
  std::map<std::string, std::pair<std::string, std::string>> entries_;
};

// Collects the errors of a spec instead of stopping at the first (`validate`). While one is
// alive on a thread, ObjectReader's field errors there (unknown keys, wrong types, missing keys,
// values out of range) are recorded and reading goes on with a harmless placeholder value; any
// other error still throws and ends the file, since what follows may only repeat it: a bad
// enumeration value (it decides what the other keys mean), cross-field checks.
class ErrorCollector {
 public:
  ErrorCollector();
  ~ErrorCollector();
  ErrorCollector(const ErrorCollector&) = delete;
  ErrorCollector& operator=(const ErrorCollector&) = delete;

  static ErrorCollector* active();  // on this thread, or nullptr
  void add(const SpecError& error) { errors_.push_back(error); }
  const std::vector<SpecError>& errors() const { return errors_; }

 private:
  std::vector<SpecError> errors_;
  ErrorCollector* previous_;
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
  // A field error: thrown, or recorded when an ErrorCollector is active.
  void field_error(const JsonLocation& where, const std::string& message) const;
  const Json* required(const std::string& key);  // nullptr (after a field error) when absent

  const Json& json_;
  JsonLocation where_;
  std::set<std::string> known_;
};

// A key as a JSON pointer token (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string escape_pointer_token(const std::string& key);

// Checks a value's type (and an integer's range); fails with "expected <what>" otherwise.
std::int64_t as_integer(const Json& value, const JsonLocation& where);
double as_number(const Json& value, const JsonLocation& where);
const std::string& as_string(const Json& value, const JsonLocation& where);

// The closest candidate by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> closest_match(const std::string& word,
                                         const std::vector<std::string>& candidates);

}  // namespace arraysim::arch
