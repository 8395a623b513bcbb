// The DRAM presets. Times given in ns in the sources are converted to clock cycles by ceiling
// (ns_to_cycles); tRC is tRAS + tRP.
#include "sim/core/dram_presets.hpp"

#include <algorithm>

namespace arraysim::sim {

namespace {

// DDR4-2400R (CL-tRCD-tRP 17-17-17), one x64 channel of eight x8 8 Gb chips, one rank.
// Sources: JEDEC JESD79-4 (DDR4 SDRAM) speed bin and AC timing tables; Micron MT40A1G8 (8 Gb x8)
// datasheet, speed grade -083: tCK 0.833 ns, CL 17, tRCD = tRP = 14.16 ns (17 tCK), CWL 12,
// tRAS 32 ns, tRRD_S(1K page) max(4 tCK, 3.3 ns), tRRD_L max(4 tCK, 4.9 ns), tFAW(1K page) 21 ns,
// tWR 15 ns, tWTR_S max(2 tCK, 2.5 ns), tWTR_L max(4 tCK, 7.5 ns), tRTP max(4 tCK, 7.5 ns),
// tCCD_S 4 tCK, tCCD_L max(5 tCK, 5 ns), tREFI 7.8 us, tRFC1 350 ns (8 Gb). 4 bank groups of 4
// banks, 64K rows, 1 KB page per chip (8 KB per rank), BL8.
DramConfig ddr4_2400() {
  DramConfig c;
  c.name = "DDR4-2400";
  c.tck_ps = 833;
  c.channels = 1;
  c.ranks = 1;
  c.bank_groups = 4;
  c.banks = 16;
  c.rows = 65536;
  c.row_bytes = 8192;
  c.bus_bits = 64;
  c.burst_length = 8;
  c.data_rate = 2;
  c.tcl = 17;
  c.trcd = 17;
  c.trp = 17;
  c.tcwl = 12;
  c.tras = ns_to_cycles(32.0, c.tck_ps);
  c.trc = c.tras + c.trp;
  c.trrd_s = std::max<Cycle>(4, ns_to_cycles(3.3, c.tck_ps));
  c.trrd_l = std::max<Cycle>(4, ns_to_cycles(4.9, c.tck_ps));
  c.tfaw = ns_to_cycles(21.0, c.tck_ps);
  c.twr = ns_to_cycles(15.0, c.tck_ps);
  c.twtr_s = std::max<Cycle>(2, ns_to_cycles(2.5, c.tck_ps));
  c.twtr_l = std::max<Cycle>(4, ns_to_cycles(7.5, c.tck_ps));
  c.trtp = std::max<Cycle>(4, ns_to_cycles(7.5, c.tck_ps));
  c.tccd_s = 4;
  c.tccd_l = std::max<Cycle>(5, ns_to_cycles(5.0, c.tck_ps));
  // Read to write: RL + BL/2 - WL + 2 tCK (JESD79-4, 1 tCK preambles).
  c.trtw = c.tcl + c.burst_cycles() + 2 - c.tcwl;
  c.trefi = ns_to_cycles(7800.0, c.tck_ps);
  c.trfc = ns_to_cycles(350.0, c.tck_ps);
  return c;
}

// LPDDR4-3200, one x16 channel (8 Gb per channel), one rank, no bank groups.
// Sources: JEDEC JESD209-4 (LPDDR4) AC timing tables; Micron MT53E256M32 datasheet: tCK 0.625 ns,
// RL 28 and WL 14 (set A, DBI off), BL16, 8 banks, 2 KB page, 64K rows, tRCD 18 ns, tRPpb 18 ns,
// tRAS 42 ns, tRRD 10 ns, tFAW 40 ns, tWR 18 ns, tWTR 10 ns, tRTP 7.5 ns, tCCD 8 tCK (BL16),
// tREFI 3.9 us, tRFCab 280 ns (8 Gb per channel).
DramConfig lpddr4_3200() {
  DramConfig c;
  c.name = "LPDDR4-3200";
  c.tck_ps = 625;
  c.channels = 1;
  c.ranks = 1;
  c.bank_groups = 1;
  c.banks = 8;
  c.rows = 65536;
  c.row_bytes = 2048;
  c.bus_bits = 16;
  c.burst_length = 16;
  c.data_rate = 2;
  c.tcl = 28;
  c.tcwl = 14;
  c.trcd = ns_to_cycles(18.0, c.tck_ps);
  c.trp = ns_to_cycles(18.0, c.tck_ps);
  c.tras = ns_to_cycles(42.0, c.tck_ps);
  c.trc = c.tras + c.trp;
  c.trrd_s = c.trrd_l = ns_to_cycles(10.0, c.tck_ps);
  c.tfaw = ns_to_cycles(40.0, c.tck_ps);
  c.twr = ns_to_cycles(18.0, c.tck_ps);
  c.twtr_s = c.twtr_l = ns_to_cycles(10.0, c.tck_ps);
  c.trtp = std::max<Cycle>(8, ns_to_cycles(7.5, c.tck_ps));
  c.tccd_s = c.tccd_l = 8;
  // Read to write: RL + BL/2 - WL + 2 tCK of bus turnaround.
  c.trtw = c.tcl + c.burst_cycles() + 2 - c.tcwl;
  c.trefi = ns_to_cycles(3900.0, c.tck_ps);
  c.trfc = ns_to_cycles(280.0, c.tck_ps);
  return c;
}

// HBM2 at 2 Gbps per pin (tCK 1 ns), one 128-bit legacy-mode channel, 16 banks in 4 bank groups,
// 1 KB page, BL4. Sources: JEDEC JESD235 (HBM) and the SK hynix HBM2 datasheet for tRCD = tRP =
// tCL 14 ns, tRAS 33 ns, tREFI 3.9 us and tRFC 350 ns (8 Gb die). tRRD_S/L 4/6 ns, tFAW 16 ns,
// tWR 16 ns, tWTR_S/L 4/9 ns, tRTP 5 ns, tCCD_S/L 2/4 tCK and WL 4 are representative HBM2
// values: check them against the datasheet of the part modelled. Rows: 16K (a 2 Gb channel).
// Pseudo-channel mode: two 64-bit channels with the same timings ("channels": 2, "bus_bits": 64).
DramConfig hbm2() {
  DramConfig c;
  c.name = "HBM2";
  c.tck_ps = 1000;
  c.channels = 1;
  c.ranks = 1;
  c.bank_groups = 4;
  c.banks = 16;
  c.rows = 16384;
  c.row_bytes = 1024;
  c.bus_bits = 128;
  c.burst_length = 4;
  c.data_rate = 2;
  c.trcd = ns_to_cycles(14.0, c.tck_ps);
  c.trp = ns_to_cycles(14.0, c.tck_ps);
  c.tcl = ns_to_cycles(14.0, c.tck_ps);
  c.tcwl = 4;
  c.tras = ns_to_cycles(33.0, c.tck_ps);
  c.trc = c.tras + c.trp;
  c.trrd_s = ns_to_cycles(4.0, c.tck_ps);
  c.trrd_l = ns_to_cycles(6.0, c.tck_ps);
  c.tfaw = ns_to_cycles(16.0, c.tck_ps);
  c.twr = ns_to_cycles(16.0, c.tck_ps);
  c.twtr_s = ns_to_cycles(4.0, c.tck_ps);
  c.twtr_l = ns_to_cycles(9.0, c.tck_ps);
  c.trtp = ns_to_cycles(5.0, c.tck_ps);
  c.tccd_s = 2;
  c.tccd_l = 4;
  c.trtw = c.tcl + c.burst_cycles() + 2 - c.tcwl;
  c.trefi = ns_to_cycles(3900.0, c.tck_ps);
  c.trfc = ns_to_cycles(350.0, c.tck_ps);
  return c;
}

}  // namespace

std::optional<DramConfig> dram_preset(const std::string& name) {
  if (name == "DDR4-2400") return ddr4_2400();
  if (name == "LPDDR4-3200") return lpddr4_3200();
  if (name == "HBM2") return hbm2();
  return std::nullopt;
}

}  // namespace arraysim::sim
