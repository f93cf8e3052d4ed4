// Finding a person or a place by what someone types: the matching rule behind "Find a person"
// (GET /api/v1/search). Whether the user may see a match is not decided here (access.h).
//
// A SubjectSearch is read from the three things a user gives (ParseSubjectSearch) and then
// tried against one subject at a time (Matches):
// - text (`q`): either every word of it is the start of a word of the subject's label, full
//   name or one of its aliases (the words may come from different ones: "deano mock" finds
//   Dean Mockley alias Deano), or the whole text, spaces removed, equals the subject's postcode
//   or identifier, spaces removed ("zz93hs" finds "ZZ9 3HS").
// - date of birth (`dob`): equals the subject's; a subject with no date of birth never matches.
// - kinds (`kind`): the subject is of one of them (none given: any kind).
// Every criterion given must hold. At least one of text and date of birth is required.
//
// Words are the runs of text between spaces and punctuation (ASCII punctuation, dashes and
// curly quotes), so "O'Neil-Smith" is the words "o", "neil" and "smith" and a search for
// "neil" finds it. Comparison ignores case (FoldCase: Latin, Greek and Cyrillic letters), but
// not accents: "zoe" does not find "Zoë", as a name spelt differently is a different name.
//
// Cost: Matches folds and splits the subject's label, name and aliases on each call: linear in
// their length, with a few small allocations. The API route runs it over every subject of the
// partnership (a scan, about a millisecond per few thousand subjects); a county-scale
// partnership will need an index (a later issue).
#ifndef CONTEXTMAP_CORE_SEARCH_H_
#define CONTEXTMAP_CORE_SEARCH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"

namespace contextmap {

// The longest text a search takes, in bytes.
inline constexpr std::size_t kMaxSearchText = 200;

struct SubjectSearch {
  std::vector<std::string> words;  // the text's words, case folded (none: no word rule)
  std::string compact;             // the text case folded, spaces removed ("": no text given)
  Date dob;                        // unset: any
  std::vector<SubjectKind> kinds;  // empty: any
};

// Reads a search from the API's parameters as sent (each "" when not given): `q` (text),
// `dob` (YYYY-MM-DD) and `kinds` (SubjectKind names, comma-separated). Text that is only
// spaces counts as not given. Errors are kInvalidArgument naming the parameter ("q", "dob",
// "kind"); messages never quote what was typed (it may be a name).
Result<SubjectSearch> ParseSubjectSearch(std::string_view q, std::string_view dob,
                                         std::string_view kinds);

// Whether `subject` fits every criterion of `search`.
bool Matches(const SubjectSearch& search, const Subject& subject);

// `text` with letters in lower case: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
// capitals are folded one to one; everything else (accents included) is kept as written.
// Bytes that are not UTF-8 are copied unchanged.
std::string FoldCase(std::string_view text);

// The case-folded words of `text` (see above for what separates them).
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_SEARCH_H_
