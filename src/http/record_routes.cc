// The record routes, the same for every kind: GET/POST /api/v1/{kind} (list, create) and
// GET/PUT/DELETE /api/v1/{kind}/{id}. Every decision about who may see or change what is
// access::Access's; these routes read the request, ask, write through the store, audit and
// tell the listeners.
#include "contextmap/core/json_codec.h"
#include "contextmap/core/numbers.h"
#include "http/api_impl.h"

namespace contextmap::http {

using nlohmann::json;

std::optional<Record> Api::Impl::Load(Call& c, std::string_view action) {
  Result<Record> r = c.store->Get(*c.kind, c.id);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kNotFound && !access::IsReferenceKind(*c.kind)) {
      Audit(c, action, nullptr, "not_found");
    }
    Fail(c, r.status());
    return std::nullopt;
  }
  Status visible = c.access->CheckRead(*r);
  if (!visible.ok()) {
    if (visible.code() == StatusCode::kNotFound) {
      Refuse(c, action, &*r, visible);
    } else {
      Fail(c, visible);
    }
    return std::nullopt;
  }
  c.res.record_id = c.id;  // the log names only records that exist and the caller may see
  return std::move(r).value();
}

void Api::Impl::Announce(Call& c, const std::string& op, const Record& record,
                         const Result<std::vector<std::string>>& mappings) {
  maps.Changed();
  if (!mappings.ok()) return;
  ChangeEvent e;
  e.op = op;
  e.record = record;
  e.by_user_id = c.who->user.id;
  events->Publish(*mappings, e);
}

void Api::Impl::Publish(Call& c, const std::string& op, const Record& record) {
  Announce(c, op, record, c.access->MappingsOf(record));
}

void Api::Impl::List(Call& c) {
  RecordKind kind = *c.kind;
  ListQuery q;
  q.kind = kind;
  q.limit = 100;
  for (const auto& [key, value] : c.req.query) {
    if (key == "limit") {
      std::optional<int64_t> n = ParseWholeNumber(value, 1, static_cast<int64_t>(options.max_page));
      if (!n) {
        return Fail(c, 400, "invalid_argument",
                    "must be a whole number from 1 to " + std::to_string(options.max_page),
                    "limit");
      }
      q.limit = static_cast<std::size_t>(*n);
    } else if (key == "after") {
      if (!IsValidId(value)) return Fail(c, 400, "invalid_argument", "is not an id", "after");
      q.after_id = value;
    } else {
      if (!q.field.empty()) {
        return Fail(c, 400, "invalid_argument", "filter by one field at a time", key);
      }
      if (!IsValidId(value)) return Fail(c, 400, "invalid_argument", "is not an id", key);
      q.field = key;
      q.value = value;
    }
  }
  bool reference = access::IsReferenceKind(kind);
  if (!reference && !NeedReason(c)) return;
  std::vector<Record> items;
  bool more = false;
  bool filtered = false;  // rows the caller may not see were left out
  if (kind == RecordKind::kMapping && q.field.empty()) {
    // A user's mappings: those they are a member of.
    Result<std::vector<std::string>> mine = c.access->MemberMappings();
    if (!mine.ok()) return Fail(c, mine.status());
    for (const std::string& mid : *mine) {
      if (mid <= q.after_id) continue;
      if (items.size() == q.limit) {
        more = true;
        break;
      }
      Result<Record> m = c.store->Get(RecordKind::kMapping, mid);
      if (m.ok()) items.push_back(std::move(m).value());
    }
  } else {
    if (!reference && q.field.empty()) {
      return Fail(c, 400, "invalid_argument",
                  "list " + std::string(InfoFor(kind).plural) +
                      " by one of their reference fields, for example ?mapping_id=ID",
                  "filter");
    }
    Status listed = ListVisible(c, q, &items, &more, &filtered);
    if (!listed.ok()) {
      if (listed.code() == StatusCode::kInvalidArgument) {
        return Fail(c, 400, "invalid_argument", listed.message(), q.field.substr(0, 60));
      }
      return Fail(c, listed);
    }
  }
  std::string body = "{\"items\":[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) body += ",";
    EncodeRecord(items[i], &body);
  }
  body += "],\"next_after\":";
  if (more) {
    AppendJsonString(BaseOf(items.back()).id, &body);
  } else {
    body += "null";
  }
  body += "}";
  c.res.body = std::move(body);
  if (reference) return;
  // The filter's value goes into the audit row only when it names a record the caller may
  // see: a made-up id (which could be a name) stays out of the log.
  std::string mapping_id;
  if (q.field == "mapping_id" && c.access->CheckMapping(q.value).ok()) mapping_id = q.value;
  Audit(c, "list", nullptr, filtered ? "refused" : "ok", mapping_id);
  if (q.field == "subject_id") {
    Result<Record> subject = c.store->Get(RecordKind::kSubject, q.value);
    if (subject.ok() && c.access->CheckRead(*subject).ok()) c.audit.back().subject_id = q.value;
  }
}

// One page of the records `q` selects that the caller may see, in id order: paging and the
// next page's start are worked out over visible rows only, so neither tells of a hidden one.
// Reads on in batches past hidden rows until the page is full and one more visible row shows
// there is a next page.
Status Api::Impl::ListVisible(Call& c, const ListQuery& q, std::vector<Record>* items, bool* more,
                              bool* filtered) {
  bool whole_mapping = q.field == "mapping_id" && c.access->CheckMapping(q.value).ok() &&
                       q.kind != RecordKind::kInformation &&
                       q.kind != RecordKind::kHandlingApproval;
  bool reference = access::IsReferenceKind(q.kind);
  ListQuery batch = q;
  batch.limit = q.limit + 1;
  for (;;) {
    Result<std::vector<Record>> rows = c.store->List(batch);
    if (!rows.ok()) return rows.status();
    for (Record& r : *rows) {
      batch.after_id = BaseOf(r).id;
      if (!reference && !whole_mapping) {
        Status s = c.access->CheckRead(r);
        if (!s.ok() && s.code() != StatusCode::kNotFound) return s;
        if (!s.ok()) {
          *filtered = true;
          continue;
        }
      }
      if (items->size() == q.limit) {
        *more = true;
        return Status::Ok();
      }
      c.access->Redact(&r);
      items->push_back(std::move(r));
    }
    if (rows->size() < batch.limit) return Status::Ok();
  }
}

void Api::Impl::Create(Call& c) {
  RecordKind kind = *c.kind;
  std::optional<json> body = ParseObject(c);
  if (!body) return;
  std::optional<Record> record = DecodeBody(c, kind, *body, "");
  if (!record || !ServerAssignsId(c, *record, "/id")) return;
  RecordBase& base = BaseOf(*record);
  base.id = NewId(kind);
  base.version = 0;
  bool hid = false;
  Status valid = c.access->Validate(*record, options.today(), {}, &hid);
  if (!valid.ok()) return Invalid(c, "create", &*record, valid, hid);
  Status allowed = c.access->CheckCreate(*record);
  if (!allowed.ok()) return Refuse(c, "create", &*record, allowed);
  std::vector<AuditEntry> rows = ChangeAudit(c, "create", &*record);
  Status created = c.store->Create(&*record, &rows);
  if (!created.ok()) return Fail(c, created);
  Publish(c, "create", *record);
  SendRecord(c, *record, 201);
  c.res.headers.emplace_back("Location",
                             "/api/v1/" + std::string(InfoFor(kind).plural) + "/" + base.id);
}

void Api::Impl::Get(Call& c) {
  std::optional<Record> r = Load(c, "view");
  if (!r) return;
  if (!access::IsReferenceKind(*c.kind) && !NeedReason(c)) return;
  if (!access::IsReferenceKind(*c.kind)) Audit(c, "view", &*r, "ok");
  c.access->Redact(&*r);
  SendRecord(c, *r, 200);
}

void Api::Impl::Update(Call& c) {
  std::optional<Record> before = Load(c, "update");
  if (!before) return;
  int64_t version = NeedIfMatch(c);
  if (version <= 0) return;
  std::optional<json> body = ParseObject(c);
  if (!body) return;
  std::optional<Record> after = DecodeBody(c, *c.kind, *body, "");
  if (!after) return;
  RecordBase& base = BaseOf(*after);
  if (!base.id.empty() && base.id != c.id) {
    return Fail(c, 400, "invalid_argument", "does not match the address", "/id");
  }
  base.id = c.id;
  base.version = version;
  if (version != BaseOf(*before).version) {
    return Fail(c, Status::Conflict(std::string(InfoFor(*c.kind).singular) + " " + c.id +
                                    " was changed by someone else (it is now version " +
                                    std::to_string(BaseOf(*before).version) +
                                    "); reload it and make the change again"));
  }
  c.access->KeepHidden(*before, &*after);
  bool hid = false;
  Status valid = c.access->Validate(*after, options.today(), {}, &hid, &*before);
  if (!valid.ok()) return Invalid(c, "update", &*after, valid, hid);
  Status allowed = c.access->CheckUpdate(*before, *after);
  if (!allowed.ok()) return Refuse(c, "update", &*before, allowed);
  std::vector<AuditEntry> rows = ChangeAudit(c, "update", &*after);
  Status updated = c.store->Update(&*after, &rows);
  if (!updated.ok()) return Fail(c, updated);
  Publish(c, "update", *after);
  c.access->Redact(&*after);
  SendRecord(c, *after, 200);
}

void Api::Impl::Delete(Call& c) {
  std::optional<Record> before = Load(c, "delete");
  if (!before) return;
  int64_t version = NeedIfMatch(c);
  if (version <= 0) return;
  Status allowed = c.access->CheckDelete(*before);
  if (!allowed.ok()) return Refuse(c, "delete", &*before, allowed);
  // Who hears of it is worked out before the record (and its links to mappings) is gone.
  Result<std::vector<std::string>> mappings = c.access->MappingsOf(*before);
  std::vector<AuditEntry> rows = ChangeAudit(c, "delete", &*before);
  Status deleted = c.store->Delete(*c.kind, c.id, version, &rows);
  if (deleted.code() == StatusCode::kFailedPrecondition) {
    // The store names the record that still refers to this one, which the caller may not be
    // allowed to see: the answer does not.
    return Fail(c,
                Status::FailedPrecondition(
                    "other records still refer to this " + std::string(InfoFor(*c.kind).singular) +
                    "; change or delete them first (the mapping's map shows them)"));
  }
  if (!deleted.ok()) return Fail(c, deleted);
  Announce(c, "delete", *before, mappings);
  c.res.status = 204;
}

}  // namespace contextmap::http
