// A fresh SystemC simulation context for one run (a process may run many simulations, one after
// another): made current on construction, deleted on destruction even when the run throws. The
// modules of the run must be destroyed before it.
#pragma once

#include <systemc>

namespace arraysim::sim::sc {

class FreshContext {
 public:
  FreshContext() : context_(new sc_core::sc_simcontext()) {
    sc_core::sc_curr_simcontext = context_;
    sc_core::sc_default_global_context = context_;
  }
  ~FreshContext() {
    delete context_;
    sc_core::sc_curr_simcontext = nullptr;
    sc_core::sc_default_global_context = nullptr;
  }
  FreshContext(const FreshContext&) = delete;
  FreshContext& operator=(const FreshContext&) = delete;

 private:
  sc_core::sc_simcontext* context_;
};

}  // namespace arraysim::sim::sc
