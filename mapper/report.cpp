#include "mapper/report.hpp"

#include <cstdarg>
#include <cstdio>
#include <string>

namespace arraysim::mapper {

namespace {

std::string printf_string(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string printf_string(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

std::string percent(double part, double whole) {
  return whole == 0.0 ? "0.0%" : printf_string("%.1f%%", 100.0 * part / whole);
}

}  // namespace

std::string format_report(const Stats& stats) {
  std::string out;
  const double macs = static_cast<double>(stats.macs);
  out += printf_string(
      "Layer %s: %llu MACs, %llu cycles (compute %llu), utilization %.1f%%\n", stats.layer.c_str(),
      static_cast<unsigned long long>(stats.macs), static_cast<unsigned long long>(stats.cycles),
      static_cast<unsigned long long>(stats.compute_cycles), 100.0 * stats.utilization);
  out += printf_string("Energy %.6g pJ = %.4f pJ/MAC; area %.6g um^2; MACs used %lld of %lld\n\n",
                       stats.energy_pj, stats.energy_per_mac_pj, stats.area_um2,
                       static_cast<long long>(stats.utilized_macs),
                       static_cast<long long>(stats.compute_instances));
  out += printf_string("%-14s %-8s %10s %14s %14s %14s %14s %8s\n", "level", "data", "capacity",
                       "reads/inst", "fills/inst", "updates/inst", "energy pJ", "pJ/MAC");
  for (const auto& level : stats.levels) {
    out += printf_string(
        "%-14s %-8s instances %lld/%lld, cycles %llu, throttle %.3f, leak %.4g pJ\n",
        level.name.c_str(), "", static_cast<long long>(level.utilized_instances),
        static_cast<long long>(level.instances), static_cast<unsigned long long>(level.cycles),
        level.bandwidth_throttle, level.leak_energy_pj);
    for (arch::DataSpace ds : arch::kAllDataSpaces) {
      if (!arch::contains(level.keep, ds)) continue;
      const DataSpaceStats& d = level.dataspaces[arch::index(ds)];
      out += printf_string("%-14s %-8s %10llu %14llu %14llu %14llu %14.6g %8.4f\n", "",
                           arch::dataspace_name(ds),
                           static_cast<unsigned long long>(d.per_instance.utilized_capacity),
                           static_cast<unsigned long long>(d.per_instance.reads),
                           static_cast<unsigned long long>(d.per_instance.fills),
                           static_cast<unsigned long long>(d.per_instance.updates), d.energy_pj,
                           macs == 0 ? 0.0 : d.energy_pj / macs);
    }
  }
  if (!stats.networks.empty()) {
    out += printf_string("\n%-28s %14s %14s %10s %14s\n", "network", "transfers", "delivered",
                         "multicast", "energy pJ");
    for (const auto& net : stats.networks) {
      const std::string name = net.from + " -> " + net.to;
      out += printf_string("%-28s %14llu %14llu %10.2f %14.6g\n", name.c_str(),
                           static_cast<unsigned long long>(net.transfers),
                           static_cast<unsigned long long>(net.delivered), net.multicast_factor,
                           net.energy_pj);
    }
  }
  out += "\nEnergy breakdown:\n";
  out += printf_string("  %-14s %14.6g pJ  %8.4f pJ/MAC  %6s\n", stats.compute_name.c_str(),
                       stats.compute_energy_pj, macs == 0 ? 0.0 : stats.compute_energy_pj / macs,
                       percent(stats.compute_energy_pj, stats.energy_pj).c_str());
  for (const auto& level : stats.levels) {
    out += printf_string("  %-14s %14.6g pJ  %8.4f pJ/MAC  %6s\n", level.name.c_str(),
                         level.energy_pj, macs == 0 ? 0.0 : level.energy_pj / macs,
                         percent(level.energy_pj, stats.energy_pj).c_str());
  }
  double network_energy = 0.0;
  for (const auto& net : stats.networks) network_energy += net.energy_pj;
  if (network_energy > 0.0) {
    out += printf_string("  %-14s %14.6g pJ  %8.4f pJ/MAC  %6s\n", "networks", network_energy,
                         macs == 0 ? 0.0 : network_energy / macs,
                         percent(network_energy, stats.energy_pj).c_str());
  }
  const auto by_dataspace = stats.dataspace_energy_pj();
  out += "  by data space (storage + networks):";
  for (arch::DataSpace ds : arch::kAllDataSpaces) {
    out += printf_string(" %s %s", arch::dataspace_name(ds),
                         percent(by_dataspace[arch::index(ds)], stats.energy_pj).c_str());
  }
  out += "\n";
  return out;
}

}  // namespace arraysim::mapper
