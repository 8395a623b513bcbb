// A pool of TLM generic payloads for an initiator: payloads carry the pool as their memory
// manager, return to it when their reference count drops to zero, and are reused.
#pragma once

#include <memory>
#include <vector>

#include <tlm>

namespace arraysim::sim::sc {

class PayloadPool : public tlm::tlm_mm_interface {
 public:
  PayloadPool() = default;
  PayloadPool(const PayloadPool&) = delete;
  PayloadPool& operator=(const PayloadPool&) = delete;
  PayloadPool(PayloadPool&&) = delete;
  PayloadPool& operator=(PayloadPool&&) = delete;
  ~PayloadPool() override = default;

  // A payload with no reference yet: the caller acquire()s it and release()s it when done.
  tlm::tlm_generic_payload* allocate();
  void free(tlm::tlm_generic_payload* payload) override;
  std::size_t allocated() const { return all_.size(); }

 private:
  std::vector<std::unique_ptr<tlm::tlm_generic_payload>> all_;
  std::vector<tlm::tlm_generic_payload*> free_;
};

}  // namespace arraysim::sim::sc
