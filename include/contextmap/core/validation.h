// The rules a record must satisfy before any store accepts it.
//
// ValidateRecord checks one record: required fields, text sizes, id formats, integer ranges,
// and the domain rules (a handling code C item needs its conditions, a link joins two
// different subjects of kinds its type allows, dates of past events are not in the future,
// a risk category exists in the mapping's protocol profile...). References are checked through
// a RecordResolver, so the same rules serve a bundle import (resolver = bundle + store) and a
// single API write (resolver = store). Every problem found is added; nothing stops at the
// first. Cost: linear in the record plus one resolver lookup per reference.
#ifndef CONTEXTMAP_CORE_VALIDATION_H_
#define CONTEXTMAP_CORE_VALIDATION_H_

#include <string>
#include <string_view>

#include "contextmap/core/date.h"
#include "contextmap/core/json_codec.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"

namespace contextmap {

// Finds records for reference checks. Implementations own what they return: a pointer stays
// valid until the resolver is destroyed.
class RecordResolver {
 public:
  virtual ~RecordResolver() = default;
  // The record of `kind` with `id`, or null when there is none.
  virtual const Record* Find(RecordKind kind, const std::string& id) = 0;
  // Whether `subject_id` appears on `mapping_id` (has a MappingSubject there).
  virtual bool OnMapping(const std::string& mapping_id, const std::string& subject_id) = 0;
};

struct ValidationContext {
  Date today;                          // past events may not be after this day
  RecordResolver* resolver = nullptr;  // null: reference and cross-record rules are skipped
};

// Adds every problem with `record` to *problems, pointers under `pointer` ("/subjects/3").
void ValidateRecord(const Record& record, std::string_view pointer, const ValidationContext& ctx,
                    ProblemList* problems);

// The same for a caller that wants one Status: OK, or InvalidArgument naming the first
// problem's field ("/dob") and listing all of them in the message.
// Pointers are under `pointer` ("" for a record that is the whole body).
Status CheckRecord(const Record& record, const ValidationContext& ctx,
                   std::string_view pointer = {});

// Whether a link of `type` may join subjects of these kinds, in this direction.
bool LinkEndsAllowed(LinkType type, SubjectKind from, SubjectKind to);
// Whether `role` fits a subject of `kind` on a mapping.
bool RoleAllowed(MappingRole role, const Subject& subject);
// UK postcode shape ("ZZ1 4QT", "zz14qt"), not whether it exists.
bool IsUkPostcode(std::string_view text);
// "HH:MM", 24-hour clock.
bool IsClockTime(std::string_view text);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_VALIDATION_H_
