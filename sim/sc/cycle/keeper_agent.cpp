#include "sim/sc/cycle/keeper_agent.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace arraysim::sim::sc {

namespace {
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
}  // namespace

KeeperAgent::KeeperAgent(CycleState& state, std::size_t keeper, std::uint64_t parent,
                         std::uint32_t group, std::uint64_t priority)
    : state_(&state),
      program_(&state.program.keepers[keeper]),
      keeper_(keeper),
      parent_(parent),
      group_(group),
      priority_(priority) {
  const std::uint64_t children = program_->grouping.children;
  for (std::uint32_t r : program_->grouping.groups[group]) {
    members_.push_back(parent * children + r);
    if (program_->grouping.refill_entry[r]) ++refill_members_;
  }
  find_fabric();
}

void KeeperAgent::run() {
  const auto& actions = program_->actions;
  const Cycle now = state_->now();
  // Completions in order; then the next ready action asks the arbiter for its turn.
  while (!flights_.empty()) {
    const Flight& front = flights_.front();
    if (!front.launched || front.pending > 0 || now < front.arrives) break;
    complete(actions[front.action], front);
    flights_.pop_front();
    ++completed_;
  }
  issue_ready();
  rearm();
}

void KeeperAgent::issue_ready() {
  const auto& actions = program_->actions;
  while (!issue_requested_ && next_ < actions.size() && ready(actions[next_])) {
    if (actions[next_].kind == KeeperAction::Kind::Fresh) {
      complete(actions[next_++], Flight{});
      ++completed_;
      continue;
    }
    issue_requested_ = true;
    state_->arbiter.request(state_->now(), priority_, [this] { grant_issue(); });
  }
}

void KeeperAgent::grant_issue() {
  // Its conditions still hold: counters only grow, and only this process changes its flights.
  issue_requested_ = false;
  const KeeperAction& action = program_->actions[next_];
  flights_.push_back(Flight{});
  Flight* flight = &flights_.back();
  flight->action = next_++;
  issue(action, *flight);
  state_->arbiter.request(flight->launch_at, priority_, [this, flight] {
    launch(program_->actions[flight->action], *flight);
    rearm();
  });
  issue_ready();
}

void KeeperAgent::rearm() {
  if (flights_.empty()) return;
  const Flight& front = flights_.front();
  if (front.launched && front.pending == 0) wake_.notify(state_->delay(front.arrives));
}

void KeeperAgent::part_done(Flight& flight) {
  if (--flight.pending > 0) return;
  flight.arrives = std::max(flight.arrives, state_->now_ceil());
  wake_.notify(state_->delay(flight.arrives));
}

// The fabric of the one fanning stage its transfers cross (if any), and the members' positions on
// that stage's grid.
void KeeperAgent::find_fabric() {
  const ChildGrouping& g = program_->grouping;
  const std::size_t stage = g.fanning_stage;
  if (stage == 0) return;
  const std::uint64_t above = state_->ancestor(program_->level, members_.front(), stage - 1);
  fabric_ = state_->modules.fabric(stage, above, program_->ds);
  if (!fabric_) return;
  const auto j = static_cast<std::size_t>(std::find(g.stages.begin(), g.stages.end(), stage) -
                                          g.stages.begin());
  const auto fx = static_cast<std::size_t>(state_->arch.fanout_x(stage));
  for (std::uint64_t c : members_) {
    const auto& at = g.grid[c % g.children][j];
    endpoints_.push_back(static_cast<std::size_t>(at.second) * fx +
                         static_cast<std::size_t>(at.first));
    if (g.refill_entry[c % g.children]) refill_endpoints_.push_back(endpoints_.back());
  }
}

// A DRAM read or write of the tile's words, one access per contiguous run of its box.
void KeeperAgent::dram_access(const KeeperAction& action, bool write,
                              const std::function<void()>& then) {
  const std::uint64_t first = action.address + program_->address_offset[members_.front()];
  const auto runs =
      box_runs(first, program_->extents, state_->program.tensor_extents[arch::index(program_->ds)],
               action.words);
  const auto bytes = static_cast<std::uint64_t>((state_->arch.levels.front().word_bits + 7) / 8);
  if (runs.empty()) {
    then();
    return;
  }
  auto left = std::make_shared<std::size_t>(runs.size());
  for (const auto& [word, words] : runs) {
    state_->modules.dram_port->access(write, word * bytes, words * bytes, [left, then] {
      if (--*left == 0) then();
    });
  }
}

void KeeperAgent::launch(const KeeperAction& action, Flight& flight) {
  flight.launched = true;
  if (!flight.via_fabric && !flight.via_dram) return;
  Flight* f = &flight;
  const bool up = action.kind == KeeperAction::Kind::Writeback;
  const auto ds = program_->ds;
  const arch::StorageLevel& parent = state_->arch.levels[program_->parent];
  const auto rate = [](const std::optional<double>& bandwidth) { return bandwidth.value_or(0.0); };
  NocFabric* noc = flight.via_fabric ? fabric_ : nullptr;
  ++flight.pending;
  if (up) {
    // Up the reduction tree, then into DRAM.
    auto to_dram = [this, action, f] {
      if (f->via_dram) {
        dram_access(action, true, [this, f] { part_done(*f); });
      } else {
        part_done(*f);
      }
    };
    if (noc) {
      const bool reduce = program_->grouping.shared;
      noc->send_up(action.words, ds, endpoints_, reduce,
                   rate(parent.shared_bandwidth ? parent.shared_bandwidth : parent.write_bandwidth),
                   to_dram);
    } else {
      to_dram();
    }
    return;
  }
  // From DRAM (if it is the parent), then down the multicast tree (a refill: to each member).
  const double source =
      rate(parent.shared_bandwidth ? parent.shared_bandwidth : parent.read_bandwidth);
  auto down = [this, noc, action, ds, source, f] {
    if (!noc) {
      part_done(*f);
      return;
    }
    if (action.kind == KeeperAction::Kind::Refill) {
      // Members a refill does not enter (psum forwarding) restart from zero locally.
      f->pending += static_cast<std::uint32_t>(refill_endpoints_.size());
      for (std::size_t e : refill_endpoints_) {
        noc->send_down(action.words, ds, {e}, source, [this, f](std::size_t) { part_done(*f); });
      }
    } else {
      f->pending += static_cast<std::uint32_t>(endpoints_.size());
      noc->send_down(action.words, ds, endpoints_, source,
                     [this, f](std::size_t) { part_done(*f); });
    }
    part_done(*f);
  };
  if (flight.via_dram) {
    dram_access(action, false, down);
  } else {
    down();
  }
}

bool KeeperAgent::ready(const KeeperAction& action) {
  const KeeperProgram& parent = state_->program.keepers[program_->parent_keeper];
  const bool writeback = action.kind == KeeperAction::Kind::Writeback;
  if (parent.level > 0) {
    // The parent's tile covering the step: the one the data comes from, or goes back to.
    const std::uint64_t step = writeback ? action.step - 1 : action.step;
    parent_tile_ = tile_at(parent, step, parent_cursor_);
    const std::uint64_t needed = parent_tile_ + 1;
    WatchedCounter& resident = state_->resident[program_->parent_keeper][parent_];
    if (resident.value() < needed) return wait(resident, needed);
  }
  // An output tile starts (fresh or refilled) once every earlier transfer has arrived: its buffer
  // has been written back, and a refill reads what earlier write-backs stored.
  if ((action.kind == KeeperAction::Kind::Fresh || action.kind == KeeperAction::Kind::Refill) &&
      !flights_.empty()) {
    return false;  // woken by the completion
  }
  const std::size_t level = program_->level;
  std::uint64_t steps_done = 0;  // steps every member's PEs must have finished
  if (writeback) {
    steps_done = action.step;
  } else if (action.kind == KeeperAction::Kind::Fill) {
    // The buffer this tile reuses is free once the steps of the tile it held are done; a fill
    // that fits in a single buffer's spare words may overlap the previous tile's steps.
    const std::uint32_t buffers =
        program_->buffers == 1 && action.words <= program_->spare_words ? 2 : program_->buffers;
    if (action.tile >= buffers) steps_done = program_->tile_starts[action.tile - buffers + 1];
  }
  for (std::uint64_t c : members_) {
    OrderedJoin& finished = state_->finished[level][c];
    if (finished.value() < steps_done) return wait(finished.count(), steps_done);
  }
  const std::size_t below = state_->child_outputs[keeper_];
  if (writeback && below != kNone) {
    // Every write-back from the level below into this tile has arrived.
    const auto& steps = state_->writeback_steps[below];
    const auto needed = static_cast<std::uint64_t>(
        std::upper_bound(steps.begin(), steps.end(), action.step) - steps.begin());
    for (std::uint64_t c : members_) {
      OrderedJoin& received = state_->received[keeper_][c];
      if (received.value() < needed) return wait(received.count(), needed);
    }
  }
  return true;
}

bool KeeperAgent::wait(WatchedCounter& counter, std::uint64_t threshold) {
  // Woken again while waiting (an arrival), it keeps its one registration.
  if (waiting_on_ != &counter || waiting_for_ != threshold || counter.value() >= threshold) {
    counter.wait_for(threshold, wake_);
    waiting_on_ = &counter;
    waiting_for_ = threshold;
  }
  return false;
}

void KeeperAgent::issue(const KeeperAction& action, Flight& flight) {
  const Cycle now = state_->now();
  flight.via_fabric = fabric_ != nullptr;
  flight.via_dram = program_->parent == 0 && state_->modules.dram_port != nullptr;
  const std::size_t level = program_->level;
  const std::size_t parent_level = program_->parent;
  StoragePorts& parent = state_->ports[parent_level][parent_];
  const bool up = action.kind == KeeperAction::Kind::Writeback;
  // Parent side: one multicast read or one reduced update; a refill reads the words of each
  // member it enters.
  Port& parent_port = up ? parent.writer() : parent.reader();
  const std::uint64_t parent_words =
      action.kind == KeeperAction::Kind::Refill ? action.words * refill_members_ : action.words;
  const Cycle parent_cycles =
      std::max(parent_port.cycles(parent_words), bank_cycles(action, parent_words));
  Cycle start = std::max(now, parent_port.free);
  // The run's last psums reach the buffer the MACs update once the MAC pipeline has drained.
  const bool last = up && action.step == state_->program.outer_steps &&
                    state_->program.operands[arch::index(DataSpace::Outputs)].keeper == keeper_;
  if (last) start = std::max(start, now + state_->pipeline);
  // Through a NoC fabric, the children's write (or read) ports are its sinks (or sources).
  Cycle child_cycles = 0;
  if (!flight.via_fabric) {
    for (std::uint64_t c : members_) {
      StoragePorts& child = state_->ports[level][c];
      Port& port = up ? child.reader() : child.writer();
      start = std::max(start, port.free);
      child_cycles = std::max(child_cycles, port.cycles(action.words));
    }
    for (std::uint64_t c : members_) {
      StoragePorts& child = state_->ports[level][c];
      Port& port = up ? child.reader() : child.writer();
      port.free = start + child_cycles;
      port.busy += child_cycles;
    }
  }
  parent_port.free = start + parent_cycles;
  parent_port.busy += parent_cycles;
  // A DRAM controller times its own accesses (its CAS latency replaces latency_cycles).
  const Cycle latency = state_->unlimited || flight.via_dram
                            ? 0
                            : static_cast<Cycle>(state_->arch.levels[parent_level].latency_cycles);
  flight.arrives = start + std::max(parent_cycles, child_cycles) + latency;
  flight.launch_at = start;
}

// The parent's busiest bank: the child's tile is a box of the parent's tile, found from the two
// tiles' first addresses in the tensor.
Cycle KeeperAgent::bank_cycles(const KeeperAction& action, std::uint64_t words) {
  SramBanks& banks = state_->banks[program_->parent];
  if (!banks.banked() || program_->parent == 0) return 0;
  const KeeperProgram& parent = state_->program.keepers[program_->parent_keeper];
  const std::uint64_t child = action.address + program_->address_offset[members_.front()];
  const std::uint64_t tile = parent.tile_address[parent_tile_] + parent.address_offset[parent_];
  if (child < tile) throw std::logic_error("cycle engine: a tile outside its parent's");
  const Origin box =
      origin_of(child - tile, state_->program.tensor_extents[arch::index(program_->ds)]);
  return banks.busiest_bank_blocks(parent.extents, box, program_->extents, words);
}

void KeeperAgent::complete(const KeeperAction& action, const Flight& flight) {
  Tally& tally = state_->tally;
  const auto ds = static_cast<std::size_t>(arch::index(program_->ds));
  const ChildGrouping& grouping = program_->grouping;
  auto& here = tally.levels[program_->level][ds];
  auto& up = tally.levels[program_->parent][ds];
  // Links of a stage crossed through a NoC fabric are counted by the fabric.
  auto add_links = [&](const std::vector<arch::noc::TreeCost>& cost) {
    for (std::size_t j = 0; j < grouping.stages.size(); ++j) {
      if (flight.via_fabric && grouping.stages[j] == grouping.fanning_stage) continue;
      tally.link_words[grouping.stages[j]][ds] += action.words * cost[j].links;
      tally.router_words[grouping.stages[j]][ds] += action.words * cost[j].routers;
    }
  };
  switch (action.kind) {
    case KeeperAction::Kind::Fill:
      up.reads += action.words;
      add_links(grouping.group_cost[group_]);
      break;
    case KeeperAction::Kind::Refill:
      for (std::uint64_t c : members_) add_links(grouping.child_cost[c % grouping.children]);
      break;
    case KeeperAction::Kind::Fresh:
      tally.first_writes[keeper_] += action.words * members_.size();
      break;
    case KeeperAction::Kind::Writeback: {
      up.updates += action.words;
      add_links(grouping.group_cost[group_]);
      const auto& steps = state_->writeback_steps[keeper_];
      const auto index = static_cast<std::uint64_t>(
          std::lower_bound(steps.begin(), steps.end(), action.step) - steps.begin());
      if (program_->parent > 0 || !state_->received[program_->parent_keeper].empty()) {
        state_->received[program_->parent_keeper][parent_].contribute(index);
      }
      state_->last_writeback = std::max(state_->last_writeback, state_->now());
      return;
    }
  }
  for (std::uint64_t c : members_) {
    if (action.kind != KeeperAction::Kind::Fresh) here.fills += action.words;
    here.entering += action.words;
    state_->resident[keeper_][c].advance_to(action.tile + 1);
    if (state_->trace) state_->trace->resident(keeper_, c, action.tile + 1);
  }
}

std::string KeeperAgent::describe() const {
  return "keeper " + std::to_string(keeper_) + " (level " + std::to_string(program_->level) + ", " +
         arch::dataspace_name(program_->ds) + ") parent instance " + std::to_string(parent_) +
         " group " + std::to_string(group_) + ": action " + std::to_string(next_) + " of " +
         std::to_string(program_->actions.size()) + " (" + std::to_string(flights_.size()) +
         " in flight)";
}

}  // namespace arraysim::sim::sc
