// The JSON API under /api/v1: routes, sign-in, need-to-know checks, audit, live updates.
//
// Api::Handle takes a request already parsed by the HTTP library (server.h) and returns the
// whole response, so every rule here is tested without sockets and fuzzed as plain data.
// Every route is declared once in Api::Routes() with its policy (who may call it at all);
// Handle refuses to serve a route whose policy is undeclared, and a test checks the table
// against the OpenAPI description and against the access-control matrix. Record-level
// decisions belong to access::Access and nowhere else.
//
// Responses: JSON, errors as {"error": {"code", "message", "field"}} that never carry SQL,
// stack traces or case data. Reads of a record carry its version as ETag; PUT and DELETE
// need If-Match with that version and answer 412 when someone else changed the record
// first. Anything a caller may not see answers 404 exactly as a missing id does.
//
// Thread-safe: the server calls Handle from many workers at once. The Api borrows the
// services (services.h), which must outlive it.
#ifndef CONTEXTMAP_HTTP_API_H_
#define CONTEXTMAP_HTTP_API_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contextmap/access/access.h"
#include "contextmap/auth/accounts.h"
#include "contextmap/core/date.h"
#include "contextmap/http/services.h"

namespace contextmap::http {

// Who may call a route at all, before any record-level check; access::CheckPolicy decides.
using Policy = access::Policy;
using access::PolicyName;

struct RouteInfo {
  std::string method;   // "GET", "POST", "PUT", "DELETE"
  std::string pattern;  // "/api/v1/{kind}/{id}"; {kind} is any record kind's plural name
  Policy policy = Policy::kUndeclared;
  std::string summary;        // one line for the API description
  bool needs_reason = false;  // a reason header is required (views of people)
};

// Header names clients send.
inline constexpr std::string_view kReasonHeader = "ContextMap-Reason";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kSessionCookie = "__Host-contextmap_session";

struct ApiRequest {
  std::string method;
  std::string path;  // without the query string, percent-decoded by the HTTP library
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::map<std::string, std::string> headers;              // names in lower case
  std::string body;
  std::string remote;  // the peer's address

  // The header's value, or "" (name in any case).
  std::string Header(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
};

// A stream of live changes for one mapping, handed to the server to write as server-sent
// events. Next() waits up to `wait` and returns the next chunk of the stream (events, or a
// keep-alive comment), or nullopt when the stream must end (signed out, session expired,
// access withdrawn, server stopping).
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual std::optional<std::string> Next(std::chrono::milliseconds wait) = 0;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // A large body shared with a cache (the whole-mapping read): when set, `body` is empty and
  // the server sends this as it is, without copying it.
  std::shared_ptr<const std::string> shared_body;
  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventStream> stream;  // set: body is empty and the stream follows
  // For the log: the route pattern, the record id (if valid), and the user.
  std::string route;
  std::string record_id;
  std::string user_id;
};

struct ApiOptions {
  auth::AccountPolicy accounts;
  // The origin browsers use ("https://contextmap.example.org"); empty: the request's Host
  // header with http (or https when behind_tls).
  std::string public_origin;
  bool behind_tls = false;  // served through a TLS proxy: cookies Secure (always), HSTS sent
  std::size_t max_body_bytes = 1 << 20;
  int max_json_depth = 32;
  std::size_t max_page = 500;              // most records one list call returns
  std::function<int64_t()> now;            // unix seconds; default the clock
  std::function<Date()> today;             // default Date::Today
  int max_concurrent_password_checks = 2;  // Argon2id uses 19 MiB and ~50 ms each
  // Calls worked on at once; the rest queue in arrival order. The server holds a thread per
  // open connection, and with hundreds of them runnable at once the processor is shared so
  // thinly that every answer is late (and clients on the same machine starve). A call gives
  // its slot up while it waits on another (a map being built, a password check). 0: twice the
  // processor count.
  int max_concurrent_requests = 0;
};

class Api {
 public:
  Api(ApiOptions options, StorePool* stores, AuditWriter* audit, EventHub* events);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Never throws: an exception a library lets out becomes a 500 with a fixed message.
  ApiResponse Handle(const ApiRequest& request) noexcept;

  // Every route the API serves, in the order the API description lists them.
  static const std::vector<RouteInfo>& Routes();
  // The OpenAPI 3 description, generated from Routes() and the model (openapi.cc).
  static const std::string& OpenApiJson();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Security headers every response carries (also on the HTTP library's own errors).
// `nonce` is this response's CSP nonce (base64url).
std::vector<std::pair<std::string, std::string>> SecurityHeaders(const std::string& nonce,
                                                                 bool behind_tls);

// The API's error body: {"error": {"code", "message", "field"}} (field left out when empty).
std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field = {});

// Whether `body` nests arrays/objects deeper than `max_depth` (linear scan, no recursion).
bool JsonTooDeep(std::string_view body, int max_depth);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_API_H_
