#include "arch/energy/estimator.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "arch/logging.hpp"
#include "arch/spec_limits.hpp"

namespace arraysim::energy {

namespace {

// SRAM access energy grows roughly with the square root of capacity (bit-line length); used only
// when a class has a single sized entry to scale from. Stated in energy_tables/README.md.
constexpr double kDefaultDepthExponent = 0.5;
// Multiplier energy grows with the square of the operand width.
constexpr double kDefaultBitsExponent = 2.0;

std::string fmt(double value) {
  std::ostringstream out;
  out << std::setprecision(4) << value;
  return out.str();
}

// The table being resolved against and the defaults recorded on the way.
struct Resolver {
  const EnergyTable* table;
  bool priced;  // false: no table and no override anywhere; energy is not modelled at all
  std::vector<arch::SpecDefault>& defaults;

  void note(const arch::JsonLocation& where, const std::string& category,
            const std::string& subject, const std::string& message) {
    defaults.push_back({where, category, subject, message});
  }
};

std::vector<const TableEntry*> entries_of(const EnergyTable* table, EntryClass cls) {
  std::vector<const TableEntry*> out;
  if (table == nullptr) return out;
  for (const auto& entry : table->entries) {
    if (entry.cls == cls) out.push_back(&entry);
  }
  return out;
}

// Storage: energy per access of `access_bits`, from entries of one class.
// What a table entry states besides its access energies (false: arraysim uses 0).
struct Stated {
  bool leak = false;
  bool area = false;
};

ActionEnergy storage_energy(const std::vector<const TableEntry*>& entries, double capacity_bits,
                            double access_bits, const std::string& class_label, Stated& stated) {
  ActionEnergy out;
  // A depth-independent entry applies to any size (normalized tables).
  for (const TableEntry* entry : entries) {
    if (entry->depth) continue;
    const double scale = access_bits / static_cast<double>(entry->width_bits);
    out.read_pj = entry->read_pj * scale;
    out.write_pj = entry->write_pj * scale;
    out.leak_pj_per_cycle = entry->leak_pj_per_cycle;
    out.area_um2 = entry->area_um2.value_or(0.0);
    stated = {entry->leak_given, entry->area_um2.has_value()};
    out.rule = class_label + " entry \"" + entry->name + "\" (any depth)";
    if (scale != 1.0)
      out.rule += ", width scaled " + fmt(entry->width_bits) + "->" + fmt(access_bits) + " bits";
    return out;
  }
  std::vector<PowerLawPoint> read_points;
  std::vector<PowerLawPoint> write_points;
  for (const TableEntry* entry : entries) {
    const double per_bit = 1.0 / static_cast<double>(entry->width_bits);
    const std::string label = class_label + " " + std::to_string(*entry->depth) + "x" +
                              std::to_string(entry->width_bits) + "b";
    if (entry->capacity_bits() == capacity_bits &&
        static_cast<double>(entry->width_bits) == access_bits) {
      out.read_pj = entry->read_pj;
      out.write_pj = entry->write_pj;
      out.leak_pj_per_cycle = entry->leak_pj_per_cycle;
      out.area_um2 = entry->area_um2.value_or(0.0);
      stated = {entry->leak_given, entry->area_um2.has_value()};
      out.rule = "exact entry " + label;
      return out;
    }
    read_points.push_back({entry->capacity_bits(), entry->read_pj * per_bit, label});
    write_points.push_back({entry->capacity_bits(), entry->write_pj * per_bit, label});
  }
  const Interpolated read =
      interpolate_power_law(read_points, capacity_bits, "capacity", kDefaultDepthExponent);
  const Interpolated write =
      interpolate_power_law(write_points, capacity_bits, "capacity", kDefaultDepthExponent);
  out.read_pj = read.value * access_bits;
  out.write_pj = write.value * access_bits;
  // Leakage and area scale with the bits stored, from the nearest entry that states them.
  const TableEntry* nearest = nullptr;
  for (const TableEntry* entry : entries) {
    if (nearest == nullptr || std::fabs(std::log(entry->capacity_bits() / capacity_bits)) <
                                  std::fabs(std::log(nearest->capacity_bits() / capacity_bits))) {
      nearest = entry;
    }
  }
  if (nearest != nullptr) {
    const double ratio = capacity_bits / nearest->capacity_bits();
    out.leak_pj_per_cycle = nearest->leak_pj_per_cycle * ratio;
    out.area_um2 = nearest->area_um2.value_or(0.0) * ratio;
    stated = {nearest->leak_given, nearest->area_um2.has_value()};
  }
  out.rule = read.rule + ", per bit x " + fmt(access_bits) + "-bit access";
  return out;
}

std::string what_is_missing(bool read, bool write) {
  return !read && !write ? "read and write energies" : !read ? "read energy" : "write energy";
}

// Why a class has no entry, and how to give the energy instead.
std::string missing_reason(const EnergyTable* table, const std::string& classes,
                           const std::string& override_keys) {
  const std::string source =
      table == nullptr ? "the architecture names no energy_table (and no imported ERT table names "
                         "this component)"
                       : "the energy table \"" + table->name + "\" has no " + classes + " entry";
  return source + "; add one, or give " + override_keys;
}

bool level_used(const arch::StorageLevel& level) {
  for (arch::Residency r : level.residency) {
    if (r != arch::Residency::Bypass) return true;
  }
  return false;
}

ActionEnergy level_energy(const arch::StorageLevel& level, Resolver& r) {
  const EnergyTable* table = r.table;
  const double access_bits = static_cast<double>(level.word_bits * level.block_words);
  ActionEnergy out;
  bool from_table = false;
  Stated stated;
  std::string classes;
  if (level.kind == arch::LevelKind::Dram) {
    classes = "\"dram\"";
    stated = {true, true};  // off-chip: no leakage or area is charged for DRAM
    const auto entries = entries_of(table, EntryClass::Dram);
    if (!entries.empty()) {
      const TableEntry* entry = entries.front();
      const double scale = access_bits / static_cast<double>(entry->width_bits);
      out.read_pj = entry->read_pj * scale;
      out.write_pj = entry->write_pj * scale;
      out.rule = "dram entry \"" + entry->name + "\" x " + fmt(access_bits) + "-bit access";
      from_table = true;
    } else {
      out.rule = "no dram entry";
    }
  } else {
    const double capacity_bits =
        static_cast<double>(level.capacity_words.value_or(1) * level.word_bits);
    auto entries = entries_of(
        table, level.kind == arch::LevelKind::Regfile ? EntryClass::Regfile : EntryClass::Sram);
    std::string label = level.kind == arch::LevelKind::Regfile ? "regfile" : "sram";
    classes = level.kind == arch::LevelKind::Regfile ? "\"regfile\" or \"sram\"" : "\"sram\"";
    if (entries.empty() && level.kind == arch::LevelKind::Regfile) {
      entries = entries_of(table, EntryClass::Sram);
      label = "sram (no regfile entries)";
    }
    if (entries.empty()) {
      out.rule = "no " + label + " entry";
    } else {
      out = storage_energy(entries, capacity_bits, access_bits, label, stated);
      from_table = true;
    }
    if (table != nullptr && table->area) {
      const AreaEstimate area =
          storage_area(*table->area, level.kind == arch::LevelKind::Regfile, capacity_bits / 8.0);
      out.area_um2 = area.area_um2;
      stated.area = area.area_um2 > 0.0;
      out.rule += "; " + area.rule;
    }
  }
  std::string overridden;
  if (level.energy.read_pj) out.read_pj = *level.energy.read_pj, overridden += "read ";
  if (level.energy.write_pj) out.write_pj = *level.energy.write_pj, overridden += "write ";
  if (level.energy.leak_pj_per_cycle)
    out.leak_pj_per_cycle = *level.energy.leak_pj_per_cycle, overridden += "leak ";
  if (level.energy.area_um2) out.area_um2 = *level.energy.area_um2, overridden += "area ";
  if (!overridden.empty()) {
    overridden.pop_back();
    out.rule = "override (" + overridden + ")" +
               (level.energy.read_pj && level.energy.write_pj ? "" : "; rest: " + out.rule);
  }
  if (!r.priced || !level_used(level)) return out;
  const bool read = from_table || level.energy.read_pj;
  const bool write = from_table || level.energy.write_pj;
  if (!read || !write) {
    level.where.fail("no " + what_is_missing(read, write) + " for " + level.name + ": " +
                     missing_reason(table, classes,
                                    "the level \"energy\": {\"read_pj\": ..., \"write_pj\": ...}"));
  }
  if (!stated.leak && !level.energy.leak_pj_per_cycle) {
    r.note(level.where, "leakage 0", level.name,
           level.name +
               " has no leakage (its table entry gives no leak_pj_per_cycle and the "
               "level no \"energy\": {\"leak_pj_per_cycle\"}): 0 pJ/cycle used");
  }
  if (!stated.area && !level.energy.area_um2) {
    r.note(level.where, "area 0", level.name,
           level.name +
               " has no area (no area_um2 in its table entry, no area table, no "
               "\"energy\": {\"area_um2\"}): 0 um^2 used");
  }
  return out;
}

// Per-operation energy of a class at `bits`, interpolated over the entries' widths.
std::optional<Interpolated> operation_energy(const EnergyTable* table, EntryClass cls, double bits,
                                             bool floating_point) {
  std::vector<PowerLawPoint> points;
  for (const TableEntry* entry : entries_of(table, cls)) {
    if (entry->floating_point != floating_point) continue;
    points.push_back(
        {static_cast<double>(entry->width_bits), entry->read_pj,
         std::string(entry_class_name(cls)) + " " + std::to_string(entry->width_bits) + "b"});
  }
  if (points.empty()) return std::nullopt;
  return interpolate_power_law(points, bits, "bits", kDefaultBitsExponent);
}

// The mac entry of the compute's arithmetic closest in width to `bits` (for leakage and area).
const TableEntry* nearest_mac(const EnergyTable* table, double bits, bool fp) {
  const TableEntry* best = nullptr;
  for (const TableEntry* entry : entries_of(table, EntryClass::Mac)) {
    if (entry->floating_point != fp) continue;
    const double distance = std::fabs(std::log(static_cast<double>(entry->width_bits) / bits));
    if (best == nullptr ||
        distance < std::fabs(std::log(static_cast<double>(best->width_bits) / bits))) {
      best = entry;
    }
  }
  return best;
}

ActionEnergy mac_energy(const arch::ComputeLevel& compute, Resolver& r) {
  const EnergyTable* table = r.table;
  ActionEnergy out;
  const double bits = static_cast<double>(compute.word_bits);
  const bool fp = compute.floating_point;
  bool priced = true;
  if (auto mac = operation_energy(table, EntryClass::Mac, bits, fp)) {
    out.read_pj = mac->value;
    out.rule = mac->rule;
  } else {
    const auto mult = operation_energy(table, EntryClass::Mult, bits, fp);
    const auto add = operation_energy(table, EntryClass::Add, bits, fp);
    if (mult && add) {
      out.read_pj = mult->value + add->value;
      out.rule = "multiply (" + mult->rule + ") + add (" + add->rule + ")";
    } else {
      out.rule = "no mac entry";
      priced = false;
    }
  }
  Stated stated;
  if (const TableEntry* entry = nearest_mac(table, bits, fp)) {
    out.leak_pj_per_cycle = entry->leak_pj_per_cycle;
    out.area_um2 = entry->area_um2.value_or(0.0);
    stated = {entry->leak_given, entry->area_um2.has_value()};
  }
  if (compute.mac_pj) out.read_pj = *compute.mac_pj, out.rule = "override (mac)";
  if (compute.leak_pj_per_cycle) out.leak_pj_per_cycle = *compute.leak_pj_per_cycle;
  if (compute.area_um2) out.area_um2 = *compute.area_um2;
  if (!r.priced) return out;
  if (!priced && !compute.mac_pj) {
    const std::string arithmetic = fp ? "floating-point" : "integer";
    compute.where.fail("no MAC energy for " + compute.name + ": " +
                       missing_reason(table, "\"mac\" (or \"mult\" and \"add\") " + arithmetic,
                                      "the compute \"energy\": {\"mac_pj\": ...}"));
  }
  if (!stated.leak && !compute.leak_pj_per_cycle) {
    r.note(compute.where, "leakage 0", compute.name,
           compute.name +
               " has no leakage (no leak_pj_per_cycle in a mac entry or in its "
               "\"energy\"): 0 pJ/cycle used");
  }
  if (!stated.area && !compute.area_um2) {
    r.note(compute.where, "area 0", compute.name,
           compute.name +
               " has no area (no area_um2 in a mac entry or in its \"energy\"): "
               "0 um^2 used");
  }
  return out;
}

// Network energy per word (Timeloop's LegacyNetwork charges energy per hop, wire-energy x word
// bits x tile width, for each link a word crosses, plus router-energy for every router it passes:
// src/model/network-legacy.cpp, ComputeNetworkEnergy). Per link: the network's transfer_pj, else
// a noc_hop entry at the word's width.
ActionEnergy network_energy(const arch::NetworkSpec& net, std::int64_t word_bits,
                            const EnergyTable* table) {
  ActionEnergy out;
  if (net.transfer_pj) {
    out.read_pj = *net.transfer_pj;
    out.rule = "override (transfer)";
    return out;
  }
  if (auto hop =
          operation_energy(table, EntryClass::NocHop, static_cast<double>(word_bits), false)) {
    out.read_pj = hop->value;
    out.rule = hop->rule;
  } else {
    out.rule = "no noc_hop entry: 0";
  }
  return out;
}

// Per word and router: the network's router_pj, else a noc_router entry at the word's width.
// Only meshes, hierarchical meshes and crossbars have routers.
ActionEnergy router_energy(const arch::NetworkSpec& net, std::int64_t word_bits,
                           const EnergyTable* table) {
  ActionEnergy out;
  if (net.router_pj) {
    out.read_pj = *net.router_pj;
    out.rule = "override (router)";
    return out;
  }
  if (auto router =
          operation_energy(table, EntryClass::NocRouter, static_cast<double>(word_bits), false)) {
    out.read_pj = router->value;
    out.rule = router->rule;
  } else {
    out.rule = "no noc_router entry: 0";
  }
  return out;
}

// Every resolved number must be finite and within the limits of arraysim/spec_limits.hpp, so that
// totals over up to 2^63 actions stay finite.
void check_finite(const ActionEnergy& e, const std::string& name, const arch::JsonLocation& where) {
  const std::pair<const char*, double> values[] = {
      {"read", e.read_pj}, {"write", e.write_pj}, {"leakage", e.leak_pj_per_cycle}};
  for (const auto& [what, value] : values) {
    if (std::isfinite(value) && value >= 0 && value <= arch::kMaxEnergyPj) continue;
    where.fail(std::string(what) + " energy of " + name + " resolves to " + fmt(value) + " pJ (" +
               e.rule + "), outside 0 to " + fmt(arch::kMaxEnergyPj) + " pJ");
  }
  if (!(std::isfinite(e.area_um2) && e.area_um2 >= 0 && e.area_um2 <= arch::kMaxAreaUm2)) {
    where.fail("area of " + name + " resolves to " + fmt(e.area_um2) + " um^2 (" + e.rule +
               "), outside 0 to " + fmt(arch::kMaxAreaUm2) + " um^2");
  }
}

// Whether the architecture gives any energy at all (a table or an override).
bool has_energy_source(const arch::Architecture& arch, const EnergyTable* table) {
  if (table != nullptr) return true;
  auto any = [](const arch::EnergyOverride& e) {
    return e.read_pj || e.write_pj || e.leak_pj_per_cycle || e.area_um2;
  };
  for (const auto& level : arch.levels) {
    if (any(level.energy) || level.network.transfer_pj) return true;
  }
  const auto& c = arch.compute;
  return c.mac_pj || c.leak_pj_per_cycle || c.area_um2 || c.network.transfer_pj;
}

}  // namespace

Interpolated interpolate_power_law(std::vector<PowerLawPoint> points, double x,
                                   const std::string& what, double default_exponent) {
  std::sort(points.begin(), points.end(),
            [](const PowerLawPoint& a, const PowerLawPoint& b) { return a.x < b.x; });
  for (const auto& point : points) {
    if (point.x == x) return {point.y, "exact entry " + point.label};
  }
  if (points.size() == 1) {
    const auto& p = points.front();
    return {p.y * std::pow(x / p.x, default_exponent),
            "scaled from " + p.label + " by (" + what + " ratio)^" + fmt(default_exponent)};
  }
  std::size_t hi = 1;
  while (hi + 1 < points.size() && points[hi].x < x) ++hi;
  const auto& a = points[hi - 1];
  const auto& b = points[hi];
  const double exponent = (a.y > 0 && b.y > 0) ? std::log(b.y / a.y) / std::log(b.x / a.x) : 1.0;
  const double value =
      a.y > 0 ? a.y * std::pow(x / a.x, exponent) : a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x);
  const bool inside = x > a.x && x < b.x;
  return {value, std::string(inside ? "interpolated" : "extrapolated") + " between " + a.label +
                     " and " + b.label + " (" + what + " exponent " + fmt(exponent) + ")"};
}

ResolvedEnergy resolve_energy(const arch::Architecture& arch, const EnergyTable* table) {
  ResolvedEnergy out;
  if (table != nullptr) out.table_name = table->name;
  Resolver r{table, has_energy_source(arch, table), out.defaults};
  if (!r.priced) {
    r.note({arch.file, ""}, "energy not modelled", "",
           "the architecture names no energy_table and overrides no energy: every energy and "
           "area is 0");
  }
  if (table != nullptr && table->technology_nm && arch.technology_nm &&
      *table->technology_nm != *arch.technology_nm) {
    r.note({arch.file, "/technology"}, "technology differs from the energy table", "",
           "technology " + arch.technology + " differs from the energy table \"" + table->name +
               "\" (technology_nm " + fmt(*table->technology_nm) +
               "): its energies are used unscaled");
  }
  for (const auto& level : arch.levels) {
    out.levels.push_back(level_energy(level, r));
    check_finite(out.levels.back(), level.name, level.where);
    log::energy().debug("{}: read {} pJ, write {} pJ ({})", level.name, out.levels.back().read_pj,
                        out.levels.back().write_pj, out.levels.back().rule);
  }
  out.mac = mac_energy(arch.compute, r);
  check_finite(out.mac, arch.compute.name, arch.compute.where);
  log::energy().debug("{}: mac {} pJ ({})", arch.compute.name, out.mac.read_pj, out.mac.rule);
  out.networks.resize(arch.num_levels() + 1);
  out.routers.resize(arch.num_levels() + 1);
  for (std::size_t s = 1; s <= arch.num_levels(); ++s) {
    const bool macs = s == arch.num_levels();
    const std::int64_t bits = macs ? arch.compute.word_bits : arch.levels[s].word_bits;
    const arch::NetworkSpec& net = arch.network_into(s);
    out.networks[s] = network_energy(net, bits, table);
    out.routers[s] = router_energy(net, bits, table);
    const std::string name = "->" + (macs ? arch.compute.name : arch.levels[s].name);
    const arch::JsonLocation where = (macs ? arch.compute.where : arch.levels[s].where);
    check_finite(out.networks[s], name, where);
    check_finite(out.routers[s], name + " routers", where);
    const bool is_network = arch.instances_of(s) > arch.instances_of(s - 1) || net.declared;
    if (r.priced && is_network && !net.transfer_pj &&
        entries_of(table, EntryClass::NocHop).empty()) {
      r.note(where, "network energy 0", name,
             "the network into " + name.substr(2) +
                 " has no energy (no noc_hop entry in the table, no \"network\": "
                 "{\"transfer_pj\"}): 0 pJ per word used");
    }
  }
  for (const TableEntry* entry : entries_of(table, EntryClass::DramCommands)) {
    out.dram_commands.push_back(*entry);
  }
  for (auto& d : arch::architecture_defaults(arch)) out.defaults.push_back(std::move(d));
  return out;
}

double storage_area_um2(const arch::Architecture& arch, const ResolvedEnergy& energy) {
  double area = 0.0;
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    if (arch.levels[l].kind == arch::LevelKind::Dram) continue;
    area += energy.levels[l].area_um2 * static_cast<double>(arch.levels[l].instances);
  }
  return area;
}

ResolvedEnergy resolve_energy(const arch::Architecture& arch) {
  if (arch.energy_table.empty()) return resolve_energy(arch, nullptr);
  if (!std::filesystem::is_regular_file(arch.energy_table)) {
    throw arch::SpecError(arch.file, "/energy_table",
                          "cannot open energy table \"" + arch.energy_table + "\"");
  }
  const EnergyTable table = load_energy_table(arch.energy_table);
  return resolve_energy(arch, &table);
}

const TableEntry* dram_command_energy(const ResolvedEnergy& energy, const std::string& device) {
  for (const TableEntry& entry : energy.dram_commands) {
    if (entry.device == device) return &entry;
  }
  return nullptr;
}

}  // namespace arraysim::energy
