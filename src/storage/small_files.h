// Small files kept beside a store, outside its database (internal to storage): the key file
// and the audit anchor. Both are replaced whole, never edited in place, so a reader sees the
// old content or the new, never half of either; and both are changed under a lock so that two
// processes changing one at once take turns.
#ifndef CONTEXTMAP_STORAGE_SMALL_FILES_H_
#define CONTEXTMAP_STORAGE_SMALL_FILES_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "contextmap/core/status.h"

namespace contextmap::storage {

// Reads the whole file. kNotFound if it does not exist; kIoError otherwise on failure.
Result<std::string> ReadSmallFile(const std::string& path);

// Creates `path` with `content` and mode 0600, written and flushed to disk before it appears
// (a temporary file linked into place), and never over an existing file: kAlreadyExists then.
Status CreateSmallFile(const std::string& path, std::string_view content);

// What ReplaceSmallFile's callback returns: the new content, or nothing to leave it as it is.
using FileChange = std::function<Result<std::optional<std::string>>(std::string_view current)>;

// Holds an exclusive lock on `path` (flock; other processes calling this wait), calls `change`
// with its current content (empty if `create` and it did not exist), and if it returns new
// content, writes it to a temporary file (mode 0600) and renames it over `path`. With `create`
// false a missing file is kNotFound. `durable` flushes the new file and then the directory to
// disk (two fsyncs), so the new content survives a crash: the key file needs that. Without it
// a crash may leave the old content, or on some file systems an empty file (ext4 flushes a
// file renamed over another first); the audit anchor accepts that for a write that costs
// well under a millisecond instead of two disk flushes per audit commit. A failure of
// `change` is returned as it is.
Status ReplaceSmallFile(const std::string& path, bool create, bool durable,
                        const FileChange& change);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_SMALL_FILES_H_
