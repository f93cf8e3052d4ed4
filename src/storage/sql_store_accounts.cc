// SqlStore: sign-in credentials, sessions, and users by username (migration 0003). These
// tables are never part of a bundle, an export or the record API.
#include <optional>
#include <string_view>

#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

std::string JoinHashes(const std::vector<std::string>& hashes) {
  std::string out;
  for (const std::string& h : hashes) out += (out.empty() ? "" : ",") + h;
  return out;
}

std::vector<std::string> SplitHashes(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    std::size_t comma = joined.find(',');
    out.emplace_back(joined.substr(0, comma));
    joined = comma == std::string_view::npos ? std::string_view() : joined.substr(comma + 1);
  }
  return out;
}

}  // namespace

Result<Credential> SqlStore::GetCredential(const std::string& user_id) {
  return ReadCredential(user_id, false);
}

Status SqlStore::PutCredential(const Credential& c, std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  SqlValue id = c.user_id;
  auto removed = conn_->Run("DELETE FROM credentials WHERE user_id = ?", {&id, 1}, nullptr);
  if (!removed.ok()) return removed.status();
  CM_RETURN_IF_ERROR(WriteCredential(c));
  return ExplainAccount(CommitWithAudit(tx, audit), c.user_id);
}

Status SqlStore::CreateUser(Record* user, const Credential& credential,
                            std::vector<AuditEntry>* audit) {
  if (!std::holds_alternative<User>(*user)) {
    return Status::Invalid("must be a user record", "kind");
  }
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  RecordBase& base = BaseOf(*user);
  if (base.id.empty()) base.id = NewId(RecordKind::kUser);
  if (credential.user_id != base.id) {
    return Status::Invalid("must be the new user's id", "user_id");
  }
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  CM_RETURN_IF_ERROR(InsertNew({user, 1}));
  CM_RETURN_IF_ERROR(WriteCredential(credential));
  CM_RETURN_IF_ERROR(Explain(CommitWithAudit(tx, audit), RecordKind::kUser, base.id));
  base.version = 1;
  return Status::Ok();
}

Status SqlStore::UpdateCredential(const std::string& user_id,
                                  const std::function<Status(Credential*)>& change,
                                  std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  Result<Credential> current = ReadCredential(user_id, true);
  if (!current.ok()) return current.status();
  Credential c = std::move(current).value();
  const std::string secret_before = c.totp_secret;
  CM_RETURN_IF_ERROR(change(&c));
  CM_RETURN_IF_ERROR(CheckAudit(audit));  // `change` may have filled the rows in
  c.user_id = user_id;
  SqlValue params[] = {
      c.password_hash,   std::monostate{}, c.totp_last_step, JoinHashes(c.recovery_hashes),
      c.failed_attempts, c.locked_until,   c.updated_at,     user_id};
  std::string sql =
      "UPDATE credentials SET password_hash = ?, totp_secret = COALESCE(?, totp_secret), "
      "totp_last_step = ?, recovery_hashes = ?, failed_attempts = ?, locked_until = ?, "
      "updated_at = ? WHERE user_id = ?";
  if (c.totp_secret != secret_before) {  // else the stored (sealed) value stays as it is
    Result<std::string> sealed = SealSecret(user_id, c.totp_secret);
    if (!sealed.ok()) return sealed.status();
    params[1] = std::move(sealed).value();
  }
  auto r = conn_->Run(sql, params, nullptr);
  if (!r.ok()) return r.status();
  return CommitWithAudit(tx, audit);
}

// Runs one statement about sessions in a transaction with `audit`'s rows.
Status SqlStore::SessionWrite(std::string_view sql, std::span<const SqlValue> params,
                              const std::string& user_id, std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  auto r = conn_->Run(sql, params, nullptr);
  if (!r.ok()) return ExplainAccount(r.status(), user_id);
  return ExplainAccount(CommitWithAudit(tx, audit), user_id);
}

Status SqlStore::CreateSession(const Session& s, std::vector<AuditEntry>* audit) {
  SqlValue params[] = {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at};
  return SessionWrite(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
      "VALUES (?, ?, ?, ?, ?)",
      params, s.user_id, audit);
}

Result<Session> SqlStore::GetSession(const std::string& id_hash) {
  std::optional<Session> found;
  SqlValue param = id_hash;
  auto r = conn_->Run(
      "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
      "WHERE id_hash = ?",
      {&param, 1}, [&](const SqlRow& row) {
        found = Session{std::string(row.Text(0)), std::string(row.Text(1)),
                        std::string(row.Text(2)), row.Int(3), row.Int(4)};
        return Status::Ok();
      });
  if (!r.ok()) return r.status();
  if (!found) return Status::NotFound("there is no such session");
  return *found;
}

Status SqlStore::TouchSession(const std::string& id_hash, int64_t last_seen_at) {
  SqlValue params[] = {last_seen_at, id_hash};
  auto r = conn_->Run("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", params, nullptr);
  return r.ok() ? Status::Ok() : r.status();
}

Status SqlStore::EndSession(const std::string& id_hash, std::vector<AuditEntry>* audit) {
  SqlValue param = id_hash;
  return SessionWrite("DELETE FROM sessions WHERE id_hash = ?", {&param, 1}, "", audit);
}

Status SqlStore::EndSessionsOf(const std::string& user_id, std::vector<AuditEntry>* audit) {
  SqlValue param = user_id;
  return SessionWrite("DELETE FROM sessions WHERE user_id = ?", {&param, 1}, user_id, audit);
}

Result<User> SqlStore::FindUser(const std::string& username) {
  std::vector<Record> found;
  SqlValue param = username;
  CM_RETURN_IF_ERROR(SelectWhere(RecordKind::kUser, "username = ?", {&param, 1}, &found));
  if (found.empty()) return Status::NotFound("there is no user with that username");
  return std::get<User>(std::move(found.front()));
}

Result<Credential> SqlStore::ReadCredential(const std::string& user_id, bool for_update) {
  std::optional<Credential> found;
  SqlValue param = user_id;
  std::string sql =
      "SELECT user_id, password_hash, totp_secret, totp_last_step, recovery_hashes, "
      "failed_attempts, locked_until, updated_at FROM credentials WHERE user_id = ?";
  if (for_update && conn_->dialect() == Dialect::kPostgres) sql += " FOR UPDATE";
  auto r = conn_->Run(sql, {&param, 1}, [&](const SqlRow& row) {
    Credential c;
    c.user_id = std::string(row.Text(0));
    c.password_hash = std::string(row.Text(1));
    c.totp_secret = std::string(row.Text(2));  // opened below
    c.totp_last_step = row.Int(3);
    c.recovery_hashes = SplitHashes(row.Text(4));
    c.failed_attempts = row.Int(5);
    c.locked_until = row.Int(6);
    c.updated_at = row.Int(7);
    found = std::move(c);
    return Status::Ok();
  });
  if (!r.ok()) return r.status();
  if (!found) return Status::NotFound("user " + user_id + " has no sign-in credentials");
  Result<std::string> secret = OpenSecret(user_id, found->totp_secret);
  if (!secret.ok()) return secret.status();
  found->totp_secret = std::move(secret).value();
  return *found;
}

Status SqlStore::WriteCredential(const Credential& c) {
  Result<std::string> sealed = SealSecret(c.user_id, c.totp_secret);
  if (!sealed.ok()) return sealed.status();
  SqlValue params[] = {c.user_id,
                       c.password_hash,
                       std::move(sealed).value(),
                       c.totp_last_step,
                       JoinHashes(c.recovery_hashes),
                       c.failed_attempts,
                       c.locked_until,
                       c.updated_at};
  auto r = conn_->Run(
      "INSERT INTO credentials (user_id, password_hash, totp_secret, totp_last_step, "
      "recovery_hashes, failed_attempts, locked_until, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      params, nullptr);
  return r.ok() ? Status::Ok() : ExplainAccount(r.status(), c.user_id);
}

Status SqlStore::ExplainAccount(const Status& s, const std::string& user_id) {
  if (s.code() == StatusCode::kFailedPrecondition) {
    return Status::NotFound("there is no user " + user_id);
  }
  if (s.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists("that session or credential already exists");
  }
  return s;
}

}  // namespace contextmap::storage
