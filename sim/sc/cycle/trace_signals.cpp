#include "sim/sc/cycle/trace_signals.hpp"

namespace arraysim::sim::sc {

TraceSignals::TraceSignals(const arch::Architecture& arch, const InstanceProgram& program,
                           std::size_t pe_level, const std::string& base) {
  // SystemC announces the trace file's time unit as an info report, naming the temporary file.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  file_ = sc_core::sc_create_vcd_trace_file(base.c_str());
  file_->set_time_unit(1.0, sc_core::SC_PS);
  const std::string pe_name = arch.levels[pe_level].name;
  const auto columns = static_cast<std::uint64_t>(arch.levels[pe_level].mesh_x);
  for (std::uint64_t pe = 0; pe < program.instances[pe_level]; ++pe) {
    const std::string at =
        pe_name + "_" + std::to_string(pe / columns) + "_" + std::to_string(pe % columns);
    busy_.push_back(std::make_unique<sc_core::sc_signal<bool>>());
    waiting_.push_back(std::make_unique<sc_core::sc_signal<bool>>());
    sc_core::sc_trace(file_, *busy_.back(), at + ".busy");
    sc_core::sc_trace(file_, *waiting_.back(), at + ".waiting");
  }
  tiles_.resize(program.keepers.size());
  for (std::size_t k = 0; k < program.keepers.size(); ++k) {
    const KeeperProgram& p = program.keepers[k];
    if (p.level == 0) continue;
    for (std::uint64_t i = 0; i < program.instances[p.level]; ++i) {
      tiles_[k].push_back(std::make_unique<sc_core::sc_signal<std::uint32_t>>());
      sc_core::sc_trace(file_, *tiles_[k].back(),
                        arch.levels[p.level].name + "_" + std::to_string(i) + "." +
                            arch::dataspace_name(p.ds) + "_tiles");
    }
  }
}

TraceSignals::~TraceSignals() { sc_core::sc_close_vcd_trace_file(file_); }

}  // namespace arraysim::sim::sc
