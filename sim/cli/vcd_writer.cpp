#include "sim/cli/vcd_writer.hpp"

#include <algorithm>
#include <map>

#include "arch/spec_error.hpp"

namespace arraysim::cli {

namespace {
constexpr std::size_t kMaxIntervals = 200000;
}  // namespace

std::string vcd_text(const arch::Architecture& arch, const sim::TimingResult& timing,
                     const std::vector<std::vector<sim::sc::Interval>>& busy) {
  std::size_t intervals = timing.stalls.size();
  for (const auto& level : busy) intervals += level.size();
  if (intervals > kMaxIntervals) {
    throw arch::SpecError("--vcd", "",
                          "the run has " + std::to_string(intervals) +
                              " intervals, too many for a VCD file (at most " +
                              std::to_string(kMaxIntervals) + "); use --trace");
  }
  // Wire ids: two per level (busy, stall), printable VCD identifiers.
  auto id = [](std::size_t level, int kind) {
    const std::size_t n = level * 2 + static_cast<std::size_t>(kind);
    std::string out;
    for (std::size_t v = n;; v /= 90) {
      out += static_cast<char>('!' + v % 90);
      if (v < 90) break;
    }
    return out;
  };
  std::string out = "$timescale 1ns $end\n$scope module arraysim $end\n";
  for (std::size_t l = 0; l < arch.num_levels(); ++l) {
    out += "$var wire 1 " + id(l, 0) + " " + arch.levels[l].name + "_busy $end\n";
    out += "$var wire 1 " + id(l, 1) + " " + arch.levels[l].name + "_stall $end\n";
  }
  out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
  for (std::size_t l = 0; l < arch.num_levels(); ++l)
    out += "0" + id(l, 0) + "\n0" + id(l, 1) + "\n";
  out += "$end\n";
  // Value changes by time; a rise and a fall at the same time cancel out.
  std::map<sim::Cycle, std::map<std::string, int>> changes;
  auto add = [&changes](sim::Cycle start, sim::Cycle end, const std::string& wire) {
    if (end <= start) return;
    ++changes[start][wire];
    --changes[end][wire];
  };
  for (std::size_t l = 0; l < busy.size(); ++l) {
    for (const auto& interval : busy[l]) add(interval.start, interval.end, id(l, 0));
  }
  for (const auto& stall : timing.stalls) add(stall.start, stall.end, id(stall.level, 1));
  std::map<std::string, int> level;
  for (const auto& [time, wires] : changes) {
    std::string line;
    for (const auto& [wire, delta] : wires) {
      const bool was = level[wire] > 0;
      level[wire] += delta;
      const bool is = level[wire] > 0;
      if (was != is) line += (is ? "1" : "0") + wire + "\n";
    }
    if (!line.empty()) out += "#" + std::to_string(time) + "\n" + line;
  }
  out += "#" + std::to_string(timing.cycles) + "\n";
  return out;
}

}  // namespace arraysim::cli
