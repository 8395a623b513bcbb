// Executes a bound loop nest step by step and reports, at every change of a level's tile, the
// words that move: fills from the parent (the whole tile, or only the new words when the innermost
// iterating loop above advanced), psum write-backs and refills. Tiles are tracked as boxes by their
// origin, one representative instance per level (all instances of a level run in lockstep);
// multicast groups are counted by enumerating the children's tile origins.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "arch/architecture.hpp"
#include "arch/layer.hpp"
#include "mapper/action_counts.hpp"
#include "mapper/loop_nest.hpp"
#include "mapper/multicast_trees.hpp"
#include "mapper/projection.hpp"
#include "sim/core/child_grouping.hpp"

namespace arraysim::sim {

using arch::DataSpace;
using mapper::Cycle;

// A level keeping a data space, with the keeper above it that serves it.
struct Keeper {
  DataSpace ds = DataSpace::Weights;
  std::size_t level = 0;
  std::size_t parent = 0;
  std::uint64_t tile_words = 0;
  Origin extents{};
  std::uint64_t children = 1;  // instances of this level under one parent instance
  std::uint64_t groups = 1;    // distinct tiles among them (multicast / reduction groups)
  std::size_t stage = 0;  // the one stage between parent and this level that fans out (0: none)
  // Per stage with a network between parent and this level: link and router traversals per word
  // entering one child, over the children of one parent (shared: per group, unicast: per child).
  std::vector<mapper::StageTrees> trees;
  // Per link (global id) the traversals per word of a fill, and the deepest route in hops.
  std::vector<std::pair<std::size_t, std::uint64_t>> link_load;
  std::uint64_t route_depth = 0;
  std::vector<std::size_t> above;  // outer temporal loops above this level (indices into loops)
  // Outputs: the loops above that do not index Outputs; a tile comes back once one has moved.
  std::vector<std::size_t> revisits;
};

// One movement of words at a tile change, per instance of the child level.
struct TileEvent {
  std::size_t keeper = 0;
  std::uint64_t words = 0;
  enum class Kind { Fill, Writeback, Refill } kind = Kind::Fill;
  std::uint64_t address = 0;  // the tile's first word in its data space (row-major), for DRAM rows
};

class TileWalk {
 public:
  TileWalk(const arch::Architecture& arch, const arch::Layer& layer, const mapper::LoopNest& nest);

  const std::vector<Keeper>& keepers() const { return keepers_; }
  // Steps of the innermost level's temporal loops: each outer step is followed by this many MAC
  // steps during which no tile above the MACs changes.
  std::uint64_t inner_steps() const { return inner_steps_; }
  std::uint64_t outer_steps() const { return outer_steps_; }
  std::uint64_t total_steps() const { return inner_steps_ * outer_steps_; }
  // Per-step operand words of each data space at its innermost keeper (per instance), and which
  // keeper that is.
  std::uint64_t operand_words(DataSpace ds) const { return operand_words_[arch::index(ds)]; }
  // Links of all stage topologies, numbered globally, and the stage each belongs to.
  std::size_t num_links() const { return link_stage_.size(); }
  std::size_t link_stage(std::size_t link) const { return link_stage_[link]; }
  std::size_t operand_keeper(DataSpace ds) const { return operand_keeper_[arch::index(ds)]; }

  // Visits every outer step in order with its tile events; the final write-backs of the output
  // tiles come as one last call with step == outer_steps().
  void run(const std::function<void(std::uint64_t step, const std::vector<TileEvent>&)>& visit);
  // The same one step at a time, in constant memory: start() gives step 0's events, next() those
  // of step(); once every step is done next() returns false with the final write-backs in
  // `events`, and the counts are complete.
  void start(std::vector<TileEvent>& events);
  bool next(std::vector<TileEvent>& events);
  std::uint64_t step() const { return step_; }

  // The action counts of the whole run, and the words that entered each keeping level (MACs: one
  // operand per step), available after run().
  mapper::ActionCounts counts() const { return counts_; }
  const mapper::EnteringWords& entering() const { return entering_; }
  // Words x links traversed into each stage (index = child level), per data space, and words x
  // routers passed.
  const mapper::EnteringWords& link_words() const { return link_words_; }
  const mapper::EnteringWords& router_words() const { return router_words_; }
  // A tile's first word in its data space (data spaces one after another, each row-major).
  std::uint64_t address(DataSpace ds, const Origin& origin) const;
  const mapper::Projection& projection() const { return projection_; }
  const Origin& tensor_extents(DataSpace ds) const { return tensor_extents_[arch::index(ds)]; }

 private:
  Origin origin(const Keeper& keeper) const;
  bool seen_before(const Keeper& keeper) const;
  void enter(std::size_t k, std::uint64_t words, std::vector<TileEvent>& events);
  void finish_counts();

  const arch::Architecture* arch_;
  const arch::Layer* layer_;
  mapper::Projection projection_;
  struct OuterLoop {
    arch::Dim dim;
    std::int64_t factor;
    std::int64_t weight;
    std::size_t level;
  };
  std::vector<OuterLoop> loops_;
  std::vector<std::int64_t> index_;
  std::vector<Keeper> keepers_;
  std::uint64_t inner_steps_ = 1;
  std::uint64_t outer_steps_ = 1;
  std::array<std::uint64_t, arch::kNumDataSpaces> operand_words_{};
  std::array<std::size_t, arch::kNumDataSpaces> operand_keeper_{};
  std::array<std::vector<mapper::StageTrees>, arch::kNumDataSpaces> operand_trees_{};
  std::vector<std::size_t> link_stage_;
  std::array<Origin, arch::kNumDataSpaces> tensor_extents_{};
  mapper::ActionCounts counts_;
  mapper::EnteringWords entering_{};
  mapper::EnteringWords link_words_{};
  mapper::EnteringWords router_words_{};
  // Walk state, per keeper: its current tile, words that entered it, Outputs first writes and
  // refills.
  std::uint64_t step_ = 0;
  std::vector<Origin> current_;
  std::vector<std::uint64_t> moved_, first_writes_, refills_;
};

}  // namespace arraysim::sim
