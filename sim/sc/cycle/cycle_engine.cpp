// Dynamic processes (sc_spawn) need this before the first SystemC header.
#define SC_INCLUDE_DYNAMIC_PROCESSES

#include "sim/sc/cycle/cycle_engine.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <tuple>

#include <systemc>

#include "arch/logging.hpp"
#include "mapper/network_traffic.hpp"
#include "sim/sc/cycle/keeper_agent.hpp"
#include "sim/sc/fresh_context.hpp"

namespace arraysim::sim::sc {

namespace {

// Spawns one method process per agent, each sensitive to its own wake event.
class CycleTop : public sc_core::sc_module {
 public:
  template <typename Agents, typename Agents2>
  CycleTop(const sc_core::sc_module_name& name, Agents& keepers, Agents2& pes, Arbiter& arbiter)
      : sc_core::sc_module(name) {
    for (auto& agent : keepers) spawn(*agent);
    for (auto& agent : pes) spawn(*agent);
    spawn(arbiter);
  }

 private:
  template <typename Agent>
  static void spawn(Agent& agent) {
    sc_core::sc_spawn_options options;
    options.spawn_method();
    options.set_sensitivity(&agent.wake());
    sc_core::sc_spawn([&agent] { agent.run(); }, nullptr, &options);
  }
};

std::uint64_t per_instance(std::uint64_t total, std::uint64_t instances, const char* what) {
  if (instances == 0 || total % instances != 0) {
    throw std::logic_error(std::string("cycle engine: ") + what +
                           " do not divide evenly among the instances");
  }
  return total / instances;
}

// Per-instance action counts from the tallies; the walk supplies the static fields.
mapper::ActionCounts collect_counts(const arch::Architecture& arch, const InstanceProgram& program,
                                    const CycleState& state, mapper::ActionCounts counts) {
  const std::size_t levels = arch.num_levels();
  mapper::EnteringWords entering{};
  for (std::size_t l = 0; l < levels; ++l) {
    for (DataSpace ds : arch::kAllDataSpaces) {
      const auto& tally = state.tally.levels[l][arch::index(ds)];
      auto& out = counts.levels[l].dataspaces[arch::index(ds)];
      const std::uint64_t n = program.instances[l];
      out.reads = per_instance(tally.reads, n, "reads");
      out.fills = per_instance(tally.fills, n, "fills");
      out.updates = per_instance(tally.updates, n, "updates");
      entering[arch::index(ds)][l] = per_instance(tally.entering, n, "entering words");
    }
  }
  for (DataSpace ds : arch::kAllDataSpaces) {
    entering[arch::index(ds)][levels] =
        per_instance(state.tally.levels[levels][arch::index(ds)].entering,
                     program.instances[levels], "operands");
  }
  // Outputs read-modify-write: every update reads the old value except a fresh word's first one.
  for (std::size_t k = 0; k < program.keepers.size(); ++k) {
    const KeeperProgram& p = program.keepers[k];
    if (p.ds != DataSpace::Outputs) continue;
    auto& out = counts.levels[p.level].dataspaces[arch::index(p.ds)];
    const std::uint64_t fresh =
        per_instance(state.tally.first_writes[k], program.instances[p.level], "first writes");
    out.reads = out.updates - std::min(out.updates, fresh);
  }
  for (std::size_t l = 0; l < levels; ++l) {
    Cycle busy = 0;
    for (const StoragePorts& ports : state.ports[l]) {
      busy = std::max({busy, ports.read.busy, ports.write.busy});
    }
    counts.levels[l].cycles = busy;
  }
  mapper::add_network_traffic(arch, entering, counts);
  for (auto& net : counts.networks) {
    for (DataSpace ds : arch::kAllDataSpaces) {
      const auto d = static_cast<std::size_t>(arch::index(ds));
      net.link_words[d] = state.tally.link_words[net.into][d];
      net.router_words[d] = state.tally.router_words[net.into][d];
      if (net.into < state.modules.fabrics.size()) {
        for (const auto& fabric : state.modules.fabrics[net.into]) {
          net.link_words[d] += fabric->stats().link_words[d];
          net.router_words[d] += fabric->stats().router_words[d];
        }
      }
    }
  }
  return counts;
}

// Transfers the run will make: every action that moves words, per group and parent instance (a
// refill per member).
std::uint64_t transfer_count(const InstanceProgram& program) {
  std::uint64_t total = 0;
  for (const KeeperProgram& p : program.keepers) {
    if (p.level == 0) continue;
    std::uint64_t moving = 0, refills = 0;
    for (const KeeperAction& a : p.actions) {
      moving += a.kind != KeeperAction::Kind::Fresh;
      refills += a.kind == KeeperAction::Kind::Refill;
    }
    const std::uint64_t parents = program.instances[p.parent];
    total += parents * (moving * p.grouping.groups.size() + refills * p.grouping.children);
  }
  return total;
}

// Each PE's (x, y) on the array: its positions on the fanning stages above, outer stages as the
// more significant digits.
std::vector<std::pair<std::int64_t, std::int64_t>> pe_positions(const arch::Architecture& arch,
                                                                const mapper::LoopNest& nest,
                                                                const TileWalk& walk,
                                                                std::size_t pe_level) {
  std::map<std::size_t, std::unique_ptr<arch::noc::StageTopology>> topologies;
  const ChildGrouping g =
      group_children(arch, flatten_nest(nest), walk.projection(), 0, pe_level, DataSpace::Weights,
                     [&](std::size_t stage) {
                       auto& slot = topologies[stage];
                       if (!slot) {
                         slot = std::make_unique<arch::noc::StageTopology>(
                             arch.network_into(stage), arch.fanout_x(stage), arch.fanout_y(stage));
                       }
                       return slot.get();
                     });
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& at : g.grid) {
    std::int64_t x = 0, y = 0;
    for (std::size_t j = 0; j < g.stages.size(); ++j) {
      x = x * arch.fanout_x(g.stages[j]) + at[j].first;
      y = y * arch.fanout_y(g.stages[j]) + at[j].second;
    }
    out.emplace_back(x, y);
  }
  return out;
}

}  // namespace

CycleResult simulate_cycle(const arch::Architecture& arch, const arch::Layer& layer,
                           const mapper::LoopNest& nest, const SimOptions& options) {
  log::sim().debug("cycle engine: layer {} on {}, {} MACs", layer.name, arch.name, layer.macs());
  TileWalk walk(arch, layer, nest);
  const InstanceProgram program = build_instance_program(arch, nest, walk);
  const std::uint64_t transfers = transfer_count(program);
  log::sim().debug("cycle engine: {} outer steps, {} transfers", program.outer_steps, transfers);
  if (options.check_transfers) options.check_transfers(transfers);

  CycleResult out;
  std::string stuck;
  {
    const FreshContext context;  // outlives the modules and processes below
    CycleState state(arch, program, options.unlimited);
    state.progress = options.progress;
    // The level-0 keepers hold whole tensors; their Outputs start fresh.
    for (std::size_t k = 0; k < program.keepers.size(); ++k) {
      const KeeperProgram& p = program.keepers[k];
      if (p.level == 0 && p.ds == DataSpace::Outputs) state.tally.first_writes[k] = p.tile_words;
    }
    std::vector<std::unique_ptr<KeeperAgent>> keepers;
    for (std::size_t k = 0; k < program.keepers.size(); ++k) {
      const KeeperProgram& p = program.keepers[k];
      if (p.level == 0) continue;
      for (std::uint64_t q = 0; q < program.instances[p.parent]; ++q) {
        for (std::size_t g = 0; g < p.grouping.groups.size(); ++g) {
          keepers.push_back(std::make_unique<KeeperAgent>(
              state, k, q, static_cast<std::uint32_t>(g), keepers.size()));
        }
      }
    }
    std::vector<std::unique_ptr<PeAgent>> pes;
    for (std::uint64_t pe = 0; pe < program.instances[state.pe_level]; ++pe) {
      pes.push_back(std::make_unique<PeAgent>(state, pe));
    }
    CycleTop top("cycle_top", keepers, pes, state.arbiter);
    std::unique_ptr<TraceSignals> trace;
    if (!options.vcd_base.empty()) {
      trace = std::make_unique<TraceSignals>(arch, program, state.pe_level, options.vcd_base);
      state.trace = trace.get();
    }
    log::sim().debug("cycle engine: {} PEs, {} keeper processes, {} outer steps", pes.size(),
                     keepers.size(), program.outer_steps);
    sc_core::sc_start();
    trace.reset();  // closes the VCD file

    for (const auto& pe : pes) {
      if (!pe->done() && stuck.empty()) stuck = pe->describe();
    }
    for (const auto& agent : keepers) {
      if (!agent->done() && stuck.empty()) stuck = agent->describe();
    }
    if (stuck.empty()) {
      Cycle compute_end = 0;
      const auto positions = pe_positions(arch, nest, walk, state.pe_level);
      for (std::size_t i = 0; i < pes.size(); ++i) {
        out.pes.push_back(pes[i]->stats());
        std::tie(out.pes.back().x, out.pes.back().y) = positions[i];
        compute_end = std::max(compute_end, pes[i]->stats().finish);
      }
      TimingResult& timing = out.sim.timing;
      timing.levels.resize(arch.num_levels());
      timing.compute_end = compute_end;
      timing.pipeline_cycles = state.pipeline;
      timing.cycles = std::max(compute_end + state.pipeline, state.last_writeback);
      for (const PeStats& pe : out.pes) {
        timing.stall_cycles = std::max(timing.stall_cycles, pe.stall);
        for (DataSpace ds : arch::kAllDataSpaces) {
          timing.levels[program.operands[arch::index(ds)].level].stall_waiting +=
              pe.stall_on[arch::index(ds)];
        }
      }
      for (LevelTiming& level : timing.levels) level.stall_waiting /= out.pes.size();
      out.sim.counts = collect_counts(arch, program, state, walk.counts());
      const CycleModules& modules = state.modules;
      for (std::size_t stage = 0; stage < modules.fabrics.size(); ++stage) {
        const std::size_t nets = modules.nets[stage];
        for (std::size_t i = 0; i < modules.fabrics[stage].size(); ++i) {
          out.fabrics.push_back(
              {stage, i / nets,
               nets == 1 ? std::string() : arch::dataspace_name(static_cast<DataSpace>(i % nets)),
               modules.fabrics[stage][i]->stats()});
        }
      }
      if (modules.dram) {
        out.dram = modules.dram->stats();
        out.dram_model = modules.dram->config().name;
      }
      out.sim.counts.cycles = timing.cycles;
      out.pe_cycles = timing.cycles * pes.size();
      out.pe_columns = arch.levels[state.pe_level].mesh_x;
    }
  }
  if (!stuck.empty()) throw std::logic_error("cycle engine deadlocked: " + stuck);
  out.sim.engine = "cycle";
  log::sim().debug("cycle engine: {} cycles", out.sim.counts.cycles);
  return out;
}

}  // namespace arraysim::sim::sc
