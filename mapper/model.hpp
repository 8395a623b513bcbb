// The analytical loop-nest model (DESIGN section 3): tile sizes, fills with sliding-window reuse,
// multicast and spatial reduction, psum read-modify-write, and bandwidth-limited cycles, all in
// closed form so one evaluation takes microseconds.
#pragma once

#include <string>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"

namespace arraysim::mapper {

enum class EvalStatus { Ok, CapacityExceeded };

struct Evaluation {
  EvalStatus status = EvalStatus::Ok;
  std::string reason;
  std::size_t level = 0;  // the offending level when not Ok
  ActionCounts counts;

  bool ok() const { return status == EvalStatus::Ok; }
};

Evaluation evaluate(const arch::Architecture& arch, const arch::Layer& layer, const LoopNest& nest);

}  // namespace arraysim::mapper
