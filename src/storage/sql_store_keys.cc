// SqlStore: the key file. Checking at open that it is this store's (or making it, the first
// time), sealing and opening second-factor secrets, and rotating to a new key
// (docs/ARCHITECTURE.md, "Keys").
#include <map>

#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

// Stored secrets not sealed yet: credentials.totp_secret does not start with "sealed-v1:".
constexpr const char* kReadableSecrets = "substr(totp_secret, 1, 10) <> 'sealed-v1:'";

// The context a sealed TOTP secret is bound to: moved to another user's row, it does not open.
std::string SecretContext(const std::string& user_id) { return "totp:" + user_id; }

}  // namespace

Result<bool> SqlStore::UsesKeys() {
  bool used = false;
  auto r = conn_->Run(
      "SELECT 1 FROM store_keys UNION ALL SELECT 1 FROM credentials WHERE substr(totp_secret, 1, "
      "10) = 'sealed-v1:' UNION ALL SELECT 1 FROM audit_log WHERE key_id IS NOT NULL LIMIT 1",
      {}, [&](const SqlRow&) {
        used = true;
        return Status::Ok();
      });
  if (!r.ok()) return r.status();
  return used;
}

Status SqlStore::OpenKeys() {
  Result<Keyring> ring = Keyring::Load(key_file_);
  if (!ring.ok() && ring.status().code() == StatusCode::kNotFound) {
    Result<bool> used = UsesKeys();
    if (!used.ok()) return used.status();
    if (*used) {
      return Status::FailedPrecondition(
          "the key file " + key_file_ +
          " is missing, but this store holds second-factor secrets sealed and audit rows "
          "signed with it. Restore the key file from your backup (a new key could not open "
          "them); the store was not opened");
    }
    if (!may_create_keys_) {
      return Status::FailedPrecondition(
          "there is no key file at " + key_file_ +
          ": create it once with `contextmap keys create` and give the same file to every "
          "server of this store");
    }
    ring = Keyring::Create(key_file_);
    // Another process opening the same new store may have made it a moment ago.
    if (!ring.ok() && ring.status().code() == StatusCode::kAlreadyExists) {
      ring = Keyring::Load(key_file_);
    }
  }
  if (!ring.ok()) return ring.status();
  keys_ = std::make_shared<const Keyring>(std::move(ring).value());
  return RecordKeys(true);
}

Status SqlStore::ReloadKeys() {
  Result<Keyring> ring = Keyring::Load(key_file_);
  if (!ring.ok()) return ring.status();
  std::shared_ptr<const Keyring> previous = keys_;
  keys_ = std::make_shared<const Keyring>(std::move(ring).value());
  Status checked = RecordKeys(false);
  if (!checked.ok()) keys_ = previous;  // the file changed into one that is not this store's
  return checked;
}

Status SqlStore::RecordKeys(bool may_write) {
  auto known = [&](std::map<int64_t, std::string>* out) {
    auto r = conn_->Run("SELECT key_id, check_value FROM store_keys", {}, [&](const SqlRow& row) {
      out->emplace(row.Int(0), std::string(row.Text(1)));
      return Status::Ok();
    });
    return r.ok() ? Status::Ok() : r.status();
  };
  // Every key the store has used must be in the file, and be the same key.
  std::map<int64_t, std::string> recorded;
  CM_RETURN_IF_ERROR(known(&recorded));
  for (const auto& [id, check] : recorded) {
    if (!keys_->Has(id)) {
      return Status::FailedPrecondition(
          "the key file " + key_file_ + " lacks key " + std::to_string(id) +
          ", which this store uses: restore the newest copy of the key file from your backup");
    }
    Result<std::string> value = keys_->CheckValue(id);
    if (!value.ok()) return value.status();
    if (*value != check) {
      return Status::FailedPrecondition(
          "the key file " + key_file_ + " is not this store's: its key " + std::to_string(id) +
          " differs from the one this store was sealed with. Give the store its own key file "
          "(restore it from your backup); the store was not opened");
    }
  }
  bool all_recorded = true;
  for (int64_t id : keys_->Ids()) all_recorded = all_recorded && recorded.contains(id);
  if (all_recorded || !may_write) return Status::Ok();

  // New keys to record; on the very first, also seal every secret stored readable. In a write
  // transaction under the schema lock, so openers at the same moment do this once.
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  CM_RETURN_IF_ERROR(LockSchema());
  recorded.clear();
  CM_RETURN_IF_ERROR(known(&recorded));
  bool first = recorded.empty();
  std::string now = Timestamp::Now().ToString();
  for (int64_t id : keys_->Ids()) {
    if (recorded.contains(id)) continue;
    Result<std::string> value = keys_->CheckValue(id);
    if (!value.ok()) return value.status();
    SqlValue params[] = {id, *value, now};
    auto r = conn_->Run("INSERT INTO store_keys (key_id, check_value, added_at) VALUES (?, ?, ?)",
                        params, nullptr);
    if (!r.ok()) return r.status();
  }
  if (first) {
    // Secrets written before this store had keys. After this, a readable secret is refused
    // (OpenSecret), so one planted in the database by hand is never sealed as if genuine.
    int64_t sealed = 0;
    // Built in two steps: GCC 12 at -O2 warns (-Warray-bounds, a false positive) on the
    // string-plus-literal form inside CM_RETURN_IF_ERROR.
    std::string select = "SELECT user_id, totp_secret FROM credentials WHERE ";
    select += kReadableSecrets;
    CM_RETURN_IF_ERROR(SealSecretsAgain(select, /*open=*/false, &sealed));
  }
  return tx.Commit();
}

Status SqlStore::SealSecretsAgain(const std::string& select, bool open, int64_t* count) {
  std::vector<std::pair<std::string, std::string>> stored;
  auto r = conn_->Run(select, {}, [&](const SqlRow& row) {
    stored.emplace_back(row.Text(0), row.Text(1));
    return Status::Ok();
  });
  if (!r.ok()) return r.status();
  for (const auto& [user_id, value] : stored) {
    Result<std::string> secret = open ? OpenSecret(user_id, value) : Result<std::string>(value);
    if (!secret.ok()) return secret.status();
    Result<std::string> sealed = SealSecret(user_id, *secret);
    if (!sealed.ok()) return sealed.status();
    SqlValue params[] = {*sealed, user_id};
    auto w =
        conn_->Run("UPDATE credentials SET totp_secret = ? WHERE user_id = ?", params, nullptr);
    if (!w.ok()) return w.status();
    ++*count;
  }
  return Status::Ok();
}

Result<std::string> SqlStore::SealSecret(const std::string& user_id, std::string_view secret) {
  return keys_->Seal(secret, SecretContext(user_id));
}

Result<std::string> SqlStore::OpenSecret(const std::string& user_id, std::string_view stored) {
  if (!Keyring::IsSealed(stored)) {
    return Status::FailedPrecondition(
        "the second-factor secret of user " + user_id +
        " is stored readable, not sealed with the store's key: it was written into the "
        "database by hand. Reset the account (`contextmap user reset`)");
  }
  std::optional<int64_t> key = Keyring::SealedWith(stored);
  if (key && !keys_->Has(*key)) {
    // A rotation in another process added a key since this store opened.
    CM_RETURN_IF_ERROR(ReloadKeys());
  }
  return keys_->Unseal(stored, SecretContext(user_id));
}

Result<KeyRotation> SqlStore::RotateKeys(std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  Result<Keyring> ring = Keyring::AddKey(key_file_);
  if (!ring.ok()) return ring.status();
  keys_ = std::make_shared<const Keyring>(std::move(ring).value());
  CM_RETURN_IF_ERROR(RecordKeys(true));
  KeyRotation out;
  out.key_id = keys_->newest();
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  std::string sql = "SELECT user_id, totp_secret FROM credentials ORDER BY user_id";
  if (conn_->dialect() == Dialect::kPostgres) sql += " FOR UPDATE";
  CM_RETURN_IF_ERROR(SealSecretsAgain(sql, /*open=*/true, &out.secrets_resealed));
  CM_RETURN_IF_ERROR(CommitWithAudit(tx, audit));
  return out;
}

}  // namespace contextmap::storage
