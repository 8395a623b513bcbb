#include "arch/timeloop/timeloop_import.hpp"

#include <algorithm>
#include <filesystem>

#include "arch/timeloop/arch_import.hpp"
#include "arch/timeloop/ert_import.hpp"
#include "arch/timeloop/mapping_import.hpp"
#include "arch/timeloop/problem_import.hpp"

namespace arraysim::arch::timeloop {

namespace {

// Top-level keys that configure Timeloop's own tools and change nothing arraysim computes.
const std::vector<std::pair<std::string, std::string>> kHarmlessTopLevel = {
    {"mapper", "search settings; use map --search/--objective"},
    {"model", "timeloop-model settings"},
    {"compound_components", "Accelergy component classes; energies come from an ERT"},
    {"variables", "Accelergy variables; energies come from an ERT"},
    {"globals", "Accelergy globals"},
};

// The constraint list of a `mapspace` (a `constraints` list, or the `constraints_<set>` list that
// `constraints: <set>` selects) or of `mapspace_constraints` (a list, or `targets`).
YamlValue constraint_list(const std::string& key, const YamlValue& value, ImportLog& log) {
  if (value.node.IsSequence()) return value;
  YamlMap fields(value);
  if (key == "mapspace_constraints") {
    YamlValue targets = fields.required("targets");
    fields.finish();
    return targets;
  }
  fields.get("version");
  if (auto tmpl = fields.get("template")) {
    if (yaml_string(*tmpl) != "uber")
      tmpl->where.fail("only the uber mapspace template is supported");
  }
  const YamlValue selected = fields.required("constraints");
  std::optional<YamlValue> chosen;  // YAML::Node must not be assigned: it would overwrite the node
  if (selected.node.IsScalar()) {
    const std::string set = "constraints_" + yaml_string(selected);
    if (!fields.has(set)) selected.where.fail("no constraint set \"" + set + "\"");
    chosen.emplace(*fields.get(set));
  } else {
    chosen.emplace(selected);
  }
  const YamlValue& list = *chosen;
  for (const auto& k : fields.keys()) {
    if (k.rfind("constraints_", 0) == 0) {
      if (auto other = fields.get(k); other && !other->node.is(list.node)) {
        log.warn(other->where, "constraint set \"" + k + "\" not selected by \"constraints\"");
      }
    }
  }
  fields.finish();
  return list;
}

}  // namespace

std::string file_stem(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  return name.substr(0, name.find('.'));
}

TimeloopImport import_timeloop(const std::vector<std::string>& files, const Architecture* arch) {
  TimeloopImport out;
  auto top = load_yaml_files(files);
  std::vector<std::string> known = {"arch",     "architecture",         "problem", "mapping",
                                    "mapspace", "mapspace_constraints", "ERT"};
  for (const auto& [key, why] : kHarmlessTopLevel) known.push_back(key);
  for (const auto& [key, value] : top) {
    bool ok = std::find(known.begin(), known.end(), key) != known.end();
    if (!ok) {
      std::string message = "unsupported key \"" + key + "\"";
      if (auto guess = closest_match(key, known)) message += " (did you mean \"" + *guess + "\"?)";
      value.where.fail(message);
    }
    for (const auto& [harmless, why] : kHarmlessTopLevel) {
      if (key != harmless) continue;
      std::string message = "\"" + key;
      out.log.warn(value.where, message.append("\" not translated: ").append(why));
    }
  }
  if (top.count("arch") && top.count("architecture")) {
    top.at("architecture").where.fail("both \"arch\" and \"architecture\" are given");
  }
  Architecture parsed;
  const Architecture* levels_of = arch;
  for (const char* key : {"arch", "architecture"}) {
    if (!top.count(key)) continue;
    const YamlValue& value = top.at(key);
    ImportedArch imported = import_architecture(value, file_stem(value.where.file), out.log);
    if (top.count("ERT")) apply_ert(top.at("ERT"), imported.json, imported.levels, out.log);
    out.levels = imported.levels;
    out.architecture = ImportedSpec{imported.json, value.where.file,
                                    std::make_shared<const SourceMap>(std::move(imported.origins))};
    parsed = parse_architecture(imported.json, out.architecture->root());
    levels_of = &parsed;
  }
  if (!out.architecture) {
    if (arch != nullptr) out.levels = LevelMap::identity(*arch);
    if (top.count("ERT")) {
      top.at("ERT").where.fail("an ERT needs a Timeloop architecture in the same import");
    }
  }
  if (top.count("problem")) {
    const YamlValue& value = top.at("problem");
    auto origins = std::make_shared<SourceMap>();
    Json layer = import_problem(value, file_stem(value.where.file), out.log, origins.get());
    out.layer = ImportedSpec{std::move(layer), value.where.file, origins};
  }
  for (const char* key : {"mapping", "mapspace", "mapspace_constraints"}) {
    if (top.count(key) && levels_of == nullptr) {
      top.at(key).where.fail(std::string("\"") + key +
                             "\" names storage levels: give the architecture too");
    }
  }
  if (top.count("mapping")) {
    const YamlValue& value = top.at("mapping");
    auto origins = std::make_shared<SourceMap>();
    Json mapping = import_mapping(value, out.levels, out.log, origins.get());
    out.mapping = ImportedSpec{std::move(mapping), value.where.file, origins};
  }
  if (top.count("mapspace") && top.count("mapspace_constraints")) {
    top.at("mapspace").where.fail("both \"mapspace\" and \"mapspace_constraints\" are given");
  }
  for (const char* key : {"mapspace", "mapspace_constraints"}) {
    if (!top.count(key)) continue;
    const YamlValue& value = top.at(key);
    const YamlValue list = constraint_list(key, value, out.log);
    const ImportedMapspace mapspace =
        import_mapspace(list, *levels_of, out.levels, file_stem(value.where.file), out.log);
    out.dataflow = ImportedSpec{mapspace.dataflow, value.where.file,
                                std::make_shared<const SourceMap>(mapspace.origins)};
    out.mapspace = mapspace;
    if (out.architecture) apply_residency(mapspace, out.architecture->json);
  }
  return out;
}

}  // namespace arraysim::arch::timeloop
