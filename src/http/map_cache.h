// The whole-mapping read's cache. What a member sees of a mapping depends only on the mapping
// and the member's agency (handling code C), so the encoded bundle, and its gzip form, is kept
// per (mapping, agency). Every read still passes the access checks and writes its audit row
// (the caller's job); only the assembling is saved, and the body is sent from the cache
// without a copy. Internal to src/http.
//
// Freshness: a body is served only if no write went through this server since its build
// began (Changed() moves a generation on), so whoever made a change, and whoever heard of it
// by live update, reads it at once. Changes made elsewhere (another server, the command line)
// show within kTtl plus one build: once a body is that old, one reader rebuilds it while the
// others are served the old one, so nobody waits on a rebuild that no write caused. After a
// write, readers wait for one build (single flight), not one each; writes that land while a
// build is under way queue one more build behind it, not one per write.
//
// Thread-safe. Memory: one body per (mapping, agency) read since the last 1,000 keys (then the
// cache starts afresh).
#ifndef CONTEXTMAP_HTTP_MAP_CACHE_H_
#define CONTEXTMAP_HTTP_MAP_CACHE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "contextmap/core/status.h"

namespace contextmap::http {

struct MapBodies {
  std::string plain;
  std::string gzip;  // "" if compressing failed
};
using MapBody = std::shared_ptr<const MapBodies>;

class MapCache {
 public:
  static constexpr auto kTtl = std::chrono::seconds(1);

  // Builds a body for the caller's mapping and agency.
  using Build = std::function<Result<MapBody>()>;
  // Runs a wait (another reader's build) with the caller's work slot given up meanwhile.
  using Blocked = std::function<void(const std::function<void()>&)>;

  // The body for (mapping, agency): from the cache, from a build under way, or built by `build`.
  Result<MapBody> Get(const std::string& mapping_id, const std::string& agency_id,
                      const Build& build, const Blocked& blocked);
  // A write went through this server: cached bodies are stale.
  void Changed() { generation_.fetch_add(1); }

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    MapBody ready;  // the newest good build, or null
    int64_t ready_generation = 0;
    Clock::time_point ready_made;          // when its build began
    std::shared_future<MapBody> building;  // valid while a build is under way
    int64_t building_generation = 0;
    uint64_t build_id = 0;
    // A build queued to follow `building` when that began before the last write. Readers who
    // came after the write wait for it, so however many writes land during one build, one
    // more build follows it, not one per write.
    std::shared_future<MapBody> queued;
    uint64_t queued_id = 0;
  };

  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;
  std::atomic<int64_t> generation_{0};
  uint64_t next_build_id_ = 0;  // guarded by mu_
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_MAP_CACHE_H_
