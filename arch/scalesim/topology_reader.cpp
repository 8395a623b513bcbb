#include "arch/scalesim/topology_reader.hpp"

#include <cctype>
#include <filesystem>
#include <sstream>

#include "arch/input_file.hpp"
#include "arch/layer_bounds.hpp"
#include "arch/scalesim/text.hpp"
#include "arch/spec_error.hpp"

namespace arraysim::scalesim {

namespace {

// Comma-separated fields, trimmed, without the empty fields a trailing comma leaves and without
// a last field that starts with '#' (a note such as "#dw", which SCALE-Sim drops with the last
// field of every row).
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(trim(field));
  if (fields.size() > 1 && !fields.back().empty() && fields.back().front() == '#')
    fields.pop_back();
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
  return fields;
}

const std::vector<std::string> kConvColumns = {"Layer name",    "IFMAP Height", "IFMAP Width",
                                               "Filter Height", "Filter Width", "Channels",
                                               "Num Filter",    "Strides",      "Stride width"};
const std::vector<std::string> kGemmColumns = {"Layer", "M", "N", "K"};

}  // namespace

namespace {

// ceil((in - filter + stride) / stride) = ceil((in - filter) / stride) + 1, without the
// intermediate sum that overflows for strides near 2^63.
std::int64_t output_size(std::int64_t in, std::int64_t filter, std::int64_t stride) {
  const std::int64_t span = in - filter;
  return span / stride + (span % stride != 0 ? 1 : 0) + 1;
}

// Layers whose name contains "DP" expand to one layer per channel.
constexpr std::int64_t kMaxDepthwiseChannels = 65536;

// Every count the layer implies (tensor sizes, MACs, operations) must fit in 2^63 - 1.
void check_counts(const TopologyLayer& layer, const std::string& file) {
  using arch::Wide;
  const arch::JsonLocation where{file, std::to_string(layer.line)};
  auto w = [](std::int64_t v) { return static_cast<Wide>(v); };
  const Wide filter = arch::wide_mul(w(layer.filter_h), w(layer.filter_w));
  const Wide outputs = arch::wide_mul(w(layer.ofmap_h()), w(layer.ofmap_w()));
  arch::require_count(
      arch::wide_mul(filter, arch::wide_mul(w(layer.channels), w(layer.num_filters))),
      "filter words", where);
  arch::require_count(
      arch::wide_mul(arch::wide_mul(w(layer.ifmap_h), w(layer.ifmap_w)), w(layer.channels)),
      "IFMAP words", where);
  arch::require_count(arch::wide_mul(outputs, w(layer.num_filters)), "OFMAP words", where);
  const Wide macs = arch::wide_mul(arch::wide_mul(outputs, filter),
                                   arch::wide_mul(w(layer.channels), w(layer.num_filters)));
  arch::require_count(arch::wide_mul(macs, 2), "operations (2 x MACs)", where);
}

}  // namespace

std::int64_t TopologyLayer::ofmap_h() const { return output_size(ifmap_h, filter_h, stride_h); }

std::int64_t TopologyLayer::ofmap_w() const { return output_size(ifmap_w, filter_w, stride_w); }

Topology parse_topology(const std::string& text, const std::string& file) {
  Topology topology;
  topology.file = file;
  topology.name = std::filesystem::path(file).stem().string();
  auto fail = [&file](int line, const std::string& message) {
    throw arch::SpecError(file, std::to_string(line), message);
  };
  if (const auto bad = first_invalid_line(text)) fail(bad->first, bad->second);
  std::istringstream lines(text);
  std::string raw;
  int line_no = 0;
  bool header = true;
  while (std::getline(lines, raw)) {
    ++line_no;
    const std::vector<std::string> fields = fields_of(raw);
    if (fields.empty()) continue;
    if (header) {
      header = false;
      if (fields.size() < 2) fail(line_no, "expected a header row with column names");
      topology.gemm = lower(fields[1]) == "m";
      if (!topology.gemm && lower(fields[1]).find("ifmap") == std::string::npos) {
        fail(line_no,
             "unrecognised header: expected \"Layer name, IFMAP Height, ...\" (convolution "
             "form) or \"Layer, M, N, K\" (GEMM form)");
      }
      continue;
    }
    const std::vector<std::string>& columns = topology.gemm ? kGemmColumns : kConvColumns;
    const std::size_t min_fields = topology.gemm ? 4 : 8;
    if (fields.size() < min_fields || fields.size() > columns.size()) {
      fail(line_no, "expected " +
                        (topology.gemm ? std::string("4 fields (Layer, M, N, K)")
                                       : std::string("8 or 9 fields (name, IFMAP Height, IFMAP "
                                                     "Width, Filter Height, Filter Width, "
                                                     "Channels, Num Filter, Strides)")) +
                        ", got " + std::to_string(fields.size()));
    }
    if (fields[0].empty()) fail(line_no, "empty layer name");
    std::vector<std::int64_t> values;
    for (std::size_t i = 1; i < fields.size(); ++i) {
      std::size_t used = 0;
      std::int64_t value = 0;
      try {
        value = std::stoll(fields[i], &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != fields[i].size() || value <= 0) {
        fail(line_no, columns[i] + ": expected a positive integer, got \"" + fields[i] + "\"");
      }
      values.push_back(value);
    }
    TopologyLayer layer;
    layer.name = fields[0];
    layer.line = line_no;
    if (topology.gemm) {
      layer.gemm = true;
      layer.m = values[0], layer.n = values[1], layer.k = values[2];
      layer.ifmap_h = layer.m, layer.ifmap_w = layer.k;
      layer.filter_h = 1, layer.filter_w = layer.k;
      layer.channels = 1, layer.num_filters = layer.n;
    } else {
      layer.ifmap_h = values[0], layer.ifmap_w = values[1];
      layer.filter_h = values[2], layer.filter_w = values[3];
      layer.channels = values[4], layer.num_filters = values[5];
      layer.stride_h = values[6];
      layer.stride_w = values.size() > 7 ? values[7] : values[6];
      if (layer.filter_h > layer.ifmap_h || layer.filter_w > layer.ifmap_w) {
        fail(line_no, "filter " + std::to_string(layer.filter_h) + "x" +
                          std::to_string(layer.filter_w) + " is larger than the IFMAP " +
                          std::to_string(layer.ifmap_h) + "x" + std::to_string(layer.ifmap_w));
      }
    }
    if (layer.name.find("DP") != std::string::npos && !layer.gemm &&
        layer.channels > kMaxDepthwiseChannels) {
      fail(line_no, "a depthwise (DP) layer runs as one layer per channel; " +
                        std::to_string(layer.channels) + " channels is more than the " +
                        std::to_string(kMaxDepthwiseChannels) + " supported");
    }
    check_counts(layer, file);
    topology.layers.push_back(layer);
  }
  if (header) fail(line_no, "empty topology: expected a header row and at least one layer");
  if (topology.layers.empty()) fail(line_no, "no layers after the header");
  return topology;
}

Topology read_topology(const std::string& path) {
  return parse_topology(arch::read_input_file(path), path);
}

}  // namespace arraysim::scalesim
