#include "sim/cli/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include "arch/spec_error.hpp"

namespace arraysim::cli {

namespace {

namespace fs = std::filesystem;

fs::path temp_name(const fs::path& target, std::size_t index) {
  return target.parent_path() / ("." + target.filename().string() + ".tmp" +
                                 std::to_string(::getpid()) + "." + std::to_string(index));
}

// Writes and syncs `content` to `path`; false (errno set) on failure.
bool write_synced(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = n < 0 ? errno : ENOSPC;
      ::close(fd);
      errno = saved;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return false;
  }
  return ::close(fd) == 0;
}

}  // namespace

void OutputSet::add(std::string path, std::string content) {
  files_.emplace_back(std::move(path), std::move(content));
}

void OutputSet::commit() {
  std::vector<fs::path> temps;
  auto remove_temps = [&temps] {
    std::error_code ignored;
    for (const auto& temp : temps) fs::remove(temp, ignored);
  };
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const fs::path target(files_[i].first);
    std::error_code made;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), made);
    if (made) {
      remove_temps();
      throw std::runtime_error(target.parent_path().string() +
                               ": cannot create the output directory: " + made.message());
    }
    temps.push_back(temp_name(target, i));
    if (!write_synced(temps.back(), files_[i].second)) {
      const std::string reason = std::strerror(errno);
      remove_temps();
      throw std::runtime_error(files_[i].first + ": write failed (" + reason +
                               "); no output file of this run was written");
    }
  }
  // Renames within a directory: they do not fail once the temporaries are written.
  for (std::size_t i = 0; i < files_.size(); ++i) {
    std::error_code error;
    fs::rename(temps[i], files_[i].first, error);
    if (error) {
      temps.erase(temps.begin(), temps.begin() + static_cast<std::ptrdiff_t>(i));
      remove_temps();
      throw std::runtime_error(files_[i].first +
                               ": cannot move output into place: " + error.message());
    }
  }
  files_.clear();
}

void check_directory_writable(const std::string& directory, const std::string& option) {
  // The nearest existing ancestor must be a writable directory; nothing is created here, so a
  // run that fails later leaves no empty output directory behind.
  fs::path dir = directory.empty() ? fs::path(".") : fs::path(directory);
  std::error_code error;
  while (!fs::exists(dir, error) && dir.has_relative_path() && dir != dir.parent_path()) {
    dir = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  }
  if (!fs::is_directory(dir, error)) {
    throw arch::SpecError(option, "", directory + ": " + dir.string() + " is not a directory");
  }
  const fs::path probe = dir / (".arraysim-probe." + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw arch::SpecError(option, "",
                          directory + ": cannot write files there: " + std::strerror(errno));
  }
  ::close(fd);
  fs::remove(probe, error);
}

void check_file_writable(const std::string& file, const std::string& option) {
  const fs::path path(file);
  std::error_code error;
  if (fs::is_directory(path, error)) throw arch::SpecError(option, "", file + ": is a directory");
  check_directory_writable(path.parent_path().string(), option);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  OutputSet set;
  set.add(path, content);
  set.commit();
}

}  // namespace arraysim::cli
