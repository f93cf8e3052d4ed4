#include "contextmap/auth/accounts.h"

#include <algorithm>
#include <optional>

#include "contextmap/auth/crypto.h"

namespace contextmap::auth {

namespace {

constexpr std::string_view kIssuer = "ContextMap";
constexpr int kRecoveryCodes = 10;

Status WrongSignIn() {
  return Status::Unauthenticated(
      "the username, password or code is wrong, or the account is locked for a while after "
      "repeated failures");
}

// A hash with our settings of a password nobody has, to spend the same time on unknown users.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    Result<std::string> h = HashPassword(RandomToken(24));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

// Fresh credentials for `user`: the password's hash, a new second factor and recovery codes
// (a new or reset account starts with no failures and no lock).
Result<Enrolment> Enrol(const User& user, std::string_view password, int64_t now, Credential* c) {
  Result<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  *c = Credential{};
  c->user_id = user.id;
  c->password_hash = *hash;
  c->updated_at = now;
  Enrolment e;
  e.user_id = user.id;
  e.totp_secret = NewTotpSecret();
  e.totp_uri = TotpUri(kIssuer, user.username, e.totp_secret);
  e.recovery_codes = NewRecoveryCodes(kRecoveryCodes);
  c->totp_secret = e.totp_secret;
  for (const std::string& code : e.recovery_codes) {
    c->recovery_hashes.push_back(RecoveryCodeHash(code));
  }
  return e;
}

bool LooksLikeTotp(std::string_view code) {
  int digits = 0;
  for (char ch : code) {
    if (ch >= '0' && ch <= '9') {
      ++digits;
    } else if (ch != ' ') {
      return false;
    }
  }
  return digits == 6;
}

// Names the account as the record each audit row concerns.
void AboutAccount(const std::string& user_id, std::vector<AuditEntry>* audit) {
  if (audit == nullptr) return;
  for (AuditEntry& e : *audit) {
    e.record_kind = std::string(InfoFor(RecordKind::kUser).plural);
    e.record_id = user_id;
  }
}

}  // namespace

std::string SessionIdHash(std::string_view token) { return Sha256Hex(token); }

Result<Enrolment> AddUser(Store& store, User user, std::string_view password, int64_t now,
                          std::vector<AuditEntry>* audit) {
  Result<User> taken = store.FindUser(user.username);
  if (taken.ok()) return Status::AlreadyExists("is taken by another account", "username");
  if (taken.status().code() != StatusCode::kNotFound) return taken.status();
  if (user.id.empty()) user.id = NewId(RecordKind::kUser);
  Credential c;
  Result<Enrolment> e = Enrol(user, password, now, &c);
  if (!e.ok()) return e.status();
  Record record = user;
  AboutAccount(user.id, audit);
  CM_RETURN_IF_ERROR(store.CreateUser(&record, c, audit));
  return e;
}

Result<Enrolment> ResetUser(Store& store, std::string_view username, std::string_view password,
                            int64_t now, std::vector<AuditEntry>* audit) {
  Result<User> user = store.FindUser(std::string(username));
  if (!user.ok()) return user.status();
  Credential c;
  Result<Enrolment> e = Enrol(*user, password, now, &c);
  if (!e.ok()) return e.status();
  CM_RETURN_IF_ERROR(store.EndSessionsOf(user->id));
  AboutAccount(user->id, audit);
  CM_RETURN_IF_ERROR(store.PutCredential(c, audit));
  return e;
}

Status DisableUser(Store& store, std::string_view username, std::vector<AuditEntry>* audit) {
  Result<User> user = store.FindUser(std::string(username));
  if (!user.ok()) return user.status();
  AboutAccount(user->id, audit);
  if (!user->disabled) {
    Record record = *user;
    std::get<User>(record).disabled = true;
    CM_RETURN_IF_ERROR(store.Update(&record, audit));
  } else if (audit != nullptr) {
    CM_RETURN_IF_ERROR(store.AppendAudit(audit));  // nothing changes; the request is recorded
  }
  return store.EndSessionsOf(user->id);
}

Result<SignedIn> SignIn(Store& store, std::string_view username, std::string_view password,
                        std::string_view code, int64_t now, const AccountPolicy& policy,
                        SignInFailure* failure, std::vector<AuditEntry>* audit) {
  failure->user_id.clear();
  failure->outcome = "refused";
  Result<User> user = store.FindUser(std::string(username));
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  Result<Credential> cred =
      user.ok() ? store.GetCredential(user->id) : Result<Credential>(Status::NotFound(""));
  if (!cred.ok() && cred.status().code() != StatusCode::kNotFound) return cred.status();
  if (!user.ok() || !cred.ok()) {
    (void)VerifyPassword(DecoyHash(), password);  // same cost as a real attempt
    if (user.ok()) failure->user_id = user->id;
    return WrongSignIn();
  }
  failure->user_id = user->id;

  // The slow checks run outside the write transaction; UpdateCredential then re-checks what
  // another sign-in could have changed meanwhile (the lock, the TOTP step, the codes left).
  bool password_ok = VerifyPassword(cred->password_hash, password);
  std::optional<int64_t> step;
  std::string recovery_hash;
  if (password_ok) {
    if (LooksLikeTotp(code)) {
      Result<int64_t> matched = VerifyTotp(cred->totp_secret, code, now, cred->totp_last_step);
      if (matched.ok()) step = *matched;
    } else if (!code.empty()) {
      recovery_hash = RecoveryCodeHash(code);
    }
  }
  std::string rehash;
  if (password_ok && PasswordNeedsRehash(cred->password_hash)) {
    Result<std::string> h = HashPassword(password);
    if (h.ok()) rehash = *h;
  }

  bool accepted = false;
  int codes_left = 0;
  bool used_recovery = false;
  // The attempt's audit rows commit with what it changes (a step used, a failure counted).
  auto label = [&](std::string_view outcome) {
    if (audit == nullptr) return;
    for (AuditEntry& e : *audit) {
      e.user_id = user->id;
      e.outcome = std::string(outcome);
    }
  };
  label("refused");
  bool backed_off = false;
  Status updated = store.UpdateCredential(
      user->id,
      [&](Credential* c) {
        if (c->locked_until > now) {
          // Still refused, and nothing about the account changes: nothing is written (and the
          // caller audits the attempt as one that changed nothing).
          failure->outcome = "locked";
          label(failure->outcome);
          backed_off = true;
          return Status::FailedPrecondition("the account is backed off");
        }
        bool second_ok = false;
        if (step && *step > c->totp_last_step) {
          c->totp_last_step = *step;
          second_ok = true;
        } else if (!recovery_hash.empty()) {
          auto it = std::find(c->recovery_hashes.begin(), c->recovery_hashes.end(), recovery_hash);
          if (it != c->recovery_hashes.end()) {
            c->recovery_hashes.erase(it);
            second_ok = true;
            used_recovery = true;
          }
        }
        if (password_ok && second_ok && !user->disabled) {
          accepted = true;
          c->failed_attempts = 0;
          c->locked_until = 0;
          if (!rehash.empty()) c->password_hash = rehash;
        } else {
          c->failed_attempts += 1;
          if (c->failed_attempts >= policy.max_failures) {
            int64_t doublings = std::min<int64_t>(c->failed_attempts - policy.max_failures, 20);
            c->locked_until =
                now + std::min(policy.lock_seconds << doublings, policy.max_lock_seconds);
            failure->outcome = "locked";
          }
        }
        c->updated_at = now;
        codes_left = static_cast<int>(c->recovery_hashes.size());
        label(accepted ? (used_recovery ? "ok_recovery_code" : "ok") : failure->outcome);
        return Status::Ok();
      },
      audit);
  if (backed_off) return WrongSignIn();
  CM_RETURN_IF_ERROR(updated);
  if (!accepted) return WrongSignIn();

  SignedIn out;
  out.user = std::move(user).value();
  out.session_token = RandomToken(16);  // 128 bits
  out.session.id_hash = SessionIdHash(out.session_token);
  out.session.user_id = out.user.id;
  out.session.csrf_token = RandomToken(16);
  out.session.created_at = now;
  out.session.last_seen_at = now;
  out.used_recovery_code = used_recovery;
  out.recovery_codes_left = codes_left;
  CM_RETURN_IF_ERROR(store.CreateSession(out.session));
  failure->outcome = "ok";
  return out;
}

Result<Authenticated> Authenticate(Store& store, std::string_view token, int64_t now,
                                   const AccountPolicy& policy) {
  auto expired = [] { return Status::Unauthenticated("sign in to continue"); };
  if (token.empty() || token.size() > 64) return expired();
  std::string id_hash = SessionIdHash(token);
  Result<Session> session = store.GetSession(id_hash);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) return expired();
    return session.status();
  }
  if (now - session->last_seen_at > policy.idle_seconds ||
      now - session->created_at > policy.absolute_seconds) {
    CM_RETURN_IF_ERROR(store.EndSession(id_hash));
    return expired();
  }
  Result<User> user = GetAs<User>(store, session->user_id);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) return expired();
    return user.status();
  }
  if (user->disabled) {
    CM_RETURN_IF_ERROR(store.EndSessionsOf(user->id));
    return expired();
  }
  if (now - session->last_seen_at >= policy.touch_every_seconds) {
    CM_RETURN_IF_ERROR(store.TouchSession(id_hash, now));
    session->last_seen_at = now;
  }
  return Authenticated{std::move(user).value(), std::move(session).value()};
}

Status SignOut(Store& store, std::string_view token, std::vector<AuditEntry>* audit) {
  if (token.empty() || token.size() > 64) return Status::Ok();
  return store.EndSession(SessionIdHash(token), audit);
}

}  // namespace contextmap::auth
