#include "arch/energy/area_table.hpp"

#include "arch/energy/estimator.hpp"
#include "arch/spec_limits.hpp"

namespace arraysim::energy {

namespace {

AreaPoint parse_point(const arch::Json& json, const arch::JsonLocation& where) {
  arch::ObjectReader reader(json, where);
  AreaPoint point;
  point.regfile = reader.enum_string("class", {"regfile", "sram"}) == "regfile";
  const std::int64_t bytes = reader.positive("bytes");
  if (bytes > arch::kMaxCapacityWords) {
    reader.at("bytes").fail("expected at most " + std::to_string(arch::kMaxCapacityWords));
  }
  point.bytes = static_cast<double>(bytes);
  point.area_um2 = reader.number("area_um2");
  if (!(point.area_um2 > 0 && point.area_um2 <= arch::kMaxAreaUm2)) {
    reader.at("area_um2").fail("expected a positive number of at most 1e+12 um^2");
  }
  reader.optional_string("note");
  reader.finish();
  return point;
}

}  // namespace

AreaTable parse_area_table(const arch::Json& json, const std::string& file) {
  const arch::JsonLocation root{file, ""};
  arch::ObjectReader reader(json, root);
  const std::string spec = reader.string("spec");
  if (spec != "area_table") reader.at("spec").fail("expected \"area_table\", got \"" + spec + "\"");
  AreaTable table;
  table.file = file;
  table.name = reader.string("name");
  if (reader.has("technology_nm")) {
    table.technology_nm = reader.number("technology_nm");
    if (!(*table.technology_nm > 0 && *table.technology_nm <= arch::kMaxTechnologyNm))
      reader.at("technology_nm").fail("expected a positive technology node in nm");
  }
  reader.optional_string("description");
  reader.optional_string("source");
  const arch::Json* points = reader.get("points");
  if (points == nullptr) root.fail("missing required key \"points\"");
  if (!points->is_array() || points->empty())
    reader.at("points").fail("expected a non-empty array of points");
  reader.finish();
  for (std::size_t i = 0; i < points->size(); ++i)
    table.points.push_back(parse_point((*points)[i], root.child("points").child(i)));
  return table;
}

AreaTable load_area_table(const std::string& path) {
  return parse_area_table(arch::load_json_file(path), path);
}

AreaEstimate storage_area(const AreaTable& table, bool regfile, double bytes) {
  if (bytes <= 0) return {0.0, "no storage: 0"};
  std::vector<PowerLawPoint> curve;
  std::string label = regfile ? "regfile" : "sram";
  for (int pass = 0; pass < 2 && curve.empty(); ++pass) {
    const bool want_regfile = pass == 0 ? regfile : false;
    if (pass == 1) {
      if (!regfile) break;
      label = "sram (no regfile points)";
    }
    for (const AreaPoint& p : table.points) {
      if (p.regfile != want_regfile) continue;
      curve.push_back({p.bytes, p.area_um2 / p.bytes,
                       label + " " + std::to_string(static_cast<long long>(p.bytes)) + " B"});
    }
  }
  if (curve.empty()) return {0.0, "area table " + table.name + " has no " + label + " points: 0"};
  const Interpolated per_byte = interpolate_power_law(curve, bytes, "capacity", 0.0);
  return {per_byte.value * bytes, "area " + table.name + ": " + per_byte.rule};
}

}  // namespace arraysim::energy
