#include "mapper/lower_bound.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "mapper/model.hpp"
#include "mapper/precision.hpp"

// Why each term is admissible (never above what the model charges, DESIGN section 3). Action
// energies are non-negative (validation rejects negative values), so any access left out of the
// floor (psum reads and fills, non-compulsory traffic) only makes it lower. "Compulsory values" c
// of a data space: Weights G*M*C*R*S; Outputs N*G*M*P*Q; Inputs N*G*C times the distinct input
// rows {p*stride + r*dilation} times the distinct columns -- not the projection H'*W' (a stride
// above the window skips rows, so does a dilation above P).
//
// Packing. A level charges ceil(v * b / (B * w)) accesses for v values of b bits per instance and
// action kind (B = block_words, w = word_bits, b = w when the layer gives no bits; stats.cpp).
// Summed over instances and kinds that is at least v_total * b / (B * w), so the floor prices
// values at cost * b / (B * w): narrower values (b < w) are cheaper than a word, wider ones
// dearer. Charging whole words (the old bound) overestimated narrow values and pruned optima.
//
// Keeping levels. Every value some MAC uses lies in the tile of some instance of each level that
// keeps its data space and enters it at least once, so over all instances a keeping level l > 0
// fills at least c values (Weights, Inputs). Its reads serve its nearest keeping children: each
// child's entering values times the distinct tiles among the children (identical sets share a
// read by multicast; each distinct set is read whole), so over all instances at least the values
// the children use, at least c. Outputs: every output is updated by some MAC and enters a tile of
// every keeping level at least once, arriving as an update, so each keeping level (level 0
// included) receives at least c updates. Level 0 is never filled.
//
// Innermost keeping level l. Each MAC iteration reads each operand (and updates its output) at l;
// per instance l sees iterations * s accesses where s >= 1 counts the distinct operands among its
// `children` MACs (identical ones combine by multicast or reduction). Over the utilized instances
// that is MACs * s / children >= MACs / children, and children is at most the product of the
// fan-outs between l and the MACs (fanout_ok bounds every stage). These are the same accesses as
// the reads (updates) above, so the larger of c and MACs / children counts, not both.
//
// Networks. A stage s (as add_network_traffic lists them: the instances grow, or a network is
// declared) carries, per data space, the traffic between the nearest keeping levels around it:
// the parent's reads (Weights, Inputs) or updates plus refills (Outputs), or, when the network
// charges per delivery, the values entering the child instances. Both are at least c, and when the
// child is the MACs at least MACs / children of the parent (transfers) or MACs (deliveries).
// They are priced per value at the stage's per-word energy (stats.cpp); were that pricing to
// change, this term must follow it (the property test in tests/unit/mapper compares them).
//
// Cycles. Compute cycles are MACs / (utilized MACs); the utilized MACs are the product of the
// spatial factors, at most the partial mapping's product times the largest spatial product each
// unassigned dimension has in its factorization list, and at most the MAC instances. Level 0 needs
// at least ceil(words / bandwidth) cycles for its compulsory reads and updates (the model's own
// rounding, which is monotone in the words). Total cycles are the maximum over compute and levels.
//
// Partial sums. Outputs accesses carry partial sums at the psum precision except the final
// writes at level 0 (Outputs precision; precision.hpp), so Outputs values are priced at the
// narrower of the two at every level.
//
// Leakage is charged per leaking instance (stats.cpp: the utilized ones, at least one per level)
// for every cycle: at least one instance per level times the cycle bound, and utilized MACs times
// cycles >= MACs for the MACs. EDP = energy * cycles with both factors bounded below by
// non-negative bounds. Delay is the cycle bound itself.

namespace arraysim::mapper {

namespace {

constexpr std::uint64_t kMaxWords = std::numeric_limits<std::uint64_t>::max();

std::uint64_t add_saturated(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? kMaxWords : sum;
}

std::uint64_t mul_saturated(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? kMaxWords : product;
}

// Energy of one value of data space `bits` at a level, at `cost` per access of a block.
double per_value_pj(const arch::StorageLevel& level, int bits, double cost) {
  const double value_bits = bits == 0 ? static_cast<double>(level.word_bits) : bits;
  const double block_bits =
      static_cast<double>(level.block_words) * static_cast<double>(level.word_bits);
  return cost * value_bits / block_bits;
}

}  // namespace

std::uint64_t used_input_extent(std::int64_t p, std::int64_t r, std::int64_t stride,
                                std::int64_t dilation) {
  if (p <= 0 || r <= 0) return 0;
  // With g = gcd(stride, dilation), s = stride/g and d = dilation/g are coprime, so
  // p1*s + r1*d = p2*s + r2*d exactly when (p2, r2) = (p1 + k*d, r1 - k*s). Count one
  // representative per value: the pair with the least r, i.e. r < s or p + d >= P.
  const std::int64_t g = std::gcd(stride, dilation);
  const std::int64_t s = stride / g;
  const std::int64_t d = dilation / g;
  const auto u = [](std::int64_t v) { return static_cast<std::uint64_t>(v); };
  const std::uint64_t low = mul_saturated(u(p), u(std::min(r, s)));
  const std::uint64_t high = r > s ? mul_saturated(u(r - s), u(std::min(p, d))) : 0;
  return add_saturated(low, high);
}

LowerBound::LowerBound(const Mapspace& space, const energy::ResolvedEnergy& energy,
                       const Objective& objective)
    : space_(&space), energy_(&energy), objective_(&objective) {
  const arch::Architecture& arch = space.arch();
  const arch::Layer& layer = space.layer();
  for (Dim dim : arch::kAllDims) {
    max_spatial_[arch::index(dim)] = space.factorizations(dim).max_spatial_product();
  }
  const std::size_t n = arch.num_levels();
  max_children_.assign(n, 1.0);
  for (std::size_t l = n; l-- > 0;) {
    const double below = l + 1 < n ? max_children_[l + 1] : 1.0;
    max_children_[l] = below * static_cast<double>(arch.fanout_x(l + 1)) *
                       static_cast<double>(arch.fanout_y(l + 1));
  }
  auto dim = [&layer](Dim d) { return static_cast<double>(layer.dim(d)); };
  compulsory_[arch::index(DataSpace::Weights)] =
      dim(Dim::G) * dim(Dim::M) * dim(Dim::C) * dim(Dim::R) * dim(Dim::S);
  compulsory_[arch::index(DataSpace::Outputs)] =
      dim(Dim::N) * dim(Dim::G) * dim(Dim::M) * dim(Dim::P) * dim(Dim::Q);
  compulsory_[arch::index(DataSpace::Inputs)] =
      dim(Dim::N) * dim(Dim::G) * dim(Dim::C) *
      static_cast<double>(used_input_extent(layer.dim(Dim::P), layer.dim(Dim::R), layer.stride[0],
                                            layer.dilation[0])) *
      static_cast<double>(used_input_extent(layer.dim(Dim::Q), layer.dim(Dim::S), layer.stride[1],
                                            layer.dilation[1]));
  // Level 0's compulsory reads (Weights, Inputs) and updates (Outputs), in values.
  const auto words = [](double v) {
    return v >= 1.8e19 ? kMaxWords : static_cast<std::uint64_t>(v);
  };
  const std::uint64_t reads = words(compulsory_[arch::index(DataSpace::Weights)] +
                                    compulsory_[arch::index(DataSpace::Inputs)]);
  const std::uint64_t writes = words(compulsory_[arch::index(DataSpace::Outputs)]);
  const arch::StorageLevel& outer = arch.levels[0];
  bandwidth_cycles_ = static_cast<double>(
      std::max({bandwidth_cycles(reads, outer.read_bandwidth),
                bandwidth_cycles(writes, outer.write_bandwidth),
                bandwidth_cycles(add_saturated(reads, writes), outer.shared_bandwidth)}));
  mac_leak_pj_ = energy.mac.leak_pj_per_cycle * static_cast<double>(layer.macs());
  for (std::size_t l = 0; l < n; ++l) leak_pj_per_cycle_ += energy.levels[l].leak_pj_per_cycle;
}

double LowerBound::energy_floor(const std::vector<DataSpaceMask>& keep) const {
  const arch::Architecture& arch = space_->arch();
  const arch::Layer& layer = space_->layer();
  const std::size_t n = arch.num_levels();
  const double macs = static_cast<double>(layer.macs());
  double floor = macs * energy_->mac.read_pj;
  for (DataSpace ds : arch::kAllDataSpaces) {
    const int d = arch::index(ds);
    const bool outputs = ds == DataSpace::Outputs;
    const double c = compulsory_[d];
    std::size_t innermost = 0;
    for (std::size_t l = 0; l < keep.size(); ++l) {
      if (arch::contains(keep[l], ds)) innermost = l;
    }
    // Accesses toward the children (reads, or updates for Outputs) of a keeping level.
    const auto served = [&](std::size_t l) {
      return l == innermost ? std::max(c, macs / max_children_[l]) : c;
    };
    for (std::size_t l = 0; l < n; ++l) {
      if (l > 0 && !arch::contains(keep[l], ds)) continue;
      const arch::StorageLevel& level = arch.levels[l];
      const energy::ActionEnergy& action = energy_->levels[l];
      const int bits = value_bits(level, ds);
      if (outputs) {
        floor += served(l) * per_value_pj(level, bits, action.write_pj);
      } else {
        floor += served(l) * per_value_pj(level, bits, action.read_pj);
        if (l > 0) floor += c * per_value_pj(level, bits, action.write_pj);
      }
    }
    for (std::size_t stage = 1; stage <= n; ++stage) {
      const bool listed = arch.instances_of(stage) > arch.instances_of(stage - 1) ||
                          arch.network_into(stage).declared;
      if (!listed) continue;
      std::size_t parent = stage - 1;
      while (parent > 0 && !arch::contains(keep[parent], ds)) --parent;
      std::size_t child = stage;
      while (child < n && !arch::contains(keep[child], ds)) ++child;
      double words = c;
      if (child == n) words = arch.network_into(stage).energy_per_delivery ? macs : served(parent);
      floor += words * energy_->networks[stage].read_pj;
    }
  }
  return floor;
}

double LowerBound::cycles_floor(double reachable_macs) const {
  const double instances = static_cast<double>(space_->arch().compute.instances);
  const auto reachable =
      static_cast<std::uint64_t>(std::max(1.0, std::min(reachable_macs, instances)));
  const std::uint64_t macs = space_->layer().macs();
  const std::uint64_t compute = macs / reachable + (macs % reachable != 0 ? 1 : 0);
  return std::max(static_cast<double>(compute), bandwidth_cycles_);
}

double LowerBound::metric(double energy_floor, double cycles) const {
  const double energy = energy_floor + mac_leak_pj_ + leak_pj_per_cycle_ * cycles;
  switch (objective_->metrics.front()) {
    case Metric::Energy:
      return energy;
    case Metric::Delay:
      return cycles;
    case Metric::Edp:
      return energy * cycles;
  }
  return 0.0;
}

double LowerBound::first_metric(const PartialMapping& partial, double energy_floor,
                                std::size_t assigned) const {
  double reachable = static_cast<double>(partial.utilized_macs());
  for (std::size_t i = assigned; i < arch::kNumDims; ++i) {
    reachable *= static_cast<double>(max_spatial_[arch::index(space_->dim_order()[i])]);
  }
  return metric(energy_floor, cycles_floor(reachable));
}

int LowerBound::value_bits(const arch::StorageLevel& level, DataSpace ds) const {
  const int bits = space_->layer().bits[arch::index(ds)];
  if (ds != DataSpace::Outputs) return bits;
  const auto word = static_cast<int>(level.word_bits);
  const int psums = psum_bits(space_->arch(), space_->layer());
  return std::min(bits == 0 ? word : bits, psums == 0 ? word : psums);
}

double LowerBound::compulsory_floor() const {
  const arch::Architecture& arch = space_->arch();
  double floor = static_cast<double>(space_->layer().macs()) * energy_->mac.read_pj;
  for (DataSpace ds : arch::kAllDataSpaces) {
    const energy::ActionEnergy& action = energy_->levels[0];
    const double cost = ds == DataSpace::Outputs ? action.write_pj : action.read_pj;
    floor += compulsory_[arch::index(ds)] *
             per_value_pj(arch.levels[0], value_bits(arch.levels[0], ds), cost);
  }
  return floor;
}

double LowerBound::global() const {
  if (space_->num_keep_choices() == 0) return 0.0;
  // Few keep choices: the least floor over them; many: level 0's compulsory traffic alone, which
  // every keep choice spends.
  constexpr std::uint64_t kMaxKeepChoices = 1U << 16U;
  double floor = std::numeric_limits<double>::infinity();
  if (space_->num_keep_choices() > kMaxKeepChoices) {
    floor = compulsory_floor();
  } else {
    std::vector<DataSpaceMask> keep;
    for (std::uint64_t i = 0; i < space_->num_keep_choices(); ++i) {
      space_->keep_choice(i, keep);
      floor = std::min(floor, energy_floor(keep));
    }
  }
  double reachable = 1.0;
  for (Dim dim : arch::kAllDims) reachable *= static_cast<double>(max_spatial_[arch::index(dim)]);
  return metric(floor, cycles_floor(reachable));
}

}  // namespace arraysim::mapper
