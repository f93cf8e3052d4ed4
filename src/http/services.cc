#include "contextmap/http/services.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

namespace contextmap::http {
namespace {

// How long the audit writer lets rows gather before a commit when it is busy (its last commit
// carried the rows of more than one request), like PostgreSQL's commit_delay with commit_siblings.
// Each commit costs an fsync and its share of checkpoints whatever it carries; under load
// (bench/server_bench.sh, 200 readers) 0.5 ms raised reads from about 5,200/s to 6,300/s and
// lowered p99, while a lone user, whose commits carry one request's rows, never waits.
constexpr std::chrono::microseconds kBusyGather{500};

}  // namespace

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Store> s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  Result<std::unique_ptr<Store>> opened = Store::Open(url_, options_);
  if (!opened.ok()) return opened.status();
  return Lease(this, std::move(opened).value());
}

void StorePool::Return(std::unique_ptr<Store> store) {
  std::lock_guard lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(store));
}

struct AuditWriter::Batch {
  std::vector<AuditEntry> entries;
  int writers = 0;  // Write calls whose rows are in `entries`
  Status result;    // set before `done`
  // Set when the batch is committed. Its callers wait on this flag, not on the writer's
  // mutex and condition: with hundreds of callers waiting, one shared condition would wake
  // them all for every batch, and each would queue for the mutex to look.
  std::atomic<bool> done{false};
};

AuditWriter::AuditWriter(std::unique_ptr<Store> store)
    : store_(std::move(store)), thread_([this] { Run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Status AuditWriter::Write(std::vector<AuditEntry> entries) {
  if (entries.empty()) return Status::Ok();
  std::unique_lock lock(mu_);
  if (stopping_) return Status::Unavailable("the server is stopping");
  if (!pending_) pending_ = std::make_shared<Batch>();
  std::shared_ptr<Batch> batch = pending_;
  for (AuditEntry& e : entries) batch->entries.push_back(std::move(e));
  ++batch->writers;
  lock.unlock();
  wake_.notify_one();
  batch->done.wait(false, std::memory_order_acquire);
  return batch->result;
}

void AuditWriter::Run() {
  bool busy = false;
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || pending_ != nullptr; });
    if (!pending_) return;  // stopping with nothing left to write
    if (busy && !stopping_) {
      lock.unlock();
      std::this_thread::sleep_for(kBusyGather);
      lock.lock();
    }
    std::shared_ptr<Batch> batch = std::move(pending_);
    pending_.reset();
    lock.unlock();
    busy = batch->writers > 1;
    batch->result = store_->AppendAudit(&batch->entries);
    batch->done.store(true, std::memory_order_release);
    batch->done.notify_all();
    lock.lock();
  }
}

void EventHub::Publish(const std::vector<std::string>& mapping_ids, const ChangeEvent& event) {
  if (mapping_ids.empty()) return;
  {
    std::lock_guard lock(mu_);
    ChangeEvent e = event;
    e.seq = ++seq_;
    for (const std::string& m : mapping_ids) {
      auto& q = recent_[m];
      q.push_back(e);
      if (q.size() > kKeep) q.pop_front();
    }
  }
  changed_.notify_all();
}

std::vector<ChangeEvent> EventHub::Wait(const std::string& mapping_id, int64_t after,
                                        std::chrono::milliseconds wait, bool* complete) {
  std::unique_lock lock(mu_);
  auto newer = [&]() -> std::vector<ChangeEvent> {
    std::vector<ChangeEvent> out;
    auto it = recent_.find(mapping_id);
    if (it == recent_.end()) return out;
    for (const ChangeEvent& e : it->second) {
      if (e.seq > after) out.push_back(e);
    }
    // A full queue whose oldest event is newer than the listener's last may have dropped some.
    *complete = it->second.size() < kKeep || it->second.front().seq <= after;
    return out;
  };
  *complete = true;
  std::vector<ChangeEvent> out = newer();
  if (!out.empty() || closed_) return out;
  changed_.wait_for(lock, wait, [&] {
    out = newer();
    return !out.empty() || closed_;
  });
  return out;
}

int64_t EventHub::Latest() {
  std::lock_guard lock(mu_);
  return seq_;
}

void EventHub::Close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool EventHub::Closed() {
  std::lock_guard lock(mu_);
  return closed_;
}

void Log::Line(const std::string& text) {
  std::lock_guard lock(mu_);
  sink_(text);
}

}  // namespace contextmap::http
