// Whole numbers typed by people and clients: command-line flags, query parameters, headers.
//
// One rule everywhere: ASCII digits only (no sign, space, leading "+" or hex), at most 18 of
// them, and the value within [min, max]. Anything else is nullopt, and the caller names the
// field in its error. Cost: one pass over the text; no allocation.
#ifndef CONTEXTMAP_CORE_NUMBERS_H_
#define CONTEXTMAP_CORE_NUMBERS_H_

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace contextmap {

inline std::optional<int64_t> ParseWholeNumber(std::string_view text, int64_t min, int64_t max) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_NUMBERS_H_
