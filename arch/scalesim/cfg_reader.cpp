#include "arch/scalesim/cfg_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "arch/input_file.hpp"
#include "arch/json_reader.hpp"
#include "arch/scalesim/text.hpp"
#include "arch/spec_error.hpp"

namespace arraysim::scalesim {

namespace {

// The keys of each section, spelled as SCALE-Sim's shipped configs spell them.
const std::map<std::string, std::vector<std::string>>& known_keys() {
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"general", {"run_name"}},
      {"architecture_presets",
       {"ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB",
        "IfmapOffset", "FilterOffset", "OfmapOffset", "Bandwidth", "Dataflow", "MemoryBanks"}},
      {"run_presets", {"InterfaceBandwidth"}},
      {"network_presets", {"TopologyCsvLoc"}}};
  return keys;
}

struct Entry {
  std::string value;
  int line = 0;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(int line, const std::string& message) const {
    throw arch::SpecError(file_, line > 0 ? std::to_string(line) : "", message);
  }

  std::int64_t integer(const Entry& entry, const std::string& key, std::int64_t min) const {
    std::size_t used = 0;
    std::int64_t value = 0;
    try {
      value = std::stoll(entry.value, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != entry.value.size() || value < min) {
      fail(entry.line, key + ": expected " + (min > 0 ? "a positive" : "a non-negative") +
                           " integer, got \"" + entry.value + "\"");
    }
    return value;
  }

 private:
  std::string file_;
};

}  // namespace

Config parse_config(const std::string& text, const std::string& file) {
  const Reader reader(file);
  if (const auto bad = first_invalid_line(text)) reader.fail(bad->first, bad->second);
  // Canonical key (as spelled in known_keys) -> value and line.
  std::map<std::string, Entry> entries;
  std::string section;
  std::istringstream lines(text);
  std::string raw;
  int line_no = 0;
  while (std::getline(lines, raw)) {
    ++line_no;
    const std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') reader.fail(line_no, "unterminated section header \"" + line + "\"");
      section = lower(trim(line.substr(1, line.size() - 2)));
      if (known_keys().count(section) == 0) {
        std::vector<std::string> names;
        for (const auto& entry : known_keys()) names.push_back(entry.first);
        std::string message = "unknown section [" + section + "]";
        if (auto guess = arch::closest_match(section, names))
          message += " (did you mean [" + *guess + "]?)";
        reader.fail(line_no, message);
      }
      continue;
    }
    const auto split = line.find_first_of(":=");
    if (split == std::string::npos) {
      reader.fail(line_no, "expected \"key: value\" or \"key = value\", got \"" + line + "\"");
    }
    if (section.empty()) reader.fail(line_no, "key outside of a section");
    const std::string key = trim(line.substr(0, split));
    const std::vector<std::string>& allowed = known_keys().at(section);
    const auto known = std::find_if(allowed.begin(), allowed.end(), [&key](const std::string& k) {
      return lower(k) == lower(key);
    });
    if (known == allowed.end()) {
      std::string message = "unknown key \"" + key + "\" in [";
      message += section + "]";
      if (auto guess = arch::closest_match(key, allowed))
        message += " (did you mean \"" + *guess + "\"?)";
      reader.fail(line_no, message);
    }
    if (entries.count(*known) != 0) {
      reader.fail(line_no, "duplicate key \"" + key + "\" (first on line " +
                               std::to_string(entries.at(*known).line) + ")");
    }
    entries[*known] = Entry{trim(line.substr(split + 1)), line_no};
  }

  Config config;
  config.file = file;
  auto find = [&entries](const std::string& key) -> const Entry* {
    const auto it = entries.find(key);
    return it == entries.end() ? nullptr : &it->second;
  };
  auto required = [&](const std::string& key) -> const Entry& {
    const Entry* entry = find(key);
    if (entry == nullptr) reader.fail(0, "missing required key \"" + key + "\"");
    return *entry;
  };
  auto optional_integer = [&](const std::string& key, std::int64_t& out, std::int64_t min) {
    if (const Entry* entry = find(key)) out = reader.integer(*entry, key, min);
  };
  if (const Entry* name = find("run_name")) config.run_name = name->value;
  config.array_rows = reader.integer(required("ArrayHeight"), "ArrayHeight", 1);
  config.array_cols = reader.integer(required("ArrayWidth"), "ArrayWidth", 1);
  config.ifmap_sram_kb = reader.integer(required("IfmapSramSzkB"), "IfmapSramSzkB", 1);
  config.filter_sram_kb = reader.integer(required("FilterSramSzkB"), "FilterSramSzkB", 1);
  config.ofmap_sram_kb = reader.integer(required("OfmapSramSzkB"), "OfmapSramSzkB", 1);
  optional_integer("IfmapOffset", config.ifmap_offset, 0);
  optional_integer("FilterOffset", config.filter_offset, 0);
  optional_integer("OfmapOffset", config.ofmap_offset, 0);
  optional_integer("MemoryBanks", config.memory_banks, 1);
  const Entry& dataflow = required("Dataflow");
  config.dataflow = lower(dataflow.value);
  if (config.dataflow != "os" && config.dataflow != "ws" && config.dataflow != "is") {
    reader.fail(dataflow.line, "Dataflow: expected os, ws or is, got \"" + dataflow.value + "\"");
  }
  if (const Entry* mode = find("InterfaceBandwidth")) {
    if (mode->value != "CALC" && mode->value != "USER") {
      reader.fail(mode->line,
                  "InterfaceBandwidth: expected CALC or USER, got \"" + mode->value + "\"");
    }
    config.user_bandwidth = mode->value == "USER";
  }
  if (const Entry* bandwidth = find("Bandwidth")) {
    std::istringstream items(bandwidth->value);
    std::string item;
    while (std::getline(items, item, ',')) {
      config.bandwidths.push_back(
          reader.integer(Entry{trim(item), bandwidth->line}, "Bandwidth", 1));
    }
  }
  if (config.user_bandwidth && config.bandwidths.empty()) {
    reader.fail(find("InterfaceBandwidth")->line,
                "InterfaceBandwidth USER needs a Bandwidth in [architecture_presets]");
  }
  if (const Entry* topology = find("TopologyCsvLoc")) {
    std::string value = topology->value;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    config.topology_csv = value;
  }
  return config;
}

Config read_config(const std::string& path) {
  return parse_config(arch::read_input_file(path), path);
}

}  // namespace arraysim::scalesim
