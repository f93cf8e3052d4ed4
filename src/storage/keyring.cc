#include "contextmap/storage/keyring.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "storage/small_files.h"

namespace contextmap {

namespace {

constexpr std::string_view kHeader = "contextmap-keys-v1";
constexpr std::string_view kSealedPrefix = "sealed-v1:";

static_assert(Keyring::kKeyBytes == crypto_kdf_KEYBYTES);
static_assert(Keyring::kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(Keyring::kKeyBytes == crypto_auth_hmacsha256_KEYBYTES);

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// crypto_kdf's eight-byte context for each purpose.
const char* Context(KeyPurpose purpose) {
  switch (purpose) {
    case KeyPurpose::kSecretSeal:
      return "cmseal01";
    case KeyPurpose::kAuditMac:
      return "cmaudit1";
    case KeyPurpose::kKeyCheck:
      return "cmcheck1";
  }
  return "cmnone00";
}

std::string Hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

Status Damaged(const std::string& path, int line, const std::string& problem) {
  return Status::FailedPrecondition("the key file " + path + " is damaged (line " +
                                    std::to_string(line) + ": " + problem +
                                    "); restore it from your backup");
}

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

// A new random key as a line of the key file.
std::string KeyLine(int64_t id) {
  std::array<unsigned char, Keyring::kKeyBytes> key{};
  crypto_kdf_keygen(key.data());
  std::string line = "key " + std::to_string(id) + " " + Hex(key.data(), key.size()) + "\n";
  sodium_memzero(key.data(), key.size());
  return line;
}

std::string NewFileText() {
  return "# ContextMap keys (docs/ARCHITECTURE.md, \"Keys\"). Keep this file secret and backed\n"
         "# up apart from the database: without it no second-factor secret can be opened and\n"
         "# the audit log cannot be verified. Never remove a key; `contextmap keys rotate` "
         "adds.\n" +
         std::string(kHeader) + "\n" + KeyLine(1);
}

}  // namespace

Keyring::Keyring(Keyring&& other) noexcept
    : path_(std::move(other.path_)), keys_(std::move(other.keys_)) {
  other.keys_.clear();
}

Keyring& Keyring::operator=(Keyring&& other) noexcept {
  if (this != &other) {
    Wipe();
    path_ = std::move(other.path_);
    keys_ = std::move(other.keys_);
    other.keys_.clear();
  }
  return *this;
}

Keyring::~Keyring() { Wipe(); }

void Keyring::Wipe() {
  for (auto& [id, key] : keys_) sodium_memzero(key.data(), key.size());
  keys_.clear();
}

Result<Keyring> Keyring::Load(const std::string& path) {
  if (!SodiumReady()) return Status::Internal("the cryptography library could not start");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("there is no key file at " + path);
    return Status::IoError("could not read the key file " + path);
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::FailedPrecondition("the key file " + path + " is not a regular file");
  }
  if ((st.st_mode & S_IRWXO) != 0) {
    std::ostringstream mode;
    mode << std::oct << (st.st_mode & 0777);
    return Status::FailedPrecondition("the key file " + path +
                                      " can be read or changed by every user (mode 0" + mode.str() +
                                      "): chmod 600 " + path);
  }
  Result<std::string> text = storage::ReadSmallFile(path);
  if (!text.ok()) return text.status();
  Keyring ring;
  ring.path_ = path;
  std::istringstream in(*text);
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      if (line != kHeader)
        return Damaged(path, number, "it does not start with " + std::string(kHeader));
      header = true;
      continue;
    }
    std::istringstream fields(line);
    std::string word;
    std::string id_text;
    std::string hex;
    std::string extra;
    fields >> word >> id_text >> hex >> extra;
    if (word != "key" || !extra.empty()) return Damaged(path, number, "expected: key NUMBER HEX");
    std::optional<int64_t> id = ParseId(id_text);
    if (!id) return Damaged(path, number, "the key number must be a whole number from 1");
    if (ring.keys_.contains(*id)) {
      return Damaged(path, number, "key " + std::to_string(*id) + " appears twice");
    }
    Key key{};
    std::size_t len = 0;
    if (hex.size() != kKeyBytes * 2 ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &len, nullptr) !=
            0 ||
        len != kKeyBytes) {
      return Damaged(path, number, "a key is 64 hexadecimal digits");
    }
    ring.keys_.emplace(*id, key);
    sodium_memzero(key.data(), key.size());
  }
  if (ring.keys_.empty()) return Damaged(path, number, "it holds no key");
  return ring;
}

Result<Keyring> Keyring::Create(const std::string& path) {
  if (!SodiumReady()) return Status::Internal("the cryptography library could not start");
  std::string text = NewFileText();
  Status created = storage::CreateSmallFile(path, text);
  sodium_memzero(text.data(), text.size());
  if (!created.ok()) {
    if (created.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("the key file " + path +
                                   " already exists; it is never replaced");
    }
    return created;
  }
  return Load(path);
}

Result<Keyring> Keyring::AddKey(const std::string& path) {
  if (!SodiumReady()) return Status::Internal("the cryptography library could not start");
  Status replaced = storage::ReplaceSmallFile(
      path, /*create=*/false, /*durable=*/true,
      [&](std::string_view current) -> Result<std::optional<std::string>> {
        // The file as it is now, under the lock: another rotation may have added a key.
        Result<Keyring> ring = Load(path);
        if (!ring.ok()) return ring.status();
        std::string next(current);
        if (!next.empty() && next.back() != '\n') next += '\n';
        next += KeyLine(ring->newest() + 1);
        return std::optional<std::string>(std::move(next));
      });
  if (!replaced.ok()) {
    if (replaced.code() == StatusCode::kNotFound) {
      return Status::NotFound("there is no key file at " + path + " to add a key to");
    }
    return replaced;
  }
  return Load(path);
}

std::vector<int64_t> Keyring::Ids() const {
  std::vector<int64_t> ids;
  for (const auto& [id, key] : keys_) ids.push_back(id);
  return ids;
}

Result<Keyring::Key> Keyring::Subkey(int64_t id, KeyPurpose purpose) const {
  auto it = keys_.find(id);
  if (it == keys_.end()) {
    return Status::FailedPrecondition("the key file " + path_ + " lacks key " + std::to_string(id) +
                                      "; restore the newest copy of it from your backup");
  }
  Key sub{};
  crypto_kdf_derive_from_key(sub.data(), sub.size(), 1, Context(purpose), it->second.data());
  return sub;
}

Result<std::string> Keyring::Seal(std::string_view plaintext, std::string_view context) const {
  int64_t id = newest();
  Result<Key> key = Subkey(id, KeyPurpose::kSecretSeal);
  if (!key.ok()) return key.status();
  std::string head = std::string(kSealedPrefix) + std::to_string(id) + ":";
  std::string ad = head + std::string(context);
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                             &written, Bytes(plaintext), plaintext.size(),
                                             Bytes(ad), ad.size(), nullptr, nonce, key->data());
  sodium_memzero(key->data(), key->size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), variant), '\0');
  sodium_bin2base64(b64.data(), b64.size(), Bytes(box), box.size(), variant);
  b64.resize(std::strlen(b64.c_str()));
  return head + b64;
}

std::optional<int64_t> Keyring::SealedWith(std::string_view stored) {
  if (!stored.starts_with(kSealedPrefix)) return std::nullopt;
  stored.remove_prefix(kSealedPrefix.size());
  std::size_t colon = stored.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return ParseId(stored.substr(0, colon));
}

bool Keyring::IsSealed(std::string_view stored) { return stored.starts_with(kSealedPrefix); }

Result<std::string> Keyring::Unseal(std::string_view sealed, std::string_view context) const {
  std::optional<int64_t> id = SealedWith(sealed);
  if (!id) return Status::FailedPrecondition("a sealed secret is damaged (not sealed-v1:KEY:DATA)");
  std::size_t data_at = kSealedPrefix.size() + std::to_string(*id).size() + 1;
  std::string_view b64 = sealed.substr(data_at);
  std::string box(b64.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), b64.data(),
                        b64.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status::FailedPrecondition("a sealed secret is damaged (its data is not base64)");
  }
  Result<Key> key = Subkey(*id, KeyPurpose::kSecretSeal);
  if (!key.ok()) return key.status();
  std::string ad = std::string(sealed.substr(0, data_at)) + std::string(context);
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::size_t cipher_len = len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string plain(cipher_len - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_len = 0;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr,
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, cipher_len, Bytes(ad), ad.size(), nonce,
      key->data());
  sodium_memzero(key->data(), key->size());
  if (rc != 0) {
    return Status::FailedPrecondition(
        "a sealed secret does not open with key " + std::to_string(*id) + " of " + path_ +
        ": the key file is not the one it was sealed with, or the stored value was altered");
  }
  plain.resize(plain_len);
  return plain;
}

Result<std::string> Keyring::Mac(int64_t id, KeyPurpose purpose, std::string_view message) const {
  Result<Key> key = Subkey(id, purpose);
  if (!key.ok()) return key.status();
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), Bytes(message), message.size(), key->data());
  sodium_memzero(key->data(), key->size());
  return Hex(mac.data(), mac.size());
}

Result<std::string> Keyring::CheckValue(int64_t id) const {
  return Mac(id, KeyPurpose::kKeyCheck, "contextmap key check");
}

std::string KeyFileBeside(const std::string& database_path) {
  std::filesystem::path p(database_path);
  p.replace_extension(".keys");
  if (p.string() == database_path) return database_path + ".keys";  // a database named x.keys
  return p.string();
}

}  // namespace contextmap
