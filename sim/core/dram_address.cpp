#include "sim/core/dram_address.hpp"

#include <algorithm>
#include <string>

namespace arraysim::sim {

DramAddressMap::DramAddressMap(const DramConfig& config)
    : burst_bytes_(config.burst_bytes()), bank_groups_(config.bank_groups) {
  const std::string& mapping = config.address_mapping;
  has_group_field_ = mapping.find("Bg") != std::string::npos;
  bool has_rank = false;
  bool has_channel = false;
  for (std::size_t i = mapping.size(); i >= 2; i -= 2) {
    const std::string name = mapping.substr(i - 2, 2);
    if (name == "Ro") {
      digits_.push_back({Field::Row, config.rows});
    } else if (name == "Ba") {
      digits_.push_back(
          {Field::Bank, has_group_field_ ? config.banks_per_group() : std::uint64_t{config.banks}});
    } else if (name == "Bg") {
      digits_.push_back({Field::BankGroup, config.bank_groups});
    } else if (name == "Ra") {
      has_rank = true;
      digits_.push_back({Field::Rank, config.ranks});
    } else if (name == "Co") {
      digits_.push_back({Field::Column, config.columns()});
    } else if (name == "Ch") {
      has_channel = true;
      digits_.push_back({Field::Channel, config.channels});
    }
  }
  if (!has_rank) digits_.push_back({Field::Rank, config.ranks});
  if (!has_channel) digits_.push_back({Field::Channel, config.channels});
}

DramAddress DramAddressMap::decode(std::uint64_t byte_address) const {
  std::uint64_t rest = byte_address / burst_bytes_;
  DramAddress out;
  std::uint64_t bank = 0;
  std::uint64_t group = 0;
  for (const Digit& d : digits_) {
    const std::uint64_t value = rest % d.radix;
    rest /= d.radix;
    switch (d.field) {
      case Field::Row:
        out.row = value;
        break;
      case Field::Bank:
        bank = value;
        break;
      case Field::BankGroup:
        group = value;
        break;
      case Field::Rank:
        out.rank = static_cast<std::uint32_t>(value);
        break;
      case Field::Column:
        out.column = value;
        break;
      case Field::Channel:
        out.channel = static_cast<std::uint32_t>(value);
        break;
    }
  }
  out.bank = static_cast<std::uint32_t>(has_group_field_ ? bank * bank_groups_ + group : bank);
  out.bank_group = out.bank % bank_groups_;
  return out;
}

std::uint64_t DramAddressMap::encode(const DramAddress& address) const {
  std::uint64_t value = 0;
  for (auto it = digits_.rbegin(); it != digits_.rend(); ++it) {
    std::uint64_t digit = 0;
    switch (it->field) {
      case Field::Row:
        digit = address.row;
        break;
      case Field::Bank:
        digit = has_group_field_ ? address.bank / bank_groups_ : address.bank;
        break;
      case Field::BankGroup:
        digit = address.bank_group;
        break;
      case Field::Rank:
        digit = address.rank;
        break;
      case Field::Column:
        digit = address.column;
        break;
      case Field::Channel:
        digit = address.channel;
        break;
    }
    value = value * it->radix + digit;
  }
  return value * burst_bytes_;
}

}  // namespace arraysim::sim
