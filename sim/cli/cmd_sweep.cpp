// `arraysim sweep SWEEP.json`: runs a design-space sweep: axes over architecture fields by JSON
// pointer (each axis a list of values; a linked axis moves several fields together), times the
// workloads, dataflows and objectives; points run in parallel and stream to JSONL and CSV as they
// finish (--resume skips the points already there); --shard i/N runs every N-th point; --merge
// joins shard outputs; the Pareto front over energy, cycles and area goes to its own CSV.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

#include <unistd.h>

#include "arch/dataflow.hpp"
#include "arch/logging.hpp"
#include "arch/network.hpp"
#include "mapper/search_support.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/data_paths.hpp"
#include "sim/cli/layer_mapping.hpp"
#include "sim/cli/option_checks.hpp"

namespace arraysim::cli {

namespace {

struct Axis {
  std::vector<std::string> pointers;            // fields moved together
  std::vector<std::vector<arch::Json>> values;  // per pointer, one value per step
  std::size_t steps() const { return values.front().size(); }
};

struct Sweep {
  std::string file;
  std::string name;
  arch::Json architecture;
  std::string architecture_file;
  std::vector<std::string> workloads, dataflows, objectives;
  std::vector<Axis> axes;
  std::vector<int> bits;  // precision axis (every data space); empty: the layers' own
  std::size_t points() const;
};

std::size_t Sweep::points() const {
  std::size_t n = workloads.size() * dataflows.size() * objectives.size();
  for (const Axis& axis : axes) n *= axis.steps();
  return n * std::max<std::size_t>(1, bits.size());
}

std::string relative_to(const std::string& file, const std::string& path) {
  return (std::filesystem::path(file).parent_path() / path).lexically_normal().string();
}

Axis parse_axis(const arch::Json& json, const arch::JsonLocation& where) {
  arch::ObjectReader reader(json, where);
  Axis axis;
  auto read_one = [&](const arch::Json& field, const arch::JsonLocation& at) {
    arch::ObjectReader one(field, at);
    const std::string pointer = one.string("pointer");
    if (pointer.empty() || pointer[0] != '/')
      at.child("pointer").fail("expected a JSON pointer such as \"/levels/1/capacity_words\"");
    const arch::Json* values = one.get("values");
    if (values == nullptr || !values->is_array() || values->empty())
      at.fail("expected a non-empty \"values\" array");
    one.finish();
    axis.pointers.push_back(pointer);
    axis.values.push_back(values->get<std::vector<arch::Json>>());
  };
  if (const arch::Json* linked = reader.get("linked")) {
    if (!linked->is_array() || linked->empty())
      reader.at("linked").fail("expected a non-empty array of {pointer, values}");
    for (std::size_t i = 0; i < linked->size(); ++i)
      read_one((*linked)[i], reader.at("linked").child(i));
    for (std::size_t i = 1; i < axis.values.size(); ++i) {
      if (axis.values[i].size() != axis.values[0].size()) {
        reader.at("linked").child(i).fail("linked axes must have the same number of values");
      }
    }
    reader.finish();
  } else {
    read_one(json, where);
  }
  return axis;
}

Sweep load_sweep(const std::string& path) {
  const arch::Json json = arch::load_json_file(path);
  const arch::JsonLocation root{path, ""};
  arch::ObjectReader reader(json, root);
  if (reader.string("spec") != "sweep") reader.at("spec").fail("expected \"sweep\"");
  Sweep sweep;
  sweep.file = path;
  sweep.name = reader.string("name");
  reader.optional_string("description");
  sweep.architecture_file = relative_to(path, reader.string("architecture"));
  sweep.architecture = arch::load_json_file(sweep.architecture_file);
  for (const auto& w : reader.string_list("workloads"))
    sweep.workloads.push_back(relative_to(path, w));
  sweep.dataflows = reader.string_list("dataflows");
  sweep.objectives = reader.string_list("objectives");
  if (sweep.objectives.empty()) sweep.objectives = {"energy"};
  if (sweep.workloads.empty()) root.fail("missing \"workloads\"");
  if (sweep.dataflows.empty()) root.fail("missing \"dataflows\"");
  if (const arch::Json* bits = reader.get("bits")) {
    if (!bits->is_array() || bits->empty())
      reader.at("bits").fail("expected a non-empty array of precisions in bits (1-32)");
    for (std::size_t i = 0; i < bits->size(); ++i) {
      const arch::Json& b = (*bits)[i];
      const std::int64_t value = arch::as_integer(b, reader.at("bits").child(i));
      if (value < 1 || value > 32)
        reader.at("bits").child(i).fail("expected an integer from 1 to 32");
      sweep.bits.push_back(static_cast<int>(value));
    }
  }
  if (const arch::Json* axes = reader.get("axes")) {
    if (!axes->is_array()) reader.at("axes").fail("expected an array of axes");
    for (std::size_t i = 0; i < axes->size(); ++i)
      sweep.axes.push_back(parse_axis((*axes)[i], root.child("axes").child(i)));
  }
  reader.finish();
  return sweep;
}

struct Point {
  std::size_t id = 0;
  std::vector<std::size_t> steps;  // per axis
  std::size_t workload = 0, dataflow = 0, objective = 0, bits = 0;
};

Point point_of(const Sweep& sweep, std::size_t id) {
  Point p;
  p.id = id;
  std::size_t rest = id;
  for (const Axis& axis : sweep.axes) {
    p.steps.push_back(rest % axis.steps());
    rest /= axis.steps();
  }
  if (!sweep.bits.empty()) {
    p.bits = rest % sweep.bits.size();
    rest /= sweep.bits.size();
  }
  p.objective = rest % sweep.objectives.size();
  rest /= sweep.objectives.size();
  p.dataflow = rest % sweep.dataflows.size();
  p.workload = rest / sweep.dataflows.size();
  return p;
}

arch::Json run_point(const Sweep& sweep, const Point& p) {
  arch::Json patched = sweep.architecture;
  arch::Json axes = arch::Json::object();
  for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
    const Axis& axis = sweep.axes[a];
    for (std::size_t k = 0; k < axis.pointers.size(); ++k) {
      const arch::Json& value = axis.values[k][p.steps[a]];
      patched[arch::Json::json_pointer(axis.pointers[k])] = value;
      axes[axis.pointers[k]] = value;
    }
  }
  if (!sweep.bits.empty()) axes["bits"] = sweep.bits[p.bits];
  arch::Json row = {{"id", p.id},
                    {"axes", axes},
                    {"workload", sweep.workloads[p.workload]},
                    {"dataflow", sweep.dataflows[p.dataflow]},
                    {"objective", sweep.objectives[p.objective]}};
  try {
    const arch::Architecture arch = arch::parse_architecture(patched, sweep.architecture_file);
    arch::Network net = arch::load_workload(sweep.workloads[p.workload]);
    if (!sweep.bits.empty()) apply_bits(net, sweep.bits[p.bits]);
    const arch::Dataflow dataflow = arch::load_dataflow(dataflow_path(sweep.dataflows[p.dataflow]));
    const energy::ResolvedEnergy energy = energy::resolve_energy(arch);
    const auto search =
        make_search_options(sweep.objectives[p.objective], "exhaustive", 1, 1, 0.0, 0, true);
    double energy_pj = 0.0;
    double cycles = 0.0;
    std::uint64_t macs = 0;
    double area = 0.0;
    for (const LayerResult& r :
         map_layers(arch, net, net.mac_layers(), dataflow, energy, "exhaustive", search, true)) {
      energy_pj += r.stats.energy_pj;
      cycles += static_cast<double>(r.stats.cycles);
      macs += r.stats.macs;
      area = r.stats.area_um2;
    }
    row["energy_pj"] = energy_pj;
    row["cycles"] = cycles;
    row["edp"] = energy_pj * cycles;
    row["area_um2"] = area;
    row["energy_per_mac_pj"] = energy_pj / static_cast<double>(macs);
    row["status"] = "ok";
  } catch (const std::exception& error) {
    row["status"] = std::string("failed: ") + error.what();
  }
  return row;
}

// Appends one line and flushes it to disk, so a killed run loses nothing already reported.
void append_line(const std::string& path, const std::string& line) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) throw std::runtime_error(path + ": cannot append");
  std::fputs((line + "\n").c_str(), f);
  std::fflush(f);
  ::fsync(::fileno(f));
  std::fclose(f);
}

std::vector<arch::Json> read_jsonl(const std::string& path) {
  std::vector<arch::Json> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    try {
      rows.push_back(arch::Json::parse(line));
    } catch (const arch::Json::parse_error&) {
      // A line cut short by a kill is not a result: the point runs again.
    }
  }
  return rows;
}

std::string csv_line(const arch::Json& row, const std::vector<std::string>& pointers) {
  std::string line = std::to_string(row["id"].get<std::size_t>());
  for (const auto& pointer : pointers)
    line += "," + row["axes"].value(pointer, arch::Json()).dump();
  line += "," + row["workload"].get<std::string>() + "," + row["dataflow"].get<std::string>() +
          "," + row["objective"].get<std::string>();
  for (const char* key : {"energy_pj", "cycles", "edp", "area_um2", "energy_per_mac_pj"}) {
    line += "," + (row.contains(key) ? row[key].dump() : std::string());
  }
  return line + "," + row["status"].get<std::string>();
}

std::string csv_header(const std::vector<std::string>& pointers) {
  std::string header = "id";
  for (const auto& pointer : pointers) header += "," + pointer;
  return header +
         ",workload,dataflow,objective,energy_pj,cycles,edp,area_um2,energy_per_mac_pj,status";
}

// Points no other point beats on energy, cycles and area at once (per workload).
std::vector<arch::Json> pareto(const std::vector<arch::Json>& rows) {
  std::vector<arch::Json> front;
  auto key = [](const arch::Json& r) {
    return std::array<double, 3>{r["energy_pj"].get<double>(), r["cycles"].get<double>(),
                                 r["area_um2"].get<double>()};
  };
  for (const auto& r : rows) {
    if (r["status"] != "ok") continue;
    bool dominated = false;
    for (const auto& o : rows) {
      if (o["status"] != "ok" || o["workload"] != r["workload"]) continue;
      const auto a = key(o);
      const auto b = key(r);
      if (a[0] <= b[0] && a[1] <= b[1] && a[2] <= b[2] && a != b) dominated = true;
    }
    if (!dominated) front.push_back(r);
  }
  return front;
}

struct SweepOptions {
  std::string sweep, out = "sweep_out", shard;
  std::vector<std::string> merge;
  int bits = 0;
  bool resume = false;
  int threads = 0;
  bool quiet = false;
};

void write_summaries(const Sweep& sweep, const std::string& out, std::vector<arch::Json> rows) {
  std::vector<std::string> pointers;
  for (const Axis& axis : sweep.axes)
    pointers.insert(pointers.end(), axis.pointers.begin(), axis.pointers.end());
  if (!sweep.bits.empty()) pointers.emplace_back("bits");
  std::sort(rows.begin(), rows.end(),
            [](const arch::Json& a, const arch::Json& b) { return a["id"] < b["id"]; });
  std::string csv = csv_header(pointers) + "\n";
  std::string jsonl;
  for (const auto& row : rows) {
    csv += csv_line(row, pointers) + "\n";
    jsonl += row.dump() + "\n";
  }
  std::string front = csv_header(pointers) + "\n";
  for (const auto& row : pareto(rows)) front += csv_line(row, pointers) + "\n";
  const std::filesystem::path dir(out);
  OutputSet outputs;
  outputs.add((dir / "results.csv").string(), csv);
  outputs.add((dir / "results.jsonl").string(), jsonl);
  outputs.add((dir / "pareto.csv").string(), front);
  outputs.commit();
}

void run_sweep(const SweepOptions& options) {
  Sweep sweep = load_sweep(options.sweep);
  if (options.bits > 0) sweep.bits = {options.bits};
  check_directory_writable(options.out, "--out");
  if (!options.merge.empty()) {
    std::vector<arch::Json> rows;
    std::set<std::size_t> seen;
    for (const auto& dir : options.merge) {
      for (auto& row : read_jsonl((std::filesystem::path(dir) / "stream.jsonl").string())) {
        if (seen.insert(row["id"].get<std::size_t>()).second) rows.push_back(std::move(row));
      }
    }
    write_summaries(sweep, options.out, rows);
    std::printf("merged %zu of %zu points into %s\n", rows.size(), sweep.points(),
                options.out.c_str());
    return;
  }
  std::size_t shard = 0;
  std::size_t shards = 1;
  if (!options.shard.empty()) {
    if (std::sscanf(options.shard.c_str(), "%zu/%zu", &shard, &shards) != 2 || shards == 0 ||
        shard >= shards) {
      throw arch::SpecError("--shard", "", "expected i/N with 0 <= i < N, e.g. 0/4");
    }
  }
  const std::string stream = (std::filesystem::path(options.out) / "stream.jsonl").string();
  std::set<std::size_t> done;
  if (options.resume) {
    for (const auto& row : read_jsonl(stream)) done.insert(row["id"].get<std::size_t>());
  } else {
    std::filesystem::remove(stream);
  }
  std::vector<std::size_t> todo;
  for (std::size_t id = shard; id < sweep.points(); id += shards) {
    if (done.count(id) == 0) todo.push_back(id);
  }
  std::mutex mutex;
  std::size_t finished = 0;
  const auto start = std::chrono::steady_clock::now();
  const int threads =
      make_search_options("energy", "exhaustive", options.threads, 1, 0, 0, true).threads;
  mapper::parallel_items(threads, todo.size(), [&](std::uint64_t i, int) {
    const arch::Json row = run_point(sweep, point_of(sweep, todo[i]));
    std::lock_guard<std::mutex> lock(mutex);
    append_line(stream, row.dump());
    ++finished;
    log::cli().debug("sweep: point {} {} ({}/{})", todo[i], row.value("status", std::string()),
                     finished, todo.size());
    if (!options.quiet) {
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(
          stderr, "\rsweep: %zu/%zu points, %.1f s, ETA %.1f s   ", finished, todo.size(), elapsed,
          elapsed / static_cast<double>(finished) * static_cast<double>(todo.size() - finished));
    }
  });
  if (!options.quiet) std::fprintf(stderr, "\n");
  const auto rows = read_jsonl(stream);
  write_summaries(sweep, options.out, rows);
  std::printf("%s: %zu points in %s (results.csv, results.jsonl, pareto.csv)\n", sweep.name.c_str(),
              rows.size(), options.out.c_str());
}

}  // namespace

std::string describe_sweep(const std::string& path) {
  const Sweep sweep = load_sweep(path);
  return "sweep " + sweep.name + " (" + std::to_string(sweep.points()) + " points)";
}

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a design-space sweep from a JSON spec");
  cmd->add_option("sweep", options->sweep, "Sweep spec file")->required();
  cmd->add_option("--out", options->out, "Output directory (default sweep_out)");
  cmd->add_flag("--resume", options->resume, "Skip points already in the output stream");
  cmd->add_option("--shard", options->shard, "Run only points i, i+N, ... (i/N)");
  cmd->add_option("--merge", options->merge, "Join the streams of these shard output directories");
  cmd->add_option("--bits", options->bits,
                  "Precision of every data space in bits (1-32), replacing the spec's \"bits\"")
      ->check(integer_in(1, 32));
  cmd->add_option("--threads", options->threads, "Points run in parallel (default: all cores)")
      ->check(positive_count());
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] { run_sweep(*options); });
}

}  // namespace arraysim::cli
