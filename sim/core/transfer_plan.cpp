#include "sim/core/transfer_plan.hpp"

#include "mapper/model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace arraysim::sim {

TransferPlanner::TransferPlanner(const arch::Architecture& arch, const TileWalk& walk,
                                 bool unlimited)
    : arch_(&arch), walk_(&walk), unlimited_(unlimited), releases_(walk.keepers().size()) {
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
  pipeline_cycles_ = static_cast<Cycle>(arch.compute.pipeline_depth - 1);
}

std::size_t TransferPlanner::write_port(std::size_t level) const {
  return arch_->levels[level].shared_bandwidth ? 2 * level : 2 * level + 1;
}

Cycle TransferPlanner::occupancy(std::uint64_t words,
                                 const std::optional<double>& bandwidth) const {
  return unlimited_ ? 0 : mapper::bandwidth_cycles(words, bandwidth);
}

// A transfer between a keeper and its parent: down (a fill) or up (a write-back), over the links of
// its stage's multicast or reduction trees.
PlannedTransfer TransferPlanner::make(const Keeper& keeper, const TileEvent& event, bool up,
                                      std::int64_t after_step) const {
  const std::uint64_t words = event.words;
  const std::size_t source = up ? keeper.level : keeper.parent;
  const std::size_t sink = up ? keeper.parent : keeper.level;
  const std::uint64_t source_words = up ? words : words * keeper.groups;
  const std::uint64_t sink_words = up ? words * keeper.groups : words;
  const arch::StorageLevel& from = arch_->levels[source];
  const arch::StorageLevel& to = arch_->levels[sink];
  PlannedTransfer t;
  t.source = source;
  t.sink = sink;
  t.read_cycles =
      occupancy(source_words, from.shared_bandwidth ? from.shared_bandwidth : from.read_bandwidth);
  t.write_cycles =
      occupancy(sink_words, to.shared_bandwidth ? to.shared_bandwidth : to.write_bandwidth);
  // The outer level's latency: DRAM's for fills from it and write-backs to it.
  t.latency =
      unlimited_ ? 0 : static_cast<Cycle>(arch_->levels[std::min(source, sink)].latency_cycles);
  if (keeper.stage > 0 && !unlimited_) {
    const arch::NetworkSpec& net = arch_->network_into(keeper.stage);
    const auto word_bits = static_cast<std::uint64_t>(arch_->levels[keeper.level].word_bits);
    if (net.link_bits_of(keeper.ds) > 0) {
      const auto link_bits = static_cast<std::uint64_t>(net.link_bits_of(keeper.ds));
      for (const auto& [link, load] : keeper.link_load) {
        t.links.emplace_back(link, (words * load * word_bits + link_bits - 1) / link_bits);
      }
    }
    t.network_latency = keeper.route_depth * static_cast<Cycle>(net.hop_latency_cycles);
  }
  const arch::StorageLevel& outer = arch_->levels[std::min(source, sink)];
  if (outer.kind == arch::LevelKind::Dram && !unlimited_) {
    t.row = event.address / static_cast<std::uint64_t>(outer.row_words);
    t.bank = static_cast<std::int64_t>(t.row % static_cast<std::uint64_t>(outer.banks));
  }
  t.after_step = after_step;
  return t;
}

std::vector<PlannedTransfer> TransferPlanner::plan(const std::vector<TileEvent>& events,
                                                   std::int64_t step) {
  std::vector<PlannedTransfer> out;
  for (const TileEvent& event : events) {
    const Keeper& keeper = walk_->keepers()[event.keeper];
    const auto slots = static_cast<std::size_t>(arch_->levels[keeper.level].multiple_buffering);
    if (event.kind == TileEvent::Kind::Writeback) {
      PlannedTransfer t = make(keeper, event, true, step - 1);
      t.writeback = true;
      t.blocks_step = slots == 1;  // with one slot the old tile must drain before reuse
      out.push_back(t);
      continue;
    }
    auto& releases = releases_[event.keeper];
    releases.push_back(step - 1);  // the previous tile was last used by the previous step
    std::int64_t after = -1;
    if (releases.size() >= slots) {
      after = releases[releases.size() - slots];
      while (releases.size() > slots) releases.pop_front();
    }
    out.push_back(make(keeper, event, false, after));
  }
  return out;
}

void TransferPlanner::live_steps(std::vector<std::int64_t>& out) const {
  for (const auto& releases : releases_) out.insert(out.end(), releases.begin(), releases.end());
}

std::vector<PlannedTransfer> TransferPlanner::drain(const std::vector<TileEvent>& events,
                                                    std::int64_t last_step) {
  std::vector<PlannedTransfer> out;
  for (const TileEvent& event : events) {
    const Keeper& keeper = walk_->keepers()[event.keeper];
    PlannedTransfer t = make(keeper, event, true, last_step);
    t.ready_delay = pipeline_cycles_;
    t.writeback = true;
    t.blocks_step = false;
    out.push_back(t);
  }
  return out;
}

void StepEnds::push(Cycle end) { kept_.emplace_back(count_++, end); }

Cycle StepEnds::at(std::int64_t step) const {
  const auto it = std::lower_bound(
      kept_.begin(), kept_.end(), step,
      [](const std::pair<std::int64_t, Cycle>& entry, std::int64_t s) { return entry.first < s; });
  if (it == kept_.end() || it->first != step) {
    throw std::logic_error("a transfer waits for a forgotten MAC step");
  }
  return it->second;
}

void StepEnds::forget(const TransferPlanner& planner) {
  if (kept_.size() < threshold_) return;
  live_.clear();
  planner.live_steps(live_);
  live_.push_back(count_ - 1);
  std::sort(live_.begin(), live_.end());
  std::size_t out = 0;
  for (const auto& entry : kept_) {
    if (std::binary_search(live_.begin(), live_.end(), entry.first)) kept_[out++] = entry;
  }
  kept_.resize(out);
  threshold_ = std::max<std::size_t>(4096, 2 * out);
}

}  // namespace arraysim::sim
