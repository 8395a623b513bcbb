// Storage area curves (area per byte against capacity, one curve per storage class) for a
// technology node. An energy table names one with "area_table"; levels then get their area from
// it by log-log interpolation of area per byte, so iso-area studies can trade register files
// against global-buffer capacity.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"

namespace arraysim::energy {

struct AreaPoint {
  bool regfile = false;  // false: sram
  double bytes = 0.0;
  double area_um2 = 0.0;
};

struct AreaTable {
  std::string name;
  std::string file;
  std::optional<double> technology_nm;
  std::vector<AreaPoint> points;
};

AreaTable parse_area_table(const arch::Json& json, const std::string& file);
AreaTable load_area_table(const std::string& path);

struct AreaEstimate {
  double area_um2 = 0.0;
  std::string rule;
};

// Area of one storage instance of `bytes`: area per byte interpolated (log-log) between the
// curve's points of the class, extrapolated along the end segments; a regfile falls back to the
// sram curve when the table has none. Zero bytes take zero area.
AreaEstimate storage_area(const AreaTable& table, bool regfile, double bytes);

}  // namespace arraysim::energy
