// Live updates: GET /api/v1/mappings/{id}/events, a server-sent-events stream of changes to
// one mapping, ids only, filtered for what the listener may see (EventStream in api.h).
//
// Caps. Each open stream holds a server worker while it is watched, so a session may have
// ApiOptions::max_streams_per_session open and the server ApiOptions::max_streams in all (the
// server sets that to a quarter of its workers); beyond either the answer is 429, audited as
// throttled. A stream's place is given back when the stream is destroyed, which the server does
// within a second of the client leaving.
//
// What a listener may learn, and nothing more:
// - Events are numbered per stream (`id: 1`, `2`, ...), counting only events this listener may
//   see, so neither the numbers nor their gaps tell of changes hidden from them or made to
//   other mappings. The hub's own sequence never leaves the server.
// - An event they may not see (another agency's handling-code-C item, anything outside what
//   they may read) produces no output and does not end the wait early: Next returns at the end
//   of the wait it was given, as if nothing had happened, unless there is something visible to
//   send.
// - The session and membership are checked at the end of every wait (the server waits a second
//   at a time), so signing out, expiry or removal from the mapping ends the stream within a
//   second, on that schedule, never at the moment of a hidden change.
// - A keep-alive comment goes out every ApiOptions::stream_keep_alive from the stream's start,
//   never because of an event.
// Reconnecting: the server keeps no position per listener. A client that reconnects with
// Last-Event-ID (whatever its value) gets a new stream, numbered from 1, that begins with
// `event: reload`: it may have missed changes while away and must re-read the mapping. A
// listener that falls more than EventHub::kKeep changes behind (by not reading while they pile
// up) is told to reload too.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "http/api_impl.h"

namespace contextmap::http {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

class Api::Impl::MappingStream : public EventStream {
 public:
  MappingStream(Impl* impl, std::string session, std::string token, std::string mapping_id,
                int64_t after, bool resumed)
      : impl_(impl),
        count_(impl->streams),
        session_(std::move(session)),
        token_(std::move(token)),
        mapping_id_(std::move(mapping_id)),
        after_(after),
        resumed_(resumed),
        next_keep_alive_(Clock::now() + impl->options.stream_keep_alive) {}
  ~MappingStream() override {
    std::lock_guard lock(count_->mu);
    --count_->total;
    auto it = count_->per_session.find(session_);
    if (it != count_->per_session.end() && --it->second == 0) count_->per_session.erase(it);
  }
  MappingStream(const MappingStream&) = delete;
  MappingStream& operator=(const MappingStream&) = delete;

  std::optional<std::string> Next(std::chrono::milliseconds wait) override {
    Clock::time_point deadline = Clock::now() + wait;
    if (first_) {
      first_ = false;
      // A resumed stream may have missed changes: it tells the page to load afresh.
      if (resumed_) return std::string("retry: 2000\n: connected\n\nevent: reload\ndata: {}\n\n");
      return std::string("retry: 2000\n: connected\n\n");
    }
    // Waits for something this listener may see, or the end of the wait. Events they may not
    // see are passed over without a sound and the wait goes on, as if they had not happened.
    for (;;) {
      bool complete = true;
      auto left =
          std::max(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()),
                   std::chrono::milliseconds(0));
      std::vector<ChangeEvent> got = impl_->events->Wait(mapping_id_, after_, left, &complete);
      if (impl_->events->Closed()) return std::nullopt;
      for (const ChangeEvent& e : got) after_ = std::max(after_, e.seq);
      std::string out = complete ? std::string() : std::string("event: reload\ndata: {}\n\n");
      // If they may no longer watch, nothing is sent now: the end of the wait finds out, so
      // the end of the stream does not betray the event.
      if (!got.empty()) (void)Check(&got, &out);
      if (!out.empty()) return out;
      if (Clock::now() >= deadline) break;
    }
    if (!Check(nullptr, nullptr)) return std::nullopt;
    if (Clock::now() >= next_keep_alive_) {
      while (next_keep_alive_ <= Clock::now()) next_keep_alive_ += impl_->options.stream_keep_alive;
      return std::string(": keep-alive\n\n");
    }
    return std::string();
  }

 private:
  // Whether the session is live and may still watch the mapping; with `changes`, also appends
  // the ones the listener may see (the record as it now stands) to `out`, numbered.
  bool Check(const std::vector<ChangeEvent>* changes, std::string* out) {
    Result<StorePool::Lease> lease = impl_->stores->Acquire();
    if (!lease.ok()) return false;
    Result<auth::Authenticated> who =
        auth::Authenticate(**lease, token_, impl_->options.now(), impl_->options.accounts);
    if (!who.ok()) return false;
    access::Access access(lease->get(), PrincipalOf(who->user));
    if (!access.CheckMapping(mapping_id_).ok()) return false;
    for (std::size_t i = 0; changes != nullptr && i < changes->size(); ++i) {
      const ChangeEvent& e = (*changes)[i];
      if (!access.CheckRead(e.record).ok()) continue;
      json data = {{"op", e.op},
                   {"kind", std::string(InfoFor(KindOf(e.record)).plural)},
                   {"id", BaseOf(e.record).id},
                   {"version", BaseOf(e.record).version},
                   {"by", e.by_user_id}};
      *out += "id: " + std::to_string(++sent_) + "\nevent: change\ndata: " + data.dump() + "\n\n";
    }
    return true;
  }

  Impl* impl_;
  std::shared_ptr<StreamCount> count_;
  std::string session_;
  std::string token_;
  std::string mapping_id_;
  int64_t after_;     // the hub's sequence: never sent
  int64_t sent_ = 0;  // events sent on this stream, their ids
  bool resumed_;
  bool first_ = true;
  Clock::time_point next_keep_alive_;
};

void Api::Impl::MappingEvents(Call& c) {
  c.kind = RecordKind::kMapping;
  Status visible = c.access->CheckMapping(c.id);
  if (!visible.ok()) {
    Audit(c, "watch_map", nullptr, "refused");
    return Fail(c, visible);
  }
  c.res.record_id = c.id;
  const std::string& session = c.who->session.id_hash;
  {
    std::lock_guard lock(streams->mu);
    int open = streams->per_session.count(session) ? streams->per_session[session] : 0;
    Status full;
    if (open >= options.max_streams_per_session) {
      full = Status::ResourceExhausted(
          "this session already has " + std::to_string(open) +
          " live-update streams open, the most allowed; close one (another tab or window) first");
    } else if (streams->total >= options.max_streams) {
      full = Status::ResourceExhausted(
          "the server has as many live-update streams open as it allows; try again shortly");
    }
    if (!full.ok()) {
      Audit(c, "watch_map", nullptr, "throttled", c.id);
      c.res.headers.emplace_back("Retry-After", "5");
      return Fail(c, full);
    }
    ++streams->per_session[session];
    ++streams->total;
  }
  Audit(c, "watch_map", nullptr, "ok", c.id);
  c.res.content_type = "text/event-stream";
  c.res.stream =
      std::make_shared<MappingStream>(this, session, c.req.Cookie(kSessionCookie), c.id,
                                      events->Latest(), !c.req.Header("last-event-id").empty());
}

}  // namespace contextmap::http
