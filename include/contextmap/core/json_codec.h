// Reading and writing records as JSON objects: the interchange bundle and the API share this.
//
// DecodeRecord turns one parsed JSON object into a typed record, reporting every field whose
// JSON type or format is wrong (a string where a number belongs, an unknown enum value,
// "2011-02-31") as a Problem with its JSON pointer; semantic rules (required fields, ranges,
// references) are validation.h's job. EncodeRecord writes the canonical form: id and version
// first, then fields in Describe order, absent optionals and empty lists left out. Encoding
// then decoding gives back an equal record. Both are linear in the record's size.
#ifndef CONTEXTMAP_CORE_JSON_CODEC_H_
#define CONTEXTMAP_CORE_JSON_CODEC_H_

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/model.h"

namespace contextmap {

// One thing wrong with the input, and where: "/subjects/3/dob", "2011-02-31 is not a date".
struct Problem {
  std::string pointer;  // RFC 6901 JSON pointer into the input document ("" = the whole input)
  std::string message;  // plain English; never quotes free text from the input
};

// Collects problems, keeping the first `limit` and counting the rest.
class ProblemList {
 public:
  explicit ProblemList(std::size_t limit = 10'000) : limit_(limit) {}
  void Add(std::string pointer, std::string message);
  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  const std::vector<Problem>& kept() const { return kept_; }
  // One problem a line, "pointer: message", and "... and N more" when some were not kept.
  std::string ToString() const;

 private:
  std::size_t limit_;
  std::size_t total_ = 0;
  std::vector<Problem> kept_;
};

// Appends "/token" to a JSON pointer, escaping ~ and / as RFC 6901 says.
std::string PointerAppend(std::string_view pointer, std::string_view token);
std::string PointerAppend(std::string_view pointer, std::size_t index);

// Decodes `obj` as a record of `kind`. `pointer` locates obj in the input for problems.
// The returned record holds whatever could be read; use it only if no problem was added.
Record DecodeRecord(RecordKind kind, const nlohmann::json& obj, std::string_view pointer,
                    ProblemList* problems);

// Appends the record's canonical JSON object text to *out.
void EncodeRecord(const Record& record, std::string* out);
std::string EncodeRecord(const Record& record);

// Appends `text` as a JSON string literal (quoted, escaped) to *out.
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_JSON_CODEC_H_
