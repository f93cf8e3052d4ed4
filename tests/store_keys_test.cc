// Keys kept outside the database, on every backend: second-factor secrets sealed at rest, the
// key file checked at open (missing, wrong, or lacking a key: a clear refusal, never a new key
// or a wrong secret), and rotation.
#include "tests/store_fixture.h"

#include <sys/stat.h>

#include <filesystem>

namespace contextmap {
namespace {

using testing::Mentions;
constexpr const char* kSecret = "JBSWY3DPEHPK3PXP";  // an invented base32 TOTP secret
constexpr const char* kOtherSecret = "KRSXG5CTMVRXEZLU";

class StoreKeysTest : public testing::StoreContractTest {
 protected:
  void PutSecret(const std::string& user_id, const std::string& secret) {
    Credential c;
    c.user_id = user_id;
    c.password_hash = "$argon2id$placeholder";
    c.totp_secret = secret;
    c.updated_at = 100;
    Status s = store_->PutCredential(c);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // credentials.totp_secret as stored, read straight from the database.
  std::string StoredSecret(const std::string& user_id) {
    std::string out;
    auto raw = Raw();
    EXPECT_NE(raw, nullptr);
    if (raw == nullptr) return out;
    storage::SqlValue id = user_id;
    auto r = raw->Run("SELECT totp_secret FROM credentials WHERE user_id = ?", {&id, 1},
                      [&](const storage::SqlRow& row) {
                        out = std::string(row.Text(0));
                        return Status::Ok();
                      });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return out;
  }

  // Whether opening the store again is refused with a message that mentions `why`.
  ::testing::AssertionResult OpenIsRefused(std::string_view why) {
    auto opened = TryOpen();
    if (opened.ok()) return ::testing::AssertionFailure() << "the store opened";
    return Mentions(opened.status().message(), why);
  }

  std::string Copy(const std::string& suffix) {
    std::string copy = key_file_ + suffix;
    std::filesystem::copy_file(key_file_, copy, std::filesystem::copy_options::overwrite_existing);
    return copy;
  }
};

// The finding: second-factor secrets were stored readable.
TEST_P(StoreKeysTest, SecretsAreSealedInTheDatabaseAndReadableThroughTheStore) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  std::string stored = StoredSecret("usr-02");
  EXPECT_EQ(stored.find(kSecret), std::string::npos) << stored;
  EXPECT_TRUE(stored.starts_with("sealed-v1:1:")) << stored;
  auto got = store_->GetCredential("usr-02");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->totp_secret, kSecret);
  // Sealing uses a fresh nonce: the same secret for another user is stored differently.
  PutSecret("usr-03", kSecret);
  EXPECT_NE(StoredSecret("usr-03").substr(12), stored.substr(12));
}

TEST_P(StoreKeysTest, ASecretChangedBySignInIsSealedAgainAndOneUnchangedIsLeftAlone) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  std::string before = StoredSecret("usr-02");
  ASSERT_TRUE(store_
                  ->UpdateCredential("usr-02",
                                     [](Credential* c) {
                                       c->failed_attempts = 1;
                                       return Status::Ok();
                                     })
                  .ok());
  EXPECT_EQ(StoredSecret("usr-02"), before);
  ASSERT_TRUE(store_
                  ->UpdateCredential("usr-02",
                                     [](Credential* c) {
                                       c->totp_secret = kOtherSecret;
                                       return Status::Ok();
                                     })
                  .ok());
  EXPECT_EQ(StoredSecret("usr-02").find(kOtherSecret), std::string::npos);
  EXPECT_EQ(store_->GetCredential("usr-02")->totp_secret, kOtherSecret);
}

TEST_P(StoreKeysTest, ASealedSecretMovedToAnotherUserDoesNotOpen) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  PutSecret("usr-03", kOtherSecret);
  Tamper("UPDATE credentials SET totp_secret = '" + StoredSecret("usr-02") +
         "' WHERE user_id = 'usr-03'");
  auto got = store_->GetCredential("usr-03");
  EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(got.status().message(), "does not open"));
}

TEST_P(StoreKeysTest, AReadableSecretWrittenIntoTheDatabaseByHandIsRefused) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  Tamper(std::string("UPDATE credentials SET totp_secret = '") + kOtherSecret + "'");
  auto got = store_->GetCredential("usr-02");
  EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(got.status().message(), "stored readable"));
  // Opening the store again does not seal it as if it were genuine.
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(StoredSecret("usr-02"), kOtherSecret);
}

// A store from before keys: readable secrets, no key file, nothing recorded. Its first open
// with keys seals them.
TEST_P(StoreKeysTest, SecretsFromBeforeKeysAreSealedOnTheFirstOpenWithAKeyFile) {
  LoadDemo();
  store_.reset();
  Tamper(std::string("DELETE FROM store_keys; INSERT INTO credentials (user_id, password_hash, "
                     "totp_secret, totp_last_step, recovery_hashes, failed_attempts, "
                     "locked_until, updated_at) VALUES ('usr-02', 'h', '") +
         kSecret + "', 0, '', 0, 0, 1)");
  std::filesystem::remove(key_file_);
  if (postgres()) {
    ASSERT_TRUE(Keyring::Create(key_file_).ok());  // given by the deployment
  }
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(StoredSecret("usr-02").starts_with("sealed-v1:1:"));
  EXPECT_EQ(store_->GetCredential("usr-02")->totp_secret, kSecret);
}

TEST_P(StoreKeysTest, AMissingKeyFileIsRefusedOnceTheStoreHasUsedOneAndNeverMadeAnew) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  store_.reset();
  std::filesystem::remove(key_file_);
  auto opened = TryOpen();
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(opened.status().message(), "Restore the key file"));
  EXPECT_FALSE(std::filesystem::exists(key_file_));
}

TEST_P(StoreKeysTest, AnAuditLogSignedWithTheKeyAloneAlsoNeedsTheKeyFile) {
  AppendSome(*store_, 1, "sub-child-01");
  store_.reset();
  Tamper("DELETE FROM store_keys");
  std::filesystem::remove(key_file_);
  auto opened = TryOpen();
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(std::filesystem::exists(key_file_));
}

TEST_P(StoreKeysTest, AnotherStoresKeyFileIsRefused) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  store_.reset();
  std::filesystem::remove(key_file_);
  ASSERT_TRUE(Keyring::Create(key_file_).ok());  // a new key 1, not this store's
  EXPECT_TRUE(OpenIsRefused("is not this store's"));
}

TEST_P(StoreKeysTest, AKeyFileLackingTheNewestKeyIsRefused) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  std::string old_copy = Copy(".before-rotation");
  ASSERT_TRUE(store_->RotateKeys().ok());
  store_.reset();
  std::filesystem::copy_file(old_copy, key_file_,
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_TRUE(OpenIsRefused("lacks key 2"));
}

TEST_P(StoreKeysTest, RotationResealsEverySecretWithTheNewKeyAndSignInStillReadsThem) {
  LoadDemo();
  PutSecret("usr-02", kSecret);
  PutSecret("usr-03", kOtherSecret);
  auto before_rotation = Open();  // another server, open while the key is rotated
  ASSERT_NE(before_rotation, nullptr);
  std::vector<AuditEntry> audit(1);
  audit[0].action = "rotate_keys";
  audit[0].outcome = "ok";
  auto rotated = store_->RotateKeys(&audit);
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  EXPECT_EQ(rotated->key_id, 2);
  EXPECT_EQ(rotated->secrets_resealed, 2);
  EXPECT_GT(audit[0].seq, 0);
  for (const char* user : {"usr-02", "usr-03"}) {
    EXPECT_TRUE(StoredSecret(user).starts_with("sealed-v1:2:")) << user;
  }
  EXPECT_EQ(store_->GetCredential("usr-02")->totp_secret, kSecret);
  auto via_other = before_rotation->GetCredential("usr-03");
  ASSERT_TRUE(via_other.ok()) << via_other.status().ToString();
  EXPECT_EQ(via_other->totp_secret, kOtherSecret);
  auto ring = Keyring::Load(key_file_);
  ASSERT_TRUE(ring.ok());
  EXPECT_EQ(ring->Ids(), (std::vector<int64_t>{1, 2}));  // the old key stays: it verifies rows
}

TEST_P(StoreKeysTest, KeyFilesAreOnlyForTheirOwner) {
  struct stat st {};
  ASSERT_EQ(::stat(key_file_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  store_.reset();
  ::chmod(key_file_.c_str(), 0644);
  auto opened = TryOpen();
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(opened.status().message(), "chmod 600"));
}

TEST_P(StoreKeysTest, KeyFileLocation) {
  StoreOptions none;
  if (postgres()) {
    ::unsetenv("CONTEXTMAP_KEY_FILE");
    auto needs = KeyFileFor(url_, none);
    EXPECT_EQ(needs.status().code(), StatusCode::kFailedPrecondition);
    // Given one that does not exist, a PostgreSQL store does not make it (every server of
    // the store must share one key file: `contextmap keys create` makes it, once).
    StoreOptions missing = Options();
    missing.key_file = key_file_ + ".missing";
    auto opened = Store::Open(testing::NewStoreUrl("postgres"), missing);  // a new store
    EXPECT_TRUE(Mentions(opened.status().message(), "keys create"));
    EXPECT_FALSE(std::filesystem::exists(missing.key_file));
  } else {
    EXPECT_EQ(*KeyFileFor("sqlite:var/contextmap.db", none), "var/contextmap.keys");
    EXPECT_EQ(key_file_, KeyFileBeside(url_.substr(7)));
    EXPECT_TRUE(std::filesystem::exists(key_file_));  // made by the store on first open
  }
  ::setenv("CONTEXTMAP_KEY_FILE", "/somewhere/keys", 1);
  EXPECT_EQ(*KeyFileFor(url_, none), "/somewhere/keys");
  ::unsetenv("CONTEXTMAP_KEY_FILE");
}

TEST(KeyringTest, DamagedKeyFilesAreRefusedWithoutQuotingThem) {
  std::string path = (testing::TestDir() / ("damaged_" + testing::Unique() + ".keys")).string();
  auto write = [&](const std::string& text) {
    std::filesystem::remove(path);
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    ::chmod(path.c_str(), 0600);
  };
  const std::string key(64, 'a');
  const std::string header = "contextmap-keys-v1\n";
  const std::string line = "key 1 " + key + "\n";
  const std::string twice = line + line;
  const std::vector<std::string> damaged = {line, header, header + "key 1 " + key.substr(2) + "\n",
                                            header + "key 0 " + key + "\n", header + twice};
  for (const std::string& text : damaged) {
    write(text);
    auto ring = Keyring::Load(path);
    EXPECT_EQ(ring.status().code(), StatusCode::kFailedPrecondition) << text;
    EXPECT_EQ(ring.status().message().find(key.substr(0, 16)), std::string::npos);
  }
  write("# a comment\ncontextmap-keys-v1\n\nkey 3 " + key + "\n");
  auto ring = Keyring::Load(path);
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_EQ(ring->newest(), 3);
  auto sealed = ring->Seal("secret", "ctx");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(*ring->Unseal(*sealed, "ctx"), "secret");
  EXPECT_EQ(ring->Unseal(*sealed, "other").status().code(), StatusCode::kFailedPrecondition);
  std::string flipped = *sealed;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(ring->Unseal(flipped, "ctx").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Keyring::Create(path).status().code(), StatusCode::kAlreadyExists);
}

CONTEXTMAP_STORE_BACKENDS(StoreKeysTest);

}  // namespace
}  // namespace contextmap
