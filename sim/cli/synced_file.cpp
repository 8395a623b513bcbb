// Whole-or-nothing output files: temporary file, write(2) with every error checked, fsync,
// rename over the target, fsync of the directory.
#include "sim/cli/synced_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace arraysim::cli {

namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

int write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

SyncedFile::SyncedFile(std::string path) : path_(std::move(path)) {
  const std::filesystem::path target(path_);
  temp_ = (target.parent_path() /
           ("." + target.filename().string() + ".tmp" + std::to_string(::getpid())))
              .string();
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot write output file", errno);
}

SyncedFile::~SyncedFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void SyncedFile::write(std::string_view bytes) {
  buffer_.append(bytes.data(), bytes.size());
  if (buffer_.size() >= kBufferBytes) flush();
}

void SyncedFile::flush() {
  if (const int error = write_all(fd_, buffer_.data(), buffer_.size())) fail("write failed", error);
  buffer_.clear();
}

void SyncedFile::commit() {
  flush();
  if (::fsync(fd_) != 0) fail("write failed (fsync)", errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("write failed (close)", errno);
  }
  fd_ = -1;
  if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot move output into place", errno);
  committed_ = true;
  const std::string dir = std::filesystem::path(path_).parent_path().string();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

void SyncedFile::fail(const char* what, int error) {
  throw std::runtime_error(path_ + ": " + what + ": " + std::strerror(error));
}

void write_file_synced(const std::string& path, std::string_view content) {
  SyncedFile file(path);
  file.write(content);
  file.commit();
}

}  // namespace arraysim::cli
