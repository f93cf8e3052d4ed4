#include "contextmap/auth/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdlib>

namespace contextmap::auth {

namespace {

// sodium_init() once per process; it is safe to call from several threads.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// For the functions that must return randomness and cannot report an error: without a random
// source there is nothing safe to return.
void RequireSodium() {
  if (!SodiumReady()) std::abort();
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// libsodium's password-hash functions read a NUL-terminated string; a real hash is shorter than
// crypto_pwhash_STRBYTES and has no NUL inside.
bool PlausibleHash(std::string_view stored_hash) {
  return !stored_hash.empty() && stored_hash.size() < crypto_pwhash_STRBYTES &&
         stored_hash.find('\0') == std::string_view::npos;
}

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// The 5-bit value of a base32 character (either case), or -1.
int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr int kRecoveryGroups = 3;
constexpr int kRecoveryGroupLength = 5;

Status MalformedCode() { return Status::Invalid("the code must be 6 digits", "code"); }
Status WrongCode() { return Status::Unauthenticated("the code is not valid"); }

Result<std::vector<uint8_t>> DecodeSecret(std::string_view base32_secret) {
  Result<std::vector<uint8_t>> key = Base32Decode(base32_secret);
  if (!key.ok()) return Status::Invalid("the TOTP secret is not valid base32", "secret");
  if (key->empty()) return Status::Invalid("the TOTP secret is empty", "secret");
  return key;
}

// RFC 4226 HOTP: HMAC-SHA1 of the big-endian counter, dynamically truncated, `digits` digits.
Result<std::string> HotpCode(std::span<const uint8_t> key, uint64_t counter, int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xFFU);
    counter >>= 8U;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_length = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_length) == nullptr ||
      mac_length != 20) {
    return Status::Internal("the TOTP code could not be computed");
  }
  const unsigned offset = mac[19] & 0x0FU;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7FU) << 24U) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16U) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8U) |
                          static_cast<uint32_t>(mac[offset + 3]);
  sodium_memzero(mac.data(), mac.size());
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  uint32_t value = binary % modulus;
  std::string code(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    code[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return code;
}

void PercentEncode(std::string_view in, std::string* out) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : in) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      *out += c;
    } else {
      *out += '%';
      *out += kHex[u >> 4U];
      *out += kHex[u & 0x0FU];
    }
  }
}

}  // namespace

// --- passwords -----------------------------------------------------------------------------------

Result<std::string> HashPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes) {
    return Status::Invalid("the password must be at least 12 characters long", "password");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::Invalid("the password must be at most 1024 bytes long", "password");
  }
  if (!SodiumReady()) return Status::Internal("the cryptography library could not start");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Unavailable("not enough memory to hash the password; try again later");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!PlausibleHash(stored_hash) || password.size() > kMaxPasswordBytes) return false;
  if (!SodiumReady()) return false;
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash) {
  if (!PlausibleHash(stored_hash) || !SodiumReady()) return true;
  const std::string hash(stored_hash);
  // The Argon2id-specific check: the generic crypto_pwhash_str_needs_rehash would also accept an
  // Argon2i hash with the same settings. It returns 0 (current), 1 (other settings) or -1 (not
  // an Argon2id hash).
  return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), kPasswordOpsLimit,
                                                 kPasswordMemLimit) != 0;
}

// --- random tokens and digests -------------------------------------------------------------------

std::string RandomToken(std::size_t bytes) {
  if (bytes == 0) return {};
  RequireSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string Sha256Hex(std::string_view data) {
  RequireSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), Bytes(data), data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  RequireSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// --- base32 --------------------------------------------------------------------------------------

std::string Base32Encode(std::span<const uint8_t> data) {
  std::string out;
  out.reserve((data.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t byte : data) {
    buffer = (buffer << 8U) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  return out;
}

Result<std::vector<uint8_t>> Base32Decode(std::string_view text) {
  std::vector<uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  std::size_t characters = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int value = Base32Value(c);
    if (value < 0) return Status::Invalid("not valid base32: a character outside A-Z and 2-7");
    if (padding) return Status::Invalid("not valid base32: '=' padding before the end");
    ++characters;
    buffer = (buffer << 5U) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  // Whole bytes leave 0 (8 characters), 3 (2), 1 (4), 4 (5) or 2 (7) characters over; 1, 3 or
  // 6 characters over is no encoding's length.
  const std::size_t rest = characters % 8;
  if (rest == 1 || rest == 3 || rest == 6) {
    return Status::Invalid("not valid base32: the length is wrong");
  }
  if ((buffer & ((1U << static_cast<unsigned>(bits)) - 1U)) != 0) {
    return Status::Invalid("not valid base32: the last character has stray bits");
  }
  return out;
}

// --- TOTP ----------------------------------------------------------------------------------------

std::string NewTotpSecret() {
  RequireSodium();
  std::array<uint8_t, 20> key{};
  randombytes_buf(key.data(), key.size());
  std::string secret = Base32Encode(key);
  sodium_memzero(key.data(), key.size());
  return secret;
}

Result<std::string> TotpCode(std::string_view base32_secret, int64_t unix_seconds, int digits) {
  if (digits != 6 && digits != 8) return Status::Invalid("digits must be 6 or 8", "digits");
  if (unix_seconds < 0) return Status::Invalid("the time must not be before 1970", "time");
  Result<std::vector<uint8_t>> key = DecodeSecret(base32_secret);
  if (!key.ok()) return key.status();
  Result<std::string> code =
      HotpCode(*key, static_cast<uint64_t>(unix_seconds / kTotpPeriodSeconds), digits);
  sodium_memzero(key->data(), key->size());
  return code;
}

Result<int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code,
                           int64_t unix_seconds, int64_t last_used_step) {
  std::string typed;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || typed.size() == kTotpDigits) return MalformedCode();
    typed += c;
  }
  if (typed.size() != kTotpDigits) return MalformedCode();
  if (unix_seconds < 0) return Status::Invalid("the time must not be before 1970", "time");
  Result<std::vector<uint8_t>> key = DecodeSecret(base32_secret);
  if (!key.ok()) return key.status();

  const int64_t now = unix_seconds / kTotpPeriodSeconds;
  int64_t matched = -1;
  Status failure;
  // Every candidate step is computed and compared, so the time taken does not say which matched.
  for (int64_t step = now - 1; step <= now + 1; ++step) {
    if (step < 0 || step <= last_used_step) continue;
    Result<std::string> expected = HotpCode(*key, static_cast<uint64_t>(step), kTotpDigits);
    if (!expected.ok()) {
      failure = expected.status();
      continue;
    }
    if (sodium_memcmp(expected->data(), typed.data(), kTotpDigits) == 0 && matched < 0) {
      matched = step;
    }
  }
  sodium_memzero(key->data(), key->size());
  if (!failure.ok()) return failure;
  if (matched < 0) return WrongCode();
  return matched;
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret) {
  std::string uri = "otpauth://totp/";
  PercentEncode(issuer, &uri);
  uri += ':';
  PercentEncode(account, &uri);
  uri += "?secret=";
  PercentEncode(base32_secret, &uri);
  uri += "&issuer=";
  PercentEncode(issuer, &uri);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

// --- recovery codes ------------------------------------------------------------------------------

std::vector<std::string> NewRecoveryCodes(int count) {
  std::vector<std::string> codes;
  if (count <= 0) return codes;
  RequireSodium();
  codes.reserve(static_cast<std::size_t>(count));
  for (int n = 0; n < count; ++n) {
    std::string code;
    for (int g = 0; g < kRecoveryGroups; ++g) {
      if (g > 0) code += '-';
      for (int i = 0; i < kRecoveryGroupLength; ++i) {
        // randombytes_uniform is unbiased for any upper bound.
        code +=
            kRecoveryAlphabet[randombytes_uniform(static_cast<uint32_t>(kRecoveryAlphabet.size()))];
      }
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string RecoveryCodeHash(std::string_view code) {
  std::string normal;
  normal.reserve(code.size());
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    normal += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string hash = Sha256Hex(normal);
  sodium_memzero(normal.data(), normal.size());
  return hash;
}

}  // namespace contextmap::auth
