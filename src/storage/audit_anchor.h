// The audit anchor (internal to storage): the newest audit row's seq and hash, kept in a file
// beside the key file ("var/contextmap.keys" -> "var/contextmap.anchor"), outside the database.
// The store moves it forward after every commit that appended audit rows; `audit verify` checks
// that the row it names is still in the log unchanged, which the chain alone cannot show when
// its newest rows are removed or the log is rewritten from some row on.
//
// The file is replaced whole (ReplaceSmallFile, not flushed to disk: a crash may leave it at
// an older row, or empty, which verify reads as no anchor; never at a row not committed),
// never moves back (a lower seq than it holds is ignored), and within a process writes are
// combined: a commit that finds another thread
// writing the anchor leaves its row for that thread to write and returns at once, so under load
// the file is written at most once at a time, always with the newest row.
#ifndef CONTEXTMAP_STORAGE_AUDIT_ANCHOR_H_
#define CONTEXTMAP_STORAGE_AUDIT_ANCHOR_H_

#include <optional>
#include <string>
#include <string_view>

#include "contextmap/storage/store.h"

namespace contextmap::storage {

// The anchor file that goes with a key file.
std::string AnchorFileFor(const std::string& key_file);

// The anchor in `path`; nullopt if there is no file yet (or an empty one: nothing anchored).
// kFailedPrecondition if it is there but damaged.
Result<std::optional<AuditAnchor>> ReadAnchor(const std::string& path);

// Moves the anchor in `path` forward to `anchor` if that is newer than what it holds. A write
// that fails is reported, but the rows it anchors are committed whatever happens here.
Status AdvanceAnchor(const std::string& path, const AuditAnchor& anchor);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_AUDIT_ANCHOR_H_
