#include "storage/audit_hash.h"

#include <sodium.h>

#include <array>

namespace contextmap::storage {

namespace {

// sodium_init() once per process; it is safe to call from several threads.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Appends seq and the fields: "N" for NULL, "S<length>:<bytes>" otherwise, each ending "\n".
void AppendRow(int64_t seq, std::span<const std::optional<std::string_view>> fields,
               std::string* out_ptr) {
  std::string& out = *out_ptr;
  out += std::to_string(seq);
  out += '\n';
  for (const auto& f : fields) {
    if (!f) {
      out += "N\n";
      continue;
    }
    out += 'S';
    out += std::to_string(f->size());
    out += ':';
    out += *f;
    out += '\n';
  }
}

}  // namespace

std::string AuditEncoding(int64_t seq, std::span<const std::optional<std::string_view>> fields) {
  std::string out = "contextmap-audit-v1\n";
  AppendRow(seq, fields, &out);
  return out;
}

std::string KeyedAuditEncoding(int64_t key_id, int64_t seq,
                               std::span<const std::optional<std::string_view>> fields) {
  std::string out = "contextmap-audit-v2\n";
  out += std::to_string(key_id);
  out += '\n';
  AppendRow(seq, fields, &out);
  return out;
}

Result<std::string> AuditMac(const Keyring& keys, int64_t key_id, int64_t seq,
                             std::span<const std::optional<std::string_view>> fields) {
  return keys.Mac(key_id, KeyPurpose::kAuditMac, KeyedAuditEncoding(key_id, seq, fields));
}

Result<std::string> AuditHash(int64_t seq,
                              std::span<const std::optional<std::string_view>> fields) {
  if (!SodiumReady()) return Status::Internal("the cryptography library could not start");
  std::string encoded = AuditEncoding(seq, fields);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(encoded.data()),
                     encoded.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace contextmap::storage
