#include "arch/timeloop/yaml_loader.hpp"

#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include "arch/input_file.hpp"
#include "arch/json_reader.hpp"
#include "arch/spec_error.hpp"
#include "arch/text_check.hpp"

namespace arraysim::arch::timeloop {

namespace {

// Well-formed YAML gives at most a few events per byte; this leaves a wide margin.
constexpr std::size_t kEventsPerByte = 16;
constexpr std::size_t kMinEventBudget = 1024;

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& path, std::size_t budget) : path_(path), budget_(budget) {}

  const YAML::Node& root() const { return root_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    count(mark);
    if (++documents_ > 1) {
      throw SpecError(path_, "",
                      "holds more than one YAML document (a second begins at line " +
                          std::to_string(mark.line + 1) +
                          ": a \"---\" line, or malformed YAML); give each Timeloop input in "
                          "one document of its own file");
    }
  }
  void OnDocumentEnd() override { count(last_); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(mark);
    add(YAML::Node(YAML::NodeType::Null), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(mark);
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(mark, "an alias to an unknown anchor");
    place(it->second);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(mark);
    if (auto bad = invalid_utf8_offset(value)) {
      const bool key = !stack_.empty() && stack_.back().node.IsMap() && !stack_.back().key;
      throw SpecError(path_, pointer(), (key ? "key " : "") + describe_invalid_utf8(value, *bad));
    }
    YAML::Node node(value);
    if (!tag.empty()) node.SetTag(tag);
    add(node, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    count(mark);
    open(YAML::Node(YAML::NodeType::Sequence), tag, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    count(mark);
    open(YAML::Node(YAML::NodeType::Map), tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YAML::Node node;
    std::optional<YAML::Node> key;  // a key waiting for its value
    std::string key_text;
  };

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw SpecError(path_, "",
                    "invalid YAML at line " + std::to_string(mark.line + 1) + ": " + message);
  }

  void count(const YAML::Mark& mark) {
    last_ = mark;
    if (++events_ > budget_) {
      fail(mark,
           "the parser makes no progress here (yaml-cpp); check the indentation and the "
           "flow punctuation ([ ] { } ,)");
    }
  }

  // The YAML path of the value being read.
  std::string pointer() const {
    std::string out;
    for (const Frame& frame : stack_) {
      if (frame.node.IsSequence()) {
        out += "/" + std::to_string(frame.node.size());
      } else if (frame.key) {
        out += "/" + escape_pointer_token(frame.key_text);
      }
    }
    return out;
  }

  void open(YAML::Node node, const std::string& tag, YAML::anchor_t anchor) {
    if (!tag.empty()) node.SetTag(tag);
    if (anchor != YAML::NullAnchor) anchors_.emplace(anchor, node);
    stack_.push_back({node, std::nullopt, ""});
  }

  void close() {
    count(last_);
    const YAML::Node node = stack_.back().node;
    stack_.pop_back();
    place(node);
  }

  void add(const YAML::Node& node, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchors_.emplace(anchor, node);
    place(node);
  }

  // Puts a finished node into its parent (a sequence element, a key, or a key's value).
  void place(const YAML::Node& node) {
    if (stack_.empty()) {
      root_.reset(node);
      return;
    }
    Frame& frame = stack_.back();
    if (frame.node.IsSequence()) {
      frame.node.push_back(node);
    } else if (!frame.key) {
      frame.key.emplace(node);
      frame.key_text = node.IsScalar() ? node.Scalar() : "";
    } else {
      frame.node.force_insert(*frame.key, node);
      frame.key.reset();
    }
  }

  const std::string& path_;
  std::size_t budget_;
  std::size_t events_ = 0;
  int documents_ = 0;
  YAML::Mark last_ = YAML::Mark::null_mark();
  YAML::Node root_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, YAML::Node> anchors_;
};

}  // namespace

YAML::Node load_yaml_document(const std::string& path) {
  const std::string text = read_input_file(path);
  std::istringstream in(text);
  YAML::Parser parser(in);
  TreeBuilder builder(path, kEventsPerByte * text.size() + kMinEventBudget);
  try {
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::DeepRecursion& error) {
    throw SpecError(path, "",
                    "invalid YAML at line " + std::to_string(error.mark.line + 1) +
                        ": nesting deeper than " + std::to_string(error.depth() - 1) + " levels");
  } catch (const YAML::Exception& error) {
    throw SpecError(
        path, "", "invalid YAML at line " + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
  return builder.root();
}

}  // namespace arraysim::arch::timeloop
