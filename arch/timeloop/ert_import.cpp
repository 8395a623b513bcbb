#include "arch/timeloop/ert_import.hpp"

#include <map>

namespace arraysim::arch::timeloop {

namespace {

struct Action {
  std::string name;
  double energy = 0.0;
  JsonLocation where;
};

// "system.eyeriss.PE[0..255].MACs" -> "MACs", "System.RegisterFile[1..16]" -> "RegisterFile":
// the last dot-separated part outside brackets (a range "[a..b]" has dots of its own), without its
// range.
std::string component_name(const std::string& table) {
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i] == '[') ++depth;
    if (table[i] == ']' && depth > 0) --depth;
    if (table[i] == '.' && depth == 0) start = i + 1;
  }
  const std::string last = table.substr(start);
  return last.substr(0, last.find('['));
}

double entry_energy(const YamlValue& entry) {
  YamlMap fields(entry);
  fields.get("arguments");
  const double energy = yaml_number(fields.required("energy"));
  fields.finish();
  if (energy < 0) entry.where.fail("negative energy");
  return energy;
}

// One action's energy: a single entry, or a list of argument variants (the largest, which is the
// random-access case Timeloop charges).
double action_energy(const YamlValue& value, ImportLog& log, const std::string& action) {
  if (!value.node.IsSequence()) return entry_energy(value);
  double energy = -1.0;
  bool differ = false;
  for (const auto& item : yaml_sequence(value)) {
    const double e = entry_energy(item);
    if (energy >= 0 && e != energy) differ = true;
    energy = std::max(energy, e);
  }
  if (energy < 0) value.where.fail("no energy entries");
  if (differ)
    log.warn(value.where, "\"" + action + "\" argument variants differ; using the largest");
  return energy;
}

std::vector<Action> read_actions(const YamlValue& table, ImportLog& log) {
  std::vector<Action> actions;
  if (table.node.IsSequence()) {  // 0.3: [{name, arguments, energy}]
    for (const auto& item : yaml_sequence(table)) {
      YamlMap fields(item);
      const std::string name = yaml_string(fields.required("name"));
      fields.get("arguments");
      const double energy = yaml_number(fields.required("energy"));
      fields.finish();
      if (energy < 0) item.where.fail("negative energy");
      actions.push_back({name, energy, item.where});
    }
    return actions;
  }
  YamlMap fields(table);  // 0.2: {action: [{energy}] or {energy}}
  for (const auto& key : fields.keys()) {
    const YamlValue value = *fields.get(key);
    actions.push_back({key, action_energy(value, log, key), value.where});
  }
  return actions;
}

// Several entries of one action (0.3 argument variants): keep the largest.
void merge(std::map<std::string, Action>& by_name, const Action& action, ImportLog& log) {
  auto [it, fresh] = by_name.emplace(action.name, action);
  if (!fresh && it->second.energy != action.energy) {
    log.warn(action.where, "\"" + action.name + "\" argument variants differ; using the largest");
    if (action.energy > it->second.energy) it->second = action;
  }
}

void apply_storage(Json& level, const std::map<std::string, Action>& actions, ImportLog& log) {
  for (const auto& [name, action] : actions) {
    if (name == "read") {
      level["energy"]["read_pj"] = action.energy;
    } else if (name == "write") {
      level["energy"]["write_pj"] = action.energy;
    } else if (name == "leak") {
      level["energy"]["leak_pj_per_cycle"] = action.energy;
    } else if (name != "update") {
      log.warn(action.where, "action \"" + name + "\" not translated: arraysim does not charge it");
    }
  }
  const auto update = actions.find("update");
  if (update == actions.end()) return;
  const auto write = actions.find("write");
  if (write == actions.end() || write->second.energy != update->second.energy) {
    update->second.where.fail(
        "update energy must equal write energy: arraysim charges fills and updates at one write "
        "energy");
  }
}

void apply_compute(Json& compute, const std::map<std::string, Action>& actions, ImportLog& log) {
  bool priced = false;
  for (const char* key : {"mac_random", "compute"}) {
    auto it = actions.find(key);
    if (it != actions.end() && !priced) {
      compute["energy"]["mac_pj"] = it->second.energy;
      priced = true;
    }
  }
  for (const auto& [name, action] : actions) {
    if (name == "leak") {
      compute["energy"]["leak_pj_per_cycle"] = action.energy;
    } else if (name != "mac_random" && name != "compute") {
      log.warn(action.where, "action \"" + name +
                                 "\" not translated: arraysim charges every MAC "
                                 "as mac_random");
    }
  }
}

}  // namespace

void apply_ert(const YamlValue& ert, Json& arch_json, const LevelMap& levels, ImportLog& log) {
  YamlMap top(ert);
  top.get("version");
  const YamlValue tables = top.required("tables");
  top.finish();
  std::vector<std::pair<std::string, YamlValue>> named;  // table name, actions
  if (tables.node.IsSequence()) {
    for (const auto& item : yaml_sequence(tables)) {
      YamlMap table(item);
      const std::string name = yaml_string(table.required("name"));
      named.emplace_back(name, table.required("actions"));
      table.finish();
    }
  } else {
    YamlMap table(tables);
    for (const auto& key : table.keys()) named.emplace_back(key, *table.get(key));
  }
  for (const auto& [table_name, value] : named) {
    std::map<std::string, Action> actions;
    for (const auto& action : read_actions(value, log)) merge(actions, action, log);
    const std::string component = component_name(table_name);
    Json& compute = arch_json["compute"];
    if (compute["name"] == component) {
      apply_compute(compute, actions, log);
      continue;
    }
    const LevelLink* found = nullptr;
    for (const auto& link : levels.links) {
      if (link.name == component) found = &link;
    }
    if (found == nullptr) {
      log.warn(value.where,
               "table \"" + table_name + "\" names no level of the architecture; unused");
      continue;
    }
    const LevelLink& link = *found;
    if (link.folded) {
      log.warn(value.where, "level \"" + component + "\" has no storage; its energies are unused");
      continue;
    }
    apply_storage(arch_json["levels"][link.level], actions, log);
  }
}

}  // namespace arraysim::arch::timeloop
