// A DRAM device as the controller sees it: organisation (channels, ranks, bank groups, banks,
// rows, page and bus widths, burst), JEDEC timings in DRAM clock cycles, page policy, scheduler
// and address mapping. Built from a datasheet preset, from a level's generic fields, and the
// spec's overrides.
#pragma once

#include <cstdint>
#include <string>

#include "arch/architecture.hpp"
#include "mapper/action_counts.hpp"

namespace arraysim::sim {

using mapper::Cycle;

enum class PagePolicy { Open, Closed };
enum class DramScheduler { FrFcfs, Fcfs };

struct DramConfig {
  std::string name = "generic";
  std::uint32_t channels = 1;
  std::uint32_t ranks = 1;         // per channel
  std::uint32_t bank_groups = 1;   // per rank; 1: no bank groups
  std::uint32_t banks = 8;         // per rank, over all its bank groups
  std::uint64_t rows = 65536;      // per bank
  std::uint64_t row_bytes = 8192;  // page of a rank (all its chips)
  std::uint32_t bus_bits = 64;     // data bus of a channel
  std::uint32_t burst_length = 8;  // beats per access
  std::uint32_t data_rate = 2;     // beats per clock (2: DDR)
  std::uint64_t tck_ps = 833;
  // Timings in DRAM clock cycles. tFAW 0: no four-activate window; tREFI 0: no refresh.
  Cycle trcd = 0, trp = 0, tcl = 0, tcwl = 0, tras = 0, trc = 0;
  Cycle trrd_s = 0, trrd_l = 0, tfaw = 0;  // _s: other bank group, _l: the same one
  Cycle twr = 0, twtr_s = 0, twtr_l = 0, trtp = 0, trtw = 0;
  Cycle tccd_s = 1, tccd_l = 1;
  Cycle trefi = 0, trfc = 0;
  PagePolicy page_policy = PagePolicy::Open;
  DramScheduler scheduler = DramScheduler::FrFcfs;
  std::string address_mapping = "RoBaRaCoCh";  // MSB to LSB
  std::uint32_t queue_depth = 32;              // requests per channel

  std::uint64_t burst_bytes() const {
    return static_cast<std::uint64_t>(bus_bits) / 8 * burst_length;
  }
  Cycle burst_cycles() const { return (burst_length + data_rate - 1) / data_rate; }
  std::uint64_t columns() const { return row_bytes / burst_bytes(); }  // bursts per row
  std::uint32_t banks_per_group() const { return banks / bank_groups; }
};

// Whole DRAM cycles of `ns` nanoseconds at `tck_ps`: the ceiling, with JEDEC's 2.5% guard band
// for clock periods rounded to whole picoseconds (15 ns at 833 ps is 18 cycles, not 19).
Cycle ns_to_cycles(double ns, std::uint64_t tck_ps);

// The empty string when the configuration is consistent, else what is wrong.
std::string check_dram_config(const DramConfig& config);

// The controller of a level without a preset, made from its generic fields (the mapping is
// documented in arch/SPEC_REFERENCE.md): one channel and rank, `banks` banks, the accelerator's
// clock, tCL = tCWL = latency_cycles + row_hit_cycles, tRP + tRCD = row_miss_cycles, one
// read_bandwidth (or shared_bandwidth, else one block) per clock, no refresh.
DramConfig generic_dram_config(const arch::StorageLevel& level, double clock_mhz);

// The level's controller: its preset (or the generic one) with the spec's overrides applied.
// Throws SpecError naming the level's "dram" object when the result is inconsistent.
DramConfig dram_config(const arch::StorageLevel& level, double clock_mhz);

}  // namespace arraysim::sim
