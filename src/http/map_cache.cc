#include "http/map_cache.h"

namespace contextmap::http {

Result<MapBody> MapCache::Get(const std::string& mapping_id, const std::string& agency_id,
                              const Build& build, const Blocked& blocked) {
  auto key = std::make_pair(mapping_id, agency_id);
  std::promise<MapBody> promise;
  std::shared_future<MapBody> wait_for;
  std::shared_future<MapBody> ahead;  // set: ours is the queued build, to start after it
  uint64_t build_id = 0;
  int64_t gen = 0;
  Clock::time_point began;
  {
    std::lock_guard lock(mu_);
    gen = generation_.load();
    began = Clock::now();
    if (entries_.size() > 1000 && entries_.find(key) == entries_.end()) {
      entries_.clear();  // bound memory: one entry per (mapping, agency) in use
    }
    Entry& e = entries_[key];
    bool current = e.ready && e.ready_generation == gen;
    if (current && (began - e.ready_made < kTtl || e.building.valid())) {
      return e.ready;  // fresh, or being refreshed by another reader
    }
    if (!current && e.building.valid() && e.building_generation == gen) {
      wait_for = e.building;  // under way, and began after the last write
    } else if (!current && e.queued.valid()) {
      wait_for = e.queued;  // will begin after the last write
    } else {
      build_id = ++next_build_id_;
      if (e.building.valid()) {
        // The build under way began before the last write: queue one to follow it.
        ahead = e.building;
        e.queued = promise.get_future().share();
        e.queued_id = build_id;
      } else {
        e.building = promise.get_future().share();
        e.building_generation = gen;
        e.build_id = build_id;
      }
    }
  }
  if (wait_for.valid()) {
    MapBody body;
    blocked([&] { body = wait_for.get(); });
    if (body) return body;
    return build();  // the build we waited for failed: try for ourselves
  }
  if (ahead.valid()) {
    blocked([&] { ahead.wait(); });
    std::lock_guard lock(mu_);
    gen = generation_.load();  // every reader waiting on the queued build came before this
    began = Clock::now();
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.queued_id == build_id) {
      Entry& e = it->second;
      e.building = std::move(e.queued);
      e.queued = {};
      e.building_generation = gen;
      e.build_id = build_id;
    }
  }
  Result<MapBody> built = build();
  MapBody body = built.ok() ? *built : nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.build_id == build_id) {
      Entry& e = it->second;
      e.building = {};
      if (body) {
        e.ready = body;
        e.ready_generation = gen;
        e.ready_made = began;
      }
    }
  }
  promise.set_value(body);
  return built;
}

}  // namespace contextmap::http
