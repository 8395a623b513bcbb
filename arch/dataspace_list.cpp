#include "arch/dataspace_list.hpp"

#include <vector>

namespace arraysim::arch {

DataSpaceMask read_dataspace_list(ObjectReader& reader, const std::string& key) {
  DataSpaceMask mask = 0;
  const auto names = reader.string_list(key);
  const std::vector<std::string> valid = {"Weights", "Inputs", "Outputs"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto ds = dataspace_from_name(names[i]);
    if (!ds) {
      std::string message = "unknown data space \"" + names[i] +
                            "\", expected one of \"Weights\", \"Inputs\", \"Outputs\"";
      if (auto guess = closest_match(names[i], valid)) {
        message += " (did you mean \"" + *guess + "\"?)";
      }
      reader.at(key).child(i).fail(message);
    }
    mask |= mask_of(*ds);
  }
  return mask;
}

}  // namespace arraysim::arch
