// The interchange bundle: one mapping or a whole partnership as one JSON document.
//
// Format (docs/bundle.md, docs/bundle.schema.json): an object with "format":
// "contextmap-bundle", "format_version": 1, "scope": "partnership" or "mapping" (with
// "mapping_id"), then one array per record kind keyed by its plural name ("agencies",
// "subjects", ...), each record an object as json_codec.h writes it. WriteBundle writes kinds
// in RecordKind order and records sorted by id, one per line, so the same data always gives
// the same bytes and export -> import -> export is byte-identical.
//
// ParseBundle and ReadBundleFile stream: they never hold the whole JSON tree, only one record's
// tree at a time, so memory is the typed records plus a small constant. They reject, with a Problem
// naming the place: invalid JSON or UTF-8 (with the byte offset), nesting deeper than
// kMaxBundleDepth, unknown sections and fields, wrong types and formats. ValidateBundle then checks
// every rule of validation.h plus duplicate ids and unique keys within the bundle. Cost: linear in
// the input; O(records) memory for the index.
#ifndef CONTEXTMAP_CORE_BUNDLE_H_
#define CONTEXTMAP_CORE_BUNDLE_H_

#include <array>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/json_codec.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "contextmap/core/validation.h"

namespace contextmap {

inline constexpr int kBundleFormatVersion = 1;
inline constexpr int kMaxBundleDepth = 32;

struct Bundle {
  std::string scope = "partnership";  // or "mapping"
  std::string mapping_id;             // the mapping, when scope is "mapping"
  // records[k] holds the records of RecordKind k, in input order (ParseBundle) or id order.
  std::array<std::vector<Record>, kRecordKindCount> records;

  std::vector<Record>& of(RecordKind k) { return records[static_cast<std::size_t>(k)]; }
  const std::vector<Record>& of(RecordKind k) const { return records[static_cast<std::size_t>(k)]; }
  std::size_t size() const;
  // Sorts every kind by id (what WriteBundle expects).
  void SortById();
};

// Parses bundle text. Problems go to *problems; the bundle holds what could be read.
void ParseBundle(std::string_view text, Bundle* bundle, ProblemList* problems);
// Maps the file and parses it. Returns IoError if it cannot be read.
Status ReadBundleFile(const std::string& path, Bundle* bundle, ProblemList* problems);

// Writes the canonical bundle text. Records must be sorted by id (SortById).
void WriteBundle(const Bundle& bundle, std::ostream& out);
Status WriteBundleFile(const Bundle& bundle, const std::string& path);

// An index of a bundle's records by kind and id, used as a resolver. References not found in
// the bundle are looked up in `fallback` (may be null). The bundle must outlive the index.
class BundleIndex : public RecordResolver {
 public:
  BundleIndex(const Bundle& bundle, RecordResolver* fallback);
  const Record* Find(RecordKind kind, const std::string& id) override;
  bool OnMapping(const std::string& mapping_id, const std::string& subject_id) override;
  // Where a record of the bundle sits: "/subjects/3"; "" if not in the bundle.
  std::string PointerOf(RecordKind kind, const std::string& id) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Checks duplicates and unique keys inside the bundle, then validates every record with
// references resolved through the bundle and then `fallback` (the store, or null).
void ValidateBundle(const Bundle& bundle, Date today, RecordResolver* fallback,
                    ProblemList* problems);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_BUNDLE_H_
