// Allowed ranges of architecture and energy-table numbers. They keep every derived count and
// energy finite and representable: counts below 2^63, energies far below the double range. The
// spec reference (arch/SPEC_REFERENCE.md) states them.
#pragma once

#include <cstdint>

namespace arraysim::arch {

// Bandwidths in words per cycle per instance: cycles = ceil(words / bandwidth) stays a count.
constexpr double kMinBandwidth = 1e-6;
constexpr double kMaxBandwidth = 1e12;
// Energy of one action (pJ) and leakage per instance-cycle (pJ/cycle): counts below 2^63 times
// this stay below 1e29 pJ.
constexpr double kMaxEnergyPj = 1e9;
// Area of one instance, um^2 (1 m^2).
constexpr double kMaxAreaUm2 = 1e12;
constexpr double kMaxClockMhz = 1e6;
constexpr double kMaxTechnologyNm = 1e6;
// Storage sizes, instance counts and timing parameters.
constexpr std::int64_t kMaxCapacityWords = std::int64_t{1} << 48;
constexpr std::int64_t kMaxBlockWords = std::int64_t{1} << 20;  // also <= capacity_words
constexpr std::int64_t kMaxInstances = std::int64_t{1} << 32;
constexpr std::int64_t kMaxBanks = 65536;
constexpr std::int64_t kMaxCycles = std::int64_t{1} << 32;  // latencies, row penalties
constexpr std::int64_t kMaxLinkBits = std::int64_t{1} << 20;
constexpr std::int64_t kMaxBufferFlits = std::int64_t{1} << 20;  // router input buffers

}  // namespace arraysim::arch
