#include "sim/sc/cycle/cycle_state.hpp"

#include <cmath>
#include <limits>

#include "mapper/model.hpp"

namespace arraysim::sim::sc {

Cycle Port::cycles(std::uint64_t words) const { return mapper::bandwidth_cycles(words, bandwidth); }

CycleState::CycleState(const arch::Architecture& arch_in, const InstanceProgram& program_in,
                       bool unlimited_in)
    : arch(arch_in), program(program_in), unlimited(unlimited_in) {
  cycle = sc_core::sc_time(std::round(1e6 / arch.clock_mhz), sc_core::SC_PS);
  arbiter.set_cycle(cycle);
  const std::size_t levels = arch.num_levels();
  pe_level = levels - 1;
  pipeline = static_cast<Cycle>(arch.compute.pipeline_depth - 1);
  ports.resize(levels);
  finished.resize(levels);
  for (std::size_t l = 0; l < levels; ++l) {
    const arch::StorageLevel& level = arch.levels[l];
    StoragePorts p;
    p.shared = level.shared_bandwidth.has_value();
    if (!unlimited) {
      p.read.bandwidth = p.shared ? level.shared_bandwidth : level.read_bandwidth;
      p.write.bandwidth = level.write_bandwidth;
    }
    ports[l].assign(program.instances[l], p);
    banks.emplace_back(level, unlimited);
    const auto children = static_cast<std::uint32_t>(
        l == pe_level ? 1 : program.instances[l + 1] / program.instances[l]);
    finished[l].assign(program.instances[l], OrderedJoin(children));
  }
  // A MAC step reads each operand from (and updates the output in) its innermost keeper; those
  // ports set the step's length when slower than the initiation interval.
  step_cycles = static_cast<Cycle>(arch.compute.initiation_interval);
  for (DataSpace ds : arch::kAllDataSpaces) {
    const OperandProgram& op = program.operands[arch::index(ds)];
    if (unlimited) continue;
    const arch::StorageLevel& level = arch.levels[op.level];
    const std::uint64_t words = op.grouping.groups.size();
    step_cycles = std::max(step_cycles, mapper::bandwidth_cycles(words, level.read_bandwidth));
    if (ds == DataSpace::Outputs) {
      step_cycles = std::max(step_cycles, mapper::bandwidth_cycles(words, level.write_bandwidth));
    }
  }

  const std::size_t keepers = program.keepers.size();
  resident.resize(keepers);
  received.resize(keepers);
  child_outputs.assign(keepers, std::numeric_limits<std::size_t>::max());
  writeback_steps.resize(keepers);
  for (std::size_t k = 0; k < keepers; ++k) {
    const KeeperProgram& p = program.keepers[k];
    resident[k].resize(program.instances[p.level]);
    if (p.level == 0) resident[k].front().advance_to(1);  // the whole tensor, from the start
    for (const KeeperAction& a : p.actions) {
      if (a.kind == KeeperAction::Kind::Writeback) writeback_steps[k].push_back(a.step);
    }
    if (p.ds == DataSpace::Outputs && p.level > 0) child_outputs[p.parent_keeper] = k;
  }
  for (std::size_t k = 0; k < keepers; ++k) {
    if (child_outputs[k] == std::numeric_limits<std::size_t>::max()) continue;
    const auto groups =
        static_cast<std::uint32_t>(program.keepers[child_outputs[k]].grouping.groups.size());
    received[k].assign(program.instances[program.keepers[k].level], OrderedJoin(groups));
  }

  if (!unlimited) build_modules();
  tally.levels.resize(levels + 1);
  tally.first_writes.assign(keepers, 0);
  tally.link_words.resize(levels + 1);
  tally.router_words.resize(levels + 1);
}

NocFabric* CycleModules::fabric(std::size_t stage, std::uint64_t instance, DataSpace ds) const {
  if (stage >= fabrics.size() || fabrics[stage].empty()) return nullptr;
  const std::size_t net = nets[stage] == 1 ? 0 : static_cast<std::size_t>(arch::index(ds));
  return fabrics[stage][instance * nets[stage] + net].get();
}

Cycle CycleState::now_ceil() const {
  const std::uint64_t t = sc_core::sc_time_stamp().value();
  return static_cast<Cycle>((t + cycle.value() - 1) / cycle.value());
}

Cycle CycleState::now() const {
  return static_cast<Cycle>(sc_core::sc_time_stamp().value() / cycle.value());
}

sc_core::sc_time CycleState::delay(Cycle until) const {
  const Cycle at = now();
  return cycle * static_cast<double>(until > at ? until - at : 0);
}

void CycleState::build_modules() {
  const std::size_t levels = arch.num_levels();
  modules.fabrics.resize(levels);
  modules.nets.assign(levels, 1);
  for (std::size_t stage = 1; stage < levels; ++stage) {
    const std::int64_t fx = arch.fanout_x(stage);
    const std::int64_t fy = arch.fanout_y(stage);
    if (fx * fy <= 1) continue;
    const arch::NetworkSpec& net = arch.network_into(stage);
    const arch::StorageLevel& child = arch.levels[stage];
    const bool per_type = net.topology == arch::Topology::EyerissBus ||
                          net.topology == arch::Topology::HierarchicalMesh;
    modules.nets[stage] = per_type ? arch::kNumDataSpaces : 1;
    const std::optional<double> sink =
        child.shared_bandwidth ? child.shared_bandwidth : child.write_bandwidth;
    for (std::uint64_t i = 0; i < program.instances[stage - 1]; ++i) {
      for (std::size_t n = 0; n < modules.nets[stage]; ++n) {
        const std::string name =
            "noc_" + std::to_string(stage) + "_" + std::to_string(i) +
            (per_type ? std::string("_") + arch::dataspace_name(static_cast<DataSpace>(n))
                      : std::string());
        modules.fabrics[stage].push_back(std::make_unique<NocFabric>(
            name.c_str(), net, fx, fy, child.word_bits, cycle, sink.value_or(0.0)));
      }
    }
  }
  // A DRAM without a datasheet and without a read bandwidth is unlimited: no controller.
  const arch::StorageLevel& outer = arch.levels.front();
  if (outer.kind == arch::LevelKind::Dram &&
      (outer.dram || outer.read_bandwidth || outer.shared_bandwidth)) {
    modules.dram = std::make_unique<DramController>("dram", dram_config(outer, arch.clock_mhz));
    modules.dram_port = std::make_unique<DramPort>("dram_port", *modules.dram);
    modules.dram_link_limited = outer.dram.has_value();
  }
}

void CycleState::step_finished(std::uint64_t pe, std::uint64_t step) {
  const std::uint64_t macs = program.instances.back() / program.instances[pe_level];
  for (DataSpace ds : arch::kAllDataSpaces) {
    tally.levels.back()[arch::index(ds)].entering += program.inner_steps * macs;
  }
  std::uint64_t instance = pe;
  std::uint64_t from = finished[pe_level][pe].value();
  std::uint64_t advanced = finished[pe_level][pe].contribute(step);
  for (std::size_t l = pe_level + 1; l-- > 0 && advanced > 0;) {
    // The operands the MACs below this instance read (or update) in the steps it completed.
    for (DataSpace ds : arch::kAllDataSpaces) {
      const OperandProgram& op = program.operands[arch::index(ds)];
      if (op.level != l) continue;
      const std::uint64_t steps = advanced * program.inner_steps;
      auto& actions = tally.levels[l][arch::index(ds)];
      (ds == DataSpace::Outputs ? actions.updates : actions.reads) +=
          steps * op.grouping.groups.size();
      for (std::size_t j = 0; j < op.grouping.stages.size(); ++j) {
        for (const auto& cost : op.grouping.group_cost) {
          tally.link_words[op.grouping.stages[j]][arch::index(ds)] += steps * cost[j].links;
          tally.router_words[op.grouping.stages[j]][arch::index(ds)] += steps * cost[j].routers;
        }
      }
    }
    if (l == 0) break;
    const std::uint64_t parent = instance / (program.instances[l] / program.instances[l - 1]);
    std::uint64_t parent_advanced = 0;
    for (std::uint64_t item = from; item < from + advanced; ++item) {
      parent_advanced += finished[l - 1][parent].contribute(item);
    }
    from = finished[l - 1][parent].value() - parent_advanced;
    advanced = parent_advanced;
    instance = parent;
  }
}

}  // namespace arraysim::sim::sc
