#include "sim/core/dram_timing.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace arraysim::sim {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

bool is_column(DramCommandKind kind) {
  return kind == DramCommandKind::Read || kind == DramCommandKind::Write;
}

bool is_refresh(DramCommandKind kind) {
  return kind == DramCommandKind::PrechargeAll || kind == DramCommandKind::Refresh;
}

}  // namespace

const char* dram_command_name(DramCommandKind kind) {
  switch (kind) {
    case DramCommandKind::Activate:
      return "ACT";
    case DramCommandKind::Precharge:
      return "PRE";
    case DramCommandKind::PrechargeAll:
      return "PREA";
    case DramCommandKind::Read:
      return "RD";
    case DramCommandKind::Write:
      return "WR";
    case DramCommandKind::Refresh:
      return "REF";
  }
  return "?";
}

DramTiming::DramTiming(DramConfig config) : config_(std::move(config)), map_(config_) {
  channels_.resize(config_.channels);
  for (Channel& ch : channels_) {
    ch.ranks.resize(config_.ranks);
    for (Rank& rank : ch.ranks) {
      rank.banks.resize(config_.banks);
      rank.act_group.resize(config_.bank_groups);
      rank.column_group.resize(config_.bank_groups);
      rank.read_group.resize(config_.bank_groups);
      rank.refresh_due = config_.trefi;
    }
  }
  stats_.bank_stalls.resize(static_cast<std::size_t>(config_.channels) * config_.ranks *
                            config_.banks);
  oldest_.resize(static_cast<std::size_t>(config_.ranks) * config_.banks);
  oldest_hit_.resize(oldest_.size());
}

bool DramTiming::full(std::uint32_t channel) const {
  return channels_[channel].queue.size() >= config_.queue_depth;
}

void DramTiming::enqueue(const DramRequest& request) {
  Entry entry;
  entry.request = request;
  entry.where = map_.decode(request.address);
  entry.ready = request.arrival;
  channels_[entry.where.channel].queue.push_back(entry);
}

std::size_t DramTiming::bank_index(std::uint32_t channel, std::uint32_t rank,
                                   std::uint32_t bank) const {
  return (static_cast<std::size_t>(channel) * config_.ranks + rank) * config_.banks + bank;
}

DramCommand DramTiming::command_for(const Channel& ch, const Entry& e, Cycle now) const {
  const Rank& rank = ch.ranks[e.where.rank];
  const Bank& bank = rank.banks[e.where.bank];
  const std::uint32_t group = e.where.bank_group;
  DramCommand c;
  c.channel = e.where.channel;
  c.rank = e.where.rank;
  c.bank = e.where.bank;
  c.request = e.request.id;
  // Constraints are raised in order of precedence: on a tie the earlier one is the cause.
  Bound b;
  if (bank.open && bank.row == e.where.row) {
    c.kind = e.request.write ? DramCommandKind::Write : DramCommandKind::Read;
    b.raise(bank.column.at, bank.column.cause);
    const Bound& turn = e.request.write ? rank.write_any : rank.read_any;
    b.raise(turn.at, turn.cause);
    if (!e.request.write) b.raise(rank.read_group[group].at, rank.read_group[group].cause);
    b.raise(rank.column_any.at, rank.column_any.cause);
    b.raise(rank.column_group[group].at, rank.column_group[group].cause);
    const Cycle latency = e.request.write ? config_.tcwl : config_.tcl;
    if (ch.data_free > latency) b.raise(ch.data_free - latency, StallCause::Bus);
  } else if (bank.open) {
    c.kind = DramCommandKind::Precharge;
    b.raise(bank.pre.at, bank.pre.cause);
  } else {
    c.kind = DramCommandKind::Activate;
    b.raise(bank.act.at, bank.act.cause);
    b.raise(rank.act_any.at, rank.act_any.cause);
    b.raise(rank.act_group[group].at, rank.act_group[group].cause);
    if (config_.tfaw > 0 && rank.recent_acts.size() == 4) {
      b.raise(rank.recent_acts.front() + config_.tfaw, StallCause::ActWindow);
    }
  }
  b.raise(ch.command_free, StallCause::Bus);
  b.raise(now, StallCause::Queue);
  c.cycle = b.at;
  c.cause = b.cause;
  return c;
}

std::optional<DramCommand> DramTiming::refresh_command(const Channel& ch,
                                                       std::uint32_t rank_index) const {
  const Rank& rank = ch.ranks[rank_index];
  DramCommand c;
  c.channel = static_cast<std::uint32_t>(&ch - channels_.data());
  c.rank = rank_index;
  c.cause = StallCause::Refresh;
  Bound b;
  b.raise(rank.refresh_due, StallCause::Refresh);
  const bool any_open =
      std::any_of(rank.banks.begin(), rank.banks.end(), [](const Bank& bank) { return bank.open; });
  c.kind = any_open ? DramCommandKind::PrechargeAll : DramCommandKind::Refresh;
  for (const Bank& bank : rank.banks) {
    if (any_open && bank.open) b.raise(bank.pre.at, bank.pre.cause);
    if (!any_open) b.raise(bank.act.at, bank.act.cause);
  }
  b.raise(ch.command_free, StallCause::Bus);
  c.cycle = b.at;
  return c;
}

std::optional<DramCommand> DramTiming::next_command(std::uint32_t channel, Cycle now) {
  Channel& ch = channels_[channel];
  const bool fr_fcfs = config_.scheduler == DramScheduler::FrFcfs;
  // Lower is served first among commands legal at the same cycle.
  auto priority = [fr_fcfs](const DramCommand& c) {
    if (is_refresh(c.kind)) return 0;
    return fr_fcfs && is_column(c.kind) ? 1 : 2;
  };
  std::optional<DramCommand> best;
  auto consider = [&](const DramCommand& c) {
    if (!best || c.cycle < best->cycle ||
        (c.cycle == best->cycle && priority(c) < priority(*best))) {
      best = c;
    }
  };
  if (refresh_enabled()) {
    for (std::uint32_t r = 0; r < config_.ranks; ++r) {
      const std::optional<DramCommand> c = refresh_command(ch, r);
      // Idle: only refreshes that fell due in the past are caught up.
      if (c && (!ch.queue.empty() || c->cycle < now)) consider(*c);
    }
  }
  if (ch.queue.empty()) return best;
  std::fill(oldest_.begin(), oldest_.end(), kNone);
  std::fill(oldest_hit_.begin(), oldest_hit_.end(), kNone);
  auto hit = [&ch](const Entry& e) {
    const Bank& bank = ch.ranks[e.where.rank].banks[e.where.bank];
    return bank.open && bank.row == e.where.row;
  };
  auto slot = [this](const Entry& e) {
    return static_cast<std::size_t>(e.where.rank) * config_.banks + e.where.bank;
  };
  for (std::size_t i = 0; i < ch.queue.size(); ++i) {
    const std::size_t k = slot(ch.queue[i]);
    if (oldest_[k] == kNone) oldest_[k] = i;
    if (oldest_hit_[k] == kNone && hit(ch.queue[i])) oldest_hit_[k] = i;
  }
  for (std::size_t i = 0; i < ch.queue.size(); ++i) {
    const Entry& e = ch.queue[i];
    const std::size_t k = slot(e);
    // FCFS: each bank serves its oldest request. FR-FCFS: row hits first (a bank with pending
    // hits is not precharged), else the oldest request.
    const bool candidate =
        fr_fcfs ? hit(e) || (oldest_hit_[k] == kNone && oldest_[k] == i) : oldest_[k] == i;
    if (!candidate) continue;
    const DramCommand c = command_for(ch, e, now);
    // Once a refresh is due the rank takes no other command until it is done.
    if (refresh_enabled() && c.cycle >= ch.ranks[e.where.rank].refresh_due) continue;
    consider(c);
  }
  return best;
}

void DramTiming::precharge(Bank& bank, Cycle at, StallCause cause) const {
  bank.open = false;
  bank.act.raise(at + config_.trp, cause);
}

void DramTiming::activate(Channel& ch, const DramCommand& c) {
  const Cycle t = c.cycle;
  Rank& rank = ch.ranks[c.rank];
  Bank& bank = rank.banks[c.bank];
  const std::uint32_t group = c.bank % config_.bank_groups;
  bank.column.raise(t + config_.trcd, StallCause::RowMiss);
  bank.pre.raise(t + config_.tras, StallCause::RowMiss);
  bank.act.raise(t + config_.trc, StallCause::RowMiss);
  rank.act_any.raise(t + config_.trrd_s, StallCause::ActWindow);
  rank.act_group[group].raise(t + config_.trrd_l, StallCause::ActWindow);
  rank.recent_acts.push_back(t);
  if (rank.recent_acts.size() > 4) rank.recent_acts.pop_front();
  ++stats_.activates;
}

DramCompletion DramTiming::column(Channel& ch, const DramCommand& c, const Entry& e) {
  const Cycle t = c.cycle;
  Rank& rank = ch.ranks[c.rank];
  Bank& bank = rank.banks[c.bank];
  const std::uint32_t group = e.where.bank_group;
  rank.column_any.raise(t + config_.tccd_s, StallCause::Bus);
  rank.column_group[group].raise(t + config_.tccd_l, StallCause::Bus);
  DramCompletion done;
  done.id = e.request.id;
  done.write = e.request.write;
  if (e.request.write) {
    const Cycle end = t + config_.tcwl + config_.burst_cycles();
    rank.read_any.raise(end + config_.twtr_s, StallCause::Turnaround);
    rank.read_group[group].raise(end + config_.twtr_l, StallCause::Turnaround);
    bank.pre.raise(end + config_.twr, StallCause::RowMiss);
    done.done = end;
    ++stats_.writes;
  } else {
    rank.write_any.raise(t + config_.trtw, StallCause::Turnaround);
    bank.pre.raise(t + config_.trtp, StallCause::RowMiss);
    done.done = t + config_.tcl + config_.burst_cycles();
    ++stats_.reads;
  }
  ch.data_free = done.done;
  if (config_.page_policy == PagePolicy::Closed) {
    // Auto-precharge: the bank closes as soon as tRAS, tRTP or tWR allow.
    precharge(bank, bank.pre.at, StallCause::RowMiss);
    ++stats_.precharges;
  }
  return done;
}

void DramTiming::refresh(Channel& ch, const DramCommand& c) {
  Rank& rank = ch.ranks[c.rank];
  rank.refresh_due += config_.trefi;
  for (Bank& bank : rank.banks) bank.act.raise(c.cycle + config_.trfc, StallCause::Refresh);
  ++stats_.refreshes;
}

void DramTiming::account(Entry& e, const DramCommand& c) {
  const Cycle waited = c.cycle > e.ready ? c.cycle - e.ready : 0;
  stats_.bank_stalls[bank_index(c.channel, c.rank, c.bank)].add(c.cause, waited);
  e.ready = c.cycle;
  if (e.classified) return;
  e.classified = true;
  if (is_column(c.kind)) {
    ++stats_.row_hits;
  } else if (c.kind == DramCommandKind::Activate) {
    ++stats_.row_misses;
  } else {
    ++stats_.row_conflicts;
  }
}

std::optional<DramCompletion> DramTiming::issue(const DramCommand& c) {
  Channel& ch = channels_[c.channel];
  ch.command_free = std::max(ch.command_free, c.cycle + 1);
  if (record_) log_.push_back(c);
  if (c.kind == DramCommandKind::PrechargeAll) {
    for (Bank& bank : ch.ranks[c.rank].banks) {
      if (bank.open) precharge(bank, c.cycle, StallCause::Refresh);
    }
    ++stats_.precharges;
    return std::nullopt;
  }
  if (c.kind == DramCommandKind::Refresh) {
    refresh(ch, c);
    return std::nullopt;
  }
  auto it = std::find_if(ch.queue.begin(), ch.queue.end(),
                         [&c](const Entry& e) { return e.request.id == c.request; });
  if (it == ch.queue.end()) throw std::logic_error("DRAM command for a request not queued");
  account(*it, c);
  switch (c.kind) {
    case DramCommandKind::Activate:
      ch.ranks[c.rank].banks[c.bank].open = true;
      ch.ranks[c.rank].banks[c.bank].row = it->where.row;
      activate(ch, c);
      return std::nullopt;
    case DramCommandKind::Precharge:
      precharge(ch.ranks[c.rank].banks[c.bank], c.cycle, StallCause::RowMiss);
      ++stats_.precharges;
      return std::nullopt;
    default: {
      const DramCompletion done = column(ch, c, *it);
      ch.queue.erase(it);
      return done;
    }
  }
}

}  // namespace arraysim::sim
