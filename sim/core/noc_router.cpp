#include "sim/core/noc_router.hpp"

#include <cassert>
#include <cmath>

namespace arraysim::sim::noc {

Cycle ceil_cycle(double t) { return static_cast<Cycle>(std::ceil(t - 1e-9)); }

namespace {

std::uint64_t words_of_flit(const FlitShape& s, std::uint64_t j) {
  return s.words_through(j) - (j == 0 ? 0 : s.words_through(j - 1));
}

// First come, first served: earlier heads first, then the lower child index, then creation order.
bool earlier(const Transfer& a, const Transfer& b) {
  if (a.ready != b.ready) return a.ready < b.ready;
  if (a.tie != b.tie) return a.tie < b.tie;
  return a.order < b.order;
}

}  // namespace

FlitShape flit_shape(std::uint64_t words, std::int64_t link_bits, std::int64_t word_bits) {
  FlitShape s;
  s.words = words;
  if (words == 0) {
    s.flits = 0;
  } else if (link_bits <= 0) {
    s.flit_cycles = 0;
    s.flits = 1;
  } else if (link_bits >= word_bits) {
    s.words_per_flit = static_cast<std::uint64_t>(link_bits / word_bits);
    s.flits = (words + s.words_per_flit - 1) / s.words_per_flit;
  } else {
    s.flits_per_word = static_cast<std::uint64_t>((word_bits + link_bits - 1) / link_bits);
    s.flits = words * s.flits_per_word;
  }
  return s;
}

void add_request(Transfer& t, Cycle now, PortHooks& hooks) {
  t.port->requests.push_back(&t);
  hooks.wake(*t.port, std::max(now, t.ready));
}

void announce_head(Entry& e, Cycle now, PortHooks& hooks) {
  e.announced = true;
  const Cycle ready = std::max(e.arrival.front(), e.buffer->last_free);
  for (Transfer* t : e.consumers) {
    t->ready = std::max(t->ready, ready);
    if (++t->heads == t->sources.size()) add_request(*t, now, hooks);
  }
}

void Port::evaluate(Cycle now, PortHooks& hooks) {
  waiting_arrival = false;
  waiting_credit = false;
  for (;;) {
    if (current == nullptr) {
      if (requests.empty()) return;
      if (free_at > now) {
        hooks.wake(*this, free_at);
        return;
      }
      Cycle next_ready = kNever;
      Transfer* t = arbitrate(now, next_ready);
      if (t == nullptr) {
        hooks.wake(*this, next_ready);
        return;
      }
      grant(*t, now, hooks);
    }
    if (!stream(now, hooks)) return;
  }
}

Transfer* Port::arbitrate(Cycle now, Cycle& next_ready) {
  std::size_t best = requests.size();
  std::size_t best_distance = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const Transfer& t = *requests[i];
    if (t.ready > now) {
      next_ready = std::min(next_ready, t.ready);
      continue;
    }
    if (t.reduction && reductions.front() != &t) continue;
    // Round robin: the first input at or after the pointer; within an input, first come.
    const std::size_t input = t.sources.front()->buffer->input;
    const std::size_t distance =
        round_robin ? (input + num_inputs - next_input % num_inputs) % num_inputs : 0;
    if (best == requests.size() || distance < best_distance ||
        (distance == best_distance && earlier(t, *requests[best]))) {
      best = i;
      best_distance = distance;
    }
  }
  if (best == requests.size()) return nullptr;
  Transfer* t = requests[best];
  requests[best] = requests.back();
  requests.pop_back();
  if (round_robin) next_input = (t->sources.front()->buffer->input + 1) % num_inputs;
  if (t->reduction) reductions.pop_front();
  return t;
}

void Port::grant(Transfer& t, Cycle now, PortHooks& /*hooks*/) {
  current = &t;
  t.grant = now;
  const auto ds = static_cast<std::size_t>(t.dataspace);
  if (stats != nullptr) {
    stats->contention_cycles += now - t.ready;
    fabric->link_words[ds] += t.shape.words;
  }
  if (t.counts_router) fabric->router_words[ds] += t.shape.words;
  for (std::size_t i = 0; i < t.dests.size(); ++i) {
    t.dests[i]->buffer = t.dest_buffers[i];
    t.dest_buffers[i]->entries.push_back(t.dests[i]);
  }
}

bool Port::stream(Cycle now, PortHooks& hooks) {
  Transfer& t = *current;
  const FlitShape& shape = t.shape;
  const Cycle tau = shape.flit_cycles;
  while (t.sent < shape.flits) {
    const std::uint64_t j = t.sent;
    Cycle arrived = 0;
    for (const Entry* src : t.sources) {
      if (src->arrival.size() <= j) {
        waiting_arrival = true;
        return false;
      }
      arrived = std::max(arrived, src->arrival[j]);
    }
    Cycle start = std::max(arrived, j == 0 ? t.grant : t.last + tau);
    Cycle free = 0;
    if (!sink) {
      const Cycle unblocked = start;
      for (const Buffer* b : t.dest_buffers) {
        if (b->capacity == 0 || b->in_count < b->capacity) continue;
        const std::uint64_t k = b->in_count - b->capacity;  // the flit whose slot this one takes
        if (b->left_count <= k) {
          waiting_credit = true;
          return false;
        }
        start = std::max(start, b->slot_free[k % b->capacity]);
      }
      if (credit_stalls != nullptr) *credit_stalls += start - unblocked;
      assert(start >= now);
      t.last = start;
      ++t.sent;
      stats->busy_cycles += tau;
      const Cycle arrive = start + tau + hop_latency;
      for (std::size_t i = 0; i < t.dests.size(); ++i) {
        Entry& d = *t.dests[i];
        Buffer& b = *t.dest_buffers[i];
        ++b.in_count;
        d.arrival.push_back(arrive);
        if (d.arrival.size() == 1) {
          if (b.entries.front() == &d) announce_head(d, now, hooks);
          continue;
        }
        for (Transfer* c : d.consumers) {
          if (c->port->current == c && c->port->waiting_arrival) hooks.wake(*c->port, now);
        }
      }
      free = start + tau;
    } else {
      // The sink absorbs a flit's words at its rate once the flit is there and the previous
      // words are absorbed; the slot is free at the next cycle boundary after that.
      double absorb = std::max(static_cast<double>(arrived), sink_done);
      if (j == 0) absorb = std::max(absorb, static_cast<double>(t.grant));
      if (t.sink_rate > 0) {
        absorb += static_cast<double>(words_of_flit(shape, j)) / t.sink_rate;
      }
      sink_done = absorb;
      free = t.sink_rate > 0 ? ceil_cycle(absorb) : static_cast<Cycle>(absorb);
      t.last = free;
      ++t.sent;
      if (t.sent == shape.flits) hooks.delivered(t.delivery, free);
    }
    for (Entry* src : t.sources) take(*src, j, free, now, hooks);
  }
  free_at = sink ? ceil_cycle(sink_done) : t.last + tau;
  t.done = true;
  current = nullptr;
  hooks.finished(t);
  return true;
}

void Port::take(Entry& e, std::uint64_t flit, Cycle free, Cycle now, PortHooks& hooks) {
  if (e.consumers.size() > 1) {
    // A multicast branch point: the flit stays until its last consumer took it.
    if (e.taken.empty()) {
      e.free_at.assign(e.flits, 0);
      e.taken.assign(e.flits, 0);
    }
    e.free_at[flit] = std::max(e.free_at[flit], free);
    if (++e.taken[flit] < e.consumers.size()) return;
    free = e.free_at[flit];
  }
  // Every consumer took it: the flit leaves the buffer, its slot is free from `free`.
  ++e.left;
  Buffer& b = *e.buffer;
  if (b.capacity > 0) b.slot_free[b.left_count % b.capacity] = free;
  ++b.left_count;
  b.last_free = free;
  if (b.feeder != nullptr && b.feeder->waiting_credit) hooks.wake(*b.feeder, now);
  if (e.left < e.flits) return;
  b.entries.pop_front();
  if (b.entries.empty()) return;
  Entry& next = *b.entries.front();
  if (!next.arrival.empty() && !next.announced) announce_head(next, now, hooks);
}

}  // namespace arraysim::sim::noc
