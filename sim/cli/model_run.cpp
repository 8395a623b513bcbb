#include "sim/cli/model_run.hpp"

#include "mapper/model.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/precision_notes.hpp"
#include "sim/cli/spec_inputs.hpp"
#include "sim/cli/workload_select.hpp"

namespace arraysim::cli {

ModelRun run_model(const std::string& arch_path, const std::string& workload_path,
                   const std::string& layer_name, const std::string& mapping_path, int bits,
                   int psum_bits, std::int64_t batch) {
  ModelRun run;
  run.arch = load_arch_input(arch_path);
  run.network = load_workload_input(workload_path);
  apply_bits(run.network, bits);
  apply_psum_bits(run.network, psum_bits);
  apply_batch(run.network, batch);
  run.layer = select_layer(run.network, layer_name);
  warn_operand_precision(run.arch, run.layer);
  const arch::MappingSpec mapping = load_mapping_input(mapping_path, arch_path, run.arch);
  run.nest = mapper::bind_mapping(mapping, run.arch, run.layer);
  const mapper::Evaluation evaluation = mapper::evaluate(run.arch, run.layer, run.nest);
  if (!evaluation.ok()) {
    const int entry = run.nest.levels[evaluation.level].spec_index;
    const arch::JsonLocation levels = mapping.where.child("levels");  // YAML paths for Timeloop's
    (entry < 0 ? levels : levels.child(static_cast<std::size_t>(entry)))
        .fail(evaluation.reason(run.arch));
  }
  run.energy = energy::resolve_energy(run.arch);
  run.stats = mapper::make_stats(run.arch, run.layer.name, evaluation.counts, run.energy);
  return run;
}

}  // namespace arraysim::cli
