#include "arch/energy/estimator.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "arch/logging.hpp"

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

std::vector<const TableEntry*> entries_of(const EnergyTable* table, EntryClass cls) {
  std::vector<const TableEntry*> out;
  if (table == nullptr) return out;
  for (const auto& entry : table->entries) {
    if (entry.cls == cls) out.push_back(&entry);
  }
  return out;
}

// Storage: energy per access of `access_bits`, from entries of one class.
ActionEnergy storage_energy(const std::vector<const TableEntry*>& entries, double capacity_bits,
                            double access_bits, const std::string& class_label) {
  ActionEnergy out;
  // A depth-independent entry applies to any size (normalized tables).
  for (const TableEntry* entry : entries) {
    if (entry->depth) continue;
    const double scale = access_bits / static_cast<double>(entry->width_bits);
    out.read_pj = entry->read_pj * scale;
    out.write_pj = entry->write_pj * scale;
    out.leak_pj_per_cycle = entry->leak_pj_per_cycle;
    out.area_um2 = entry->area_um2.value_or(0.0);
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
  }
  out.rule = read.rule + ", per bit x " + fmt(access_bits) + "-bit access";
  return out;
}

ActionEnergy level_energy(const arch::StorageLevel& level, const EnergyTable* table) {
  const double access_bits = static_cast<double>(level.word_bits * level.block_words);
  ActionEnergy out;
  if (level.kind == arch::LevelKind::Dram) {
    const auto entries = entries_of(table, EntryClass::Dram);
    if (!entries.empty()) {
      const TableEntry* entry = entries.front();
      const double scale = access_bits / static_cast<double>(entry->width_bits);
      out.read_pj = entry->read_pj * scale;
      out.write_pj = entry->write_pj * scale;
      out.rule = "dram entry \"" + entry->name + "\" x " + fmt(access_bits) + "-bit access";
    } else {
      out.rule = "no dram entry: 0";
    }
  } else {
    const double capacity_bits =
        static_cast<double>(level.capacity_words.value_or(1) * level.word_bits);
    auto entries = entries_of(
        table, level.kind == arch::LevelKind::Regfile ? EntryClass::Regfile : EntryClass::Sram);
    std::string label = level.kind == arch::LevelKind::Regfile ? "regfile" : "sram";
    if (entries.empty() && level.kind == arch::LevelKind::Regfile) {
      entries = entries_of(table, EntryClass::Sram);
      label = "sram (no regfile entries)";
    }
    if (entries.empty()) {
      out.rule = "no " + label + " entry: 0";
    } else {
      out = storage_energy(entries, capacity_bits, access_bits, label);
    }
    if (table != nullptr && table->area) {
      const AreaEstimate area =
          storage_area(*table->area, level.kind == arch::LevelKind::Regfile, capacity_bits / 8.0);
      out.area_um2 = area.area_um2;
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

ActionEnergy mac_energy(const arch::ComputeLevel& compute, const EnergyTable* table) {
  ActionEnergy out;
  const double bits = static_cast<double>(compute.word_bits);
  const bool fp = compute.floating_point;
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
      out.rule = "no mac entry: 0";
    }
  }
  for (const TableEntry* entry : entries_of(table, EntryClass::Mac)) {
    if (entry->area_um2 && entry->floating_point == fp) out.area_um2 = *entry->area_um2;
  }
  if (compute.mac_pj) out.read_pj = *compute.mac_pj, out.rule = "override (mac)";
  if (compute.leak_pj_per_cycle) out.leak_pj_per_cycle = *compute.leak_pj_per_cycle;
  if (compute.area_um2) out.area_um2 = *compute.area_um2;
  return out;
}

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
  for (const auto& level : arch.levels) {
    out.levels.push_back(level_energy(level, table));
    log::energy().debug("{}: read {} pJ, write {} pJ ({})", level.name, out.levels.back().read_pj,
                        out.levels.back().write_pj, out.levels.back().rule);
  }
  out.mac = mac_energy(arch.compute, table);
  log::energy().debug("{}: mac {} pJ ({})", arch.compute.name, out.mac.read_pj, out.mac.rule);
  out.networks.resize(arch.num_levels() + 1);
  for (std::size_t s = 1; s <= arch.num_levels(); ++s) {
    const std::int64_t bits =
        s == arch.num_levels() ? arch.compute.word_bits : arch.levels[s].word_bits;
    out.networks[s] = network_energy(arch.network_into(s), bits, table);
  }
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

}  // namespace arraysim::energy
