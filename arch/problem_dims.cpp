#include "arch/problem_dims.hpp"

namespace arraysim::arch {

namespace {
constexpr const char* kLetters = "NGMCPQRS";
constexpr std::array<const char*, kNumDataSpaces> kDataSpaceNames = {"Weights", "Inputs",
                                                                     "Outputs"};
}  // namespace

char dim_letter(Dim dim) { return kLetters[index(dim)]; }

std::optional<Dim> dim_from_letter(char letter) {
  for (Dim dim : kAllDims) {
    if (kLetters[index(dim)] == letter) return dim;
  }
  return std::nullopt;
}

const char* dataspace_name(DataSpace ds) { return kDataSpaceNames[index(ds)]; }

std::optional<DataSpace> dataspace_from_name(const std::string& name) {
  for (DataSpace ds : kAllDataSpaces) {
    if (name == kDataSpaceNames[index(ds)]) return ds;
  }
  return std::nullopt;
}

}  // namespace arraysim::arch
