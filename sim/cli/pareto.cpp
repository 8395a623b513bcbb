// Pareto front by sort and sweep: sorted by (group, x, y, z), a block of equal points is dominated
// exactly when an earlier block of its group has y and z no larger (2 objectives: running minimum
// of y; 3: a Fenwick tree over y ranks holding the smallest z seen).
#include "sim/cli/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace arraysim::cli {

namespace {

// Prefix minima over ranks 0..n-1; NaN marks "nothing inserted yet".
class PrefixMin {
 public:
  explicit PrefixMin(std::size_t n) : tree_(n + 1, std::nan("")) {}
  void insert(std::size_t rank, double value) {
    for (std::size_t i = rank + 1; i < tree_.size(); i += i & (~i + 1))
      tree_[i] = lower(tree_[i], value);
  }
  double query(std::size_t rank) const {  // min over ranks 0..rank, NaN if none
    double best = std::nan("");
    for (std::size_t i = rank + 1; i > 0; i -= i & (~i + 1)) best = lower(best, tree_[i]);
    return best;
  }

 private:
  static double lower(double a, double b) {
    return std::isnan(a) ? b : std::isnan(b) ? a : std::min(a, b);
  }
  std::vector<double> tree_;
};

// Marks the front members of one group: `order` holds its points sorted by (x, y, z).
void sweep_group(const std::vector<ParetoPoint>& points, const std::size_t* order, std::size_t n,
                 int count, std::vector<char>& on_front) {
  auto same = [&](std::size_t a, std::size_t b) {
    for (int k = 0; k < count; ++k)
      if (!(points[a].objectives[k] == points[b].objectives[k])) return false;
    return true;
  };
  std::vector<double> ys;
  if (count == 3) {
    ys.reserve(n);
    for (std::size_t i = 0; i < n; ++i) ys.push_back(points[order[i]].objectives[1]);
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end(), [](double a, double b) { return a == b; }),
             ys.end());
  }
  PrefixMin tree(ys.size());
  bool have_earlier = false;
  double best_y = 0.0;  // count 2: smallest y of the earlier blocks
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && same(order[begin], order[end])) ++end;
    const auto& o = points[order[begin]].objectives;
    bool dominated = false;
    std::size_t rank = 0;
    if (count == 1) {
      dominated = have_earlier;
    } else if (count == 2) {
      dominated = have_earlier && best_y <= o[1];
      best_y = have_earlier ? std::min(best_y, o[1]) : o[1];
    } else {
      rank = static_cast<std::size_t>(std::lower_bound(ys.begin(), ys.end(), o[1]) - ys.begin());
      const double z = tree.query(rank);
      dominated = !std::isnan(z) && z <= o[2];
      tree.insert(rank, o[2]);
    }
    have_earlier = true;
    for (std::size_t i = begin; i < end; ++i) on_front[order[i]] = dominated ? 0 : 1;
    begin = end;
  }
}

}  // namespace

std::vector<std::size_t> pareto_front(const std::vector<ParetoPoint>& points, int count) {
  if (count < 1 || count > 3) throw std::invalid_argument("pareto_front: 1 to 3 objectives");
  std::vector<char> on_front(points.size(), 0);
  std::vector<std::size_t> order;
  order.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool has_nan = false;
    for (int k = 0; k < count; ++k) has_nan = has_nan || std::isnan(points[i].objectives[k]);
    if (has_nan) {
      on_front[i] = 1;
    } else {
      order.push_back(i);
    }
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const ParetoPoint& p = points[a];
    const ParetoPoint& q = points[b];
    if (p.group != q.group) return p.group < q.group;
    for (int k = 0; k < count; ++k) {
      if (p.objectives[k] < q.objectives[k]) return true;
      if (q.objectives[k] < p.objectives[k]) return false;
    }
    return a < b;
  });
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && points[order[end]].group == points[order[begin]].group) ++end;
    sweep_group(points, order.data() + begin, end - begin, count, on_front);
    begin = end;
  }
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (on_front[i]) front.push_back(i);
  return front;
}

}  // namespace arraysim::cli
