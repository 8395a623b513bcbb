#include "sim/cli/energy_defaults.hpp"

#include <mutex>
#include <set>

#include "arch/logging.hpp"

namespace arraysim::cli {

energy::ResolvedEnergy resolve_energy_reported(const arch::Architecture& arch) {
  energy::ResolvedEnergy energy = energy::resolve_energy(arch);
  warn_defaults(arch, energy);
  return energy;
}

void warn_defaults(const arch::Architecture& arch, const energy::ResolvedEnergy& energy) {
  if (energy.defaults.empty()) return;
  const std::string file = arch.file.empty() ? std::string("<architecture>") : arch.file;
  // Once per architecture file and run (compare and sweep resolve one architecture many times).
  static std::mutex mutex;
  static std::set<std::string> warned;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (!warned.insert(file + "\n" + arch.name).second) return;
  }
  log::cli().warn("{}: {} default(s): {} (`arraysim validate {}` lists them)", file,
                  energy.defaults.size(), arch::summarize_defaults(energy.defaults), file);
}

std::string default_line(const arch::SpecDefault& d) {
  const std::string file = d.where.file.empty() ? std::string("<architecture>") : d.where.file;
  return file + (d.where.pointer.empty() ? "" : ":" + d.where.pointer) + ": " + d.message;
}

}  // namespace arraysim::cli
