#include "contextmap/core/utf8.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace contextmap {

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  while (p < end) {
    // Most text is ASCII: skip it eight bytes at a time.
    if (end - p >= 8) {
      std::uint64_t eight;
      std::memcpy(&eight, p, sizeof eight);
      if ((eight & 0x8080808080808080u) == 0) {
        p += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    // A lead byte says how many continuation bytes follow; each length has a smallest code
    // point it may carry (anything smaller is an overlong form).
    std::ptrdiff_t more = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((*p & 0xe0) == 0xc0) {
      more = 1;
      cp = *p & 0x1fu;
      min = 0x80;
    } else if ((*p & 0xf0) == 0xe0) {
      more = 2;
      cp = *p & 0x0fu;
      min = 0x800;
    } else if ((*p & 0xf8) == 0xf0) {
      more = 3;
      cp = *p & 0x07u;
      min = 0x10000;
    } else {
      return false;  // a continuation byte with no lead, or 0xf8 to 0xff
    }
    if (end - p <= more) return false;  // truncated
    for (std::ptrdiff_t i = 1; i <= more; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    p += more + 1;
  }
  return true;
}

Status CheckUtf8(std::string_view field, std::string_view text) {
  if (IsValidUtf8(text)) return Status::Ok();
  return Status::Invalid(std::string(kNotUtf8), std::string(field));
}

}  // namespace contextmap
