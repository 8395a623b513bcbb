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

// Overflow: some count of the mapping (accesses over all instances, cycles, network words)
// exceeds 2^63 - 1; its counts are not reported.
enum class EvalStatus { Ok, CapacityExceeded, Overflow };

struct Evaluation {
  EvalStatus status = EvalStatus::Ok;
  std::size_t level = 0;        // the offending level when not Ok
  std::uint64_t occupied = 0;   // words its tiles need
  std::uint64_t available = 0;  // words it holds
  ActionCounts counts;

  bool ok() const { return status == EvalStatus::Ok; }
  std::string reason(const arch::Architecture& arch) const;
};

// ceil(words / bandwidth) cycles, in integers when the bandwidth is whole (0 without a bandwidth);
// a result beyond 2^63 - 1 saturates at 2^64 - 1 (never a wrapped or undefined conversion).
Cycle bandwidth_cycles(std::uint64_t words, const std::optional<double>& bandwidth);

Evaluation evaluate(const arch::Architecture& arch, const arch::Layer& layer, const LoopNest& nest);
// The same, reusing `result`'s storage: no allocation once it has been used for this architecture.
void evaluate_into(const arch::Architecture& arch, const arch::Layer& layer, const LoopNest& nest,
                   Evaluation& result);

}  // namespace arraysim::mapper
