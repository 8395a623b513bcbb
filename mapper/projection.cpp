#include "mapper/projection.hpp"

namespace arraysim::mapper {

using arch::DataSpace;
using arch::Dim;

Projection::Projection(const arch::Layer& layer) {
  for (auto& row : coord) row.fill(-1);
  for (auto& row : coef) row.fill(0);
  auto set = [this](DataSpace ds, Dim dim, int c, std::int64_t step) {
    coord[arch::index(ds)][arch::index(dim)] = static_cast<std::int16_t>(c);
    coef[arch::index(ds)][arch::index(dim)] = step;
  };
  set(DataSpace::Weights, Dim::G, 0, 1);
  set(DataSpace::Weights, Dim::M, 1, 1);
  set(DataSpace::Weights, Dim::C, 2, 1);
  set(DataSpace::Weights, Dim::R, 3, 1);
  set(DataSpace::Weights, Dim::S, 4, 1);
  set(DataSpace::Inputs, Dim::N, 0, 1);
  set(DataSpace::Inputs, Dim::G, 1, 1);
  set(DataSpace::Inputs, Dim::C, 2, 1);
  set(DataSpace::Inputs, Dim::P, 3, layer.stride[0]);
  set(DataSpace::Inputs, Dim::R, 3, layer.dilation[0]);
  set(DataSpace::Inputs, Dim::Q, 4, layer.stride[1]);
  set(DataSpace::Inputs, Dim::S, 4, layer.dilation[1]);
  set(DataSpace::Outputs, Dim::N, 0, 1);
  set(DataSpace::Outputs, Dim::G, 1, 1);
  set(DataSpace::Outputs, Dim::M, 2, 1);
  set(DataSpace::Outputs, Dim::P, 3, 1);
  set(DataSpace::Outputs, Dim::Q, 4, 1);
}

}  // namespace arraysim::mapper
