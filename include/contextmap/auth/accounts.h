// Accounts: adding, resetting and disabling users, signing in with a password and a second
// factor, and checking sessions. The server's sign-in routes and `contextmap user ...` both
// call these, so the rules live in one place:
// - every account has a password (Argon2id, crypto.h) and a TOTP second factor with ten
//   one-time recovery codes, all issued together when the account is added or reset;
// - a sign-in needs the username, the password and a current TOTP code (or an unused recovery
//   code); any failure gets the same answer, so it does not tell which part was wrong or
//   whether the username exists; after `max_failures` failures in a row, from wherever, the
//   account backs off: it refuses sign-ins for `lock_seconds`, twice that after the next
//   failure, and so on up to `max_lock_seconds`, until a sign-in succeeds. (Guessing from one
//   address is slowed sooner, per address, by throttle.h, so one guesser cannot lock the
//   account's owner out.)
// - a session id is 128 random bits, held only by the browser; the store keeps its SHA-256.
//   A session ends after `idle_seconds` without use, `absolute_seconds` after sign-in, at
//   sign-out, and when the account is reset or disabled.
//
// All functions borrow the Store for the call only. Cost: SignIn, AddUser and ResetUser each
// compute at least one Argon2id hash (about 19 MiB and tens of milliseconds), so callers bound
// how many run at once; Authenticate is two indexed reads and, at most once a minute per
// session, one write.
#ifndef CONTEXTMAP_AUTH_ACCOUNTS_H_
#define CONTEXTMAP_AUTH_ACCOUNTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::auth {

struct AccountPolicy {
  int max_failures = 10;             // failed sign-ins in a row, from anywhere, before back-off
  int64_t lock_seconds = 60;         // the first back-off; each further failure doubles it
  int64_t max_lock_seconds = 900;    // the longest back-off
  int64_t idle_seconds = 900;        // a session unused this long has ended
  int64_t absolute_seconds = 43200;  // no session outlives this
  int64_t touch_every_seconds = 60;  // how stale last_seen_at may get before it is written
};

// What a new or reset account is given, shown once to the administrator to pass on.
struct Enrolment {
  std::string user_id;
  std::string totp_secret;  // base32, for typing into an authenticator app
  std::string totp_uri;     // otpauth:// URI, for a QR code
  std::vector<std::string> recovery_codes;
};

// `audit` (may be null) below: the change's audit rows, which commit in the same transaction as
// the change itself; each row's record_kind and record_id are set to the account's.
//
// Creates the user record and its credentials in one transaction (Store::CreateUser: both or
// neither). The record is validated as any other; the password must be 12 to 1024 bytes.
Result<Enrolment> AddUser(Store& store, User user, std::string_view password, int64_t now,
                          std::vector<AuditEntry>* audit = nullptr);
// New password, new second factor and recovery codes, back-off cleared, sessions ended. The
// sessions end first, so a reset cut short leaves nobody signed in on the old password.
Result<Enrolment> ResetUser(Store& store, std::string_view username, std::string_view password,
                            int64_t now, std::vector<AuditEntry>* audit = nullptr);
// Marks the user disabled and ends their sessions (the record stays: others refer to it).
// Sessions of a disabled account are refused whether or not they have ended yet.
Status DisableUser(Store& store, std::string_view username,
                   std::vector<AuditEntry>* audit = nullptr);

struct SignedIn {
  User user;
  std::string session_token;  // goes into the cookie; never stored or logged
  Session session;            // as stored (id_hash, csrf_token, times)
  bool used_recovery_code = false;
  int recovery_codes_left = 0;
};

// The outcome of a failed sign-in, for the audit log: who was named (if the username exists)
// and what happened ("refused", "locked").
struct SignInFailure {
  std::string user_id;
  std::string outcome;
};

// Checks username, password and code (six digits from the authenticator, or a recovery
// code), and opens a session. Every failure is kUnauthenticated with one fixed message.
// `audit` (may be null): the attempt's audit rows, committed in one transaction with the
// change the attempt makes to the account's credentials (a TOTP step or recovery code used, a
// failure counted, a lock-out); SignIn sets each row's user_id and outcome ("ok",
// "ok_recovery_code", "refused", "locked"). Rows still at seq 0 afterwards were not written,
// because the attempt changed nothing (an unknown username, an account backed off) or the
// store failed: the caller writes them.
Result<SignedIn> SignIn(Store& store, std::string_view username, std::string_view password,
                        std::string_view code, int64_t now, const AccountPolicy& policy,
                        SignInFailure* failure, std::vector<AuditEntry>* audit = nullptr);

// The session a cookie's token names, if it is live; the user it belongs to (not disabled).
struct Authenticated {
  User user;
  Session session;
};
// kUnauthenticated if the token names no live session (ended ones are removed).
Result<Authenticated> Authenticate(Store& store, std::string_view token, int64_t now,
                                   const AccountPolicy& policy);

// Ends the session a token names (sign-out), committing `audit`'s rows (may be null) with it.
// Ending an unknown token is not an error (its rows may be left unwritten: seq 0).
Status SignOut(Store& store, std::string_view token, std::vector<AuditEntry>* audit = nullptr);

// The session id hash the store keeps for a token.
std::string SessionIdHash(std::string_view token);

}  // namespace contextmap::auth

#endif  // CONTEXTMAP_AUTH_ACCOUNTS_H_
