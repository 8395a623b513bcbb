#include "sim/sc/dram_port.hpp"

#include <utility>

namespace arraysim::sim::sc {

DramPort::DramPort(const sc_core::sc_module_name& name, DramController& target,
                   std::size_t max_outstanding)
    : DramPort(name, target.config().burst_bytes(), max_outstanding) {
  socket.bind(target.socket);
}

DramPort::DramPort(const sc_core::sc_module_name& name, std::uint64_t burst_bytes,
                   std::size_t max_outstanding)
    : sc_core::sc_module(name),
      socket("socket"),
      burst_bytes_(burst_bytes),
      max_outstanding_(max_outstanding),
      scratch_(burst_bytes),
      peq_(this, &DramPort::on_phase) {
  socket.register_nb_transport_bw(this, &DramPort::nb_transport_bw);
  SC_METHOD(send);
  sensitive << send_event_;
  dont_initialize();
}

void DramPort::access(bool write, std::uint64_t byte_address, std::uint64_t bytes,
                      std::function<void()> done) {
  if (bytes == 0) {
    if (done) done();
    return;
  }
  const std::uint64_t first = byte_address / burst_bytes_;
  const std::uint64_t last = (byte_address + bytes - 1) / burst_bytes_;
  const std::uint64_t id = next_access_++;
  accesses_[id] = Access{last - first + 1, std::move(done)};
  for (std::uint64_t burst = first; burst <= last; ++burst) {
    queued_.push_back(Burst{write, burst * burst_bytes_, id});
  }
  send_event_.notify(sc_core::SC_ZERO_TIME);
}

void DramPort::send() {
  while (awaiting_end_req_ == nullptr && !queued_.empty() &&
         (max_outstanding_ == 0 || outstanding_ < max_outstanding_)) {
    const Burst burst = queued_.front();
    queued_.pop_front();
    tlm::tlm_generic_payload* trans = pool_.allocate();
    trans->acquire();
    trans->set_command(burst.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    trans->set_address(burst.address);
    trans->set_data_ptr(scratch_.data());
    trans->set_data_length(static_cast<unsigned int>(burst_bytes_));
    trans->set_streaming_width(static_cast<unsigned int>(burst_bytes_));
    trans->set_byte_enable_ptr(nullptr);
    trans->set_dmi_allowed(false);
    trans->set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    owner_[trans] = burst.access;
    ++outstanding_;
    ++transactions_;
    tlm::tlm_phase phase = tlm::BEGIN_REQ;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum status = socket->nb_transport_fw(*trans, phase, delay);
    if (status == tlm::TLM_ACCEPTED) {
      awaiting_end_req_ = trans;
    } else if (status == tlm::TLM_UPDATED && phase == tlm::END_REQ) {
      if (delay != sc_core::SC_ZERO_TIME) {  // the next request after the annotated delay
        awaiting_end_req_ = trans;
        peq_.notify(*trans, phase, delay);
      }
    } else if (status == tlm::TLM_UPDATED && phase == tlm::BEGIN_RESP) {
      peq_.notify(*trans, phase, delay);
    } else if (status == tlm::TLM_COMPLETED) {
      peq_.notify(*trans, tlm::BEGIN_RESP, delay);
    }
  }
}

tlm::tlm_sync_enum DramPort::nb_transport_bw(tlm::tlm_generic_payload& trans, tlm::tlm_phase& phase,
                                             sc_core::sc_time& delay) {
  if (phase == tlm::END_REQ) {
    peq_.notify(trans, phase, delay);
    return tlm::TLM_ACCEPTED;
  }
  if (phase == tlm::BEGIN_RESP) {
    // Completing here ends the transaction (no END_RESP needed); the access finishes at the
    // response's annotated time.
    peq_.notify(trans, phase, delay);
    return tlm::TLM_COMPLETED;
  }
  SC_REPORT_ERROR(name(), "nb_transport_bw: only END_REQ and BEGIN_RESP are expected");
  return tlm::TLM_COMPLETED;
}

void DramPort::on_phase(tlm::tlm_generic_payload& trans, const tlm::tlm_phase& phase) {
  if (phase == tlm::END_REQ) {
    if (awaiting_end_req_ == &trans) awaiting_end_req_ = nullptr;
    send();
  } else if (phase == tlm::BEGIN_RESP) {
    complete(trans);
  }
}

void DramPort::complete(tlm::tlm_generic_payload& trans) {
  // A response also ends the request phase if END_REQ never came.
  if (awaiting_end_req_ == &trans) awaiting_end_req_ = nullptr;
  if (trans.get_response_status() != tlm::TLM_OK_RESPONSE) {
    SC_REPORT_ERROR(name(), trans.get_response_string().c_str());
  }
  auto owner = owner_.find(&trans);
  const std::uint64_t id = owner->second;
  owner_.erase(owner);
  --outstanding_;
  trans.release();
  auto access = accesses_.find(id);
  std::function<void()> done;
  if (--access->second.remaining == 0) {
    done = std::move(access->second.done);
    accesses_.erase(access);
  }
  send();
  if (done) done();
}

}  // namespace arraysim::sim::sc
