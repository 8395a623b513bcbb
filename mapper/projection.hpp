// How loop dimensions index each data space: Weights[G,M,C,R,S], Outputs[N,G,M,P,Q] directly,
// Inputs[N,G,C,H,W] with H = P*stride + R*dilation (W likewise): the sliding window.
#pragma once

#include <array>
#include <cstdint>

#include "arch/layer.hpp"

namespace arraysim::mapper {

constexpr int kMaxCoords = 5;

struct Projection {
  // coord[ds][dim]: which coordinate of data space ds the dimension moves (-1: none).
  std::array<std::array<std::int16_t, arch::kNumDims>, arch::kNumDataSpaces> coord{};
  // coef[ds][dim]: how far one step of the dimension moves that coordinate.
  std::array<std::array<std::int64_t, arch::kNumDims>, arch::kNumDataSpaces> coef{};

  explicit Projection(const arch::Layer& layer);
  bool relevant(arch::DataSpace ds, arch::Dim dim) const {
    return coord[arch::index(ds)][arch::index(dim)] >= 0;
  }
};

}  // namespace arraysim::mapper
