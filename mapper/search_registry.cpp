#include <stdexcept>

#include "arch/logging.hpp"
#include "mapper/search.hpp"

namespace arraysim::mapper {

const std::map<std::string, SearchFunction>& search_registry() {
  static const std::map<std::string, SearchFunction> registry = {
      {"exhaustive", &search_exhaustive}, {"random", &search_random}, {"anneal", &search_anneal}};
  return registry;
}

std::vector<std::string> search_names() {
  std::vector<std::string> names;
  for (const auto& entry : search_registry()) names.push_back(entry.first);
  return names;
}

SearchResult run_search(const std::string& name, const Mapspace& space,
                        const energy::ResolvedEnergy& energy, const SearchOptions& options) {
  const auto it = search_registry().find(name);
  if (it == search_registry().end()) throw std::invalid_argument("unknown search \"" + name + "\"");
  log::mapper().debug("{} search of layer {}: mapspace {:.3g} points, {} thread(s)", name,
                      space.layer().name, space.size(), options.threads);
  SearchResult result = it->second(space, energy, options);
  log::mapper().debug(
      "{} search of layer {}: {} evaluated, {} valid, {:.3f} s, {}", name, space.layer().name,
      result.stats.evaluated, result.stats.valid, result.stats.seconds,
      !result.found ? "no valid mapping"
                    : (result.proved_optimal ? "optimum proved" : "best found, not proved"));
  return result;
}

}  // namespace arraysim::mapper
