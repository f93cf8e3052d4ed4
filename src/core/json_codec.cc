#include "contextmap/core/json_codec.h"

#include "contextmap/core/json_fields.h"

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace contextmap {

using nlohmann::json;

void ProblemList::Add(std::string pointer, std::string message) {
  ++total_;
  if (kept_.size() < limit_) kept_.push_back({std::move(pointer), std::move(message)});
}

std::string ProblemList::ToString() const {
  std::string out;
  for (const auto& p : kept_) {
    out += p.pointer.empty() ? "(document)" : p.pointer;
    out += ": ";
    out += p.message;
    out += '\n';
  }
  if (total_ > kept_.size()) {
    out += "... and " + std::to_string(total_ - kept_.size()) + " more problems\n";
  }
  return out;
}

std::string PointerAppend(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string PointerAppend(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + '/' + std::to_string(index);
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + text.size() + 2);
  *out += '"';
  // Characters that need no escape are appended in runs, not one at a time (writing the
  // whole-mapping answer spent two thirds of its time here when it went by character).
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 15];
    }
  }
  out->append(text.data() + run, text.size() - run);
  *out += '"';
}

Record DecodeRecord(RecordKind kind, const json& obj, std::string_view pointer,
                    ProblemList* problems) {
  Record record = MakeRecord(kind);
  if (!obj.is_object()) {
    problems->Add(std::string(pointer), "must be an object, not " + DescribeJsonValue(obj));
    return record;
  }
  std::visit(
      [&](auto& rec) {
        JsonFieldReader d(obj, pointer, problems);
        // id and version come first in every record.
        d.Ref("id", rec.id, kind, Need::kRequired);
        auto v = obj.find("version");
        std::optional<double> unused;
        if (v != obj.end() && !v->is_null()) {
          int64_t version = 0;
          d.Int("version", version, 0, INT64_MAX);
          rec.version = version;
        } else {
          d.Real("version", unused);  // marks it seen
        }
        Describe(rec, d);
        d.CheckUnknown();
      },
      record);
  return record;
}

void EncodeRecord(const Record& record, std::string* out) {
  std::visit(
      [&](const auto& rec) {
        JsonFieldWriter e(out);
        *out += '{';
        e.Key("id");
        AppendJsonString(rec.id, out);
        e.Int("version", rec.version, 0, 0);
        Describe(const_cast<std::remove_cvref_t<decltype(rec)>&>(rec), e);
        *out += '}';
      },
      record);
}

std::string EncodeRecord(const Record& record) {
  std::string out;
  EncodeRecord(record, &out);
  return out;
}

}  // namespace contextmap
