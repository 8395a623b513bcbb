// The point stream of a sweep run (OUT/stream.jsonl): a header line naming the spec (hash,
// version, shard) and then one JSON line per finished point, each written whole and synced.
// Resuming checks the header and drops cut-off or unreadable lines before appending.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "arch/json_reader.hpp"

namespace arraysim::cli {

struct StreamHeader {
  std::string spec_hash;
  std::string version;
  std::string sweep;  // the sweep's name
  std::uint64_t points = 0;
  std::uint64_t shard = 0, shards = 1;

  arch::Json to_json() const;
  std::string shard_text() const;  // "i/N"
};

// Reads a stream: returns false when the file is absent or empty. Throws SpecError when the first
// line is not a stream header. Calls on_row for every whole line that is a point of the header's
// shard (first occurrence of each id); `bad_lines` counts the others (cut off, unreadable,
// foreign or repeated), and `tail_only` says whether the only bad line is a cut-off last one.
struct StreamScan {
  StreamHeader header;
  std::uint64_t rows = 0;
  std::uint64_t bad_lines = 0;
  bool tail_only = false;
  std::uint64_t good_bytes = 0;  // length up to the end of the last whole line
};
bool scan_stream(const std::string& path, StreamScan& scan,
                 const std::function<void(std::uint64_t id, const arch::Json& row,
                                          const std::string& line)>& on_row);

// Appends point lines to a stream; every line is written whole and fsync'ed before append()
// returns. A failed write or sync (ENOSPC, EIO, a file size limit) truncates the partial line
// away and throws std::runtime_error, so the stream keeps only whole lines.
class StreamWriter {
 public:
  // Opens `dir`/stream.jsonl, locking `dir` against a second writer. Fresh: the header is written
  // atomically. Resume: the header must match (else SpecError), bad lines are removed (one
  // warning), and `done` receives the ids already there (sorted).
  StreamWriter(const std::string& dir, const StreamHeader& header, bool resume,
               std::vector<std::uint64_t>& done);
  ~StreamWriter();
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  void append(const std::string& line);  // thread-safe
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  int lock_fd_ = -1;
  std::uint64_t size_ = 0;
  std::uint64_t lines_ = 0;
  bool failed_ = false;
  std::mutex mutex_;
};

}  // namespace arraysim::cli
