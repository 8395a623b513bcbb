// Loading JSON spec files: nlohmann's SAX parser feeding our own DOM builder, so every error is a
// SpecError naming the file and the place: the line and column of a syntax error, the JSON pointer
// of a number out of range, a duplicate key or nesting too deep.
#include <string>
#include <vector>

#include "arch/input_file.hpp"
#include "arch/json_reader.hpp"

namespace arraysim::arch {

namespace {

class DomBuilder : public nlohmann::json_sax<Json> {
 public:
  DomBuilder(Json& root, const std::string& path) : root_(root), path_(path) {}

  bool null() override { return put(Json(nullptr)); }
  bool boolean(bool value) override { return put(Json(value)); }
  bool number_integer(number_integer_t value) override { return put(Json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return put(Json(value)); }
  bool number_float(number_float_t value, const string_t& /*text*/) override {
    return put(Json(value));
  }
  bool string(string_t& value) override { return put(Json(std::move(value))); }
  bool binary(binary_t& value) override { return put(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*elements*/) override {
    Json* object = open(Json::object());
    stack_.push_back({object, ""});
    return true;
  }
  bool key(string_t& name) override {
    Frame& frame = stack_.back();
    frame.key = name;
    if (frame.value->contains(name)) fail(pointer(), "duplicate key \"" + name + "\"");
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    Json* array = open(Json::array());
    stack_.push_back({array, ""});
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& last_token,
                   const nlohmann::detail::exception& error) override {
    if (error.id == 406) {  // a number nlohmann cannot hold: 1e999
      fail(pointer(), "number " + last_token + " is out of range");
    }
    std::string what = error.what();
    const auto at = what.find("parse error");
    fail("", "invalid JSON: " + (at == std::string::npos ? what : what.substr(at)));
  }

 private:
  struct Frame {
    Json* value;
    std::string key;  // the key being read, for objects
  };

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw SpecError(path_, pointer, message);
  }

  // The pointer of the value being read: in an array, the element being filled (the last one)
  // when a container below is open, else the next one.
  std::string pointer() const {
    std::string out;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const Json& value = *stack_[i].value;
      if (value.is_object()) {
        out += "/" + escape_pointer_token(stack_[i].key);
      } else {
        const bool inside = i + 1 < stack_.size();
        out += "/" + std::to_string(value.size() - (inside ? 1 : 0));
      }
    }
    return out;
  }

  Json* open(Json&& container) {
    if (stack_.size() >= kMaxJsonDepth) {
      fail(pointer(), "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    return place(std::move(container));
  }

  bool put(Json&& value) {
    place(std::move(value));
    return true;
  }

  Json* place(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = stack_.back();
    if (frame.value->is_object()) {
      Json& slot = (*frame.value)[frame.key];
      slot = std::move(value);
      return &slot;
    }
    frame.value->push_back(std::move(value));
    return &frame.value->back();
  }

  Json& root_;
  const std::string& path_;
  std::vector<Frame> stack_;
};

}  // namespace

Json parse_json_text(const std::string& text, const std::string& path) {
  Json root;
  DomBuilder builder(root, path);
  Json::sax_parse(text, &builder, Json::input_format_t::json, /*strict=*/true,
                  /*ignore_comments=*/true);
  return root;
}

Json load_json_file(const std::string& path) {
  return parse_json_text(read_input_file(path), path);
}

}  // namespace arraysim::arch
