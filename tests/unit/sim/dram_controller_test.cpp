// The DRAM controller behind its TLM socket, driven through a DramPort, against hand-derived
// command and completion times (one test configuration with round numbers, tCK = 1 ns); the
// presets' values; the spec's DRAM fields and their errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>

#include "arch/architecture.hpp"
#include "arch/spec_defaults.hpp"
#include "arch/spec_error.hpp"
#include "sim/core/dram_config.hpp"
#include "sim/core/dram_presets.hpp"
#include "sim/sc/dram_controller.hpp"
#include "sim/sc/dram_port.hpp"
#include "sim/sc/fresh_context.hpp"

namespace {

namespace arch = arraysim::arch;
namespace sim = arraysim::sim;
using sim::Cycle;
using sim::DramCommandKind;

// 1 channel, 1 rank, 8 banks, 16 bursts of 64 bytes per row; BL8 at DDR: 4 cycles per burst.
sim::DramConfig test_config() {
  sim::DramConfig c;
  c.name = "test";
  c.tck_ps = 1000;
  c.banks = 8;
  c.rows = 1024;
  c.row_bytes = 1024;
  c.bus_bits = 64;
  c.burst_length = 8;
  c.data_rate = 2;
  c.trcd = 5;
  c.trp = 5;
  c.tcl = 6;
  c.tcwl = 4;
  c.tras = 12;
  c.trc = 17;
  c.trrd_s = c.trrd_l = 2;
  c.tfaw = 20;
  c.twr = 6;
  c.twtr_s = c.twtr_l = 3;
  c.trtp = 3;
  c.tccd_s = c.tccd_l = 4;
  c.trtw = 8;
  c.queue_depth = 16;
  return c;
}

std::uint64_t address(const sim::DramConfig& config, std::uint32_t bank, std::uint64_t row,
                      std::uint64_t column) {
  sim::DramAddress a;
  a.bank = bank;
  a.bank_group = bank % config.bank_groups;
  a.row = row;
  a.column = column;
  return sim::DramAddressMap(config).encode(a);
}

struct Item {
  Cycle at = 0;  // DRAM cycle of the access
  bool write = false;
  std::uint64_t address = 0;
  std::uint64_t bytes = 64;
};

// Makes the accesses at their cycles and records the cycle each one completes.
class Driver : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(Driver);
  Driver(const sc_core::sc_module_name& name, arraysim::sim::sc::DramPort& port,
         std::vector<Item> items, const sc_core::sc_time& tck)
      : sc_core::sc_module(name), port_(port), items_(std::move(items)), tck_(tck) {
    done.assign(items_.size(), ~Cycle{0});
    SC_THREAD(run);
  }
  std::vector<Cycle> done;

 private:
  void run() {
    for (std::size_t i = 0; i < items_.size(); ++i) {
      const sc_core::sc_time at = tck_ * static_cast<double>(items_[i].at);
      if (at > sc_core::sc_time_stamp()) wait(at - sc_core::sc_time_stamp());
      port_.access(items_[i].write, items_[i].address, items_[i].bytes,
                   [this, i] { done[i] = sc_core::sc_time_stamp().value() / tck_.value(); });
    }
  }
  arraysim::sim::sc::DramPort& port_;
  std::vector<Item> items_;
  sc_core::sc_time tck_;
};

struct Run {
  std::vector<Cycle> done;
  sim::DramStats stats;
  std::vector<sim::DramCommand> commands;
  std::uint64_t transactions = 0;
  std::size_t payloads = 0;
};

// A fresh simulation context per run.
Run run(const sim::DramConfig& config, const std::vector<Item>& items,
        std::size_t max_outstanding = 0) {
  Run out;
  {
    const arraysim::sim::sc::FreshContext context;
    arraysim::sim::sc::DramController dram("dram", config);
    dram.record_commands(true);
    arraysim::sim::sc::DramPort port("port", dram, max_outstanding);
    Driver driver("driver", port, items, dram.clock_period());
    sc_core::sc_start();
    out.done = driver.done;
    out.stats = dram.stats();
    out.commands = dram.command_log();
    out.transactions = port.transactions();
    out.payloads = port.payloads_allocated();
  }
  return out;
}

// "ACT@0 RD@5 ..." (bank numbers left out).
std::string trace(const Run& r) {
  std::string out;
  for (const sim::DramCommand& c : r.commands) {
    if (!out.empty()) out += " ";
    out += std::string(sim::dram_command_name(c.kind)) + "@" + std::to_string(c.cycle);
  }
  return out;
}

}  // namespace

TEST_CASE("DRAM row hits stream one burst per tCCD", "[sim][sc][dram]") {
  // Four reads of bursts 0..3 of row 0 in bank 0, all at cycle 0. The bank is closed: ACT@0;
  // the first RD waits tRCD = 5 -> RD@5, data from 5 + tCL = 11 for 4 cycles -> done 15
  // (tRCD + tCL + burst). The others hit the open row: one RD per tCCD = 4 (9, 13, 17), each
  // done tCL + burst = 10 later: 19, 23, 27.
  const sim::DramConfig config = test_config();
  std::vector<Item> items;
  for (std::uint64_t col = 0; col < 4; ++col)
    items.push_back({0, false, address(config, 0, 0, col)});
  const Run r = run(config, items);
  CHECK(r.done == std::vector<Cycle>{15, 19, 23, 27});
  CHECK(trace(r) == "ACT@0 RD@5 RD@9 RD@13 RD@17");
  CHECK(r.stats.activates == 1);
  CHECK(r.stats.reads == 4);
  CHECK(r.stats.row_misses == 1);
  CHECK(r.stats.row_hits == 3);
  CHECK(r.stats.row_conflicts == 0);
  // The first RD waited tRCD (row miss); each later one waited for the bus (tCCD).
  CHECK(r.stats.bank_stalls[0].row_miss == 5);
  CHECK(r.stats.bank_stalls[0].bus == 9 + 13 + 17);

  SECTION("back-pressure: a queue of one request gives the same times") {
    // A request leaves the queue when its RD issues, so the next one is admitted (END_REQ) at
    // cycle 5, 9, 13 and still issues at the tCCD spacing.
    sim::DramConfig one = config;
    one.queue_depth = 1;
    CHECK(run(one, items).done == std::vector<Cycle>{15, 19, 23, 27});
  }
  SECTION("one access of four bursts completes with its last burst") {
    const Run whole = run(config, {{0, false, address(config, 0, 0, 0), 256}});
    CHECK(whole.done == std::vector<Cycle>{27});
    CHECK(whole.transactions == 4);
  }
}

TEST_CASE("DRAM row conflict waits tRAS then tRP and tRCD", "[sim][sc][dram]") {
  // Bank 0: a read of row 0 then a read of row 1, both at cycle 0. Row 0: ACT@0, RD@5, done
  // 5 + tCL 6 + burst 4 = 15. Row 1 conflicts: PRE no earlier than ACT + tRAS = 12 (the RD's
  // tRTP allows 8), ACT at 12 + tRP = 17 (also tRC after ACT@0), RD at 17 + tRCD = 22, done
  // 22 + 6 + 4 = 32.
  const sim::DramConfig config = test_config();
  const Run r =
      run(config, {{0, false, address(config, 0, 0, 0)}, {0, false, address(config, 0, 1, 0)}});
  CHECK(r.done == std::vector<Cycle>{15, 32});
  CHECK(trace(r) == "ACT@0 RD@5 PRE@12 ACT@17 RD@22");
  CHECK(r.stats.row_misses == 1);
  CHECK(r.stats.row_conflicts == 1);
  CHECK(r.stats.precharges == 1);
  // Row-miss stalls: the first RD's tRCD (5); the second request's PRE from its arrival (12),
  // its ACT (tRP, 5) and RD (tRCD, 5).
  CHECK(r.stats.bank_stalls[0].row_miss == 5 + 12 + 5 + 5);
}

TEST_CASE("DRAM fifth activate waits for tFAW", "[sim][sc][dram]") {
  // Reads of row 0 in banks 0..4 at cycle 0. ACTs are tRRD = 2 apart: 0, 2, 4; the RD of bank 0
  // takes cycle 5 (tRCD after ACT@0), ACT bank 3 at 6. The fifth ACT may not come before the
  // first + tFAW = 0 + 20 = 20 (tRRD alone would allow 8). Reads in between: bank 1 RD at 9
  // (tCCD after 5), bank 2 at 13, bank 3 at 17; done 15, 19, 23, 27. Bank 4: ACT@20, RD@25
  // (tRCD), done 25 + 6 + 4 = 35.
  const sim::DramConfig config = test_config();
  std::vector<Item> items;
  for (std::uint32_t bank = 0; bank < 5; ++bank)
    items.push_back({0, false, address(config, bank, 0, 0)});
  const Run r = run(config, items);
  CHECK(r.done == std::vector<Cycle>{15, 19, 23, 27, 35});
  CHECK(trace(r) == "ACT@0 ACT@2 ACT@4 RD@5 ACT@6 RD@9 RD@13 RD@17 ACT@20 RD@25");
  CHECK(r.stats.activates == 5);
  // Bank 4's ACT waited from arrival (0) to 20 for the activate window.
  CHECK(r.stats.bank_stalls[4].act_window == 20);
}

TEST_CASE("DRAM request during refresh waits until tRFC is over", "[sim][sc][dram]") {
  sim::DramConfig config = test_config();
  config.trefi = 100;
  config.trfc = 30;
  SECTION("arriving while a refresh is in progress") {
    // Idle until cycle 110: the refresh due at 100 was issued then (all banks closed): REF@100
    // blocks the rank until 130. The read at 110: ACT@130, RD@135, done 135 + 6 + 4 = 145.
    const Run r = run(config, {{110, false, address(config, 0, 0, 0)}});
    CHECK(r.done == std::vector<Cycle>{145});
    CHECK(trace(r) == "REF@100 ACT@130 RD@135");
    CHECK(r.stats.refreshes == 1);
    CHECK(r.stats.bank_stalls[0].refresh == 20);  // ACT from arrival 110 to 130
  }
  SECTION("arriving when a refresh is due with a row open") {
    // Row 0 of bank 0 opened at 0 (ACT@0, RD@5, done 15) and hit again at 98 (RD@98 < due 100,
    // done 108). The read at 101 comes after the refresh fell due: the refresh goes first.
    // Precharge all at 101 (tRTP after RD@98), REF at 101 + tRP = 106, rank blocked until
    // 106 + tRFC = 136; the read, now a miss: ACT@136, RD@141, done 141 + 6 + 4 = 151.
    const std::uint64_t row0 = address(config, 0, 0, 0);
    const Run r = run(config, {{0, false, row0}, {98, false, row0}, {101, false, row0}});
    CHECK(r.done == std::vector<Cycle>{15, 108, 151});
    CHECK(trace(r) == "ACT@0 RD@5 RD@98 PREA@101 REF@106 ACT@136 RD@141");
    CHECK(r.stats.row_misses == 2);
    CHECK(r.stats.row_hits == 1);
  }
}

TEST_CASE("DRAM write then read in one rank respects tWTR", "[sim][sc][dram]") {
  // A write to bank 0 and a read of bank 1, both at cycle 0. ACT b0@0, ACT b1@2 (tRRD); WR@5
  // (tRCD), its data on the bus from 5 + tCWL = 9 to 13 (done 13). The RD of bank 1 may issue
  // tWTR = 3 after the write data: 16 (tCCD and the bus would allow 9); done 16 + 6 + 4 = 26.
  const sim::DramConfig config = test_config();
  const Run r =
      run(config, {{0, true, address(config, 0, 0, 0)}, {0, false, address(config, 1, 0, 0)}});
  CHECK(r.done == std::vector<Cycle>{13, 26});
  CHECK(trace(r) == "ACT@0 ACT@2 WR@5 RD@16");
  CHECK(r.stats.bank_stalls[1].turnaround == 16 - 2);
  SECTION("read then write waits tRTW") {
    // RD b0@5 (done 15); the WR of bank 1 waits tRTW = 8 after it: 13 (the bus would allow
    // 15 - tCWL = 11); done 13 + 4 + 4 = 21.
    const Run rw =
        run(config, {{0, false, address(config, 0, 0, 0)}, {0, true, address(config, 1, 0, 0)}});
    CHECK(rw.done == std::vector<Cycle>{15, 21});
    CHECK(trace(rw) == "ACT@0 ACT@2 RD@5 WR@13");
  }
}

TEST_CASE("FR-FCFS serves a later row hit before an earlier row miss and FCFS does not",
          "[sim][sc][dram]") {
  // Bank 0 at cycle 0: A = row 0, B = row 1, C = row 0 (in that order). ACT@0 and RD A@5 (done
  // 15) either way.
  // FR-FCFS: C hits the open row: RD@9 (tCCD), done 19; B's PRE waits for no pending hit and
  // tRAS: PRE@12 (RD C + tRTP = 12 too), ACT@17, RD@22, done 32.
  // FCFS: B before C: PRE@12, ACT@17, RD@22 (done 32); C: PRE at ACT@17 + tRAS = 29, ACT@34
  // (tRP; tRC too), RD@39, done 49.
  sim::DramConfig config = test_config();
  const std::vector<Item> items = {{0, false, address(config, 0, 0, 0)},
                                   {0, false, address(config, 0, 1, 0)},
                                   {0, false, address(config, 0, 0, 1)}};
  const Run fr = run(config, items);
  CHECK(fr.done == std::vector<Cycle>{15, 32, 19});
  CHECK(trace(fr) == "ACT@0 RD@5 RD@9 PRE@12 ACT@17 RD@22");
  CHECK(fr.stats.row_hits == 1);
  CHECK(fr.stats.row_conflicts == 1);
  config.scheduler = sim::DramScheduler::Fcfs;
  const Run fcfs = run(config, items);
  CHECK(fcfs.done == std::vector<Cycle>{15, 32, 49});
  CHECK(trace(fcfs) == "ACT@0 RD@5 PRE@12 ACT@17 RD@22 PRE@29 ACT@34 RD@39");
  CHECK(fcfs.stats.row_hits == 0);
  CHECK(fcfs.stats.row_conflicts == 2);
}

TEST_CASE("DRAM closed page precharges after each access", "[sim][sc][dram]") {
  // Two reads of row 0 in bank 0 at cycle 0. ACT@0, RD@5 with auto-precharge, done 15. The bank
  // closes at max(ACT + tRAS = 12, RD + tRTP = 8) = 12, so the second read opens the row again:
  // ACT at 12 + tRP = 17, RD@22, done 22 + 6 + 4 = 32 (open page: RD@9, done 19).
  sim::DramConfig config = test_config();
  config.page_policy = sim::PagePolicy::Closed;
  const Run r =
      run(config, {{0, false, address(config, 0, 0, 0)}, {0, false, address(config, 0, 0, 1)}});
  CHECK(r.done == std::vector<Cycle>{15, 32});
  CHECK(trace(r) == "ACT@0 RD@5 ACT@17 RD@22");
  CHECK(r.stats.precharges == 2);
  CHECK(r.stats.activates == 2);
  CHECK(r.stats.row_misses == 2);
}

TEST_CASE("DRAM port splits accesses into aligned bursts and reuses payloads", "[sim][sc][dram]") {
  // 100 bytes from byte 40 touch bursts 0, 1 and 2 (bytes 0..191) of row 0: three RDs at 5, 9,
  // 13; the access completes with the last, 13 + 6 + 4 = 23. Then 64 aligned bytes at 30:
  // one RD@30 (hit), done 40. With one outstanding transaction at a time: RD at 5, then the next
  // request only after the previous response (15): RD@15, done 25; RD@25, done 35.
  const sim::DramConfig config = test_config();
  const std::vector<Item> items = {{0, false, 40, 100}, {30, false, 0, 64}};
  const Run r = run(config, items);
  CHECK(r.done == std::vector<Cycle>{23, 40});
  CHECK(r.transactions == 4);
  CHECK(r.payloads <= 3);
  const Run serial = run(config, {{0, false, 40, 100}}, 1);
  CHECK(serial.done == std::vector<Cycle>{35});
  CHECK(serial.payloads == 1);
  CHECK(trace(serial) == "ACT@0 RD@5 RD@15 RD@25");
}

namespace {

// A blocking initiator: b_transport of two bursts of row 0, one after the other.
class BlockingReader : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<BlockingReader> socket;
  SC_HAS_PROCESS(BlockingReader);
  explicit BlockingReader(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {
    SC_THREAD(run);
  }
  std::vector<sc_core::sc_time> done;
  std::vector<tlm::tlm_response_status> status;

 private:
  void run() {
    std::vector<unsigned char> data(64);
    for (std::uint64_t address : {0, 64, 32}) {
      tlm::tlm_generic_payload trans;
      trans.set_command(tlm::TLM_READ_COMMAND);
      trans.set_address(address);
      trans.set_data_ptr(data.data());
      trans.set_data_length(64);
      trans.set_streaming_width(64);
      sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
      socket->b_transport(trans, delay);
      done.push_back(sc_core::sc_time_stamp());
      status.push_back(trans.get_response_status());
    }
  }
};

}  // namespace

TEST_CASE("DRAM controller serves b_transport and rejects a transaction across bursts",
          "[sim][sc][dram]") {
  // Burst 0 of row 0: ACT@0, RD@5, done 15 ns. Burst 1 arrives at 15 (a hit): RD@15, done 25.
  // 64 bytes from byte 32 straddle two bursts: a burst error at once, at 25.
  {
    const arraysim::sim::sc::FreshContext context;
    arraysim::sim::sc::DramController dram("dram", test_config());
    BlockingReader reader("reader");
    reader.socket.bind(dram.socket);
    sc_core::sc_start();
    CHECK(reader.done == std::vector<sc_core::sc_time>{sc_core::sc_time(15, sc_core::SC_NS),
                                                       sc_core::sc_time(25, sc_core::SC_NS),
                                                       sc_core::sc_time(25, sc_core::SC_NS)});
    CHECK(reader.status == std::vector<tlm::tlm_response_status>{tlm::TLM_OK_RESPONSE,
                                                                 tlm::TLM_OK_RESPONSE,
                                                                 tlm::TLM_BURST_ERROR_RESPONSE});
    CHECK(dram.stats().reads == 2);
  }
}

TEST_CASE("DRAM presets hold their datasheet values in clock cycles", "[sim][dram]") {
  const auto ddr4 = sim::dram_preset("DDR4-2400");
  REQUIRE(ddr4);
  CHECK(ddr4->tck_ps == 833);
  CHECK(ddr4->tcl == 17);
  CHECK(ddr4->trcd == 17);
  CHECK(ddr4->trp == 17);
  CHECK(ddr4->tras == 39);  // 32 ns / 0.833 = 38.4
  CHECK(ddr4->trc == 56);
  CHECK(ddr4->trrd_s == 4);
  CHECK(ddr4->trrd_l == 6);  // 4.9 ns
  CHECK(ddr4->tfaw == 26);   // 21 ns
  CHECK(ddr4->twr == 18);    // 15 ns
  CHECK(ddr4->twtr_s == 3);
  CHECK(ddr4->twtr_l == 9);
  CHECK(ddr4->tccd_l == 6);
  CHECK(ddr4->trefi == 9364);  // 7.8 us
  CHECK(ddr4->trfc == 421);    // 350 ns
  CHECK(ddr4->bank_groups == 4);
  CHECK(ddr4->banks == 16);
  CHECK(ddr4->row_bytes == 8192);
  CHECK(ddr4->burst_bytes() == 64);
  CHECK(ddr4->burst_cycles() == 4);

  const auto lp = sim::dram_preset("LPDDR4-3200");
  REQUIRE(lp);
  CHECK(lp->tck_ps == 625);
  CHECK(lp->tcl == 28);
  CHECK(lp->trcd == 29);  // 18 ns / 0.625 = 28.8
  CHECK(lp->trp == 29);
  CHECK(lp->tras == 68);  // 42 ns
  CHECK(lp->tfaw == 64);  // 40 ns
  CHECK(lp->trrd_s == 16);
  CHECK(lp->trefi == 6240);
  CHECK(lp->trfc == 448);
  CHECK(lp->banks == 8);
  CHECK(lp->row_bytes == 2048);
  CHECK(lp->burst_bytes() == 32);
  CHECK(lp->burst_cycles() == 8);

  const auto hbm = sim::dram_preset("HBM2");
  REQUIRE(hbm);
  CHECK(hbm->tck_ps == 1000);
  CHECK(hbm->trcd == 14);
  CHECK(hbm->trp == 14);
  CHECK(hbm->tcl == 14);
  CHECK(hbm->tras == 33);
  CHECK(hbm->trc == 47);
  CHECK(hbm->trefi == 3900);
  CHECK(hbm->trfc == 350);
  CHECK(hbm->bus_bits == 128);
  CHECK(hbm->bank_groups == 4);
  CHECK(hbm->banks == 16);
  CHECK(hbm->burst_cycles() == 2);

  for (const std::string& name : arch::dram_preset_names()) {
    const auto preset = sim::dram_preset(name);
    REQUIRE(preset);
    CHECK(preset->name == name);
    CHECK(sim::check_dram_config(*preset).empty());
  }
  CHECK_FALSE(sim::dram_preset("DDR5"));
}

namespace {

arch::Json dram_arch(const arch::Json& dram_fields) {
  arch::Json level = {{"name", "DRAM"},       {"kind", "dram"},        {"banks", 4},
                      {"row_words", 1024},    {"row_miss_cycles", 21}, {"row_hit_cycles", 2},
                      {"latency_cycles", 10}, {"read_bandwidth", 8}};
  for (const auto& [key, value] : dram_fields.items()) level[key] = value;
  return {{"spec", "architecture"},
          {"name", "a"},
          {"levels", arch::Json::array({level})},
          {"compute", {{"name", "MAC"}}}};
}

std::string error_of(const arch::Json& json) {
  try {
    arch::parse_architecture(json, "a.json");
  } catch (const arch::SpecError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("DRAM spec fields: presets, overrides, generic timing and errors", "[arch][dram]") {
  SECTION("generic timing from the level's fields, recorded as a default") {
    const arch::Architecture a =
        arch::parse_architecture(dram_arch(arch::Json::object()), "a.json");
    CHECK_FALSE(a.levels[0].dram);
    const sim::DramConfig c = sim::dram_config(a.levels[0], 500.0);
    CHECK(c.tck_ps == 2000);
    CHECK(c.banks == 4);
    CHECK(c.bus_bits == 128);  // 8 words of 16 bits per clock
    CHECK(c.burst_bytes() == 16);
    CHECK(c.row_bytes == 2048);
    CHECK(c.trp == 10);
    CHECK(c.trcd == 11);  // tRP + tRCD = row_miss_cycles
    CHECK(c.tcl == 12);   // latency_cycles + row_hit_cycles
    CHECK(c.trefi == 0);
    bool listed = false;
    for (const auto& d : arch::architecture_defaults(a))
      listed |= d.category == "DRAM timing generic";
    CHECK(listed);
  }
  SECTION("a preset with overrides, not recorded as a default") {
    const arch::Architecture a =
        arch::parse_architecture(dram_arch({{"dram_preset", "DDR4-2400"},
                                            {"dram",
                                             {{"channels", 2},
                                              {"trcd", 20},
                                              {"trrd", 5},
                                              {"page_policy", "closed"},
                                              {"address_mapping", "RoBgBaRaCoCh"},
                                              {"scheduler", "fcfs"}}}}),
                                 "a.json");
    const sim::DramConfig c = sim::dram_config(a.levels[0], 1000.0);
    CHECK(c.name == "DDR4-2400");
    CHECK(c.channels == 2);
    CHECK(c.trcd == 20);
    CHECK(c.trp == 17);
    CHECK(c.trrd_s == 5);
    CHECK(c.trrd_l == 5);
    CHECK(c.page_policy == sim::PagePolicy::Closed);
    CHECK(c.scheduler == sim::DramScheduler::Fcfs);
    for (const auto& d : arch::architecture_defaults(a)) CHECK(d.category != "DRAM timing generic");
  }
  SECTION("errors are one line naming the JSON path") {
    CHECK(error_of(dram_arch({{"dram_preset", "DDR5"}})) ==
          "a.json:/levels/0/dram_preset: unknown value \"DDR5\", expected one of \"DDR4-2400\", "
          "\"LPDDR4-3200\", \"HBM2\"");
    CHECK(error_of(dram_arch({{"dram", {{"trcd", -3}}}})) ==
          "a.json:/levels/0/dram/trcd: expected a non-negative integer, got -3");
    CHECK(error_of(dram_arch({{"dram", {{"address_mapping", "RoBaCoXy"}}}})) ==
          "a.json:/levels/0/dram/address_mapping: unknown address field \"Xy\" in \"RoBaCoXy\", "
          "expected Ro, Ba, Bg, Ra, Co or Ch");
    CHECK(error_of(dram_arch({{"dram", {{"tcl", 3}, {"tRCD", 3}}}}))
              .find("a.json:/levels/0/dram/tRCD: unknown key \"tRCD\"") == 0);
    arch::Json sram = dram_arch({{"dram_preset", "HBM2"}});
    sram["levels"][0]["kind"] = "sram";
    sram["levels"][0]["capacity_words"] = 1024;
    CHECK(error_of(sram) ==
          "a.json:/levels/0/dram_preset: DRAM timing applies only to a level of kind \"dram\"");
    for (const arch::Json& bad :
         {dram_arch({{"dram_preset", "DDR5"}}), dram_arch({{"dram", {{"trcd", -3}}}})}) {
      CHECK(error_of(bad).find('\n') == std::string::npos);
    }
  }
  SECTION("inconsistent merged values fail when the controller is built") {
    const arch::Architecture a = arch::parse_architecture(
        dram_arch({{"dram_preset", "DDR4-2400"}, {"dram", {{"bank_groups", 3}}}}), "a.json");
    CHECK_THROWS_WITH(sim::dram_config(a.levels[0], 1000.0),
                      "a.json:/levels/0/dram: 3 bank groups do not divide 16 banks");
  }
}
