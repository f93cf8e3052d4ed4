#include "contextmap/core/status.h"

#include <array>

namespace contextmap {

namespace {

// In StatusCode order (checked below). Two codes share 409 and two share 500; kIoError and
// kInternal answer alike so a client learns nothing of the server's files.
constexpr std::array<StatusCodeInfo, kStatusCodeCount> kCodes = {{
    {StatusCode::kOk, "ok", "ok", 200},
    {StatusCode::kInvalidArgument, "invalid argument", "invalid_argument", 400},
    {StatusCode::kNotFound, "not found", "not_found", 404},
    {StatusCode::kConflict, "conflict", "version_conflict", 412},
    {StatusCode::kAlreadyExists, "already exists", "already_exists", 409},
    {StatusCode::kFailedPrecondition, "failed precondition", "failed_precondition", 409},
    {StatusCode::kUnavailable, "unavailable", "unavailable", 503},
    {StatusCode::kIoError, "i/o error", "internal", 500},
    {StatusCode::kInternal, "internal error", "internal", 500},
    {StatusCode::kUnauthenticated, "unauthenticated", "unauthenticated", 401},
    {StatusCode::kPermissionDenied, "permission denied", "permission_denied", 403},
    {StatusCode::kResourceExhausted, "too many requests", "too_many_requests", 429},
}};

constexpr bool InOrder() {
  for (std::size_t i = 0; i < kCodes.size(); ++i) {
    if (static_cast<std::size_t>(kCodes[i].code) != i) return false;
  }
  return true;
}
static_assert(InOrder(), "kCodes must list every StatusCode in declaration order");

}  // namespace

const StatusCodeInfo& InfoFor(StatusCode code) {
  auto i = static_cast<std::size_t>(code);
  return i < kCodes.size() ? kCodes[i] : kCodes[static_cast<std::size_t>(StatusCode::kInternal)];
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  if (!field_.empty()) {
    out += field_;
    out += ": ";
  }
  out += message_;
  return out;
}

}  // namespace contextmap
