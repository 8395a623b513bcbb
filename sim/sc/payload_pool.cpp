#include "sim/sc/payload_pool.hpp"

namespace arraysim::sim::sc {

tlm::tlm_generic_payload* PayloadPool::allocate() {
  if (!free_.empty()) {
    tlm::tlm_generic_payload* payload = free_.back();
    free_.pop_back();
    return payload;
  }
  all_.push_back(std::make_unique<tlm::tlm_generic_payload>(this));
  return all_.back().get();
}

void PayloadPool::free(tlm::tlm_generic_payload* payload) {
  payload->reset();  // drops extensions; the memory manager stays
  free_.push_back(payload);
}

}  // namespace arraysim::sim::sc
