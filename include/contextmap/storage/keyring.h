// Keyring: the keys a store uses that are not in its database (docs/ARCHITECTURE.md, "Keys").
//
// A key file holds numbered 256-bit keys, one a line:
//
//   contextmap-keys-v1
//   key 1 <64 hex digits>
//   key 2 <64 hex digits>
//
// ('#' starts a comment line). The newest key (the highest number) seals and signs; older keys
// still open and verify what was made with them, so a key is never removed. Keys are never
// used directly: each use has a subkey derived from the key (libsodium crypto_kdf), so the
// key that seals second-factor secrets is not the key that signs the audit log.
//
// A SQLite store keeps its key file beside the database (var/contextmap.db ->
// var/contextmap.keys) and creates it on first open; a PostgreSQL store is given one
// (StoreOptions::key_file or $CONTEXTMAP_KEY_FILE), shared by every server of that store. One
// key file serves one store. The file must not be readable by other users (mode 0600, or 0640
// for a group the service runs as): Load refuses it otherwise.
//
// A Keyring is immutable once loaded and safe to share between threads. It holds the keys in
// memory and wipes them when destroyed. Cost: Load reads one small file; Seal, Unseal and Mac
// each derive one subkey (a BLAKE2b call) and run one AEAD or HMAC over a short input.
#ifndef CONTEXTMAP_STORAGE_KEYRING_H_
#define CONTEXTMAP_STORAGE_KEYRING_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/status.h"

namespace contextmap {

// What a subkey is for. Each purpose has its own subkey of every key.
enum class KeyPurpose {
  kSecretSeal,  // XChaCha20-Poly1305 sealing of second-factor secrets
  kAuditMac,    // HMAC-SHA-256 of audit rows
  kKeyCheck,    // the check value a store keeps to recognise its keys
};

class Keyring {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the key file at `path`. kNotFound if there is none; kFailedPrecondition if it is
  // damaged, empty of keys, or readable by other users (the message says how to fix it).
  static Result<Keyring> Load(const std::string& path);
  // Creates a key file at `path` holding key 1, mode 0600, written whole before it appears
  // (never half a file). kAlreadyExists if a file is already there: it is never replaced.
  static Result<Keyring> Create(const std::string& path);
  // Adds a key numbered one above the newest and rewrites the file atomically (rename), under
  // a lock so two rotations at once cannot lose a key. Returns the keyring as now stored.
  static Result<Keyring> AddKey(const std::string& path);

  Keyring(Keyring&& other) noexcept;
  Keyring& operator=(Keyring&& other) noexcept;
  Keyring(const Keyring&) = delete;
  Keyring& operator=(const Keyring&) = delete;
  ~Keyring();

  const std::string& path() const { return path_; }
  // The number of the newest key: it seals and signs.
  int64_t newest() const { return keys_.rbegin()->first; }
  bool Has(int64_t id) const { return keys_.contains(id); }
  // Every key number, ascending.
  std::vector<int64_t> Ids() const;

  // Seals a secret with the newest key: "sealed-v1:<key id>:<base64url of nonce, ciphertext
  // and tag>". `context` (for example the user id) is authenticated with it, so a sealed value
  // copied to another context does not open there.
  Result<std::string> Seal(std::string_view plaintext, std::string_view context) const;
  // Opens a value made by Seal with the same context. kFailedPrecondition naming the key if
  // the key file lacks that key, or if the value does not open with it (another key file, or
  // the value was altered): never a wrong plaintext.
  Result<std::string> Unseal(std::string_view sealed, std::string_view context) const;
  // Whether a stored value is sealed (as opposed to a readable value from before sealing).
  static bool IsSealed(std::string_view stored);
  // The key a sealed value names, if it is sealed and well formed.
  static std::optional<int64_t> SealedWith(std::string_view stored);

  // Lower-case hex HMAC-SHA-256 of `message` under key `id`'s subkey for `purpose`.
  // kFailedPrecondition if the key file lacks key `id`.
  Result<std::string> Mac(int64_t id, KeyPurpose purpose, std::string_view message) const;
  // The check value of key `id`: a store records it when it first uses the key, to tell at
  // open whether it has been given the right key file.
  Result<std::string> CheckValue(int64_t id) const;

 private:
  using Key = std::array<unsigned char, kKeyBytes>;
  Keyring() = default;
  Result<Key> Subkey(int64_t id, KeyPurpose purpose) const;
  void Wipe();

  std::string path_;
  std::map<int64_t, Key> keys_;  // never empty once loaded
};

// The key file beside a SQLite database: its path with the extension replaced by ".keys"
// ("var/contextmap.db" -> "var/contextmap.keys").
std::string KeyFileBeside(const std::string& database_path);

}  // namespace contextmap

#endif  // CONTEXTMAP_STORAGE_KEYRING_H_
