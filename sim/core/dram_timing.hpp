// JEDEC-style DRAM timing state and command scheduling for a controller (no SystemC): per-channel
// request queues, per-bank state machines (tRCD, tRP, tRAS, tRC, tRTP, tWR), per-rank activate
// windows (tRRD_S/L, tFAW), column and bus-turnaround spacing (tCCD_S/L, tWTR_S/L, tRTW), one
// command per clock on each channel's command bus and one burst at a time on its data bus, and
// all-bank refresh every tREFI (precharge all, then the rank is blocked for tRFC). The caller
// asks for the next command and its earliest legal cycle, sleeps until then and issues it.
// Simplifications: no rank-to-rank switch time, no power-down, refresh is never postponed, and
// FR-FCFS has no starvation cap. A closed page precharges with each access (auto-precharge).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "sim/core/dram_address.hpp"
#include "sim/core/dram_config.hpp"
#include "sim/core/dram_stats.hpp"

namespace arraysim::sim {

enum class DramCommandKind { Activate, Precharge, PrechargeAll, Read, Write, Refresh };
const char* dram_command_name(DramCommandKind kind);

struct DramRequest {
  std::uint64_t id = 0;  // the caller's tag, returned with the completion
  bool write = false;
  std::uint64_t address = 0;  // byte address (any byte of the burst)
  Cycle arrival = 0;
};

struct DramCommand {
  DramCommandKind kind = DramCommandKind::Activate;
  Cycle cycle = 0;  // earliest legal cycle
  std::uint32_t channel = 0;
  std::uint32_t rank = 0;
  std::uint32_t bank = 0;                // in the rank (not for PrechargeAll and Refresh)
  std::uint64_t request = 0;             // the request's id (not for PrechargeAll and Refresh)
  StallCause cause = StallCause::Queue;  // what made it wait until `cycle`
};

// A request whose column command was issued: its data is on the bus until `done`.
struct DramCompletion {
  std::uint64_t id = 0;
  bool write = false;
  Cycle done = 0;
};

class DramTiming {
 public:
  explicit DramTiming(DramConfig config);

  const DramConfig& config() const { return config_; }
  DramAddress decode(std::uint64_t address) const { return map_.decode(address); }
  std::uint64_t encode(const DramAddress& address) const { return map_.encode(address); }
  bool full(std::uint32_t channel) const;
  std::size_t queued(std::uint32_t channel) const { return channels_[channel].queue.size(); }
  // Queues a request on its channel (which must not be full).
  void enqueue(const DramRequest& request);

  // The command the scheduler issues next on `channel` at or after cycle `now`, with its earliest
  // legal cycle. Without queued requests: nullopt, except for refreshes that fell due while the
  // channel was idle, returned with their (past) legal cycle so that they are caught up first.
  std::optional<DramCommand> next_command(std::uint32_t channel, Cycle now);
  // Applies a command returned by next_command at its cycle; a column command completes its
  // request.
  std::optional<DramCompletion> issue(const DramCommand& command);

  const DramStats& stats() const { return stats_; }
  // With recording on, every issued command is kept (tests, debugging; grows with the run).
  void record_commands(bool on) { record_ = on; }
  const std::vector<DramCommand>& command_log() const { return log_; }

 private:
  // An earliest time and what imposed it (for stall accounting).
  struct Bound {
    Cycle at = 0;
    StallCause cause = StallCause::Queue;
    void raise(Cycle t, StallCause c) {
      if (t > at) {
        at = t;
        cause = c;
      }
    }
  };
  struct Bank {
    bool open = false;
    std::uint64_t row = 0;
    Bound act, column, pre;  // earliest ACT, RD/WR, PRE
  };
  struct Rank {
    std::vector<Bank> banks;
    Bound act_any, column_any, read_any, write_any;          // tRRD_S, tCCD_S, tWTR_S, tRTW
    std::vector<Bound> act_group, column_group, read_group;  // tRRD_L, tCCD_L, tWTR_L
    std::deque<Cycle> recent_acts;                           // the last four, for tFAW
    Cycle refresh_due = 0;
  };
  struct Entry {
    DramRequest request;
    DramAddress where;
    Cycle ready = 0;  // arrival, then the cycle of its last command
    bool classified = false;
  };
  struct Channel {
    std::vector<Entry> queue;  // oldest first
    std::vector<Rank> ranks;
    Cycle command_free = 0;
    Cycle data_free = 0;
  };

  // The command an entry needs next and its earliest cycle (>= now) with its binding cause.
  DramCommand command_for(const Channel& ch, const Entry& e, Cycle now) const;
  std::optional<DramCommand> refresh_command(const Channel& ch, std::uint32_t rank) const;
  bool refresh_enabled() const { return config_.trefi > 0; }
  void activate(Channel& ch, const DramCommand& c);
  void precharge(Bank& bank, Cycle at, StallCause cause) const;
  DramCompletion column(Channel& ch, const DramCommand& c, const Entry& e);
  void refresh(Channel& ch, const DramCommand& c);
  void account(Entry& e, const DramCommand& c);
  std::size_t bank_index(std::uint32_t channel, std::uint32_t rank, std::uint32_t bank) const;

  DramConfig config_;
  DramAddressMap map_;
  std::vector<Channel> channels_;
  DramStats stats_;
  bool record_ = false;
  std::vector<DramCommand> log_;
  // Scratch of next_command, per bank of the channel: the oldest request and the oldest row hit.
  std::vector<std::size_t> oldest_, oldest_hit_;
};

}  // namespace arraysim::sim
