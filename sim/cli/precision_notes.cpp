#include "sim/cli/precision_notes.hpp"

#include "arch/logging.hpp"
#include "mapper/precision.hpp"

namespace arraysim::cli {

namespace {

std::string bits_text(int bits) { return bits == 0 ? "a level's word" : std::to_string(bits); }

}  // namespace

std::string precision_line(const arch::Architecture& arch, const arch::Layer& layer) {
  std::string line = "Precision (bits):";
  for (arch::DataSpace ds : arch::kAllDataSpaces) {
    line += std::string(ds == arch::DataSpace::Weights ? " " : ", ") + arch::dataspace_name(ds) +
            " " + bits_text(layer.bits[arch::index(ds)]);
  }
  const int psums = mapper::psum_bits(arch, layer);
  line += "; partial sums " + bits_text(psums);
  if (layer.psum_bits != 0) {
    line += " (the layer's Psums)";
  } else if (arch.compute.accumulator_bits != 0) {
    line += " (accumulator_bits of " + arch.compute.name + ")";
  } else {
    line += " (" + arch.compute.name + " has no accumulator_bits)";
  }
  return line;
}

void warn_operand_precision(const arch::Architecture& arch, const arch::Layer& layer) {
  for (arch::DataSpace ds : {arch::DataSpace::Weights, arch::DataSpace::Inputs}) {
    const int bits = layer.bits[arch::index(ds)];
    if (bits > arch.compute.word_bits) {
      log::cli().warn("layer {}: {}-bit {} feed the {}-bit {} of {}", layer.name, bits,
                      arch::dataspace_name(ds), arch.compute.word_bits, arch.compute.name,
                      arch.name);
    }
  }
}

}  // namespace arraysim::cli
