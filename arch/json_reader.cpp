#include "arch/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace arraysim::arch {

namespace {

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

Json load_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SpecError(path, "", "cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return Json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& error) {
    std::string what = error.what();
    const auto colon = what.find("parse error");
    throw SpecError(path, "",
                    "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon)));
  }
}

JsonLocation JsonLocation::child(const std::string& key) const {
  return {file, pointer + "/" + escape_pointer_token(key)};
}

JsonLocation JsonLocation::child(std::size_t index) const {
  return {file, pointer + "/" + std::to_string(index)};
}

void JsonLocation::fail(const std::string& message) const {
  throw SpecError(file, pointer, message);
}

std::int64_t as_integer(const Json& value, const JsonLocation& where) {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > 9223372036854775807ULL) {
    where.fail("expected an integer of at most 9223372036854775807, got " + value.dump());
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // Only a whole number inside the int64 range converts (out of range is undefined behaviour).
    const double number = value.get<double>();
    if (number >= -9.2e18 && number <= 9.2e18 && number == std::trunc(number)) {
      return static_cast<std::int64_t>(number);
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

bool ObjectReader::has(const std::string& key) const { return json_.contains(key); }

const Json* ObjectReader::get(const std::string& key) {
  known_.insert(key);
  const auto it = json_.find(key);
  return it == json_.end() ? nullptr : &*it;
}

std::string ObjectReader::string(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) where_.fail("missing required key \"" + key + "\"");
  return as_string(*value, at(key));
}

std::optional<std::string> ObjectReader::optional_string(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) return std::nullopt;
  return as_string(*value, at(key));
}

std::string ObjectReader::enum_string(const std::string& key,
                                      const std::vector<std::string>& allowed,
                                      std::optional<std::string> fallback) {
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

std::int64_t ObjectReader::integer(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) where_.fail("missing required key \"" + key + "\"");
  return as_integer(*value, at(key));
}

std::int64_t ObjectReader::positive(const std::string& key, std::optional<std::int64_t> fallback) {
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    where_.fail("missing required key \"" + key + "\"");
  }
  const std::int64_t number = as_integer(*value, at(key));
  if (number <= 0) at(key).fail("expected a positive integer, got " + std::to_string(number));
  return number;
}

std::int64_t ObjectReader::non_negative(const std::string& key,
                                        std::optional<std::int64_t> fallback) {
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    where_.fail("missing required key \"" + key + "\"");
  }
  const std::int64_t number = as_integer(*value, at(key));
  if (number < 0) at(key).fail("expected a non-negative integer, got " + std::to_string(number));
  return number;
}

double ObjectReader::number(const std::string& key, std::optional<double> fallback) {
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    where_.fail("missing required key \"" + key + "\"");
  }
  return as_number(*value, at(key));
}

bool ObjectReader::boolean(const std::string& key, std::optional<bool> fallback) {
  const Json* value = get(key);
  if (value == nullptr) {
    if (fallback) return *fallback;
    where_.fail("missing required key \"" + key + "\"");
  }
  if (!value->is_boolean()) at(key).fail("expected a boolean, got " + type_name(*value));
  return value->get<bool>();
}

std::vector<std::int64_t> ObjectReader::positive_pair(const std::string& key,
                                                      std::vector<std::int64_t> fallback) {
  const Json* value = get(key);
  if (value == nullptr) return fallback;
  if (!value->is_array() || value->size() != 2) {
    at(key).fail("expected an array of two integers, got " + type_name(*value));
  }
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < 2; ++i) out.push_back(as_integer((*value)[i], at(key).child(i)));
  return out;
}

std::vector<std::string> ObjectReader::string_list(const std::string& key) {
  const Json* value = get(key);
  if (value == nullptr) return {};
  if (!value->is_array()) at(key).fail("expected an array of strings, got " + type_name(*value));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    out.push_back(as_string((*value)[i], at(key).child(i)));
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
    at(item.key()).fail(message);
  }
}

}  // namespace arraysim::arch
