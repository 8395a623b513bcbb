#include "mapper/objective.hpp"

#include <stdexcept>

namespace arraysim::mapper {

namespace {
const char* metric_name(Metric metric) {
  switch (metric) {
    case Metric::Energy:
      return "energy";
    case Metric::Delay:
      return "delay";
    case Metric::Edp:
      return "edp";
  }
  return "";
}
}  // namespace

Objective Objective::parse(const std::string& text) {
  Objective objective;
  objective.metrics.clear();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string word = text.substr(start, end - start);
    if (word == "energy") {
      objective.metrics.push_back(Metric::Energy);
    } else if (word == "delay" || word == "cycles") {
      objective.metrics.push_back(Metric::Delay);
    } else if (word == "edp") {
      objective.metrics.push_back(Metric::Edp);
    } else {
      throw std::invalid_argument("unknown objective \"" + word +
                                  "\" (expected energy, delay, edp or a comma-separated list)");
    }
    start = end + 1;
  }
  if (objective.metrics.size() > kMaxMetrics) throw std::invalid_argument("at most 3 objectives");
  return objective;
}

std::string Objective::name() const {
  std::string out;
  for (Metric metric : metrics) out += (out.empty() ? "" : ",") + std::string(metric_name(metric));
  return out;
}

Score Objective::score(double energy_pj, Cycle cycles) const {
  Score score{};
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const double delay = static_cast<double>(cycles);
    score[i] = metrics[i] == Metric::Energy  ? energy_pj
               : metrics[i] == Metric::Delay ? delay
                                             : energy_pj * delay;
  }
  return score;
}

}  // namespace arraysim::mapper
