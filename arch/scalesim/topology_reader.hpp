// SCALE-Sim topology files (.csv): the convolution form ("Layer name, IFMAP Height, IFMAP Width,
// Filter Height, Filter Width, Channels, Num Filter, Strides," with one stride or a row and a
// column stride) and the GEMM form ("Layer, M, N, K,"), chosen by the header. Trailing commas
// are allowed; layers whose name contains "DP" are depthwise and, as in SCALE-Sim, run as one
// single-channel layer per channel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace arraysim::scalesim {

// One layer in SCALE-Sim's convolution form (a GEMM row M, N, K becomes an M x K input, a 1 x K
// filter, one channel, N filters and stride 1, as SCALE-Sim lowers it).
struct TopologyLayer {
  std::string name;
  std::int64_t ifmap_h = 0, ifmap_w = 0, filter_h = 0, filter_w = 0;
  std::int64_t channels = 0, num_filters = 0, stride_h = 1, stride_w = 1;
  bool gemm = false;
  std::int64_t m = 0, n = 0, k = 0;  // the GEMM row as written
  int line = 0;

  // SCALE-Sim's output size: ceil((ifmap - filter + stride) / stride), the last window may
  // overhang the input.
  std::int64_t ofmap_h() const;
  std::int64_t ofmap_w() const;
};

struct Topology {
  std::string file;
  std::string name;  // the file's stem
  bool gemm = false;
  std::vector<TopologyLayer> layers;
};

// Throws SpecError "file:line: message" on malformed rows.
Topology read_topology(const std::string& path);
Topology parse_topology(const std::string& text, const std::string& file);

}  // namespace arraysim::scalesim
