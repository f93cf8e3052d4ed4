// The shared services behind the server's routes: a pool of stores (one per worker at a time),
// the audit writer that commits audit rows in groups, the hub that carries live changes to the
// people viewing a mapping, and the log. Each is thread-safe; the server owns them and they
// outlive every request.
#ifndef CONTEXTMAP_HTTP_SERVICES_H_
#define CONTEXTMAP_HTTP_SERVICES_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::http {

// Stores for request workers. A Store serves one thread at a time, so each request borrows one
// and gives it back; the pool opens a new one when none is free and keeps at most `max_idle`.
class StorePool {
 public:
  StorePool(std::string url, StoreOptions options, std::size_t max_idle = 64)
      : url_(std::move(url)), options_(std::move(options)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (store_) pool_->Return(std::move(store_));
    }
    Store& operator*() { return *store_; }
    Store* operator->() { return store_.get(); }
    Store* get() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<Store> store);

  std::string url_;
  StoreOptions options_;
  std::size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> idle_;
};

// Writes audit rows with group commit: requests hand their rows over and wait; one thread
// appends everything waiting in one transaction (one fsync), then wakes them all. So a read
// is never answered before its audit row is durable, yet many readers share one commit.
// When its last commit carried more than one request's rows (the server is busy) it lets
// rows gather for 0.5 ms before the next commit, so fewer, larger commits share the fsyncs;
// a request on a quiet server never waits for that.
class AuditWriter {
 public:
  explicit AuditWriter(std::unique_ptr<Store> store);
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Blocks until the rows are committed (or the append failed: then nothing of the batch was
  // written and the caller must not serve what the rows describe).
  Status Write(std::vector<AuditEntry> entries);

 private:
  struct Batch;
  void Run();

  std::unique_ptr<Store> store_;
  std::mutex mu_;
  std::condition_variable wake_;  // the writer thread waits here for a batch
  std::shared_ptr<Batch> pending_;
  bool stopping_ = false;
  std::thread thread_;
};

// One change, as the people viewing a mapping hear of it: ids only (they fetch the record if
// they may see it). `record` is the record after the change (before it, for a delete), kept
// so each listener can check visibility for themselves.
struct ChangeEvent {
  int64_t seq = 0;
  std::string op;  // "create", "update", "delete"
  Record record;
  std::string by_user_id;
};

// Carries changes to everyone subscribed to a mapping. Memory: the last `kKeep` events per
// mapping; a listener that falls further behind is told to reload.
class EventHub {
 public:
  static constexpr std::size_t kKeep = 256;

  void Publish(const std::vector<std::string>& mapping_ids, const ChangeEvent& event);
  // Events on `mapping_id` with seq > after, waiting up to `wait` for one to arrive. Returns
  // false in *complete if events were dropped since `after` (the listener should reload).
  std::vector<ChangeEvent> Wait(const std::string& mapping_id, int64_t after,
                                std::chrono::milliseconds wait, bool* complete);
  // The newest seq so far (a new listener starts after it).
  int64_t Latest();
  // Wakes every waiting listener and ends every stream (shutdown).
  void Close();
  bool Closed();

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  int64_t seq_ = 0;
  bool closed_ = false;
  std::map<std::string, std::deque<ChangeEvent>> recent_;
};

// The server's log: one line per request and per notable event, with record ids, codes and
// timings only, never names, intelligence text or reasons (the test suite greps for them).
class Log {
 public:
  explicit Log(std::function<void(const std::string&)> sink) : sink_(std::move(sink)) {}
  void Line(const std::string& text);

 private:
  std::mutex mu_;
  std::function<void(const std::string&)> sink_;
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_SERVICES_H_
