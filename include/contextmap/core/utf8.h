// Valid UTF-8: the one check every text field passes wherever it enters (the JSON codec, the
// bundle reader, record validation, rows read back from a store, command-line arguments, and
// the API's headers, query and path).
//
// Valid means well-formed UTF-8 as RFC 3629 and Unicode define it: no stray continuation bytes,
// no truncated sequences, no overlong forms, no surrogates (U+D800 to U+DFFF), nothing above
// U+10FFFF. NUL and other control characters are valid UTF-8; validation.h decides where they
// may appear. Cost: one pass over the text, eight ASCII bytes at a time; no allocation.
#ifndef CONTEXTMAP_CORE_UTF8_H_
#define CONTEXTMAP_CORE_UTF8_H_

#include <string_view>

#include "contextmap/core/status.h"

namespace contextmap {

bool IsValidUtf8(std::string_view text);

// The message every entry point gives for text that is not UTF-8 (never quoting the bytes).
inline constexpr std::string_view kNotUtf8 = "is not valid UTF-8 text";

// OK, or kInvalidArgument "is not valid UTF-8 text" naming `field` (a field name, a JSON
// pointer, a command-line option or a header name).
Status CheckUtf8(std::string_view field, std::string_view text);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_UTF8_H_
