// The clocked reference engine: the same transfers, but time advances one cycle at a time; each
// port serves its transfers in issue order, a transfer starts in the first cycle it is ready, at
// the head of both its ports' queues and both ports are idle, and a MAC step starts in the first
// cycle its data is resident. Slow, for small cases: it proves the fast engine exact.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <stdexcept>

#include "sim/core/port_bank.hpp"
#include "sim/core/timing.hpp"

namespace arraysim::sim {

namespace {

constexpr Cycle kNotYet = ~Cycle{0};

class ClockedTiming : public TimingEngine {
 public:
  ClockedTiming(const arch::Architecture& arch, const TileWalk& walk, bool unlimited,
                std::function<void(std::uint64_t, std::uint64_t)> progress)
      : walk_(&walk),
        planner_(arch, walk, unlimited),
        banks_(arch.levels.front()),
        progress_(std::move(progress)) {
    result_.levels.resize(arch.num_levels());
    result_.pipeline_cycles = planner_.pipeline_cycles();
  }

  // Steps are recorded and replayed on the clock in finish(): a step's transfers can only be
  // planned once the previous step's MACs have started.
  void step(const std::vector<TileEvent>& events) override { steps_.push_back(events); }
  void drain(const std::vector<TileEvent>& events) override { final_ = events; }

  TimingResult finish() override {
    // Every transfer is known up front, in issue order; its start waits for the MAC step it
    // depends on, which the clock reaches in turn.
    std::vector<std::size_t> step_begin;
    for (std::size_t s = 0; s < steps_.size(); ++s) {
      step_begin.push_back(transfers_.size());
      append(planner_.plan(steps_[s], static_cast<std::int64_t>(s)));
    }
    step_begin.push_back(transfers_.size());
    append(planner_.drain(final_, static_cast<std::int64_t>(steps_.size()) - 1));

    // Queues: the levels' ports, then the NoC links, then the DRAM banks.
    const std::size_t ports = planner_.num_ports();
    const std::size_t bank_base = ports + planner_.num_links();
    std::vector<std::deque<std::size_t>> queues(bank_base + banks_.free.size());
    auto resources = [&](const PlannedTransfer& t) {
      std::vector<std::pair<std::size_t, Cycle>> used = {
          {planner_.read_port(t.source), t.read_cycles},
          {planner_.write_port(t.sink), t.write_cycles}};
      for (const auto& link : t.links) used.emplace_back(ports + link.first, link.second);
      if (t.bank >= 0) used.emplace_back(bank_base + static_cast<std::size_t>(t.bank), 0);
      return used;
    };
    for (std::size_t i = 0; i < transfers_.size(); ++i) {
      for (const auto& [queue, cycles] : resources(transfers_[i])) queues[queue].push_back(i);
    }
    std::vector<Cycle> busy_until(queues.size(), 0);
    std::vector<Cycle> compute_end(steps_.size(), kNotYet);
    std::size_t next_step = 0;
    std::size_t started = 0;
    Cycle previous_end = 0;
    const Cycle limit = 1ULL << 40U;
    for (Cycle now = 0; now < limit && (started < transfers_.size() || next_step < steps_.size());
         ++now) {
      // Ports whose head transfer has finished occupying them move on.
      for (std::size_t p = 0; p < queues.size(); ++p) {
        while (!queues[p].empty() && issued_[queues[p].front()].start != kNotYet &&
               busy_until[p] <= now) {
          queues[p].pop_front();
        }
      }
      // Start every transfer that can start this cycle (zero-cycle ones free their ports at once).
      for (bool progress = true; progress;) {
        progress = false;
        for (std::size_t i = started; i < transfers_.size(); ++i) {
          if (issued_[i].start != kNotYet) continue;
          const PlannedTransfer& t = transfers_[i];
          const Cycle gate = t.after_step < 0 ? 0 : compute_end[t.after_step];
          if (gate == kNotYet || gate + t.ready_delay > now) continue;
          auto used = resources(t);
          bool free = true;
          for (const auto& entry : used) {
            free = free && queues[entry.first].front() == i && busy_until[entry.first] <= now;
          }
          if (!free) continue;
          // How long the transfer waited for links, then for its bank, beyond its ports.
          const Cycle ports_free = std::max(
              {gate + t.ready_delay, busy_until[used[0].first], busy_until[used[1].first]});
          Cycle links_free = ports_free;
          for (const auto& link : t.links) {
            links_free = std::max(links_free, busy_until[ports + link.first]);
          }
          Cycle penalty = 0;
          if (t.bank >= 0) {
            // The bank is busy while it opens (or re-selects) the row.
            penalty = banks_.penalty(t);
            banks_.open_row[static_cast<std::size_t>(t.bank)] = static_cast<std::int64_t>(t.row);
            used.back().second = penalty;
          }
          issued_[i] = {now, arrival(t, now, penalty), links_free - ports_free,
                        now - links_free + penalty};
          for (const auto& [queue, cycles] : used) {
            busy_until[queue] = now + cycles;
            if (cycles == 0) queues[queue].pop_front();
          }
          progress = true;
        }
        while (started < transfers_.size() && issued_[started].start != kNotYet) ++started;
      }
      // The waiting MAC step starts once the previous one is done and its data has arrived.
      if (next_step < steps_.size() && previous_end <= now &&
          step_ready(step_begin[next_step], step_begin[next_step + 1], now)) {
        const auto first = static_cast<std::ptrdiff_t>(step_begin[next_step]);
        const auto last = static_cast<std::ptrdiff_t>(step_begin[next_step + 1]);
        const std::vector<PlannedTransfer> planned(transfers_.begin() + first,
                                                   transfers_.begin() + last);
        const std::vector<Issued> issued(issued_.begin() + first, issued_.begin() + last);
        if (settle_step(planned, issued, previous_end, result_) != now) {
          throw std::logic_error("clocked engine: a step started off its cycle");
        }
        previous_end = now + walk_->inner_steps() * planner_.inner_step_cycles();
        compute_end[next_step++] = previous_end;
        if (progress_ && next_step % 256 == 0) progress_(next_step, steps_.size());
      }
    }
    Cycle writeback_end = 0;
    for (std::size_t i = 0; i < transfers_.size(); ++i) {
      if (transfers_[i].writeback) writeback_end = std::max(writeback_end, issued_[i].done);
    }
    result_.compute_end = previous_end;
    result_.cycles = std::max(previous_end + result_.pipeline_cycles, writeback_end);
    return result_;
  }

 private:
  void append(const std::vector<PlannedTransfer>& planned) {
    for (const PlannedTransfer& t : planned) {
      transfers_.push_back(t);
      issued_.push_back({kNotYet, kNotYet});
      charge_busy(t, result_);
    }
  }

  bool step_ready(std::size_t first, std::size_t last, Cycle now) const {
    for (std::size_t i = first; i < last; ++i) {
      if (transfers_[i].blocks_step && (issued_[i].done == kNotYet || issued_[i].done > now))
        return false;
    }
    return true;
  }

  const TileWalk* walk_;
  TransferPlanner planner_;
  DramBanks banks_;
  std::vector<std::vector<TileEvent>> steps_;
  std::vector<TileEvent> final_;
  std::vector<PlannedTransfer> transfers_;
  std::vector<Issued> issued_;
  TimingResult result_;
  std::function<void(std::uint64_t, std::uint64_t)> progress_;
};

}  // namespace

std::unique_ptr<TimingEngine> make_clocked_timing(
    const arch::Architecture& arch, const TileWalk& walk, bool unlimited,
    std::function<void(std::uint64_t, std::uint64_t)> progress) {
  return std::make_unique<ClockedTiming>(arch, walk, unlimited, std::move(progress));
}

}  // namespace arraysim::sim
