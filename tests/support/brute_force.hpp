// Brute-force reference for the analytical model: literally runs a small loop nest, keeps the
// explicit words every level instance holds and counts fills, reads and updates by the rules of
// DESIGN section 3. Independent of mapper/model.cpp; slow by design, for small layers only.
#pragma once

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"

namespace arraysim::testing {

// Per storage level and kept data space: utilized capacity, reads, fills and updates per utilized
// instance; plus macs, utilized MACs and compute cycles. Networks are left empty and cycles equal
// the compute cycles (bandwidth is not modelled). Throws std::logic_error if the instances of a
// level disagree (they cannot under perfect factorization, so that would be a bug here).
mapper::ActionCounts brute_force_counts(const arch::Architecture& arch, const arch::Layer& layer,
                                        const mapper::LoopNest& nest);

}  // namespace arraysim::testing
