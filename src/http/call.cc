#include "http/call.h"

#include <limits>

#include "contextmap/core/concerns.h"
#include "contextmap/core/json_codec.h"
#include "contextmap/core/numbers.h"

namespace contextmap::http {

using nlohmann::json;

namespace {

std::string Etag(int64_t version) { return "\"" + std::to_string(version) + "\""; }

// If-Match: "3", W/"3" or 3. 0 when absent or unreadable.
int64_t ParseIfMatch(std::string value) {
  if (value.starts_with("W/")) value.erase(0, 2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return ParseWholeNumber(value, 0, std::numeric_limits<int64_t>::max()).value_or(0);
}

}  // namespace

void Fail(Call& c, const Status& s) {
  const StatusCodeInfo& info = InfoFor(s.code());
  std::string_view message = s.message();
  if (info.http_status == 500) message = "something went wrong on the server; it was logged";
  if (s.code() == StatusCode::kNotFound) message = "not found";
  Fail(c, info.http_status, info.api_code, message, s.field());
}

void Fail(Call& c, int status, std::string_view code, std::string_view message,
          std::string_view field) {
  c.res.status = status;
  c.res.body = ErrorBody(code, message, field);
  c.res.content_type = "application/json";
}

void Audit(Call& c, std::string_view action, const Record* record, std::string_view outcome,
           const std::string& mapping_id) {
  AuditEntry e;
  e.user_id = c.who ? c.who->user.id : "";
  e.action = std::string(action);
  std::vector<std::string> subjects;
  if (record != nullptr) {
    e.record_kind = std::string(InfoFor(KindOf(*record)).plural);
    e.record_id = BaseOf(*record).id;
    e.mapping_id = OwnMappingId(*record);
    subjects =
        c.access ? c.access->SubjectsConcerned(*record) : SubjectsConcerned(*record, nullptr);
  } else {
    // Without a record, the address's id is whatever the client sent (it could be a name):
    // it stays out of the log.
    if (c.kind) e.record_kind = std::string(InfoFor(*c.kind).plural);
  }
  if (!mapping_id.empty()) e.mapping_id = mapping_id;
  e.reason = c.reason;  // checked: one line of UTF-8, at most 1,000 bytes (api.cc)
  e.remote = c.req.remote.substr(0, 100);
  e.outcome = std::string(outcome);
  if (subjects.empty()) {
    c.audit.push_back(std::move(e));
    return;
  }
  for (std::string& subject : subjects) {
    c.audit.push_back(e);
    c.audit.back().subject_id = std::move(subject);
  }
}

std::vector<AuditEntry> ChangeAudit(Call& c, std::string_view action, const Record* record,
                                    const std::string& mapping_id) {
  std::size_t mark = c.audit.size();
  Audit(c, action, record, "ok", mapping_id);
  std::vector<AuditEntry> rows(std::make_move_iterator(c.audit.begin() + mark),
                               std::make_move_iterator(c.audit.end()));
  c.audit.resize(mark);
  return rows;
}

void Refuse(Call& c, std::string_view action, const Record* record, const Status& s) {
  Audit(c, action, record, "refused");
  Fail(c, s);
}

void Invalid(Call& c, std::string_view action, const Record* record, const Status& s, bool hid) {
  if (hid) Audit(c, action, record, "refused");
  Fail(c, s);
}

std::optional<json> ParseObject(Call& c) {
  json parsed = json::parse(c.req.body, nullptr, false);
  if (parsed.is_discarded()) {
    Fail(c, 400, "invalid_argument", "the request body is not valid JSON");
    return std::nullopt;
  }
  if (!parsed.is_object()) {
    Fail(c, 400, "invalid_argument", "the request body must be a JSON object");
    return std::nullopt;
  }
  return parsed;
}

std::optional<Record> DecodeBody(Call& c, RecordKind kind, const json& obj,
                                 std::string_view pointer) {
  ProblemList problems(20);
  Record r = DecodeRecord(kind, obj, pointer, &problems);
  if (!problems.empty()) {
    std::string message;
    for (const Problem& p : problems.kept()) {
      if (!message.empty()) message += "; ";
      message += (p.pointer.empty() ? "" : p.pointer + ": ") + p.message;
    }
    Fail(c, 400, "invalid_argument", message, problems.kept().front().pointer);
    return std::nullopt;
  }
  return r;
}

bool ServerAssignsId(Call& c, const Record& r, std::string_view pointer) {
  if (BaseOf(r).id.empty()) return true;
  Fail(c, 400, "invalid_argument", "is given by the server; leave it out", pointer);
  return false;
}

void SendRecord(Call& c, const Record& r, int status) {
  c.res.status = status;
  c.res.body = EncodeRecord(r);
  c.res.headers.emplace_back("ETag", Etag(BaseOf(r).version));
}

bool NeedReason(Call& c) {
  if (!c.reason.empty()) return true;
  Fail(c, 400, "invalid_argument",
       "say why you are reading these records in the " + std::string(kReasonHeader) +
           " header (for example \"review meeting 2026-11-23\"); it is kept in the audit log",
       "reason");
  return false;
}

bool NeedVisibleMapping(Call& c, std::string_view action) {
  c.kind = RecordKind::kMapping;
  Status visible = c.access->CheckMapping(c.id);
  if (!visible.ok()) {
    Audit(c, action, nullptr, visible.code() == StatusCode::kNotFound ? "refused" : "failed");
    Fail(c, visible);
    return false;
  }
  c.res.record_id = c.id;
  return NeedReason(c);
}

int64_t NeedIfMatch(Call& c) {
  int64_t version = ParseIfMatch(c.req.Header("if-match"));
  if (version <= 0) {
    Fail(c, 428, "precondition_required",
         "send If-Match with the version (ETag) you read, so nobody's change is lost", "If-Match");
  }
  return version;
}

}  // namespace contextmap::http
