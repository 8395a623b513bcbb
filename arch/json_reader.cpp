#include "arch/json_reader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <sstream>

namespace arraysim::arch {

std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char ch : key) {
    if (ch == '~') {
      out += "~0";
    } else if (ch == '/') {
      out += "~1";
    } else {
      out += ch;
    }
  }
  return out;
}

namespace {

std::string type_name(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_array()) return "an array";
  return "an object";
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(a[i - 1]) == std::tolower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "\"" : ", \"") + items[i] + "\"";
  }
  return out;
}

}  // namespace

JsonLocation JsonLocation::child(const std::string& key) const {
  return {file, pointer + "/" + escape_pointer_token(key), origin};
}

JsonLocation JsonLocation::child(std::size_t index) const {
  return {file, pointer + "/" + std::to_string(index), origin};
}

std::pair<std::string, std::string> JsonLocation::source() const {
  if (origin) return origin->find(pointer);
  return {file, pointer};
}

void JsonLocation::fail(const std::string& message) const {
  const auto [where_file, where_pointer] = source();
  throw SpecError(where_file, where_pointer, message);
}

void SourceMap::add(const std::string& pointer, const JsonLocation& original) {
  entries_[pointer] = original.source();
}

std::pair<std::string, std::string> SourceMap::find(const std::string& pointer) const {
  std::string prefix = pointer;
  while (true) {
    const auto it = entries_.find(prefix);
    if (it != entries_.end()) return it->second;
    if (prefix.empty()) return {"", pointer};
    prefix.erase(prefix.rfind('/'));
  }
}

namespace {
thread_local ErrorCollector* active_collector = nullptr;
}  // namespace

ErrorCollector::ErrorCollector() : previous_(active_collector) { active_collector = this; }

ErrorCollector::~ErrorCollector() { active_collector = previous_; }

ErrorCollector* ErrorCollector::active() { return active_collector; }

std::int64_t as_integer(const Json& value, const JsonLocation& where) {
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    where.fail("expected an integer of at most 9223372036854775807, got " + value.dump());
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // Only a whole number inside the int64 range converts (out of range is undefined behaviour).
    const double number = value.get<double>();
    // 2^63 is the first double past the range; anything below converts exactly when integral.
    if (std::fabs(number) < 9223372036854775808.0 && number == std::trunc(number)) {
      return static_cast<std::int64_t>(number);
    }
    if (number == std::trunc(number)) {
      where.fail(std::string("expected an integer of ") +
                 (number < 0 ? "at least -9223372036854775808" : "at most 9223372036854775807") +
                 ", got " + value.dump());
    }
  }
  where.fail("expected an integer, got " + type_name(value));
}

double as_number(const Json& value, const JsonLocation& where) {
  if (!value.is_number()) where.fail("expected a number, got " + type_name(value));
  return value.get<double>();
}

const std::string& as_string(const Json& value, const JsonLocation& where) {
  if (!value.is_string()) where.fail("expected a string, got " + type_name(value));
  return value.get_ref<const std::string&>();
}

std::optional<std::string> closest_match(const std::string& word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

ObjectReader::ObjectReader(const Json& json, JsonLocation where)
    : json_(json), where_(std::move(where)) {
  if (!json_.is_object()) where_.fail("expected an object, got " + type_name(json_));
}

void ObjectReader::field_error(const JsonLocation& where, const std::string& message) const {
  if (ErrorCollector* collector = ErrorCollector::active()) {
    const auto [file, pointer] = where.source();
    collector->add(SpecError(file, pointer, message));
    return;
  }
  where.fail(message);
}

bool ObjectReader::has(const std::string& key) const { return json_.contains(key); }

const Json* ObjectReader::get(const std::string& key) {
  known_.insert(key);
  const auto it = json_.find(key);
  return it == json_.end() ? nullptr : &*it;
}

const Json* ObjectReader::required(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) field_error(where_, "missing required key \"" + key + "\"");
  return value;
}

std::string ObjectReader::string(const std::string& key) {
  const Json* value = required(key);
  if (value == nullptr) return "";
  if (!value->is_string()) {
    field_error(at(key), "expected a string, got " + type_name(*value));
    return "";
  }
  return value->get<std::string>();
}

std::optional<std::string> ObjectReader::optional_string(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    field_error(at(key), "expected a string, got " + type_name(*value));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::string ObjectReader::enum_string(const std::string& key,
                                      const std::vector<std::string>& allowed,
                                      std::optional<std::string> fallback) {
  // Not a field error: an enumeration (a level's kind, an entry's class) decides what the rest of
  // the object means, so after a bad one the other keys would only give misleading errors.
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    where_.fail("missing required key \"" + key + "\" (one of " + quoted_list(allowed) + ")");
  }
  const std::string& text = as_string(*value, at(key));
  if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
  std::string message = "unknown value \"" + text + "\", expected one of " + quoted_list(allowed);
  if (auto guess = closest_match(text, allowed)) message += " (did you mean \"" + *guess + "\"?)";
  at(key).fail(message);
}

namespace {

// An integer field, or nullopt after a field error (recorded by `error`).
template <typename ErrorFn>
std::optional<std::int64_t> integer_field(const Json& value, const JsonLocation& where,
                                          ErrorFn error) {
  try {
    return as_integer(value, where);
  } catch (const SpecError& e) {
    error(where, e.message());
    return std::nullopt;
  }
}

}  // namespace

std::int64_t ObjectReader::integer(const std::string& key) {
  const Json* value = required(key);
  if (value == nullptr) return 1;
  auto error = [this](const JsonLocation& w, const std::string& m) { field_error(w, m); };
  return integer_field(*value, at(key), error).value_or(1);
}

std::int64_t ObjectReader::positive(const std::string& key, std::optional<std::int64_t> fallback) {
  const std::int64_t placeholder = fallback.value_or(1);
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    field_error(where_, "missing required key \"" + key + "\"");
    return placeholder;
  }
  auto error = [this](const JsonLocation& w, const std::string& m) { field_error(w, m); };
  const auto number = integer_field(*value, at(key), error);
  if (!number) return placeholder;
  if (*number <= 0) {
    field_error(at(key), "expected a positive integer, got " + std::to_string(*number));
    return placeholder;
  }
  return *number;
}

std::int64_t ObjectReader::non_negative(const std::string& key,
                                        std::optional<std::int64_t> fallback) {
  const std::int64_t placeholder = fallback.value_or(0);
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    field_error(where_, "missing required key \"" + key + "\"");
    return placeholder;
  }
  auto error = [this](const JsonLocation& w, const std::string& m) { field_error(w, m); };
  const auto number = integer_field(*value, at(key), error);
  if (!number) return placeholder;
  if (*number < 0) {
    field_error(at(key), "expected a non-negative integer, got " + std::to_string(*number));
    return placeholder;
  }
  return *number;
}

double ObjectReader::number(const std::string& key, std::optional<double> fallback) {
  const double placeholder = fallback.value_or(1.0);
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    field_error(where_, "missing required key \"" + key + "\"");
    return placeholder;
  }
  if (!value->is_number()) {
    field_error(at(key), "expected a number, got " + type_name(*value));
    return placeholder;
  }
  return value->get<double>();
}

bool ObjectReader::boolean(const std::string& key, std::optional<bool> fallback) {
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    field_error(where_, "missing required key \"" + key + "\"");
    return false;
  }
  if (!value->is_boolean()) {
    field_error(at(key), "expected a boolean, got " + type_name(*value));
    return fallback.value_or(false);
  }
  return value->get<bool>();
}

std::vector<std::int64_t> ObjectReader::positive_pair(const std::string& key,
                                                      std::vector<std::int64_t> fallback) {
  const Json* value = get(key);
  if (value == nullptr) return fallback;
  if (!value->is_array() || value->size() != 2) {
    field_error(at(key), "expected an array of two integers, got " + type_name(*value));
    return fallback;
  }
  std::vector<std::int64_t> out;
  auto error = [this](const JsonLocation& w, const std::string& m) { field_error(w, m); };
  for (std::size_t i = 0; i < 2; ++i) {
    const auto number = integer_field((*value)[i], at(key).child(i), error);
    if (!number) return fallback;
    out.push_back(*number);
  }
  return out;
}

std::vector<std::string> ObjectReader::string_list(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) return {};
  if (!value->is_array()) {
    field_error(at(key), "expected an array of strings, got " + type_name(*value));
    return {};
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const Json& item = (*value)[i];
    if (!item.is_string()) {
      field_error(at(key).child(i), "expected a string, got " + type_name(item));
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

void ObjectReader::finish() const {
  std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& item : json_.items()) {
    if (known_.count(item.key()) != 0) continue;
    std::string message = "unknown key \"" + item.key() + "\"";
    if (auto guess = closest_match(item.key(), known))
      message += " (did you mean \"" + *guess + "\"?)";
    field_error(at(item.key()), message);
  }
}

}  // namespace arraysim::arch
