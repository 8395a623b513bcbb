#include "sim/core/systolic.hpp"

#include <algorithm>

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
  // Groups run one after another; each fold maps a rows x cols block of the Sr x Sc problem.
  double used_share = 0.0;
  for (std::uint64_t g = 0; g < d(arch::Dim::G); ++g) {
    for (std::uint64_t row = 0; row < r.sr; row += r.rows) {
      const std::uint64_t rows_used = std::min(r.rows, r.sr - row);
      for (std::uint64_t col = 0; col < r.sc; col += r.cols) {
        const std::uint64_t cols_used = std::min(r.cols, r.sc - col);
        ++r.folds;
        r.cycles += r.fold_cycles;
        used_share +=
            static_cast<double>(rows_used * cols_used) / static_cast<double>(r.rows * r.cols);
        // OS streams both operands; WS and IS preload the stationary one, then stream the other.
        switch (dataflow) {
          case SystolicDataflow::OutputStationary:
            r.ifmap_reads += r.t * rows_used;
            r.filter_reads += r.t * cols_used;
            r.ofmap_writes += rows_used * cols_used;
            break;
          case SystolicDataflow::WeightStationary:
            r.filter_reads += rows_used * cols_used;
            r.ifmap_reads += r.t * rows_used;
            r.ofmap_writes += r.t * cols_used;
            break;
          case SystolicDataflow::InputStationary:
            r.ifmap_reads += rows_used * cols_used;
            r.filter_reads += r.t * rows_used;
            r.ofmap_writes += r.t * cols_used;
            break;
        }
      }
    }
  }
  r.mapping_efficiency = r.folds == 0 ? 0.0 : used_share / static_cast<double>(r.folds);
  r.scalesim_cycles = r.cycles - 1 + r.stall_cycles;
  r.cycles += r.stall_cycles;
  r.compute_utilization = static_cast<double>(r.macs) /
                          (static_cast<double>(r.rows * r.cols) * static_cast<double>(r.cycles));
  return r;
}

}  // namespace arraysim::sim
