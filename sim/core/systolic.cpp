#include "sim/core/systolic.hpp"

#include <algorithm>
#include <initializer_list>

#include "arch/spec_error.hpp"

namespace arraysim::sim {

SystolicDataflow parse_systolic_dataflow(const std::string& name, const std::string& where) {
  if (name == "os") return SystolicDataflow::OutputStationary;
  if (name == "ws") return SystolicDataflow::WeightStationary;
  if (name == "is") return SystolicDataflow::InputStationary;
  throw arch::SpecError(where, "",
                        "a systolic array runs dataflow os, ws or is, not \"" + name + "\"");
}

bool is_systolic(const arch::Architecture& arch) {
  if (arch.compute.network.topology == arch::Topology::Systolic) return true;
  for (const auto& level : arch.levels) {
    if (level.network.topology == arch::Topology::Systolic) return true;
  }
  return false;
}

SystolicResult simulate_systolic(const arch::Architecture& arch, const arch::Layer& layer,
                                 SystolicDataflow dataflow) {
  SystolicResult r;
  r.macs = layer.macs();
  r.cols = static_cast<std::uint64_t>(arch.compute.mesh_x);
  r.rows = static_cast<std::uint64_t>(arch.compute.instances / arch.compute.mesh_x);
  auto d = [&layer](arch::Dim dim) { return static_cast<std::uint64_t>(layer.dim(dim)); };
  const std::uint64_t pixels = d(arch::Dim::N) * d(arch::Dim::P) * d(arch::Dim::Q);
  const std::uint64_t window = d(arch::Dim::R) * d(arch::Dim::S) * d(arch::Dim::C);
  const std::uint64_t filters = d(arch::Dim::M);
  switch (dataflow) {
    case SystolicDataflow::OutputStationary:
      r.sr = pixels, r.sc = filters, r.t = window;
      break;
    case SystolicDataflow::WeightStationary:
      r.sr = window, r.sc = filters, r.t = pixels;
      break;
    case SystolicDataflow::InputStationary:
      r.sr = window, r.sc = pixels, r.t = filters;
      break;
  }
  const bool os = dataflow == SystolicDataflow::OutputStationary;
  r.fold_cycles = os ? r.t + r.rows + r.cols - 2 : 2 * r.rows + r.cols + r.t - 2;
  // Groups run one after another; each fold maps a rows x cols block of the Sr x Sc problem. In
  // closed form (the cost must not grow with the folds): over the folds of one group, the rows
  // used sum to Sr for every column of folds and the columns used to Sc for every row of folds.
  // OS streams both operands; WS and IS preload the stationary one, then stream the other.
  const std::uint64_t groups = d(arch::Dim::G);
  const std::uint64_t row_folds = (r.sr + r.rows - 1) / r.rows;
  const std::uint64_t col_folds = (r.sc + r.cols - 1) / r.cols;
  auto product = [&layer](std::initializer_list<std::uint64_t> factors) {
    std::uint64_t out = 1;
    for (std::uint64_t f : factors) {
      if (__builtin_mul_overflow(out, f, &out)) {
        throw arch::SpecError(layer.name, "", "the systolic run's counts exceed 2^64");
      }
    }
    return out;
  };
  r.folds = product({groups, row_folds, col_folds});
  r.cycles = product({r.folds, r.fold_cycles});
  const std::uint64_t stationary = product({groups, r.sr, r.sc});
  const std::uint64_t streamed_rows = product({groups, r.t, r.sr, col_folds});
  const std::uint64_t streamed_cols = product({groups, r.t, r.sc, row_folds});
  switch (dataflow) {
    case SystolicDataflow::OutputStationary:
      r.ifmap_reads = streamed_rows, r.filter_reads = streamed_cols, r.ofmap_writes = stationary;
      break;
    case SystolicDataflow::WeightStationary:
      r.filter_reads = stationary, r.ifmap_reads = streamed_rows, r.ofmap_writes = streamed_cols;
      break;
    case SystolicDataflow::InputStationary:
      r.ifmap_reads = stationary, r.filter_reads = streamed_rows, r.ofmap_writes = streamed_cols;
      break;
  }
  const double used_share = static_cast<double>(groups) * static_cast<double>(r.sr) *
                            static_cast<double>(r.sc) /
                            (static_cast<double>(r.rows) * static_cast<double>(r.cols));
  r.mapping_efficiency = r.folds == 0 ? 0.0 : used_share / static_cast<double>(r.folds);
  r.scalesim_cycles = r.cycles - 1 + r.stall_cycles;
  r.cycles += r.stall_cycles;
  r.compute_utilization = static_cast<double>(r.macs) /
                          (static_cast<double>(r.rows * r.cols) * static_cast<double>(r.cycles));
  return r;
}

}  // namespace arraysim::sim
