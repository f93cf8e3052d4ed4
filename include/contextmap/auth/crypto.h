// Sign-in cryptography: password hashing, random tokens, TOTP second factors, recovery codes.
//
// Pure functions with no state of their own beyond libsodium's one-time start-up (done on first
// use, thread-safe). Nothing here stores, logs or remembers a secret: the caller owns every
// password, hash, secret and code passed in or returned, keeps them where they belong (hashes and
// TOTP secrets in the store, tokens in cookies) and must never log them. Error messages name the
// field at fault and never quote its value.
//
// Cost: HashPassword and VerifyPassword run Argon2id at the settings below: about 19 MiB of
// memory and tens of milliseconds of CPU per call, on purpose. Callers must bound how many run
// at once (a small fixed pool or semaphore, say two per core) or a burst of sign-ins can exhaust
// memory. Everything else costs microseconds and allocates only its result.
//
// If the operating system's random source cannot be opened, the functions that must produce
// randomness and cannot report an error (RandomToken, NewTotpSecret, NewRecoveryCodes) abort the
// process rather than hand out guessable values; this is libsodium's own behaviour too.
#ifndef CONTEXTMAP_AUTH_CRYPTO_H_
#define CONTEXTMAP_AUTH_CRYPTO_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/status.h"

namespace contextmap::auth {

// --- passwords -----------------------------------------------------------------------------------

// Argon2id cost settings for new password hashes (OWASP's minimum recommendation: t=2, m=19 MiB,
// p=1). Raising them makes PasswordNeedsRehash report older hashes, so they are upgraded at the
// next successful sign-in.
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr std::size_t kPasswordMemLimit = std::size_t{19} * 1024 * 1024;  // bytes
// Password length limits, in bytes of UTF-8 (not characters).
inline constexpr std::size_t kMinPasswordBytes = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Hashes a new password for storage: an Argon2id string in the PHC format
// ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash", under 128 characters) carrying its own random
// salt and settings. Fails with kInvalidArgument (field "password") if the password is shorter
// than kMinPasswordBytes or longer than kMaxPasswordBytes, kUnavailable if the memory could not
// be had (trying again later may work) and kInternal if libsodium could not start.
// Cost: ~19 MiB and tens of milliseconds (see the top of this file).
Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `stored_hash`, a string HashPassword made (or any Argon2i/Argon2id
// string libsodium can verify). False for a malformed hash, an over-long password, or if the
// memory for the check could not be had. Cost: the same as HashPassword, at the settings the
// stored hash records.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// Whether `stored_hash` should be replaced by a fresh HashPassword of the same password (call it
// after VerifyPassword succeeds, while the password is at hand): true if it was made with
// settings other than kPasswordOpsLimit/kPasswordMemLimit, with an algorithm other than Argon2id,
// or is not a hash at all. Cheap: parses the string, hashes nothing.
bool PasswordNeedsRehash(std::string_view stored_hash);

// --- random tokens and digests -------------------------------------------------------------------

// `bytes` bytes from the operating system's random source, as base64url without padding
// (RFC 4648 section 5: A-Z a-z 0-9 - _), ceil(4 * bytes / 3) characters. 32 bytes (256 bits)
// suits session and reset tokens; store only Sha256Hex of a token, never the token itself.
std::string RandomToken(std::size_t bytes);

// SHA-256 of `data` as 64 lower-case hexadecimal characters.
std::string Sha256Hex(std::string_view data);

// Whether two secrets (tokens, CSRF tokens) are equal, in time that depends on their length
// only, so a caller cannot learn a secret a byte at a time by timing answers. False when
// either is empty.
bool SameSecret(std::string_view a, std::string_view b);

// --- base32 (RFC 4648 section 6) -----------------------------------------------------------------

// Upper-case base32 without '=' padding: how TOTP secrets are shown and stored.
std::string Base32Encode(std::span<const uint8_t> data);

// Decodes base32, accepting lower case, spaces anywhere and trailing '=' padding. Fails with
// kInvalidArgument on any other character, on '=' before the end, on a length no encoding can
// have, or if the unused bits of the last character are not zero (so each value has one
// spelling).
Result<std::vector<uint8_t>> Base32Decode(std::string_view text);

// --- TOTP second factor (RFC 6238: HMAC-SHA1, 30-second steps) -----------------------------------

inline constexpr int64_t kTotpPeriodSeconds = 30;
inline constexpr int kTotpDigits = 6;

// A new TOTP secret: 20 random bytes (160 bits, RFC 4226's recommendation) in base32, 32
// characters. The caller stores it (encrypted at rest where possible) and shows it once, with
// TotpUri, for the user's authenticator app.
std::string NewTotpSecret();

// The code for `base32_secret` at `unix_seconds` (time step floor(unix_seconds / 30)), zero
// padded to `digits` (6, or 8 as in RFC 6238's test vectors). Fails with kInvalidArgument for a
// secret that is empty or not base32 (field "secret"), a negative time (field "time") or digits
// other than 6 or 8 (field "digits").
Result<std::string> TotpCode(std::string_view base32_secret, int64_t unix_seconds,
                             int digits = kTotpDigits);

// Checks a 6-digit `code` typed by the user at `unix_seconds` against the current time step and
// one step either side (for clock drift), comparing in constant time. Steps at or before
// `last_used_step` are refused, so a code cannot be replayed: pass the step this function last
// returned for the user (-1 if none) and, on success, store the returned step as the new
// `last_used_step` before letting the user in (atomically with the check, if sign-ins for one
// user can race). Spaces in `code` are ignored; anything else but exactly 6 ASCII digits fails.
// Fails with kUnauthenticated ("the code is not valid") alike for a wrong and an already used
// code, kInvalidArgument (field "code") if it is not 6 digits, or kInvalidArgument (field
// "secret" or "time") as TotpCode does. The caller should count every failure against a rate
// limit: a 6-digit code is guessed in 1 of 333,333 tries.
Result<int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code,
                           int64_t unix_seconds, int64_t last_used_step);

// The otpauth:// URI authenticator apps read (usually from a QR code):
// otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER&algorithm=SHA1&digits=6&period=30,
// each part percent-encoded (RFC 3986 unreserved characters kept). Pass the secret as
// NewTotpSecret returned it. The URI carries the secret: show it once, never log it.
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret);

// --- recovery codes ------------------------------------------------------------------------------

// `count` new single-use recovery codes (none if count <= 0), each three groups of five
// characters ("abcde-fghjk-mnpqr") from a 31-character lower-case alphabet without the
// look-alikes 0, o, 1, l and i: 15 characters, about 74 bits each. Show them to the user once;
// store only RecoveryCodeHash of each, and delete a hash when its code is used.
std::vector<std::string> NewRecoveryCodes(int count = 10);

// The stored form of a recovery code: Sha256Hex of the code lower-cased with dashes and spaces
// removed, so "ABCDE-fghjk mnpqr" and "abcdefghjkmnpqr" hash alike. The codes are random
// (about 74 bits), so an unsalted fast hash is enough.
std::string RecoveryCodeHash(std::string_view code);

}  // namespace contextmap::auth

#endif  // CONTEXTMAP_AUTH_CRYPTO_H_
