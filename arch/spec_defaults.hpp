// Values a spec leaves out and arraysim fills in (an unlimited bandwidth, a leakage or area of 0,
// ...), and values it accepts but does not model: each one is recorded so that `validate` can
// list it, `validate --strict` can reject it, and runs can say that it happened.
#pragma once

#include <string>
#include <vector>

#include "arch/architecture.hpp"

namespace arraysim::arch {

struct SpecDefault {
  JsonLocation where;    // the level, compute or network the value belongs to
  std::string category;  // short: "leakage", "area", "read bandwidth", "network energy", ...
  std::string subject;   // the level or component name
  std::string message;   // one sentence: what was missing and what was used instead
};

// The architecture's own defaults: missing bandwidths (unlimited), banks on levels that do not
// model them, DRAM levels without a datasheet preset (generic timing) and router buffer sizes of
// mesh networks. Energy and area defaults come from the estimator (energy::resolve_energy).
std::vector<SpecDefault> architecture_defaults(const Architecture& arch);

// One line naming every category and its subjects, e.g.
// "leakage 0 (RF, MAC); read bandwidth unlimited (RF)".
std::string summarize_defaults(const std::vector<SpecDefault>& defaults);

}  // namespace arraysim::arch
