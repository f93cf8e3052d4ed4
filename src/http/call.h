// One API call in progress, and the helpers every route uses to answer it: errors in the API's
// one error shape, audit rows, reading a JSON body into a record, and the If-Match and reason
// headers. Internal to src/http. A Call lives on the stack of Api::Handle for one request; the
// store and Access it holds are borrowed for that request only.
#ifndef CONTEXTMAP_HTTP_CALL_H_
#define CONTEXTMAP_HTTP_CALL_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/access/access.h"
#include "contextmap/auth/accounts.h"
#include "contextmap/http/api.h"

namespace contextmap::http {

struct Call {
  const ApiRequest& req;
  const RouteInfo& route;
  std::optional<RecordKind> kind;  // the {kind} of the address (set by some routes)
  std::string id;                  // the {id} of the address, as sent
  Store* store = nullptr;
  std::optional<auth::Authenticated> who;  // set once the session is checked
  std::optional<access::Access> access;    // set with `who`
  ApiResponse res;
  std::vector<AuditEntry> audit;  // committed before the answer leaves (Api::Handle)
  std::string reason;             // the ContextMap-Reason header
};

// Answers with `s` in the API's error shape: its code's name and HTTP status (status.h), its
// message (fixed words for 500s, just "not found" for 404s) and field.
void Fail(Call& c, const Status& s);
void Fail(Call& c, int status, std::string_view code, std::string_view message,
          std::string_view field = {});

// Adds audit rows for `action` on `record` (or, without one, on the address's kind and id):
// one row per subject the record concerns (core/concerns.h), so who-viewed finds every one.
void Audit(Call& c, std::string_view action, const Record* record, std::string_view outcome,
           const std::string& mapping_id = {});
// The rows Audit would add for a change, handed back instead of added: the route passes them
// to the store's write, which commits them in the change's own transaction (store.h).
std::vector<AuditEntry> ChangeAudit(Call& c, std::string_view action, const Record* record,
                                    const std::string& mapping_id = {});
// Records a refusal and answers with `s` (404 for invisible, 403 for not allowed).
void Refuse(Call& c, std::string_view action, const Record* record, const Status& s);
// An invalid write; audited as a refusal when it named records hidden from the caller.
void Invalid(Call& c, std::string_view action, const Record* record, const Status& s, bool hid);

// The body as one JSON object, or the answer written (400) and nullopt.
std::optional<nlohmann::json> ParseObject(Call& c);
// A record of `kind` from a JSON object, or the answer written (400 listing each problem).
std::optional<Record> DecodeBody(Call& c, RecordKind kind, const nlohmann::json& obj,
                                 std::string_view pointer);
// Records are given their ids by the server (NewId), so a client can neither probe for a
// hidden record's id nor put a name into an id. False, with the answer written (400), if
// the body chose one.
bool ServerAssignsId(Call& c, const Record& r, std::string_view pointer);
// Answers with the record and its version as ETag.
void SendRecord(Call& c, const Record& r, int status);

// Whether the call carries a reason; if not, the answer is written (400, field "reason").
bool NeedReason(Call& c);
// For a read of the mapping the address names ({id}): whether the user may see it and gave a
// reason. If not, the answer is written: 404 exactly as for a missing mapping (audited as
// `action`, refused, without the id sent), or NeedReason's 400.
bool NeedVisibleMapping(Call& c, std::string_view action);
// The If-Match version, or 0 with the answer written (428).
int64_t NeedIfMatch(Call& c);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_CALL_H_
