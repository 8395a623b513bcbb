// The 8 loop dimensions of a layer (Timeloop's 7 plus groups) and its three data spaces.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace arraysim::arch {

// N batch, G groups, M output channels per group, C input channels per group, P/Q output
// rows/columns, R/S filter rows/columns.
enum class Dim : std::uint8_t { N, G, M, C, P, Q, R, S };
constexpr int kNumDims = 8;
constexpr std::array<Dim, kNumDims> kAllDims = {Dim::N, Dim::G, Dim::M, Dim::C,
                                                Dim::P, Dim::Q, Dim::R, Dim::S};
using DimSizes = std::array<std::int64_t, kNumDims>;

inline int index(Dim dim) { return static_cast<int>(dim); }
char dim_letter(Dim dim);
std::optional<Dim> dim_from_letter(char letter);

enum class DataSpace : std::uint8_t { Weights, Inputs, Outputs };
constexpr int kNumDataSpaces = 3;
constexpr std::array<DataSpace, kNumDataSpaces> kAllDataSpaces = {
    DataSpace::Weights, DataSpace::Inputs, DataSpace::Outputs};

inline int index(DataSpace ds) { return static_cast<int>(ds); }
const char* dataspace_name(DataSpace ds);
std::optional<DataSpace> dataspace_from_name(const std::string& name);

// A set of data spaces as a bit mask (bit i = DataSpace i).
using DataSpaceMask = std::uint8_t;
constexpr DataSpaceMask kAllDataSpacesMask = 0b111;
inline bool contains(DataSpaceMask mask, DataSpace ds) { return (mask >> index(ds)) & 1U; }
inline DataSpaceMask mask_of(DataSpace ds) { return static_cast<DataSpaceMask>(1U << index(ds)); }

}  // namespace arraysim::arch
