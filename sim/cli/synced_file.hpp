// Writing an output file whole or not at all: content goes to a temporary file beside it, which
// is fsync'ed and renamed over the target (and the directory synced). Any failure throws
// std::runtime_error naming the file and the system error, and leaves the target untouched.
#pragma once

#include <string>
#include <string_view>

namespace arraysim::cli {

class SyncedFile {
 public:
  explicit SyncedFile(std::string path);
  ~SyncedFile();  // removes the temporary file unless committed
  SyncedFile(const SyncedFile&) = delete;
  SyncedFile& operator=(const SyncedFile&) = delete;

  void write(std::string_view bytes);  // buffered
  void commit();                       // flush, fsync, rename, sync the directory

 private:
  void flush();
  [[noreturn]] void fail(const char* what, int error);

  std::string path_, temp_;
  std::string buffer_;
  int fd_ = -1;
  bool committed_ = false;
};

// The whole of `content` into `path` through a SyncedFile.
void write_file_synced(const std::string& path, std::string_view content);

}  // namespace arraysim::cli
