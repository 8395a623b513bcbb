// Makes defaults visible in runs: one warning line on stderr naming every value an architecture
// left to a default (leakage or area 0, unlimited bandwidth, ...), so that a number the user did
// not choose never goes unnoticed. `arraysim validate` lists them one per line.
#pragma once

#include "arch/architecture.hpp"
#include "arch/energy/estimator.hpp"

namespace arraysim::cli {

// energy::resolve_energy plus the warning line (nothing when no value was defaulted).
energy::ResolvedEnergy resolve_energy_reported(const arch::Architecture& arch);
void warn_defaults(const arch::Architecture& arch, const energy::ResolvedEnergy& energy);

// "file:/pointer: message" of one default.
std::string default_line(const arch::SpecDefault& d);

}  // namespace arraysim::cli
