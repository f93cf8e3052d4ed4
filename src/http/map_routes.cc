// Routes on one mapping as a whole: the whole-mapping read the web map draws from (cached,
// map_cache.h), and adding a new subject to a mapping.
#include <sstream>

#include "contextmap/core/bundle.h"
#include "contextmap/core/json_codec.h"
#include "http/api_impl.h"
#include "http/gzip.h"

namespace contextmap::http {

using nlohmann::json;

void Api::Impl::MappingMap(Call& c) {
  if (!NeedVisibleMapping(c, "view_map")) return;
  auto build = [&]() -> Result<MapBody> {
    Result<Bundle> bundle = c.store->Export({c.id, false});
    if (!bundle.ok()) return bundle.status();
    CM_RETURN_IF_ERROR(c.access->FilterMappingBundle(&*bundle));
    std::ostringstream out;
    WriteBundle(*bundle, out);
    auto bodies = std::make_shared<MapBodies>();
    bodies->plain = std::move(out).str();
    bodies->gzip = Gzip(bodies->plain);
    return MapBody(std::move(bodies));
  };
  Result<MapBody> body = maps.Get(c.id, c.who->user.agency_id, build,
                                  [this](const std::function<void()>& wait) { Blocked(wait); });
  if (!body.ok()) return Fail(c, body.status());
  // Aliasing pointers: the cache entry lives as long as any response that sends it.
  if (!(*body)->gzip.empty() && AcceptsGzip(c.req.Header("accept-encoding"))) {
    c.res.shared_body = std::shared_ptr<const std::string>(*body, &(*body)->gzip);
    c.res.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    c.res.shared_body = std::shared_ptr<const std::string>(*body, &(*body)->plain);
  }
  c.res.headers.emplace_back("Vary", "Accept-Encoding");
  Audit(c, "view_map", nullptr, "ok", c.id);
}

void Api::Impl::AddSubject(Call& c) {
  c.kind = RecordKind::kMapping;
  Status visible = c.access->CheckMapping(c.id);
  if (!visible.ok()) return Refuse(c, "create", nullptr, visible);
  std::optional<json> body = ParseObject(c);
  if (!body) return;
  if (!body->contains("subject") || !(*body)["subject"].is_object()) {
    return Fail(c, 400, "invalid_argument", "is required (an object: the new subject)", "/subject");
  }
  json ms_json = body->value("mapping_subject", json::object());
  if (!ms_json.is_object()) {
    return Fail(c, 400, "invalid_argument", "must be an object", "/mapping_subject");
  }
  c.res.record_id = c.id;
  std::optional<Record> subject =
      DecodeBody(c, RecordKind::kSubject, (*body)["subject"], "/subject");
  if (!subject || !ServerAssignsId(c, *subject, "/subject/id")) return;
  if (ms_json.contains("id")) {
    return Fail(c, 400, "invalid_argument", "is given by the server; leave it out",
                "/mapping_subject/id");
  }
  BaseOf(*subject).id = NewId(RecordKind::kSubject);
  ms_json["mapping_id"] = c.id;
  ms_json["subject_id"] = BaseOf(*subject).id;
  std::optional<Record> ms =
      DecodeBody(c, RecordKind::kMappingSubject, ms_json, "/mapping_subject");
  if (!ms) return;
  BaseOf(*ms).id = NewId(RecordKind::kMappingSubject);
  Date today = options.today();
  bool hid = false;
  // Problems are named where they are in this body: under /subject or /mapping_subject.
  Status valid = c.access->Validate(*subject, today, {}, &hid, nullptr, "/subject");
  if (valid.ok()) {
    valid = c.access->Validate(*ms, today, {*subject}, &hid, nullptr, "/mapping_subject");
  }
  if (!valid.ok()) return Invalid(c, "create", &*ms, valid, hid);
  Status allowed = c.access->CheckCreate(*ms);
  if (!allowed.ok()) return Refuse(c, "create", &*ms, allowed);
  std::vector<Record> both = {*subject, *ms};
  std::vector<AuditEntry> rows = ChangeAudit(c, "create", &both[0], c.id);
  for (AuditEntry& e : ChangeAudit(c, "create", &both[1])) rows.push_back(std::move(e));
  Status created = c.store->CreateAll(&both, &rows);
  if (!created.ok()) return Fail(c, created);
  Publish(c, "create", both[1]);
  c.res.status = 201;
  c.res.body = "{\"subject\":" + EncodeRecord(both[0]) +
               ",\"mapping_subject\":" + EncodeRecord(both[1]) + "}";
}

}  // namespace contextmap::http
