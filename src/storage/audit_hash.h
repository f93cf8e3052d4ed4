// The audit log's chain (internal to storage): the canonical encoding of a row, and its MAC
// (HMAC-SHA-256 under a key's audit subkey) or, for rows written before the store had keys,
// its plain SHA-256. docs/ARCHITECTURE.md, "Audit log", gives the encodings.
#ifndef CONTEXTMAP_STORAGE_AUDIT_HASH_H_
#define CONTEXTMAP_STORAGE_AUDIT_HASH_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "contextmap/core/status.h"
#include "contextmap/storage/keyring.h"

namespace contextmap::storage {

// The number of audit fields hashed after seq: at, user_id, action, record_kind, record_id,
// mapping_id, subject_id, reason, remote, outcome, prev_hash (in that order).
inline constexpr int kAuditHashedFields = 11;

// prev_hash of the first row: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical encoding: "contextmap-audit-v1", then seq in decimal, then each field as "N"
// when NULL or "S<byte length>:<bytes>" otherwise, each item followed by "\n". Lengths make it
// unambiguous whatever the fields contain.
std::string AuditEncoding(int64_t seq, std::span<const std::optional<std::string_view>> fields);

// Lower-case hex SHA-256 of AuditEncoding(seq, fields): the hash of an unkeyed row (v1, from
// before the store had keys). Fails only if libsodium cannot start.
Result<std::string> AuditHash(int64_t seq, std::span<const std::optional<std::string_view>> fields);

// The keyed encoding: "contextmap-audit-v2", the key id, seq, then the fields as in v1.
std::string KeyedAuditEncoding(int64_t key_id, int64_t seq,
                               std::span<const std::optional<std::string_view>> fields);

// Lower-case hex HMAC-SHA-256 of KeyedAuditEncoding under key `key_id`'s audit subkey: the
// hash of a keyed row. kFailedPrecondition if the keyring lacks that key.
Result<std::string> AuditMac(const Keyring& keys, int64_t key_id, int64_t seq,
                             std::span<const std::optional<std::string_view>> fields);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_AUDIT_HASH_H_
