// The simulator's side of a DRAM: an initiator that turns an access of any size into burst-sized,
// burst-aligned TLM transactions, sends them with the approximately-timed base protocol (one
// BEGIN_REQ at a time, the next after END_REQ: the target's back-pressure holds the port), and
// calls the access's `done` at the simulated time the last transaction's BEGIN_RESP arrives.
// Transactions leave in the order accesses were made; at most `max_outstanding` are in flight
// (0: no limit). Payloads come from a pool and are reused. Any TLM-2.0 AT target may be bound.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>

#include <tlm_utils/peq_with_cb_and_phase.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "sim/sc/dram_controller.hpp"
#include "sim/sc/payload_pool.hpp"

namespace arraysim::sim::sc {

class DramPort : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DramPort> socket;

  SC_HAS_PROCESS(DramPort);
  // Bound to `target`; transactions of its burst size.
  DramPort(const sc_core::sc_module_name& name, DramController& target,
           std::size_t max_outstanding = 0);
  // Unbound (bind `socket` to another target): transactions of `burst_bytes`.
  DramPort(const sc_core::sc_module_name& name, std::uint64_t burst_bytes,
           std::size_t max_outstanding = 0);

  // Reads or writes `bytes` bytes from `byte_address` at the current simulated time; `done` runs
  // when the last burst has completed (at once when `bytes` is 0). Callable from any process.
  void access(bool write, std::uint64_t byte_address, std::uint64_t bytes,
              std::function<void()> done);

  std::uint64_t burst_bytes() const { return burst_bytes_; }
  std::size_t outstanding() const { return outstanding_; }
  std::uint64_t transactions() const { return transactions_; }
  std::size_t payloads_allocated() const { return pool_.allocated(); }

 private:
  struct Access {
    std::uint64_t remaining = 0;
    std::function<void()> done;
  };
  struct Burst {
    bool write = false;
    std::uint64_t address = 0;
    std::uint64_t access = 0;
  };

  tlm::tlm_sync_enum nb_transport_bw(tlm::tlm_generic_payload& trans, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay);
  void on_phase(tlm::tlm_generic_payload& trans, const tlm::tlm_phase& phase);
  void send();  // sends queued bursts while the target and the limit allow
  void complete(tlm::tlm_generic_payload& trans);

  std::uint64_t burst_bytes_;
  std::size_t max_outstanding_;
  PayloadPool pool_;
  std::vector<unsigned char> scratch_;  // data buffer of every payload (timing only)
  std::deque<Burst> queued_;
  std::unordered_map<std::uint64_t, Access> accesses_;
  std::unordered_map<tlm::tlm_generic_payload*, std::uint64_t> owner_;
  std::uint64_t next_access_ = 0;
  tlm::tlm_generic_payload* awaiting_end_req_ = nullptr;
  std::size_t outstanding_ = 0;
  std::uint64_t transactions_ = 0;
  sc_core::sc_event send_event_;
  tlm_utils::peq_with_cb_and_phase<DramPort> peq_;
};

}  // namespace arraysim::sim::sc
