// `arraysim sweep SWEEP.json`: points computed from their index on worker threads stream to
// OUT/stream.jsonl (--resume goes on from there); --shard i/N runs every N-th point, --merge joins
// shards. A failed write, bad input or internal error stops the run at once.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sim/cli/atomic_file.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/cli/sweep_point.hpp"
#include "sim/cli/sweep_results.hpp"
#include "sim/cli/sweep_run.hpp"
#include "sim/cli/sweep_stream.hpp"
#include "sim/cli/synced_file.hpp"

namespace arraysim::cli {

namespace {

// Runs the points not in `done` on `threads` threads; stops at the first error and rethrows it.
class PointRunner {
 public:
  PointRunner(const Sweep& sweep, StreamWriter& writer, std::uint64_t shard, std::uint64_t shards,
              const std::vector<std::uint64_t>& done, bool quiet)
      : sweep_(sweep), writer_(writer), shard_(shard), shards_(shards), done_(done), quiet_(quiet) {
    count_ = shard_points(sweep.points, shard, shards);
    todo_ = count_ - done.size();
  }

  void run(int threads) {
    start_ = std::chrono::steady_clock::now();
    const auto n = static_cast<std::uint64_t>(std::max(1, threads));
    std::vector<std::thread> pool;
    try {
      for (std::uint64_t t = 1; t < std::min<std::uint64_t>(n, todo_); ++t)
        pool.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      // Fewer threads than asked for: the ones that started do the work.
    }
    work();
    for (auto& thread : pool) thread.join();
    if (!quiet_ && finished_ > 0) std::fprintf(stderr, "\n");
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work() {
    for (std::uint64_t i = next_++; i < count_ && !stop_; i = next_++) {
      const std::uint64_t id = shard_ + i * shards_;
      if (std::binary_search(done_.begin(), done_.end(), id)) continue;
      try {
        writer_.append(run_point(sweep_, id).dump());
        report();
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
        stop_ = true;
      }
    }
  }

  void report() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++finished_;
    if (quiet_) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "\rsweep: %llu/%llu points, %.1f s, ETA %.1f s   ",
                 static_cast<unsigned long long>(finished_), static_cast<unsigned long long>(todo_),
                 elapsed,
                 elapsed / static_cast<double>(finished_) * static_cast<double>(todo_ - finished_));
  }

  const Sweep& sweep_;
  StreamWriter& writer_;
  std::uint64_t shard_, shards_;
  const std::vector<std::uint64_t>& done_;
  bool quiet_;
  std::uint64_t count_ = 0, todo_ = 0, finished_ = 0;
  std::atomic<std::uint64_t> next_{0};
  std::atomic<bool> stop_{false};
  std::exception_ptr error_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
};

void parse_shard(const std::string& text, std::uint64_t& shard, std::uint64_t& shards) {
  shard = 0;
  shards = 1;
  if (text.empty()) return;
  unsigned long long i = 0, n = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%llu/%llu%c", &i, &n, &tail) != 2 || n == 0 || i >= n ||
      text[0] == '-') {
    throw arch::SpecError("--shard", "", "expected i/N with 0 <= i < N, e.g. 0/4");
  }
  shard = i;
  shards = n;
}

}  // namespace

std::vector<std::string> result_columns(const Sweep& sweep) {
  std::vector<std::string> columns;
  for (const SweepAxis& axis : sweep.axes)
    columns.insert(columns.end(), axis.pointers.begin(), axis.pointers.end());
  if (!sweep.bits.empty()) columns.emplace_back("bits");
  return columns;
}

void run_sweep(const Sweep& sweep, const SweepOptions& options) {
  std::uint64_t shard = 0, shards = 1;
  parse_shard(options.shard, shard, shards);
  const std::uint64_t mine = shard_points(sweep.points, shard, shards);
  const std::string share = options.shard.empty() ? std::string()
                                                  : " (this run, shard " + options.shard + ": " +
                                                        std::to_string(mine) + ")";
  if (options.dry_run) {
    std::printf("sweep %s: %llu points%s, spec hash %s\n", sweep.name.c_str(),
                static_cast<unsigned long long>(sweep.points), share.c_str(),
                sweep.spec_hash.c_str());
    return;
  }
  if (mine > kMaxPointsPerRun && !options.force) {
    throw arch::SpecError(sweep.file, "/axes",
                          std::to_string(mine) + " points in this run (of " +
                              std::to_string(sweep.points) + "), more than the limit of " +
                              std::to_string(kMaxPointsPerRun) +
                              " per run: split it with --shard i/N or pass --force");
  }
  if (mine > kWarnPointsPerRun) {
    std::fprintf(stderr,
                 "warning: sweep %s: %llu points in this run; the summaries hold every point in "
                 "memory at the end (a few hundred bytes each)\n",
                 sweep.name.c_str(), static_cast<unsigned long long>(mine));
  }
  check_directory_writable(options.out, "--out");
  std::filesystem::create_directories(options.out);
  const StreamHeader header{sweep.spec_hash, arraysim_version(), sweep.name, sweep.points, shard,
                            shards};
  std::vector<std::uint64_t> done;
  StreamWriter writer(options.out, header, options.resume, done);
  const std::filesystem::path out(options.out);
  for (const char* stale : {"results.csv", "results.jsonl", "pareto.csv", "complete.json"})
    std::filesystem::remove(out / stale);
  if (!options.quiet) {
    std::fprintf(stderr, "sweep %s: %llu points%s, %zu already in the stream\n", sweep.name.c_str(),
                 static_cast<unsigned long long>(sweep.points), share.c_str(), done.size());
  }
  PointRunner runner(sweep, writer, shard, shards, done, options.quiet);
  runner.run(options.threads > 0
                 ? options.threads
                 : static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
  ResultTable table(result_columns(sweep));
  std::error_code error;
  const auto bytes = std::filesystem::file_size(writer.path(), error);
  table.reserve(error ? 0 : bytes);
  StreamScan scan;
  scan_stream(writer.path(), scan,
              [&](std::uint64_t id, const arch::Json& row, const std::string& line) {
                table.add(id, row, line);
              });
  const std::size_t rows = table.finish().size();
  if (rows != mine) {
    throw std::runtime_error(writer.path() + ": holds " + std::to_string(rows) + " of the " +
                             std::to_string(mine) + " points of this run after it finished");
  }
  table.write(options.out);
  write_file_synced((out / "complete.json").string(), header.to_json().dump() + "\n");
  std::printf("%s: %zu points in %s (results.csv, results.jsonl, pareto.csv)\n", sweep.name.c_str(),
              rows, options.out.c_str());
}

std::string describe_sweep(const std::string& path) {
  const Sweep sweep = load_sweep(path);
  return "sweep " + sweep.name + " (" + std::to_string(sweep.points) + " points)";
}

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run a design-space sweep from a JSON spec");
  cmd->add_option("sweep", options->sweep, "Sweep spec file")->required();
  cmd->add_option("--out", options->out, "Output directory (default sweep_out)");
  cmd->add_flag("--resume", options->resume,
                "Go on from the points already in the output stream (same spec only)");
  cmd->add_option("--shard", options->shard, "Run only points i, i+N, ... (i/N)");
  cmd->add_option("--merge", options->merge,
                  "Join the streams of these shard output directories (all points must be there)");
  cmd->add_flag("--partial", options->partial,
                "With --merge: merge what is there when points are missing (says so)");
  cmd->add_flag("--force", options->force,
                "Run more than " + std::to_string(kMaxPointsPerRun) + " points in one run");
  cmd->add_flag("--dry-run", options->dry_run,
                "Print the number of points and the spec hash, run nothing");
  cmd->add_option("--bits", options->bits,
                  "Precision of every data space in bits (1-32), replacing the spec's \"bits\"")
      ->check(integer_in(1, 32));
  cmd->add_option("--threads", options->threads, "Points run in parallel (default: all cores)")
      ->check(positive_count());
  cmd->add_flag("--quiet", options->quiet, "No progress on stderr");
  cmd->callback([options] {
    const Sweep sweep = load_sweep(options->sweep, options->bits);
    if (!options->merge.empty()) {
      merge_sweep(sweep, *options);
    } else {
      run_sweep(sweep, *options);
    }
  });
}

}  // namespace arraysim::cli
