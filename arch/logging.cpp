#include "arch/logging.hpp"

#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <spdlog/sinks/base_sink.h>

namespace arraysim::log {

namespace {

// Writes to stderr, or keeps warnings while held.
class StderrSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  void hold() {
    std::lock_guard<std::mutex> lock(mutex_);
    holding_ = true;
  }
  void release(bool print) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (print) {
      for (const auto& line : held_) std::fputs(line.c_str(), stderr);
      std::fflush(stderr);
    }
    held_.clear();
    holding_ = false;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const auto level = spdlog::level::to_string_view(msg.level);
    std::string line(level.data(), level.size());
    line += ": ";
    if (msg.level < spdlog::level::warn) {
      line.append(msg.logger_name.data(), msg.logger_name.size());
      line += ": ";
    }
    line.append(msg.payload.data(), msg.payload.size());
    line += '\n';
    if (holding_ && msg.level >= spdlog::level::warn) {
      held_.push_back(std::move(line));
      return;
    }
    std::fputs(line.c_str(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  bool holding_ = false;
  std::vector<std::string> held_;
};

struct Registry {
  std::shared_ptr<StderrSink> sink = std::make_shared<StderrSink>();
  std::vector<std::shared_ptr<spdlog::logger>> loggers;

  Registry() {
    for (const char* name : {"arch", "mapper", "sim", "energy", "cli"}) {
      auto logger = std::make_shared<spdlog::logger>(name, sink);
      logger->set_level(spdlog::level::warn);
      loggers.push_back(std::move(logger));
    }
  }
};

Registry& registry() {
  static Registry instance;  // thread-safe initialisation, once
  return instance;
}

}  // namespace

spdlog::logger& get(const std::string& name) {
  for (const auto& logger : registry().loggers) {
    if (logger->name() == name) return *logger;
  }
  throw std::invalid_argument("no logger named \"" + name + "\"");
}

void set_level(spdlog::level::level_enum level) {
  for (const auto& logger : registry().loggers) logger->set_level(level);
}

void hold_warnings() { registry().sink->hold(); }
void release_warnings() { registry().sink->release(true); }
void discard_warnings() { registry().sink->release(false); }

}  // namespace arraysim::log
