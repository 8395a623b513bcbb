// DRAM address mapping: a byte address split into channel, rank, bank group, bank, row and
// column by an "address_mapping" string naming the fields from MSB to LSB ("RoBaRaCoCh"). Each
// field is a mixed-radix digit (its count need not be a power of two); the column counts bursts.
// A missing Bg leaves the bank groups in the low digits of Ba (bank b is in group b % groups);
// a missing Ra or Ch sits above the most significant field. Addresses wrap at the capacity.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/dram_config.hpp"

namespace arraysim::sim {

struct DramAddress {
  std::uint32_t channel = 0;
  std::uint32_t rank = 0;
  std::uint32_t bank = 0;        // in the rank, 0 .. banks - 1
  std::uint32_t bank_group = 0;  // bank % bank_groups
  std::uint64_t row = 0;
  std::uint64_t column = 0;  // burst in the row
};

class DramAddressMap {
 public:
  explicit DramAddressMap(const DramConfig& config);
  DramAddress decode(std::uint64_t byte_address) const;
  // The byte address of a burst (the inverse of decode).
  std::uint64_t encode(const DramAddress& address) const;

 private:
  enum class Field { Row, Bank, BankGroup, Rank, Column, Channel };
  struct Digit {
    Field field;
    std::uint64_t radix;
  };
  std::vector<Digit> digits_;  // least significant first
  std::uint64_t burst_bytes_;
  std::uint32_t bank_groups_;
  bool has_group_field_ = false;
};

}  // namespace arraysim::sim
