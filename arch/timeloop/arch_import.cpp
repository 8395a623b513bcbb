#include "arch/timeloop/arch_import.hpp"

#include <algorithm>

namespace arraysim::arch::timeloop {

namespace {

// One Timeloop component before translation.
struct Component {
  std::string name;
  std::int64_t range_instances = 1;  // product of the name[a..b] ranges on its path
  YamlValue attributes;              // where the attributes live (v0.2: the entry itself)
  std::optional<std::string> cls;
  JsonLocation where;
};

// "PE[0..15]" -> ("PE", 16).
std::pair<std::string, std::int64_t> split_range(const std::string& text,
                                                 const JsonLocation& where) {
  const auto open = text.find('[');
  if (open == std::string::npos) return {text, 1};
  const auto dots = text.find("..", open);
  const auto close = text.find(']', open);
  if (dots == std::string::npos || close == std::string::npos || close != text.size() - 1) {
    where.fail("expected a name or name[first..last], got \"" + text + "\"");
  }
  try {
    const std::int64_t first = std::stoll(text.substr(open + 1, dots - open - 1));
    const std::int64_t last = std::stoll(text.substr(dots + 2, close - dots - 2));
    if (last >= first) return {text.substr(0, open), last - first + 1};
  } catch (const std::exception&) {
  }
  where.fail("bad instance range in \"" + text + "\"");
}

bool is_compute_class(const std::string& cls) {
  std::string lower = cls;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  return lower.find("mac") != std::string::npos || lower == "compute";
}

// Keys that change no count, cycle or energy arraysim reports.
const std::vector<std::pair<std::string, std::string>>& harmless_keys() {
  static const std::vector<std::pair<std::string, std::string>> keys = {
      {"cluster-size", "arraysim has no clusters"},
      {"num-ports", "ports do not change counts; bandwidths do"},
      {"n_rdwr_ports", "ports do not change counts; bandwidths do"},
      {"n_rd_ports", "ports do not change counts; bandwidths do"},
      {"n_wr_ports", "ports do not change counts; bandwidths do"},
      {"latency", "the analytical model has no latency"},
      {"min-utilization", "a mapper constraint; use a dataflow's min_utilization"},
      {"network", "networks are not imported; multicast and reduction stay on"},
      {"network_read", "networks are not imported; multicast and reduction stay on"},
      {"network_fill", "networks are not imported; multicast and reduction stay on"},
      {"network_update", "networks are not imported; multicast and reduction stay on"},
      {"network_drain", "networks are not imported; multicast and reduction stay on"},
      {"global_cycle_seconds", "arraysim counts cycles"},
      {"meshY", "derived from instances and meshX"},
  };
  return keys;
}

std::int64_t positive(const YamlValue& value) {
  const std::int64_t n = yaml_integer(value);
  if (n <= 0) value.where.fail("expected a positive integer");
  return n;
}

Json translate_storage(const Component& c, bool outermost, ImportLog& log, bool& empty) {
  YamlMap a(c.attributes);
  Json level = {{"name", c.name}};
  std::string kind = "sram";
  std::string cls_lower = c.cls.value_or("");
  std::transform(cls_lower.begin(), cls_lower.end(), cls_lower.begin(), ::tolower);
  if (cls_lower == "dram") kind = "dram";
  if (cls_lower == "regfile" || cls_lower == "smartbuffer_rf") kind = "regfile";
  if (!cls_lower.empty() && cls_lower != "dram" && cls_lower != "regfile" &&
      cls_lower != "smartbuffer_rf" && cls_lower != "sram" && cls_lower != "smartbuffer_sram" &&
      cls_lower != "smartbuffer" && cls_lower != "storage") {
    c.where.fail("unsupported storage class \"" + *c.cls +
                 "\" (DRAM, SRAM, regfile, smartbuffer, storage)");
  }
  if (auto tech = a.get("technology")) {
    if (yaml_string(*tech) == "DRAM") {
      kind = "dram";
    } else {
      log.warn(tech->where, "\"technology\" not translated: energies come from an ERT or table");
    }
  }
  for (const auto& [key, why] : harmless_keys()) a.warn_if_present(key, log, why);
  a.get("name");
  a.get("class");
  std::int64_t word_bits = 16;
  for (const char* key : {"word-bits", "datawidth", "word_bits"}) {
    if (auto v = a.get(key)) word_bits = positive(*v);
  }
  level["word_bits"] = word_bits;
  std::int64_t block = 1;
  if (auto v = a.get("width")) {
    const std::int64_t width = positive(*v);
    if (width % word_bits != 0) {
      v->where.fail("width " + std::to_string(width) + " is not a multiple of the word size " +
                    std::to_string(word_bits));
    }
    block = width / word_bits;
  }
  if (auto v = a.get("block-size")) block = positive(*v);
  level["block_words"] = block;
  std::optional<std::int64_t> capacity;
  if (auto v = a.get("entries")) capacity = yaml_integer(*v);
  if (auto v = a.get("depth")) capacity = yaml_integer(*v) * block;
  if (auto v = a.get("sizeKB")) capacity = yaml_integer(*v) * 1024 * 8 / word_bits;
  std::int64_t instances = c.range_instances;
  if (auto v = a.get("instances")) instances = positive(*v) * c.range_instances;
  level["instances"] = instances;
  if (auto v = a.get("meshX")) level["mesh_x"] = positive(*v);
  for (const char* key : {"read_bandwidth", "write_bandwidth", "shared_bandwidth"}) {
    if (auto v = a.get(key)) level[key] = yaml_number(*v);
  }
  if (auto v = a.get("multiple-buffering")) level["multiple_buffering"] = positive(*v);
  for (const char* key : {"num-banks", "n_banks"}) {
    if (auto v = a.get(key)) level["banks"] = positive(*v);
  }
  if (auto v = a.get("vector-access-energy")) {
    const double pj = yaml_number(*v);
    level["energy"] = {{"read_pj", pj}, {"write_pj", pj}};
  }
  if (auto v = a.get("area")) level["energy"]["area_um2"] = yaml_number(*v);
  a.finish();
  level["kind"] = kind;
  empty = capacity && *capacity == 0;
  if (empty) {
    if (outermost) c.where.fail("the outermost level has no storage");
    return level;
  }
  if (capacity) {
    if (*capacity < 0) c.where.fail("negative capacity");
    level["capacity_words"] = *capacity;
  } else if (kind != "dram") {
    c.where.fail("missing capacity (entries, depth or sizeKB); only DRAM may be unbounded");
  }
  return level;
}

Json translate_compute(const Component& c, ImportLog& log) {
  YamlMap a(c.attributes);
  Json compute = {{"name", c.name}};
  for (const auto& [key, why] : harmless_keys()) a.warn_if_present(key, log, why);
  a.warn_if_present("technology", log, "energies come from an ERT or table");
  a.get("name");
  a.get("class");
  std::int64_t instances = c.range_instances;
  if (auto v = a.get("instances")) instances = positive(*v) * c.range_instances;
  compute["instances"] = instances;
  if (auto v = a.get("meshX")) compute["mesh_x"] = positive(*v);
  for (const char* key : {"word-bits", "datawidth", "word_bits", "width"}) {
    if (auto v = a.get(key)) compute["word_bits"] = positive(*v);
  }
  if (auto v = a.get("energy")) compute["energy"]["mac_pj"] = yaml_number(*v);
  if (auto v = a.get("area")) compute["energy"]["area_um2"] = yaml_number(*v);
  a.finish();
  std::string cls = c.cls.value_or("");
  std::transform(cls.begin(), cls.end(), cls.begin(), ::tolower);
  if (cls.rfind("fp", 0) == 0) compute["arithmetic"] = "fp";
  return compute;
}

// v0.2: storage listed innermost first, entries carry their attributes directly. (Components
// are only ever copy-constructed: assigning a YAML::Node overwrites the node it refers to.)
std::vector<Component> read_v02(YamlMap& arch, std::optional<Component>& compute) {
  std::vector<Component> storage;
  const auto items = yaml_sequence(arch.required("storage"));
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const YamlValue& item = *it;
    YamlMap entry(item);
    const auto [name, count] = split_range(yaml_string(entry.required("name")), item.where);
    std::optional<std::string> cls;
    if (auto v = entry.get("class")) cls = yaml_string(*v);
    storage.push_back({name, count, item, cls, item.where});
  }
  const YamlValue arithmetic = arch.required("arithmetic");
  YamlMap entry(arithmetic);
  const auto [name, count] = split_range(yaml_string(entry.required("name")), arithmetic.where);
  compute.emplace(Component{name, count, arithmetic, std::nullopt, arithmetic.where});
  if (auto v = entry.get("class")) compute->cls = yaml_string(*v);
  return storage;
}

// v0.3: a tree of subtrees with local components, outermost first.
void walk_v03(const YamlValue& node, std::int64_t multiplier, std::vector<Component>& storage,
              std::optional<Component>& compute, ImportLog& log) {
  YamlMap tree(node);
  const auto [name, count] = split_range(yaml_string(tree.required("name")), node.where);
  (void)name;
  const std::int64_t instances = multiplier * count;
  tree.warn_if_present("attributes", log,
                       "container attributes (technology, clock) change no count");
  tree.warn_if_present("description", log, "documentation only");
  if (auto locals = tree.get("local")) {
    for (const auto& item : yaml_sequence(*locals)) {
      YamlMap local(item);
      const auto [local_name, local_count] =
          split_range(yaml_string(local.required("name")), item.where);
      const std::string cls = yaml_string(local.required("class"));
      local.warn_if_present("description", log, "documentation only");
      local.warn_if_present("required_actions", log, "arraysim charges its own action set");
      auto given = local.get("attributes");
      local.finish();
      Component c{local_name, instances * local_count,
                  given
                      ? *given
                      : YamlValue{YAML::Node(YAML::NodeType::Map), item.where.child("attributes")},
                  cls, item.where};
      if (is_compute_class(cls)) {
        if (compute) item.where.fail("a second compute component; arraysim has one MAC level");
        compute.emplace(c);
      } else {
        if (compute) item.where.fail("storage below the compute component");
        storage.push_back(c);
      }
    }
  }
  if (auto subtrees = tree.get("subtree")) {
    for (const auto& sub : yaml_sequence(*subtrees))
      walk_v03(sub, instances, storage, compute, log);
  }
  tree.finish();
}

}  // namespace

ImportedArch import_architecture(const YamlValue& value, const std::string& name, ImportLog& log) {
  YamlMap arch(value);
  std::vector<Component> storage;
  std::optional<Component> compute;
  if (arch.has("nodes")) {
    value.where.child("nodes").fail(
        "architecture version 0.4 (nodes) is not supported; write it as v0.2 or v0.3");
  }
  if (arch.has("subtree")) {
    arch.get("version");
    for (const auto& sub : yaml_sequence(arch.required("subtree"))) {
      walk_v03(sub, 1, storage, compute, log);
    }
    if (!compute) value.where.fail("no compute component (class intmac, fpmac or mac)");
  } else {
    arch.get("version");
    storage = read_v02(arch, compute);
  }
  arch.finish();
  if (storage.empty()) value.where.fail("no storage levels");

  ImportedArch out;
  out.origins.add("", value.where);
  out.origins.add("/compute", compute->where);
  Json levels = Json::array();
  for (std::size_t i = 0; i < storage.size(); ++i) {
    bool empty = false;
    Json level = translate_storage(storage[i], i == 0, log, empty);
    if (empty) {
      out.levels.links.push_back({storage[i].name, levels.size() - 1, true});
      continue;
    }
    out.levels.links.push_back({storage[i].name, levels.size(), false});
    out.levels.level_names.push_back(storage[i].name);
    out.origins.add("/levels/" + std::to_string(levels.size()), storage[i].where);
    levels.push_back(level);
  }
  out.json = {{"spec", "architecture"},
              {"name", name},
              {"levels", levels},
              {"compute", translate_compute(*compute, log)}};
  return out;
}

}  // namespace arraysim::arch::timeloop
