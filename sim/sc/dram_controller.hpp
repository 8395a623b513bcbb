// A DRAM controller behind a TLM-2.0 target socket (approximately-timed base protocol). Each
// transaction is one access within one burst (DramConfig::burst_bytes(), aligned); a larger or
// straddling one is answered with TLM_BURST_ERROR_RESPONSE without touching the DRAM (initiators
// split accesses: see DramPort). BEGIN_REQ is answered with END_REQ when the request enters its
// channel's queue, later while that queue is full (back-pressure); BEGIN_RESP follows on the
// backward path when the read data has left the bus (or the write data has been written), and
// waits for END_RESP of the previous one. One SC_METHOD issues the commands that sim/core's
// DramTiming schedules, waking only at their legal cycles: no clock, nothing while idle. Data is
// not stored (a timing model). b_transport is offered for blocking initiators.
#pragma once

#include <cstdint>
#include <deque>
#include <unordered_map>

#include <tlm_utils/peq_with_cb_and_phase.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "sim/core/dram_timing.hpp"

namespace arraysim::sim::sc {

class DramController : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<DramController> socket;

  SC_HAS_PROCESS(DramController);
  DramController(const sc_core::sc_module_name& name, const DramConfig& config);

  const DramConfig& config() const { return timing_.config(); }
  const DramStats& stats() const { return timing_.stats(); }
  // Keeps every issued command (tests, debugging); off by default.
  void record_commands(bool on) { timing_.record_commands(on); }
  const std::vector<DramCommand>& command_log() const { return timing_.command_log(); }
  sc_core::sc_time clock_period() const { return tck_; }
  // The simulated time of DRAM clock edge `cycle`.
  sc_core::sc_time cycle_time(Cycle cycle) const { return tck_ * static_cast<double>(cycle); }

 private:
  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& trans, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
  void on_phase(tlm::tlm_generic_payload& trans, const tlm::tlm_phase& phase);
  void begin_request(tlm::tlm_generic_payload& trans);
  bool fits_one_burst(const tlm::tlm_generic_payload& trans) const;
  std::uint32_t channel_of(const tlm::tlm_generic_payload& trans) const;
  void enqueue(tlm::tlm_generic_payload& trans);
  void end_request(tlm::tlm_generic_payload& trans);
  void admit_waiting();
  void send_responses();
  void finish(tlm::tlm_generic_payload& trans);
  void schedule();  // SC_METHOD: issues due commands, sleeps until the next one
  Cycle current_cycle(bool& on_edge) const;

  DramTiming timing_;
  sc_core::sc_time tck_;
  tlm_utils::peq_with_cb_and_phase<DramController> peq_;
  sc_core::sc_event wake_;
  sc_core::sc_event space_;  // a queue slot freed (blocking callers wait for it)
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::uint64_t, tlm::tlm_generic_payload*> in_flight_;
  tlm::tlm_generic_payload* waiting_ = nullptr;  // BEGIN_REQ held back: its queue was full
  std::deque<tlm::tlm_generic_payload*> responses_;
  bool response_open_ = false;  // BEGIN_RESP sent, END_RESP not yet received
  std::unordered_map<tlm::tlm_generic_payload*, sc_core::sc_event*> blocking_;
};

}  // namespace arraysim::sim::sc
