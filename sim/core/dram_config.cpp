// Builds a level's DRAM configuration: a preset or the generic mapping of the level's fields,
// then the spec's overrides, then the checks that need the merged values.
#include "sim/core/dram_config.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/dram_presets.hpp"

namespace arraysim::sim {

namespace {

std::uint64_t round_up(std::uint64_t value, std::uint64_t step) {
  return (value + step - 1) / step * step;
}

template <typename T>
void apply(const std::optional<std::int64_t>& value, T& field) {
  if (value) field = static_cast<T>(*value);
}

void apply_overrides(const arch::DramSpec& spec, DramConfig& c) {
  apply(spec.channels, c.channels);
  apply(spec.ranks, c.ranks);
  apply(spec.bank_groups, c.bank_groups);
  apply(spec.banks, c.banks);
  apply(spec.rows, c.rows);
  apply(spec.row_bytes, c.row_bytes);
  apply(spec.bus_bits, c.bus_bits);
  apply(spec.burst_length, c.burst_length);
  apply(spec.data_rate, c.data_rate);
  apply(spec.tck_ps, c.tck_ps);
  apply(spec.trcd, c.trcd);
  apply(spec.trp, c.trp);
  apply(spec.tcl, c.tcl);
  apply(spec.tcwl, c.tcwl);
  apply(spec.tras, c.tras);
  // tRC follows tRAS + tRP unless given.
  if (spec.trc) {
    c.trc = static_cast<Cycle>(*spec.trc);
  } else if (spec.tras || spec.trp) {
    c.trc = c.tras + c.trp;
  }
  // The short (other bank group) value sets the long one too unless that is given.
  apply(spec.trrd, c.trrd_s);
  c.trrd_l = spec.trrd_l ? static_cast<Cycle>(*spec.trrd_l) : spec.trrd ? c.trrd_s : c.trrd_l;
  apply(spec.twtr, c.twtr_s);
  c.twtr_l = spec.twtr_l ? static_cast<Cycle>(*spec.twtr_l) : spec.twtr ? c.twtr_s : c.twtr_l;
  apply(spec.tccd, c.tccd_s);
  c.tccd_l = spec.tccd_l ? static_cast<Cycle>(*spec.tccd_l) : spec.tccd ? c.tccd_s : c.tccd_l;
  apply(spec.tfaw, c.tfaw);
  apply(spec.twr, c.twr);
  apply(spec.trtp, c.trtp);
  apply(spec.trtw, c.trtw);
  apply(spec.trefi, c.trefi);
  apply(spec.trfc, c.trfc);
  if (spec.page_policy) {
    c.page_policy = *spec.page_policy == "closed" ? PagePolicy::Closed : PagePolicy::Open;
  }
  if (spec.scheduler) {
    c.scheduler = *spec.scheduler == "fcfs" ? DramScheduler::Fcfs : DramScheduler::FrFcfs;
  }
  if (spec.address_mapping) c.address_mapping = *spec.address_mapping;
  apply(spec.queue_depth, c.queue_depth);
}

}  // namespace

Cycle ns_to_cycles(double ns, std::uint64_t tck_ps) {
  const double cycles = ns * 1000.0 / static_cast<double>(tck_ps);
  return static_cast<Cycle>(std::max(0.0, std::ceil(cycles - 0.025)));
}

std::string check_dram_config(const DramConfig& c) {
  if (c.channels == 0 || c.ranks == 0 || c.bank_groups == 0 || c.banks == 0 || c.rows == 0) {
    return "channels, ranks, bank groups, banks and rows must be positive";
  }
  if (c.banks % c.bank_groups != 0) {
    return std::to_string(c.bank_groups) + " bank groups do not divide " + std::to_string(c.banks) +
           " banks";
  }
  if (c.bus_bits == 0 || c.bus_bits % 8 != 0) return "bus_bits must be a positive multiple of 8";
  if (c.burst_length == 0 || c.data_rate == 0 || c.tck_ps == 0) {
    return "burst_length, data_rate and tck_ps must be positive";
  }
  if (c.row_bytes < c.burst_bytes() || c.row_bytes % c.burst_bytes() != 0) {
    return "row_bytes = " + std::to_string(c.row_bytes) + " is not a multiple of a burst (" +
           std::to_string(c.burst_bytes()) + " bytes = bus_bits / 8 x burst_length)";
  }
  if (c.tccd_s == 0 || c.tccd_l < c.tccd_s || c.trrd_l < c.trrd_s || c.twtr_l < c.twtr_s) {
    return "tccd must be positive and the same-bank-group (_l) timings at least the others";
  }
  if (c.trefi != 0 && c.trfc >= c.trefi) {
    return "trfc = " + std::to_string(c.trfc) +
           " leaves no time between refreshes (trefi = " + std::to_string(c.trefi) + ")";
  }
  if (c.queue_depth == 0) return "queue_depth must be positive";
  return "";
}

DramConfig generic_dram_config(const arch::StorageLevel& level, double clock_mhz) {
  DramConfig c;
  c.name = "generic";
  c.tck_ps = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(1e6 / clock_mhz)));
  c.channels = 1;
  c.ranks = 1;
  c.bank_groups = 1;
  c.banks = static_cast<std::uint32_t>(level.banks);
  c.data_rate = 1;
  const auto word_bits = static_cast<std::uint64_t>(level.word_bits);
  const std::optional<double> bandwidth =
      level.read_bandwidth ? level.read_bandwidth : level.shared_bandwidth;
  std::uint64_t bits = word_bits * static_cast<std::uint64_t>(level.block_words);
  c.burst_length = 1;
  if (bandwidth && *bandwidth >= 1.0) {
    bits = word_bits * static_cast<std::uint64_t>(std::floor(*bandwidth));
  } else if (bandwidth) {
    bits = word_bits;
    c.burst_length = static_cast<std::uint32_t>(std::ceil(1.0 / *bandwidth));
  }
  c.bus_bits = static_cast<std::uint32_t>(round_up(bits, 8));
  c.row_bytes = round_up(round_up(static_cast<std::uint64_t>(level.row_words) * word_bits, 8) / 8,
                         c.burst_bytes());
  const auto miss = static_cast<Cycle>(level.row_miss_cycles);
  c.trp = miss / 2;
  c.trcd = miss - c.trp;
  c.tcl = static_cast<Cycle>(level.latency_cycles + level.row_hit_cycles);
  c.tcwl = c.tcl;
  c.tras = 0;
  c.trc = c.trp;
  c.tccd_s = c.tccd_l = c.burst_cycles();
  c.trefi = 0;
  c.trfc = 0;
  return c;
}

DramConfig dram_config(const arch::StorageLevel& level, double clock_mhz) {
  DramConfig c = generic_dram_config(level, clock_mhz);
  if (!level.dram) return c;
  const arch::DramSpec& spec = *level.dram;
  if (spec.preset) {
    const std::optional<DramConfig> preset = dram_preset(*spec.preset);
    if (!preset) spec.where.fail("unknown DRAM preset \"" + *spec.preset + "\"");
    c = *preset;
  }
  apply_overrides(spec, c);
  const std::string problem = check_dram_config(c);
  if (!problem.empty()) spec.where.fail(problem);
  return c;
}

}  // namespace arraysim::sim
