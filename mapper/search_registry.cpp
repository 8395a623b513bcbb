#include <stdexcept>

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
  return it->second(space, energy, options);
}

}  // namespace arraysim::mapper
