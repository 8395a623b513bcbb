#include "sim/core/timing.hpp"

#include <algorithm>
#include <cmath>

namespace arraysim::sim {

TimingModel::TimingModel(const arch::Architecture& arch, const TileWalk& walk,
                         const TimingOptions& options)
    : arch_(&arch),
      walk_(&walk),
      options_(options),
      read_ports_(arch.num_levels()),
      write_ports_(arch.num_levels()),
      releases_(walk.keepers().size()) {
  result_.levels.resize(arch.num_levels());
  // A MAC step reads each operand from (and updates the output in) its innermost keeping level;
  // those ports set the step's length when they are slower than the initiation interval.
  inner_step_cycles_ = static_cast<Cycle>(arch.compute.initiation_interval);
  for (DataSpace ds : arch::kAllDataSpaces) {
    const arch::StorageLevel& level = arch.levels[walk.operand_keeper(ds)];
    const std::uint64_t words = walk.operand_words(ds);
    inner_step_cycles_ = std::max(inner_step_cycles_, occupancy(words, level.read_bandwidth));
    if (ds == DataSpace::Outputs) {
      inner_step_cycles_ = std::max(inner_step_cycles_, occupancy(words, level.write_bandwidth));
    }
  }
  result_.pipeline_cycles = static_cast<Cycle>(arch.compute.pipeline_depth - 1);
}

Cycle TimingModel::occupancy(std::uint64_t words, const std::optional<double>& bandwidth) const {
  if (options_.unlimited || !bandwidth || words == 0) return 0;
  const double bw = *bandwidth;
  if (bw == std::floor(bw)) {
    const auto whole = static_cast<std::uint64_t>(bw);
    return (words + whole - 1) / whole;
  }
  return static_cast<Cycle>(std::ceil(static_cast<long double>(words) / bw - 1e-12L));
}

// A level with a shared bandwidth has one port for reads and writes.
TimingModel::Port& TimingModel::read_port(std::size_t level) { return read_ports_[level]; }

TimingModel::Port& TimingModel::write_port(std::size_t level) {
  return arch_->levels[level].shared_bandwidth ? read_ports_[level] : write_ports_[level];
}

TimingModel::Done TimingModel::issue(const Transfer& t) {
  const arch::StorageLevel& source = arch_->levels[t.source];
  const arch::StorageLevel& sink = arch_->levels[t.sink];
  auto read_bw = source.shared_bandwidth ? source.shared_bandwidth : source.read_bandwidth;
  auto write_bw = sink.shared_bandwidth ? sink.shared_bandwidth : sink.write_bandwidth;
  const Cycle read_cycles = occupancy(t.source_words, read_bw);
  const Cycle write_cycles = occupancy(t.sink_words, write_bw);
  Port& reader = read_port(t.source);
  Port& writer = write_port(t.sink);
  const Cycle start = std::max({t.ready, reader.free_at, writer.free_at});
  reader.free_at = start + read_cycles;
  writer.free_at = start + write_cycles;
  result_.levels[t.source].busy_cycles += read_cycles;
  result_.levels[t.sink].busy_cycles += write_cycles;
  // Latency is the outer (source or sink) level's: DRAM's for fills from and write-backs to it.
  const std::size_t outer = std::min(t.source, t.sink);
  const Cycle latency =
      options_.unlimited ? 0 : static_cast<Cycle>(arch_->levels[outer].latency_cycles);
  Done done;
  done.at = start + std::max(read_cycles, write_cycles) + latency;
  done.blame = read_cycles >= write_cycles ? t.source : t.sink;
  done.bandwidth = std::max(read_cycles, write_cycles);
  done.contention = start - t.ready;
  done.latency = latency;
  return done;
}

void TimingModel::step(std::uint64_t, const std::vector<TileEvent>& events) {
  const Cycle previous_end = compute_end_;
  Done critical{previous_end, 0, 0, 0, 0};
  auto consider = [&critical](const Done& done) {
    if (done.at > critical.at) critical = done;
  };
  for (const TileEvent& event : events) {
    const Keeper& keeper = walk_->keepers()[event.keeper];
    const std::size_t mb = static_cast<std::size_t>(arch_->levels[keeper.level].multiple_buffering);
    if (event.kind == TileEvent::Kind::Writeback) {
      // The old tile leaves once its last step is done; one buffer slot must drain before reuse.
      const Done done = issue(
          {previous_end, keeper.level, event.words, keeper.parent, event.words * keeper.groups});
      writeback_end_ = std::max(writeback_end_, done.at);
      if (mb == 1) consider(done);
      continue;
    }
    // A fill may start once the slot it reuses (mb tiles back) has been released.
    auto& releases = releases_[event.keeper];
    releases.push_back(previous_end);
    Cycle ready = 0;
    if (releases.size() >= mb) {
      ready = releases[releases.size() - mb];
      while (releases.size() > mb) releases.pop_front();
    }
    consider(issue({ready, keeper.parent, event.words * keeper.groups, keeper.level, event.words}));
  }
  const Cycle start = critical.at;
  if (start > previous_end) {
    Cycle wait = start - previous_end;
    LevelTiming& level = result_.levels[critical.blame];
    const Cycle latency = std::min(wait, critical.latency);
    wait -= latency;
    const Cycle bandwidth = std::min(wait, critical.bandwidth);
    level.stall_latency += latency;
    level.stall_bandwidth += bandwidth;
    level.stall_contention += wait - bandwidth;
    result_.stall_cycles += start - previous_end;
  }
  compute_end_ = start + walk_->inner_steps() * inner_step_cycles_;
}

void TimingModel::drain(const std::vector<TileEvent>& events) {
  const Cycle ready = compute_end_ + result_.pipeline_cycles;
  for (const TileEvent& event : events) {
    const Keeper& keeper = walk_->keepers()[event.keeper];
    const Done done =
        issue({ready, keeper.level, event.words, keeper.parent, event.words * keeper.groups});
    writeback_end_ = std::max(writeback_end_, done.at);
  }
}

TimingResult TimingModel::finish() {
  result_.compute_end = compute_end_;
  result_.cycles = std::max(compute_end_ + result_.pipeline_cycles, writeback_end_);
  return result_;
}

}  // namespace arraysim::sim
