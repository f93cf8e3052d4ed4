// The audit log's hash chain (internal to storage): the canonical encoding of a row and its
// SHA-256, computed with libsodium.
#ifndef CONTEXTMAP_STORAGE_AUDIT_HASH_H_
#define CONTEXTMAP_STORAGE_AUDIT_HASH_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "contextmap/core/status.h"

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

// Lower-case hex SHA-256 of AuditEncoding(seq, fields). Fails only if libsodium cannot start.
Result<std::string> AuditHash(int64_t seq, std::span<const std::optional<std::string_view>> fields);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_AUDIT_HASH_H_
