// Status and Result<T>: how every ContextMap module reports failure across a module boundary.
//
// A Status is either OK or a code with a plain-English message and, where one field of the
// input is to blame, that field's name or JSON pointer. Messages are written for the person
// who sent the input: they name the field and the problem and never carry SQL, stack traces
// or case data (names, intelligence text). Cheap to copy when OK (no allocation).
#ifndef CONTEXTMAP_CORE_STATUS_H_
#define CONTEXTMAP_CORE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace contextmap {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the input is wrong; `field` says where
  kNotFound,            // no record with that id (or not visible: callers must not tell apart)
  kConflict,            // the record changed since the caller read it (stale version)
  kAlreadyExists,       // a record with that id or unique key exists
  kFailedPrecondition,  // e.g. deleting a record other records still refer to
  kUnavailable,         // the store is busy or unreachable; trying again may work
  kIoError,             // a file could not be read or written
  kInternal,            // a bug or a broken invariant
  kUnauthenticated,     // no valid sign-in (wrong password or code, no or expired session)
  kPermissionDenied,    // signed in, may see the record, but may not do this to it
  kResourceExhausted,   // too many attempts or requests; try again later
};
inline constexpr int kStatusCodeCount = 12;
static_assert(static_cast<int>(StatusCode::kResourceExhausted) + 1 == kStatusCodeCount,
              "a new StatusCode goes last, with a row in status.cc's table");

// How each code is named and answered, from one table (status.cc): the words the command line
// prints ("invalid argument"), the API's error code ("invalid_argument") and its HTTP status.
struct StatusCodeInfo {
  StatusCode code;
  std::string_view words;
  std::string_view api_code;
  int http_status;
};
const StatusCodeInfo& InfoFor(StatusCode code);
inline std::string_view StatusCodeName(StatusCode code) { return InfoFor(code).words; }

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string message, std::string field = {}) {
    return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message) {
    return {StatusCode::kNotFound, std::move(message)};
  }
  static Status Conflict(std::string message) {
    return {StatusCode::kConflict, std::move(message)};
  }
  static Status AlreadyExists(std::string message, std::string field = {}) {
    return {StatusCode::kAlreadyExists, std::move(message), std::move(field)};
  }
  static Status FailedPrecondition(std::string message) {
    return {StatusCode::kFailedPrecondition, std::move(message)};
  }
  static Status Unavailable(std::string message) {
    return {StatusCode::kUnavailable, std::move(message)};
  }
  static Status IoError(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
  static Status Internal(std::string message) {
    return {StatusCode::kInternal, std::move(message)};
  }
  static Status Unauthenticated(std::string message) {
    return {StatusCode::kUnauthenticated, std::move(message)};
  }
  static Status PermissionDenied(std::string message) {
    return {StatusCode::kPermissionDenied, std::move(message)};
  }
  static Status ResourceExhausted(std::string message) {
    return {StatusCode::kResourceExhausted, std::move(message)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  // "conflict: ..." or "invalid argument: /subjects/3/dob: ..." for logs and the command line.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

// A value or the Status explaining why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace contextmap

// Returns early from the enclosing function if `expr` (a Status) is not OK.
#define CM_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::contextmap::Status cm_status_ = (expr); \
    if (!cm_status_.ok()) return cm_status_;  \
  } while (0)

#endif  // CONTEXTMAP_CORE_STATUS_H_
