#include "arch/energy/energy_table.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

#include "arch/spec_limits.hpp"

namespace arraysim::energy {

namespace {

const std::vector<std::string> kClassNames = {
    "mac", "mult", "add", "regfile", "sram", "dram", "noc_hop", "noc_router", "dram_commands"};

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// An energy (or, with `high` = kMaxAreaUm2, an area): finite, non-negative, at most `high`.
double non_negative(arch::ObjectReader& reader, const std::string& key,
                    std::optional<double> fallback = {}, double high = arch::kMaxEnergyPj) {
  const double value = reader.number(key, fallback);
  if (value < 0) reader.at(key).fail("expected a non-negative number, got " + number_text(value));
  if (!std::isfinite(value) || value > high) {
    reader.at(key).fail("expected at most " + number_text(high) + ", got " + number_text(value));
  }
  return value;
}

// Entry sizes: positive integers small enough that depth x width stays exact in a double.
std::int64_t size_field(arch::ObjectReader& reader, const std::string& key) {
  const std::int64_t value = reader.positive(key);
  if (value > arch::kMaxCapacityWords) {
    reader.at(key).fail("expected at most " + std::to_string(arch::kMaxCapacityWords) + ", got " +
                        std::to_string(value));
  }
  return value;
}

TableEntry parse_entry(const arch::Json& json, const arch::JsonLocation& where) {
  arch::ObjectReader reader(json, where);
  TableEntry entry;
  const std::string cls = reader.enum_string("class", kClassNames);
  for (std::size_t i = 0; i < kClassNames.size(); ++i) {
    if (kClassNames[i] == cls) entry.cls = static_cast<EntryClass>(i);
  }
  entry.name = reader.optional_string("name").value_or(cls);
  entry.source = reader.optional_string("source").value_or("");
  if (reader.has("area_um2"))
    entry.area_um2 = non_negative(reader, "area_um2", std::nullopt, arch::kMaxAreaUm2);
  entry.leak_given = reader.has("leak_pj_per_cycle");
  switch (entry.cls) {
    case EntryClass::Mac:
    case EntryClass::Mult:
    case EntryClass::Add: {
      entry.width_bits = size_field(reader, "bits");
      const char* key = entry.cls == EntryClass::Mac    ? "mac_pj"
                        : entry.cls == EntryClass::Mult ? "mult_pj"
                                                        : "add_pj";
      entry.read_pj = non_negative(reader, key);
      entry.floating_point =
          reader.enum_string("arithmetic", {"int", "fp"}, std::string("int")) == "fp";
      entry.leak_pj_per_cycle = non_negative(reader, "leak_pj_per_cycle", 0.0);
      break;
    }
    case EntryClass::Regfile:
    case EntryClass::Sram:
      if (reader.has("depth")) entry.depth = size_field(reader, "depth");
      entry.width_bits = size_field(reader, "width_bits");
      entry.read_pj = non_negative(reader, "read_pj");
      entry.write_pj = non_negative(reader, "write_pj", entry.read_pj);
      entry.leak_pj_per_cycle = non_negative(reader, "leak_pj_per_cycle", 0.0);
      break;
    case EntryClass::Dram:
      if (reader.has("pj_per_bit")) {
        entry.width_bits = 1;
        entry.read_pj = entry.write_pj = non_negative(reader, "pj_per_bit");
      } else {
        entry.width_bits = size_field(reader, "width_bits");
        entry.read_pj = non_negative(reader, "read_pj");
        entry.write_pj = non_negative(reader, "write_pj", entry.read_pj);
      }
      break;
    case EntryClass::NocHop:
      entry.width_bits = size_field(reader, "bits");
      entry.read_pj = non_negative(reader, "transfer_pj");
      break;
    case EntryClass::NocRouter:
      entry.width_bits = reader.positive("bits");
      entry.read_pj = non_negative(reader, "router_pj");
      break;
    case EntryClass::DramCommands:
      entry.device = reader.string("device");
      entry.command_pj.activate = non_negative(reader, "activate_pj");
      entry.command_pj.precharge = non_negative(reader, "precharge_pj");
      entry.command_pj.read = non_negative(reader, "read_pj");
      entry.command_pj.write = non_negative(reader, "write_pj");
      entry.command_pj.refresh = non_negative(reader, "refresh_pj");
      break;
  }
  reader.finish();
  return entry;
}

}  // namespace

const char* entry_class_name(EntryClass cls) {
  return kClassNames[static_cast<std::size_t>(cls)].c_str();
}

EnergyTable parse_energy_table(const arch::Json& json, const std::string& file) {
  const arch::JsonLocation root{file, ""};
  arch::ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "energy_table")
    reader.at("spec").fail("expected \"energy_table\", got \"" + spec + "\"");
  EnergyTable table;
  table.file = file;
  table.name = reader.string("name");
  if (reader.has("technology_nm")) {
    table.technology_nm =
        non_negative(reader, "technology_nm", std::nullopt, arch::kMaxTechnologyNm);
    if (*table.technology_nm <= 0) reader.at("technology_nm").fail("expected a positive number");
  }
  reader.optional_string("description");
  reader.optional_string("units");
  if (auto area = reader.optional_string("area_table")) {
    const auto path = (std::filesystem::path(file).parent_path() / *area).lexically_normal();
    if (!std::filesystem::is_regular_file(path))
      reader.at("area_table").fail("cannot open area table \"" + path.string() + "\"");
    table.area = load_area_table(path.string());
  }
  const arch::Json* entries = reader.get("entries");
  if (entries == nullptr) root.fail("missing required key \"entries\"");
  if (!entries->is_array()) reader.at("entries").fail("expected an array of entries");
  reader.finish();
  for (std::size_t i = 0; i < entries->size(); ++i) {
    table.entries.push_back(parse_entry((*entries)[i], root.child("entries").child(i)));
  }
  return table;
}

EnergyTable load_energy_table(const std::string& path) {
  return parse_energy_table(arch::load_json_file(path), path);
}

}  // namespace arraysim::energy
