// Loading a sweep spec: axes, workloads, dataflow templates and precisions, checked before any
// point runs (deep nesting, bad pointers, point-count overflow, invalid architectures); and the
// hash of everything a point's result depends on, so streams of another spec are recognised.
#include "sim/cli/sweep_spec.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "arch/architecture.hpp"
#include "sim/cli/data_paths.hpp"

#ifndef ARRAYSIM_VERSION
#define ARRAYSIM_VERSION "unknown"
#endif

namespace arraysim::cli {

namespace {

std::string relative_to(const std::string& file, const std::string& path) {
  return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

void check_depth(const arch::Json& value, const arch::JsonLocation& where) {
  if (json_deeper_than(value, kMaxSweepValueDepth)) {
    where.fail("nested more than " + std::to_string(kMaxSweepValueDepth) + " levels deep");
  }
}

// Rejects a document with a too-deep value before anything copies or prints it.
void check_document_depth(const arch::Json& json, const std::string& file) {
  const arch::JsonLocation root{file, ""};
  if (!json.is_structured()) return;
  for (auto it = json.begin(); it != json.end(); ++it) {
    const arch::JsonLocation at = json.is_object()
                                      ? root.child(it.key())
                                      : root.child(static_cast<std::size_t>(it - json.begin()));
    check_depth(*it, at);
  }
}

SweepAxis parse_axis(const arch::Json& json, const arch::JsonLocation& where,
                     const arch::Json& architecture) {
  arch::ObjectReader reader(json, where);
  SweepAxis axis;
  auto read_one = [&](const arch::Json& field, const arch::JsonLocation& at) {
    arch::ObjectReader one(field, at);
    const std::string pointer = one.string("pointer");
    if (pointer.empty() || pointer[0] != '/')
      at.child("pointer").fail("expected a JSON pointer such as \"/levels/1/capacity_words\"");
    bool placed = false;
    try {
      placed = architecture.contains(arch::Json::json_pointer(pointer).parent_pointer());
    } catch (const arch::Json::exception&) {
      at.child("pointer").fail("\"" + pointer + "\" is not a valid JSON pointer");
    }
    if (!placed) at.child("pointer").fail("the architecture has no place \"" + pointer + "\"");
    const arch::Json* values = one.get("values");
    if (values == nullptr || !values->is_array() || values->empty())
      at.fail("expected a non-empty \"values\" array");
    for (std::size_t i = 0; i < values->size(); ++i)
      check_depth((*values)[i], at.child("values").child(i));
    one.finish();
    axis.pointers.push_back(pointer);
    axis.values.push_back(values->get<std::vector<arch::Json>>());
  };
  if (const arch::Json* linked = reader.get("linked")) {
    if (!linked->is_array() || linked->empty())
      reader.at("linked").fail("expected a non-empty array of {pointer, values}");
    for (std::size_t i = 0; i < linked->size(); ++i)
      read_one((*linked)[i], reader.at("linked").child(i));
    for (std::size_t i = 1; i < axis.values.size(); ++i) {
      if (axis.values[i].size() != axis.values[0].size()) {
        reader.at("linked").child(i).fail("linked axes must have the same number of values");
      }
    }
    reader.finish();
  } else {
    read_one(json, where);
  }
  return axis;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// FNV-1a over length-prefixed fields (64 bits, as 16 hex digits).
class SpecHasher {
 public:
  void add(const std::string& field) {
    const std::string length = std::to_string(field.size()) + ":";
    feed(length);
    feed(field);
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
    return text;
  }

 private:
  void feed(const std::string& bytes) {
    for (unsigned char byte : bytes) hash_ = (hash_ ^ byte) * 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Everything a point's result depends on: the resolved spec, the files it names and the version.
std::string spec_hash(const Sweep& sweep) {
  SpecHasher hasher;
  hasher.add(arraysim_version());
  hasher.add(sweep.architecture.dump());
  const arch::Json* table =
      sweep.architecture.is_object() && sweep.architecture.contains("energy_table")
          ? &sweep.architecture["energy_table"]
          : nullptr;
  if (table != nullptr && table->is_string()) {
    hasher.add(file_bytes(relative_to(sweep.architecture_file, table->get<std::string>())));
  }
  for (const auto& workload : sweep.workloads) {
    hasher.add(workload);
    hasher.add(file_bytes(workload));
  }
  for (const auto& dataflow : sweep.dataflows) {
    hasher.add(dataflow);
    hasher.add(file_bytes(dataflow_path(dataflow)));
  }
  for (const auto& objective : sweep.objectives) hasher.add(objective);
  for (const SweepAxis& axis : sweep.axes) {
    hasher.add("axis");
    for (std::size_t k = 0; k < axis.pointers.size(); ++k) {
      hasher.add(axis.pointers[k]);
      for (const auto& value : axis.values[k]) hasher.add(value.dump());
    }
  }
  for (int bits : sweep.bits) hasher.add("bits " + std::to_string(bits));
  return hasher.hex();
}

std::uint64_t count_points(const Sweep& sweep, const arch::JsonLocation& root) {
  std::uint64_t n = 1;
  auto times = [&](std::uint64_t factor) {
    if (__builtin_mul_overflow(n, factor, &n)) {
      root.child("axes").fail("the sweep has more than 2^64 points");
    }
  };
  times(sweep.workloads.size());
  times(sweep.dataflows.size());
  times(sweep.objectives.size());
  for (const SweepAxis& axis : sweep.axes) times(axis.steps());
  times(std::max<std::size_t>(1, sweep.bits.size()));
  return n;
}

// Every distinct architecture (up to kMaxCheckedArchitectures of them) must be valid: a bad
// combination is an error of the spec, found before any point runs.
void check_architectures(const Sweep& sweep, const arch::JsonLocation& root) {
  std::uint64_t combinations = 1;
  for (const SweepAxis& axis : sweep.axes) {
    if (__builtin_mul_overflow(combinations, axis.steps(), &combinations)) break;
  }
  const std::uint64_t checked = std::min(combinations, kMaxCheckedArchitectures);
  for (std::uint64_t id = 0; id < checked; ++id) {
    arch::Json axes;
    const arch::Json patched = architecture_of(sweep, point_of(sweep, id), axes);
    try {
      arch::parse_architecture(patched, sweep.architecture_file);
    } catch (const arch::SpecError& error) {
      std::string where;
      for (auto it = axes.begin(); it != axes.end(); ++it)
        where += (where.empty() ? "" : ", ") + it.key() + " = " + it.value().dump();
      root.child("axes").fail("the architecture with " + where + " is invalid: " + error.what());
    }
  }
}

}  // namespace

bool json_deeper_than(const arch::Json& value, int limit) {
  std::vector<std::pair<const arch::Json*, int>> stack{{&value, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (!node->is_structured()) continue;
    if (depth + 1 > limit) return true;
    for (const arch::Json& child : *node) stack.emplace_back(&child, depth + 1);
  }
  return false;
}

const char* arraysim_version() { return "arraysim " ARRAYSIM_VERSION; }

Sweep load_sweep(const std::string& path, int bits_override) {
  const arch::Json json = arch::load_json_file(path);
  const arch::JsonLocation root{path, ""};
  arch::ObjectReader reader(json, root);
  if (reader.string("spec") != "sweep") reader.at("spec").fail("expected \"sweep\"");
  Sweep sweep;
  sweep.file = path;
  sweep.name = reader.string("name");
  reader.optional_string("description");
  sweep.architecture_file = relative_to(path, reader.string("architecture"));
  sweep.architecture = arch::load_json_file(sweep.architecture_file);
  check_document_depth(sweep.architecture, sweep.architecture_file);
  for (const auto& w : reader.string_list("workloads"))
    sweep.workloads.push_back(relative_to(path, w));
  sweep.dataflows = reader.string_list("dataflows");
  sweep.objectives = reader.string_list("objectives");
  if (sweep.objectives.empty()) sweep.objectives = {"energy"};
  if (sweep.workloads.empty()) root.fail("missing \"workloads\"");
  if (sweep.dataflows.empty()) root.fail("missing \"dataflows\"");
  if (const arch::Json* bits = reader.get("bits")) {
    if (!bits->is_array() || bits->empty())
      reader.at("bits").fail("expected a non-empty array of precisions in bits (1-32)");
    for (std::size_t i = 0; i < bits->size(); ++i) {
      const std::int64_t value = arch::as_integer((*bits)[i], reader.at("bits").child(i));
      if (value < 1 || value > 32)
        reader.at("bits").child(i).fail("expected an integer from 1 to 32");
      sweep.bits.push_back(static_cast<int>(value));
    }
  }
  if (bits_override > 0) sweep.bits = {bits_override};
  if (const arch::Json* axes = reader.get("axes")) {
    if (!axes->is_array()) reader.at("axes").fail("expected an array of axes");
    for (std::size_t i = 0; i < axes->size(); ++i)
      sweep.axes.push_back(parse_axis((*axes)[i], root.child("axes").child(i), sweep.architecture));
  }
  reader.finish();
  for (const auto& workload : sweep.workloads)
    sweep.networks.push_back(arch::load_workload(workload));
  for (std::size_t i = 0; i < sweep.dataflows.size(); ++i) {
    std::string template_file;
    try {
      template_file = dataflow_path(sweep.dataflows[i]);
    } catch (const arch::SpecError& error) {
      root.child("dataflows").child(i).fail(error.message());
    }
    sweep.templates.push_back(arch::load_dataflow(template_file));
  }
  sweep.points = count_points(sweep, root);
  check_architectures(sweep, root);
  sweep.spec_hash = spec_hash(sweep);
  return sweep;
}

SweepPoint point_of(const Sweep& sweep, std::uint64_t id) {
  SweepPoint p;
  p.id = id;
  std::uint64_t rest = id;
  for (const SweepAxis& axis : sweep.axes) {
    p.steps.push_back(rest % axis.steps());
    rest /= axis.steps();
  }
  if (!sweep.bits.empty()) {
    p.bits = rest % sweep.bits.size();
    rest /= sweep.bits.size();
  }
  p.objective = rest % sweep.objectives.size();
  rest /= sweep.objectives.size();
  p.dataflow = rest % sweep.dataflows.size();
  p.workload = rest / sweep.dataflows.size();
  return p;
}

arch::Json architecture_of(const Sweep& sweep, const SweepPoint& point, arch::Json& axes) {
  arch::Json patched = sweep.architecture;
  axes = arch::Json::object();
  for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
    const SweepAxis& axis = sweep.axes[a];
    for (std::size_t k = 0; k < axis.pointers.size(); ++k) {
      const arch::Json& value = axis.values[k][point.steps[a]];
      patched[arch::Json::json_pointer(axis.pointers[k])] = value;
      axes[axis.pointers[k]] = value;
    }
  }
  if (!sweep.bits.empty()) axes["bits"] = sweep.bits[point.bits];
  return patched;
}

std::uint64_t shard_points(std::uint64_t points, std::uint64_t shard, std::uint64_t shards) {
  return points > shard ? (points - shard - 1) / shards + 1 : 0;
}

}  // namespace arraysim::cli
