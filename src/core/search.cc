#include "contextmap/core/search.h"

#include <algorithm>

#include "contextmap/core/utf8.h"

namespace contextmap {

namespace {

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;
  bool valid = false;  // false: a byte that does not start a UTF-8 sequence here
};

// The code point at `i` (text checked elsewhere; a bad byte comes back as itself, invalid).
CodePoint Decode(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return {b, 1, true};
  std::size_t size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (size == 0 || i + size > s.size()) return {b, 1, false};
  char32_t value = b & (0x7F >> size);
  for (std::size_t k = 1; k < size; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {b, 1, false};
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  return {value, size, true};
}

void Append(char32_t c, std::string* out) {
  auto put = [&](unsigned v) { out->push_back(static_cast<char>(v)); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
}

// Simple one-to-one case folding of the scripts names are most often written in here.
char32_t Fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // Latin-1 capitals, not the multiplication sign
  if (c >= 0x100 && c <= 0x17F) {                // Latin Extended-A: capital, small pairs
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    if (c == 0x178) return 0xFF;  // Ÿ
    bool odd_capitals = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool capital = odd_capitals ? (c % 2 == 1) : (c % 2 == 0);
    return capital ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;  // Greek capitals
  if (c == 0x386) return 0x3AC;                               // and those with tonos
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c == 0x3C2) return 0x3C3;                 // final sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic capitals
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool IsSpace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Between words: spaces, controls, ASCII punctuation, dashes and curly quotes.
bool IsSeparator(char32_t c) {
  if (IsSpace(c) || c < 0x20 || c == 0x7F) return true;
  bool ascii_punctuation = (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  return ascii_punctuation || (c >= 0x2010 && c <= 0x201F);
}

// `text` case folded, without spaces: how postcodes and identifiers are compared.
std::string Compact(std::string_view text) {
  std::string folded = FoldCase(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    CodePoint cp = Decode(folded, i);
    if (!cp.valid || !IsSpace(cp.value)) out.append(folded, i, cp.size);
    i += cp.size;
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    CodePoint cp = Decode(text, i);
    if (cp.valid) {
      Append(Fold(cp.value), &out);
    } else {
      out.push_back(text[i]);
    }
    i += cp.size;
  }
  return out;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::string folded = FoldCase(text);
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < folded.size();) {
    CodePoint cp = Decode(folded, i);
    if (cp.valid && IsSeparator(cp.value)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(folded, i, cp.size);
    }
    i += cp.size;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

Result<SubjectSearch> ParseSubjectSearch(std::string_view q, std::string_view dob,
                                         std::string_view kinds) {
  SubjectSearch search;
  if (q.size() > kMaxSearchText) {
    return Status::Invalid("must be at most " + std::to_string(kMaxSearchText) + " bytes", "q");
  }
  CM_RETURN_IF_ERROR(CheckUtf8("q", q));
  search.compact = Compact(q);
  search.words = SearchWords(q);
  if (!dob.empty()) {
    std::optional<Date> d = Date::Parse(dob);
    if (!d) return Status::Invalid("must be a date written YYYY-MM-DD", "dob");
    search.dob = *d;
  }
  while (!kinds.empty()) {
    std::size_t comma = kinds.find(',');
    std::string_view name = TrimSpaces(kinds.substr(0, comma));
    std::optional<SubjectKind> kind = ParseEnum<SubjectKind>(name);
    if (!kind) {
      return Status::Invalid(
          "must be kinds of subject separated by commas, each " + EnumChoices<SubjectKind>(),
          "kind");
    }
    if (std::find(search.kinds.begin(), search.kinds.end(), *kind) == search.kinds.end()) {
      search.kinds.push_back(*kind);
    }
    if (comma == std::string_view::npos) break;
    kinds.remove_prefix(comma + 1);
    if (kinds.empty()) {
      return Status::Invalid("ends with a comma; name a kind of subject after it", "kind");
    }
  }
  if (search.compact.empty() && !search.dob.IsSet()) {
    return Status::Invalid(
        "is required unless dob is given: a name, alias, postcode or identifier to look for", "q");
  }
  return search;
}

bool Matches(const SubjectSearch& search, const Subject& subject) {
  if (!search.kinds.empty() &&
      std::find(search.kinds.begin(), search.kinds.end(), subject.kind) == search.kinds.end()) {
    return false;
  }
  if (search.dob.IsSet() && subject.dob != search.dob) return false;
  if (search.compact.empty()) return true;
  if (!search.words.empty()) {
    std::vector<std::string> words = SearchWords(subject.label);
    auto add = [&](std::string_view text) {
      for (std::string& w : SearchWords(text)) words.push_back(std::move(w));
    };
    add(subject.full_name);
    for (const std::string& alias : subject.aliases) add(alias);
    bool every = std::all_of(search.words.begin(), search.words.end(), [&](const std::string& s) {
      return std::any_of(words.begin(), words.end(),
                         [&](const std::string& w) { return w.starts_with(s); });
    });
    if (every) return true;
  }
  return (!subject.postcode.empty() && Compact(subject.postcode) == search.compact) ||
         (!subject.identifier.empty() && Compact(subject.identifier) == search.compact);
}

}  // namespace contextmap
