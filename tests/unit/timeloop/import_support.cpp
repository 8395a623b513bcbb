#include "tests/unit/timeloop/import_support.hpp"

#include <catch2/catch.hpp>

#include "arch/energy/estimator.hpp"
#include "arch/mapping.hpp"
#include "arch/timeloop/timeloop_import.hpp"
#include "mapper/model.hpp"
#include "tests/support/test_paths.hpp"

namespace arraysim::testing {

ImportedRun run_timeloop(const std::vector<std::string>& files) {
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(source_path(f));
  const auto imported = arch::timeloop::import_timeloop(paths);
  REQUIRE(imported.architecture);
  REQUIRE(imported.layer);
  REQUIRE(imported.mapping);
  ImportedRun run;
  run.architecture = arch::parse_architecture(imported.architecture->json, "arch");
  run.network = arch::parse_workload(imported.layer->json, "layer");
  const arch::Layer& layer = run.network.layers.front();
  const auto mapping = arch::parse_mapping(imported.mapping->json, "mapping");
  const auto nest = mapper::bind_mapping(mapping, run.architecture, layer);
  const auto result = mapper::evaluate(run.architecture, layer, nest);
  REQUIRE(result.ok());
  run.counts = result.counts;
  run.stats = mapper::make_stats(run.architecture, layer.name, run.counts,
                                 energy::resolve_energy(run.architecture));
  return run;
}

const mapper::DataSpaceCounts& counts_at(const ImportedRun& run, const std::string& level,
                                         arch::DataSpace ds) {
  const auto l = run.architecture.find_level(level);
  REQUIRE(l.has_value());
  return run.counts.levels[*l].dataspaces[arch::index(ds)];
}

}  // namespace arraysim::testing
