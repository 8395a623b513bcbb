#include "sim/cli/cycle_report.hpp"

#include <algorithm>
#include <cstdint>

namespace arraysim::cli {

namespace {

// Per PE: position on the array, busy, stall and finish cycles.
arch::Json pe_json(const sim::sc::CycleResult& cycle) {
  arch::Json pes = arch::Json::array();
  const sim::Cycle cycles = cycle.sim.counts.cycles;
  for (const sim::sc::PeStats& pe : cycle.pes) {
    pes.push_back(
        {{"x", pe.x},
         {"y", pe.y},
         {"busy_cycles", pe.busy},
         {"stall_cycles", pe.stall},
         {"finish_cycle", pe.finish},
         {"utilization",
          cycles == 0 ? 0.0 : static_cast<double>(pe.busy) / static_cast<double>(cycles)}});
  }
  return pes;
}

arch::Json stall_causes(const sim::DramStallCycles& s) {
  return {{"row_miss", s.row_miss}, {"act_window", s.act_window},
          {"refresh", s.refresh},   {"turnaround", s.turnaround},
          {"bus", s.bus},           {"queue", s.queue}};
}

// Per fabric: every link's busy and contention cycles each way, every node's credit stalls.
arch::Json noc_json(const arch::Architecture& arch, const sim::sc::CycleResult& cycle) {
  arch::Json out = arch::Json::array();
  for (const sim::sc::FabricReport& f : cycle.fabrics) {
    arch::Json links = arch::Json::array();
    for (std::size_t l = 0; l < f.stats.down_links.size(); ++l) {
      const auto& down = f.stats.down_links[l];
      const auto& up = f.stats.up_links[l];
      links.push_back({{"link", l},
                       {"busy_cycles_down", down.busy_cycles},
                       {"contention_cycles_down", down.contention_cycles},
                       {"busy_cycles_up", up.busy_cycles},
                       {"contention_cycles_up", up.contention_cycles}});
    }
    arch::Json entry = {{"into", arch.levels[f.stage].name},
                        {"instance", f.instance},
                        {"network", f.network},
                        {"links", links},
                        {"credit_stall_cycles", f.stats.credit_stall_cycles}};
    if (!f.stats.forward_links.empty()) {
      // Per child below row 0: its neighbour link up to the child above (psum forwarding).
      arch::Json forward = arch::Json::array();
      for (const auto& link : f.stats.forward_links) {
        forward.push_back(
            {{"busy_cycles", link.busy_cycles}, {"contention_cycles", link.contention_cycles}});
      }
      entry["forward_links"] = forward;
    }
    out.push_back(entry);
  }
  return out;
}

// Energy of the DRAM commands issued, per kind, from the table's entry for the device.
struct CommandEnergy {
  double activate = 0.0, precharge = 0.0, read = 0.0, write = 0.0, refresh = 0.0;
  double total() const { return activate + precharge + read + write + refresh; }
};

CommandEnergy command_energy(const energy::TableEntry& e, const sim::DramStats& d) {
  auto times = [](std::uint64_t n, double pj) { return static_cast<double>(n) * pj; };
  return {times(d.activates, e.command_pj.activate), times(d.precharges, e.command_pj.precharge),
          times(d.reads, e.command_pj.read), times(d.writes, e.command_pj.write),
          times(d.refreshes, e.command_pj.refresh)};
}

arch::Json command_energy_json(const sim::sc::CycleResult& cycle,
                               const energy::ResolvedEnergy& energy) {
  const energy::TableEntry* entry = energy::dram_command_energy(energy, cycle.dram_model);
  if (entry == nullptr) {
    return {{"device", cycle.dram_model},
            {"priced", false},
            {"note", "the energy table has no dram_commands entry for this device"}};
  }
  const CommandEnergy e = command_energy(*entry, *cycle.dram);
  return {{"device", cycle.dram_model},
          {"priced", true},
          {"entry", entry->name},
          {"source", entry->source},
          {"activate_pj", e.activate},
          {"precharge_pj", e.precharge},
          {"read_pj", e.read},
          {"write_pj", e.write},
          {"refresh_pj", e.refresh},
          {"total_pj", e.total()},
          {"note", "per command of one rank; standby and I/O energy not included"}};
}

arch::Json dram_json(const sim::sc::CycleResult& cycle, const energy::ResolvedEnergy& energy) {
  const sim::DramStats& d = *cycle.dram;
  arch::Json banks = arch::Json::array();
  for (const auto& bank : d.bank_stalls) banks.push_back(stall_causes(bank));
  return {{"model", cycle.dram_model},
          {"activates", d.activates},
          {"precharges", d.precharges},
          {"reads", d.reads},
          {"writes", d.writes},
          {"refreshes", d.refreshes},
          {"row_hits", d.row_hits},
          {"row_misses", d.row_misses},
          {"row_conflicts", d.row_conflicts},
          {"stall_cycles", stall_causes(d.total_stalls())},
          {"bank_stall_dram_clocks", banks},
          {"command_energy", command_energy_json(cycle, energy)}};
}

}  // namespace

void add_cycle_json(const arch::Architecture& arch, const sim::sc::CycleResult& cycle,
                    const energy::ResolvedEnergy& energy, arch::Json& json) {
  json["pes"] = pe_json(cycle);
  json["noc"] = noc_json(arch, cycle);
  if (cycle.dram) json["dram"] = dram_json(cycle, energy);
}

void print_cycle_summary(const arch::Architecture& arch, const sim::sc::CycleResult& cycle,
                         const energy::ResolvedEnergy& energy, double dram_word_pj) {
  sim::Cycle first = UINT64_MAX, last = 0, stall_max = 0, stall_sum = 0;
  for (const sim::sc::PeStats& pe : cycle.pes) {
    first = std::min(first, pe.finish);
    last = std::max(last, pe.finish);
    stall_max = std::max(stall_max, pe.stall);
    stall_sum += pe.stall;
  }
  const std::size_t n = cycle.pes.size();
  std::printf(
      "PEs: %zu active; finished between cycle %llu and %llu; waited for operand tiles %.0f "
      "cycles on average, %llu at most\n",
      n, static_cast<unsigned long long>(first), static_cast<unsigned long long>(last),
      n == 0 ? 0.0 : static_cast<double>(stall_sum) / static_cast<double>(n),
      static_cast<unsigned long long>(stall_max));
  for (const sim::sc::FabricReport& f : cycle.fabrics) {
    sim::Cycle busiest = 0, contention = 0, credits = 0;
    for (std::size_t l = 0; l < f.stats.down_links.size(); ++l) {
      busiest =
          std::max({busiest, f.stats.down_links[l].busy_cycles, f.stats.up_links[l].busy_cycles});
      contention += f.stats.down_links[l].contention_cycles + f.stats.up_links[l].contention_cycles;
    }
    for (const auto& link : f.stats.forward_links) {
      busiest = std::max(busiest, link.busy_cycles);
      contention += link.contention_cycles;
    }
    for (sim::Cycle c : f.stats.credit_stall_cycles) credits += c;
    std::printf(
        "NoC into %s (instance %llu%s%s): busiest link %llu cycles, contention %llu, "
        "credit stalls %llu\n",
        arch.levels[f.stage].name.c_str(), static_cast<unsigned long long>(f.instance),
        f.network.empty() ? "" : ", ", f.network.c_str(), static_cast<unsigned long long>(busiest),
        static_cast<unsigned long long>(contention), static_cast<unsigned long long>(credits));
  }
  if (cycle.dram) {
    const sim::DramStats& d = *cycle.dram;
    const auto stalls = d.total_stalls();
    std::printf(
        "DRAM (%s): %llu reads, %llu writes, %llu activates, %llu refreshes; row hits %llu, "
        "misses %llu, conflicts %llu; command waits: row %llu, tRRD/tFAW %llu, refresh "
        "%llu, turnaround %llu, bus %llu, queue %llu DRAM clocks\n",
        cycle.dram_model.c_str(), static_cast<unsigned long long>(d.reads),
        static_cast<unsigned long long>(d.writes), static_cast<unsigned long long>(d.activates),
        static_cast<unsigned long long>(d.refreshes), static_cast<unsigned long long>(d.row_hits),
        static_cast<unsigned long long>(d.row_misses),
        static_cast<unsigned long long>(d.row_conflicts),
        static_cast<unsigned long long>(stalls.row_miss),
        static_cast<unsigned long long>(stalls.act_window),
        static_cast<unsigned long long>(stalls.refresh),
        static_cast<unsigned long long>(stalls.turnaround),
        static_cast<unsigned long long>(stalls.bus), static_cast<unsigned long long>(stalls.queue));
    if (const energy::TableEntry* entry = energy::dram_command_energy(energy, cycle.dram_model)) {
      const CommandEnergy e = command_energy(*entry, d);
      std::printf(
          "DRAM command energy (%s, table entry \"%s\"): %.4g pJ = ACT %.4g + PRE %.4g + RD "
          "%.4g + WR %.4g + REF %.4g (standby and I/O not included); the report prices DRAM "
          "per word: %.4g pJ\n",
          cycle.dram_model.c_str(), entry->name.c_str(), e.total(), e.activate, e.precharge, e.read,
          e.write, e.refresh, dram_word_pj);
    } else {
      std::printf(
          "DRAM command energy: not priced (the energy table has no dram_commands entry "
          "for %s)\n",
          cycle.dram_model.c_str());
    }
  }
  std::printf("%-16s %12s %16s\n", "level", "busy cycles", "PE wait (mean)");
  for (std::size_t l = 0; l < cycle.sim.timing.levels.size(); ++l) {
    std::printf("%-16s %12llu %16llu\n", arch.levels[l].name.c_str(),
                static_cast<unsigned long long>(cycle.sim.counts.levels[l].cycles),
                static_cast<unsigned long long>(cycle.sim.timing.levels[l].stall_waiting));
  }
}

}  // namespace arraysim::cli
