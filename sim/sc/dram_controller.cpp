#include "sim/sc/dram_controller.hpp"

#include <limits>

namespace arraysim::sim::sc {

DramController::DramController(const sc_core::sc_module_name& name, const DramConfig& config)
    : sc_core::sc_module(name),
      socket("socket"),
      timing_(config),
      tck_(static_cast<double>(config.tck_ps), sc_core::SC_PS),
      peq_(this, &DramController::on_phase) {
  socket.register_nb_transport_fw(this, &DramController::nb_transport_fw);
  socket.register_b_transport(this, &DramController::b_transport);
  SC_METHOD(schedule);
  sensitive << wake_;
  dont_initialize();
}

Cycle DramController::current_cycle(bool& on_edge) const {
  const sc_dt::uint64 now = sc_core::sc_time_stamp().value();
  const sc_dt::uint64 period = tck_.value();
  on_edge = now % period == 0;
  return (now + period - 1) / period;
}

std::uint32_t DramController::channel_of(const tlm::tlm_generic_payload& trans) const {
  return timing_.decode(trans.get_address()).channel;
}

bool DramController::fits_one_burst(const tlm::tlm_generic_payload& trans) const {
  const std::uint64_t burst = timing_.config().burst_bytes();
  const std::uint64_t length = trans.get_data_length();
  return length > 0 && trans.get_address() % burst + length <= burst;
}

tlm::tlm_sync_enum DramController::nb_transport_fw(tlm::tlm_generic_payload& trans,
                                                   tlm::tlm_phase& phase, sc_core::sc_time& delay) {
  if (phase != tlm::BEGIN_REQ && phase != tlm::END_RESP) {
    SC_REPORT_ERROR(name(), "nb_transport_fw: only BEGIN_REQ and END_RESP are expected");
    return tlm::TLM_COMPLETED;
  }
  peq_.notify(trans, phase, delay);
  return tlm::TLM_ACCEPTED;
}

void DramController::on_phase(tlm::tlm_generic_payload& trans, const tlm::tlm_phase& phase) {
  if (phase == tlm::BEGIN_REQ) {
    begin_request(trans);
  } else if (phase == tlm::END_RESP) {
    response_open_ = false;
    finish(trans);
    send_responses();
  } else if (phase == tlm::BEGIN_RESP) {  // internal: the access's data is done
    auto blocking = blocking_.find(&trans);
    if (blocking != blocking_.end()) {
      blocking->second->notify();
    } else {
      responses_.push_back(&trans);
      send_responses();
    }
  }
}

void DramController::begin_request(tlm::tlm_generic_payload& trans) {
  if (trans.has_mm()) trans.acquire();
  if (waiting_ != nullptr) {
    SC_REPORT_ERROR(name(), "BEGIN_REQ before the END_REQ of the previous request");
  }
  const bool read_write = trans.is_read() || trans.is_write();
  if (!read_write || !fits_one_burst(trans)) {
    trans.set_response_status(!read_write                    ? tlm::TLM_OK_RESPONSE
                              : trans.get_data_length() == 0 ? tlm::TLM_GENERIC_ERROR_RESPONSE
                                                             : tlm::TLM_BURST_ERROR_RESPONSE);
    end_request(trans);
    responses_.push_back(&trans);
    send_responses();
    return;
  }
  if (timing_.full(channel_of(trans))) {
    waiting_ = &trans;  // END_REQ once a slot frees
    return;
  }
  enqueue(trans);
  end_request(trans);
}

void DramController::enqueue(tlm::tlm_generic_payload& trans) {
  bool on_edge = false;
  DramRequest request;
  request.id = next_id_++;
  request.write = trans.is_write();
  request.address = trans.get_address();
  request.arrival = current_cycle(on_edge);
  in_flight_[request.id] = &trans;
  timing_.enqueue(request);
  wake_.notify(sc_core::SC_ZERO_TIME);
}

void DramController::end_request(tlm::tlm_generic_payload& trans) {
  tlm::tlm_phase phase = tlm::END_REQ;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->nb_transport_bw(trans, phase, delay);
}

void DramController::admit_waiting() {
  if (waiting_ == nullptr || timing_.full(channel_of(*waiting_))) return;
  tlm::tlm_generic_payload* trans = waiting_;
  waiting_ = nullptr;
  enqueue(*trans);
  end_request(*trans);
}

void DramController::send_responses() {
  while (!response_open_ && !responses_.empty()) {
    tlm::tlm_generic_payload* trans = responses_.front();
    responses_.pop_front();
    tlm::tlm_phase phase = tlm::BEGIN_RESP;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum status = socket->nb_transport_bw(*trans, phase, delay);
    if (status == tlm::TLM_COMPLETED || (status == tlm::TLM_UPDATED && phase == tlm::END_RESP)) {
      finish(*trans);
    } else {
      response_open_ = true;  // END_RESP will come on the forward path
    }
  }
}

void DramController::finish(tlm::tlm_generic_payload& trans) {
  if (trans.has_mm()) trans.release();
}

void DramController::schedule() {
  bool on_edge = false;
  const Cycle now = current_cycle(on_edge);
  const sc_core::sc_time& stamp = sc_core::sc_time_stamp();
  if (!on_edge) {  // commands issue on clock edges
    wake_.notify(cycle_time(now) - stamp);
    return;
  }
  Cycle next = std::numeric_limits<Cycle>::max();
  for (std::uint32_t ch = 0; ch < timing_.config().channels; ++ch) {
    for (;;) {
      const std::optional<DramCommand> command = timing_.next_command(ch, now);
      if (!command) break;
      if (command->cycle > now) {
        next = std::min(next, command->cycle);
        break;
      }
      const std::optional<DramCompletion> done = timing_.issue(*command);
      if (!done) continue;
      auto it = in_flight_.find(done->id);
      tlm::tlm_generic_payload* trans = it->second;
      in_flight_.erase(it);
      trans->set_response_status(tlm::TLM_OK_RESPONSE);
      peq_.notify(*trans, tlm::BEGIN_RESP, cycle_time(done->done) - stamp);
      space_.notify(sc_core::SC_ZERO_TIME);
      admit_waiting();
    }
  }
  if (next != std::numeric_limits<Cycle>::max()) wake_.notify(cycle_time(next) - stamp);
}

void DramController::b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay) {
  sc_core::wait(delay);
  delay = sc_core::SC_ZERO_TIME;
  if (!trans.is_read() && !trans.is_write()) {
    trans.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  if (!fits_one_burst(trans)) {
    trans.set_response_status(trans.get_data_length() == 0 ? tlm::TLM_GENERIC_ERROR_RESPONSE
                                                           : tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  while (timing_.full(channel_of(trans))) sc_core::wait(space_);
  sc_core::sc_event done;
  blocking_[&trans] = &done;
  enqueue(trans);
  sc_core::wait(done);
  blocking_.erase(&trans);
}

}  // namespace arraysim::sim::sc
