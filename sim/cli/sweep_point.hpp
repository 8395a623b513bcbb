// One design point of a sweep: patch the architecture, map every MAC layer (exhaustive search)
// and sum energy and cycles. A point is infeasible only when a layer has no valid mapping.
#pragma once

#include <stdexcept>

#include "sim/cli/sweep_spec.hpp"

namespace arraysim::cli {

// A failure that is neither bad input nor an infeasible point (a defect of arraysim): the sweep
// stops on it with exit code 2.
class SweepInternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The point's result row: {"id", "axes", "workload", "dataflow", "objective", metrics, "status"},
// status "ok" or "infeasible: <reason>". Throws SpecError when the spec makes this point an
// invalid architecture or energy table, SweepInternalError on any other failure.
arch::Json run_point(const Sweep& sweep, std::uint64_t id);

}  // namespace arraysim::cli
