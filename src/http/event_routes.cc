// Live updates: GET /api/v1/mappings/{id}/events, a server-sent-events stream of changes to
// one mapping, ids only, filtered for what the listener may see (EventStream in api.h).
#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "contextmap/core/numbers.h"
#include "http/api_impl.h"

namespace contextmap::http {

using nlohmann::json;

class Api::Impl::MappingStream : public EventStream {
 public:
  MappingStream(Impl* impl, std::string token, std::string mapping_id, int64_t after)
      : impl_(impl), token_(std::move(token)), mapping_id_(std::move(mapping_id)), after_(after) {}

  std::optional<std::string> Next(std::chrono::milliseconds wait) override {
    if (first_) {
      first_ = false;
      return std::string("retry: 2000\n: connected\n\n");
    }
    bool complete = true;
    std::vector<ChangeEvent> got = impl_->events->Wait(mapping_id_, after_, wait, &complete);
    if (impl_->events->Closed()) return std::nullopt;
    // Every wake re-checks the session and membership, so sign-out ends the stream.
    Result<StorePool::Lease> lease = impl_->stores->Acquire();
    if (!lease.ok()) return std::nullopt;
    Result<auth::Authenticated> who =
        auth::Authenticate(**lease, token_, impl_->options.now(), impl_->options.accounts);
    if (!who.ok()) return std::nullopt;
    access::Access access(lease->get(), PrincipalOf(who->user));
    if (!access.CheckMapping(mapping_id_).ok()) return std::nullopt;
    std::string out;
    if (!complete) out += "event: reload\ndata: {}\n\n";
    for (const ChangeEvent& e : got) {
      after_ = std::max(after_, e.seq);
      // A listener hears only of records they may see (the record as it now stands).
      Status visible = access.CheckRead(e.record);
      if (!visible.ok()) continue;
      json data = {{"op", e.op},
                   {"kind", std::string(InfoFor(KindOf(e.record)).plural)},
                   {"id", BaseOf(e.record).id},
                   {"version", BaseOf(e.record).version},
                   {"by", e.by_user_id}};
      out += "id: " + std::to_string(e.seq) + "\nevent: change\ndata: " + data.dump() + "\n\n";
    }
    if (out.empty()) out = ": keep-alive\n\n";
    return out;
  }

 private:
  Impl* impl_;
  std::string token_;
  std::string mapping_id_;
  int64_t after_;
  bool first_ = true;
};

void Api::Impl::MappingEvents(Call& c) {
  c.kind = RecordKind::kMapping;
  Status visible = c.access->CheckMapping(c.id);
  if (!visible.ok()) {
    Audit(c, "watch_map", nullptr, "refused");
    return Fail(c, visible);
  }
  c.res.record_id = c.id;
  int64_t after = events->Latest();
  std::optional<int64_t> last =
      ParseWholeNumber(c.req.Header("last-event-id"), 0, std::numeric_limits<int64_t>::max());
  if (last) after = std::min(after, *last);
  Audit(c, "watch_map", nullptr, "ok", c.id);
  c.res.content_type = "text/event-stream";
  c.res.stream = std::make_shared<MappingStream>(this, c.req.Cookie(kSessionCookie), c.id, after);
}

}  // namespace contextmap::http
