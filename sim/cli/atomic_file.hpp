// Output files are written whole or not at all, and so are sets of them (a mapping with its
// stats, a simulation's JSON with its trace): every file of a set goes to a temporary name beside
// its target and is synced; only when all are written are they renamed into place. A failure
// (a full disk) removes the temporaries and leaves no file of the set behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace arraysim::cli {

class OutputSet {
 public:
  // The directory of each file must exist by commit() (check_writable creates it).
  void add(std::string path, std::string content);
  bool empty() const { return files_.empty(); }
  // Writes every file, then renames them all into place; throws std::runtime_error (exit 2) when
  // a write fails, after removing what it wrote.
  void commit();

 private:
  std::vector<std::pair<std::string, std::string>> files_;  // path, content
};

// Before a run: can files be created in `directory` (created when missing)? Throws SpecError
// naming `option` and the directory otherwise, so a long run does not end in a failed write.
void check_directory_writable(const std::string& directory, const std::string& option);
// The same for the directory `file` goes into.
void check_file_writable(const std::string& file, const std::string& option);

// A set of one.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace arraysim::cli
