#include "arch/scalesim/to_spec.hpp"

#include <filesystem>
#include <set>

namespace arraysim::scalesim {

namespace {

// SCALE-Sim's words are one byte; its SRAM sizes are in KiB.
constexpr std::int64_t kWordBits = 8;

arch::Json sram(const std::string& name, std::int64_t kb, const char* dataspace,
                std::int64_t banks) {
  return {{"name", name},           {"kind", "sram"}, {"capacity_words", kb * 1024},
          {"word_bits", kWordBits}, {"banks", banks}, {"keep", {dataspace}}};
}

arch::Json conv_layer(const std::string& name, const TopologyLayer& layer, std::int64_t channels) {
  return {{"name", name},
          {"type", "conv"},
          {"M", layer.num_filters},
          {"C", channels},
          {"R", layer.filter_h},
          {"S", layer.filter_w},
          {"P", layer.ofmap_h()},
          {"Q", layer.ofmap_w()},
          {"stride", {layer.stride_h, layer.stride_w}},
          {"inputs", arch::Json::array()}};
}

}  // namespace

arch::Json architecture_json(const Config& config) {
  arch::Json dram = {{"name", "DRAM"}, {"kind", "dram"}, {"word_bits", kWordBits}};
  if (config.user_bandwidth) {
    dram["read_bandwidth"] = config.bandwidths.front();
    dram["write_bandwidth"] = config.bandwidths.front();
  }
  const std::string source = std::filesystem::path(config.file).filename().string();
  return {
      {"spec", "architecture"},
      {"name", config.run_name},
      {"description",
       "Imported from the SCALE-Sim config " + source + ": a " + std::to_string(config.array_rows) +
           "x" + std::to_string(config.array_cols) + " systolic array (rows x columns), dataflow " +
           config.dataflow + " (simulate with --dataflow " + config.dataflow + ")"},
      {"clock_mhz", 1000},
      {"levels",
       {dram, sram("IfmapSRAM", config.ifmap_sram_kb, "Inputs", config.memory_banks),
        sram("FilterSRAM", config.filter_sram_kb, "Weights", config.memory_banks),
        sram("OfmapSRAM", config.ofmap_sram_kb, "Outputs", config.memory_banks)}},
      {"compute",
       {{"name", "PE"},
        {"instances", config.array_rows * config.array_cols},
        {"mesh_x", config.array_cols},
        {"word_bits", kWordBits},
        {"network",
         {{"topology", "systolic"}, {"link_bits", kWordBits}, {"hop_latency_cycles", 1}}}}}};
}

arch::Json network_json(const Topology& topology) {
  arch::Json layers = arch::Json::array();
  std::set<std::string> used;
  // Layer names must be unique in a network; repeated SCALE-Sim names get their line number.
  auto unique = [&used](const std::string& name, int line) {
    std::string out = used.count(name) ? name + "_line" + std::to_string(line) : name;
    used.insert(out);
    return out;
  };
  for (const TopologyLayer& layer : topology.layers) {
    if (layer.gemm) {
      layers.push_back({{"name", unique(layer.name, layer.line)},
                        {"type", "matmul"},
                        {"m", layer.m},
                        {"n", layer.n},
                        {"k", layer.k},
                        {"inputs", arch::Json::array()}});
    } else if (layer.name.find("DP") != std::string::npos) {
      for (std::int64_t c = 0; c < layer.channels; ++c) {
        layers.push_back(
            conv_layer(unique(layer.name + "Channel_" + std::to_string(c), layer.line), layer, 1));
      }
    } else {
      layers.push_back(conv_layer(unique(layer.name, layer.line), layer, layer.channels));
    }
  }
  const std::string source = std::filesystem::path(topology.file).filename().string();
  return {{"spec", "network"},
          {"name", topology.name},
          {"batch", 1},
          {"source", "Imported from the SCALE-Sim topology " + source +
                         (topology.gemm ? " (GEMM form: M x K input, 1 x K filter, N filters)"
                                        : " (output sizes ceil((in - filter + stride) / stride))")},
          {"layers", layers}};
}

}  // namespace arraysim::scalesim
