// The sweep's point stream: header line, whole synced point lines, resume repair (a cut-off last
// line is truncated away, any other bad line removed by rewriting the file) and a directory lock
// so that two runs never append to one stream.
#include "sim/cli/sweep_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unordered_set>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch/logging.hpp"
#include "sim/cli/sweep_spec.hpp"
#include "sim/cli/synced_file.hpp"

namespace arraysim::cli {

namespace {

constexpr const char* kHeaderKey = "arraysim_sweep_stream";

bool parse_header(const std::string& line, StreamHeader& header) {
  const arch::Json json = arch::Json::parse(line, nullptr, false);
  if (!json.is_object() || !json.contains(kHeaderKey) || json[kHeaderKey] != 1) return false;
  try {
    header.spec_hash = json.at("spec_hash").get<std::string>();
    header.version = json.at("version").get<std::string>();
    header.sweep = json.at("sweep").get<std::string>();
    header.points = json.at("points").get<std::uint64_t>();
    header.shard = json.at("shard").get<std::uint64_t>();
    header.shards = json.at("shards").get<std::uint64_t>();
  } catch (const arch::Json::exception&) {
    return false;
  }
  return header.shards > 0 && header.shard < header.shards;
}

// A point line of this stream: the fields the summaries read, an id of the header's shard.
bool valid_row(const arch::Json& row, const StreamHeader& header, std::uint64_t& id) {
  if (!row.is_object() || !row.contains("id") || !row["id"].is_number_unsigned()) return false;
  id = row["id"].get<std::uint64_t>();
  if (id >= header.points || id % header.shards != header.shard) return false;
  for (const char* key : {"workload", "dataflow", "objective", "status"}) {
    if (!row.contains(key) || !row[key].is_string()) return false;
  }
  return row.contains("axes") && row["axes"].is_object() &&
         !json_deeper_than(row, kMaxSweepValueDepth + 2);
}

[[noreturn]] void fail_errno(const std::string& path, const std::string& what, int error) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(error));
}

}  // namespace

arch::Json StreamHeader::to_json() const {
  return {{kHeaderKey, 1},    {"spec_hash", spec_hash}, {"version", version}, {"sweep", sweep},
          {"points", points}, {"shard", shard},         {"shards", shards}};
}

std::string StreamHeader::shard_text() const {
  return std::to_string(shard) + "/" + std::to_string(shards);
}

bool scan_stream(
    const std::string& path, StreamScan& scan,
    const std::function<void(std::uint64_t, const arch::Json&, const std::string&)>& on_row) {
  scan = StreamScan{};
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    if (errno == ENOENT) return false;
    fail_errno(path, "cannot read", errno);
  }
  char* buffer = nullptr;
  std::size_t capacity = 0;
  std::unordered_set<std::uint64_t> seen;
  std::uint64_t offset = 0;
  bool first = true;
  bool last_bad = false;
  std::uint64_t bad_before_last = 0;
  for (ssize_t n; (n = ::getline(&buffer, &capacity, file)) > 0;) {
    const bool whole = buffer[n - 1] == '\n';
    std::string line(buffer, static_cast<std::size_t>(whole ? n - 1 : n));
    offset += static_cast<std::uint64_t>(n);
    if (first) {
      first = false;
      if (!whole || !parse_header(line, scan.header)) {
        std::free(buffer);
        std::fclose(file);
        throw arch::SpecError(path, "",
                              "the first line is not a sweep stream header (an older arraysim or "
                              "another program wrote it): move it away or run without --resume");
      }
      scan.good_bytes = offset;
      continue;
    }
    bad_before_last += last_bad ? 1 : 0;
    std::uint64_t id = 0;
    bool good = false;
    if (whole) {
      const arch::Json row = arch::Json::parse(line, nullptr, false);
      good = !row.is_discarded() && valid_row(row, scan.header, id) && seen.insert(id).second;
      if (good) {
        ++scan.rows;
        on_row(id, row, line);
      }
    }
    last_bad = !good;
    if (good) scan.good_bytes = offset;
    if (!good) ++scan.bad_lines;
  }
  const bool read_error = std::ferror(file) != 0;
  std::free(buffer);
  std::fclose(file);
  if (read_error) fail_errno(path, "read failed", EIO);
  if (first) return false;  // empty file
  scan.tail_only = scan.bad_lines == 1 && last_bad && bad_before_last == 0;
  return true;
}

StreamWriter::StreamWriter(const std::string& dir, const StreamHeader& header, bool resume,
                           std::vector<std::uint64_t>& done)
    : path_((std::filesystem::path(dir) / "stream.jsonl").string()) {
  const std::string lock_path = (std::filesystem::path(dir) / ".lock").string();
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) fail_errno(lock_path, "cannot create", errno);
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw std::runtime_error(dir + ": another arraysim sweep is writing to this directory");
  }
  done.clear();
  bool fresh = true;
  if (resume) {
    StreamScan scan;
    std::string kept;
    const bool exists =
        scan_stream(path_, scan, [&](std::uint64_t id, const arch::Json&, const std::string& line) {
          done.push_back(id);
          kept += line;
          kept += '\n';
        });
    if (exists) {
      fresh = false;
      if (scan.header.spec_hash != header.spec_hash) {
        throw arch::SpecError(path_, "",
                              "written for another sweep spec or arraysim version (spec hash " +
                                  scan.header.spec_hash + ", " + scan.header.version +
                                  "); this spec has hash " + header.spec_hash +
                                  ": run it without --resume or with another --out");
      }
      if (scan.header.shard != header.shard || scan.header.shards != header.shards) {
        throw arch::SpecError(path_, "",
                              "written for shard " + scan.header.shard_text() +
                                  ", this run is shard " + header.shard_text());
      }
      if (scan.bad_lines > 0) {
        if (scan.tail_only) {
          if (::truncate(path_.c_str(), static_cast<off_t>(scan.good_bytes)) != 0)
            fail_errno(path_, "cannot truncate the cut-off last line", errno);
        } else {
          write_file_synced(path_, header.to_json().dump() + "\n" + kept);
        }
        log::cli().warn("{}: dropped {} cut-off or unreadable line(s); those points run again",
                        path_, scan.bad_lines);
      }
    }
  }
  if (fresh) write_file_synced(path_, header.to_json().dump() + "\n");
  std::sort(done.begin(), done.end());
  lines_ = done.size();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) fail_errno(path_, "cannot append", errno);
  struct stat info {};
  if (::fstat(fd_, &info) != 0) fail_errno(path_, "cannot stat", errno);
  size_ = static_cast<std::uint64_t>(info.st_size);
  if (!fresh && ::fsync(fd_) != 0) fail_errno(path_, "sync failed", errno);
}

StreamWriter::~StreamWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void StreamWriter::append(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failed_) throw std::runtime_error(path_ + ": the stream failed earlier");
  const std::string data = line + "\n";
  const char* next = data.data();
  std::size_t left = data.size();
  int error = 0;
  const char* what = "write failed";
  while (left > 0) {
    const ssize_t n = ::write(fd_, next, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    next += n;
    left -= static_cast<std::size_t>(n);
  }
  if (error == 0 && ::fsync(fd_) != 0) {
    error = errno;
    what = "sync failed";
  }
  if (error != 0) {
    failed_ = true;
    // Take back whatever part of the line reached the file: the stream keeps whole lines only.
    const bool restored = ::ftruncate(fd_, static_cast<off_t>(size_)) == 0;
    ::fsync(fd_);
    throw std::runtime_error(path_ + ": " + what + ": " + std::strerror(error) + "; the stream " +
                             (restored ? "keeps" : "may end in a cut-off line after") + " the " +
                             std::to_string(lines_) +
                             " point(s) written before (--resume goes on)");
  }
  size_ += data.size();
  ++lines_;
}

}  // namespace arraysim::cli
