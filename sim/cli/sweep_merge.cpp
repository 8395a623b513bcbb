// Merging shard streams: every stream must come from the same spec (hash); the merged ids must
// cover the whole sweep, or the merge fails naming the missing and incomplete shards (unless a
// partial merge is asked for, which says so on stdout and in OUT/partial.json).
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "arch/logging.hpp"
#include "sim/cli/atomic_file.hpp"
#include "sim/cli/sweep_results.hpp"
#include "sim/cli/sweep_run.hpp"
#include "sim/cli/sweep_stream.hpp"
#include "sim/cli/synced_file.hpp"

namespace arraysim::cli {

namespace {

std::string join_limited(const std::vector<std::string>& items) {
  constexpr std::size_t kShown = 10;
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < kShown; ++i)
    text += (i == 0 ? "" : ", ") + items[i];
  if (items.size() > kShown) text += " and " + std::to_string(items.size() - kShown) + " more";
  return text;
}

// What is missing, as one phrase: absent shards, shards with points missing, directories
// without a stream.
std::string describe_gaps(const Sweep& sweep, const std::vector<std::uint64_t>& ids,
                          const std::set<std::uint64_t>& shard_counts,
                          const std::set<std::uint64_t>& present,
                          const std::vector<std::string>& no_stream) {
  std::vector<std::string> parts;
  if (shard_counts.size() == 1) {
    const std::uint64_t n = *shard_counts.begin();
    std::vector<std::uint64_t> have(n, 0);
    for (std::uint64_t id : ids) ++have[id % n];
    std::vector<std::string> missing, incomplete;
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t want = shard_points(sweep.points, i, n);
      const std::string name = std::to_string(i) + "/" + std::to_string(n);
      if (present.count(i) == 0) {
        missing.push_back(name);
      } else if (have[i] < want) {
        incomplete.push_back(name + " (" + std::to_string(have[i]) + " of " + std::to_string(want) +
                             " points)");
      }
    }
    if (!missing.empty()) parts.push_back("missing shard(s) " + join_limited(missing));
    if (!incomplete.empty()) parts.push_back("incomplete shard(s) " + join_limited(incomplete));
  } else if (shard_counts.size() > 1) {
    parts.emplace_back("the streams split the sweep in different shard counts");
  }
  if (!no_stream.empty()) parts.push_back("no stream.jsonl in " + join_limited(no_stream));
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

}  // namespace

void merge_sweep(const Sweep& sweep, const SweepOptions& options) {
  ResultTable table(result_columns(sweep));
  std::set<std::uint64_t> shard_counts, present;
  std::vector<std::string> no_stream;
  std::uint64_t bytes = 0;
  for (const auto& dir : options.merge) {
    std::error_code error;
    const auto size =
        std::filesystem::file_size(std::filesystem::path(dir) / "stream.jsonl", error);
    bytes += error ? 0 : size;
  }
  table.reserve(bytes);
  for (const auto& dir : options.merge) {
    const std::string path = (std::filesystem::path(dir) / "stream.jsonl").string();
    StreamScan scan;
    if (!scan_stream(path, scan,
                     [&](std::uint64_t id, const arch::Json& row, const std::string& line) {
                       table.add(id, row, line);
                     })) {
      no_stream.push_back(dir);
      continue;
    }
    if (scan.header.spec_hash != sweep.spec_hash) {
      throw arch::SpecError(path, "",
                            "written for another sweep spec or arraysim version (spec hash " +
                                scan.header.spec_hash + ", " + scan.header.version +
                                "); this spec has hash " + sweep.spec_hash);
    }
    if (scan.bad_lines > 0) {
      log::cli().warn("{}: skipped {} cut-off or unreadable line(s)", path, scan.bad_lines);
    }
    shard_counts.insert(scan.header.shards);
    if (shard_counts.size() == 1) present.insert(scan.header.shard);
  }
  const std::vector<std::uint64_t>& ids = table.finish();
  const bool complete = ids.size() == sweep.points;
  std::string gaps;
  if (!complete) {
    gaps = describe_gaps(sweep, ids, shard_counts, present, no_stream);
    if (!options.partial) {
      throw arch::SpecError("--merge", "",
                            "have " + std::to_string(ids.size()) + " of " +
                                std::to_string(sweep.points) + " points: " + gaps +
                                " (--partial merges what is there)");
    }
  }
  check_directory_writable(options.out, "--out");
  std::filesystem::create_directories(options.out);
  const std::filesystem::path marker = std::filesystem::path(options.out) / "partial.json";
  std::filesystem::remove(marker);
  table.write(options.out);
  if (complete) {
    std::printf("merged %zu of %llu points into %s\n", ids.size(),
                static_cast<unsigned long long>(sweep.points), options.out.c_str());
    return;
  }
  const arch::Json note = {{"partial", true},
                           {"points", ids.size()},
                           {"of", sweep.points},
                           {"missing", gaps},
                           {"spec_hash", sweep.spec_hash}};
  write_file_synced(marker.string(), note.dump(2) + "\n");
  std::printf("merged %zu of %llu points into %s (partial: %s)\n", ids.size(),
              static_cast<unsigned long long>(sweep.points), options.out.c_str(), gaps.c_str());
}

}  // namespace arraysim::cli
