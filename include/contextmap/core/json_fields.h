// The field visitors behind json_codec.h, for modules that keep one field as JSON text
// (storage keeps lists and value objects in one column). JsonFieldReader reads a parsed JSON
// object field by field, reporting type and format problems; JsonFieldWriter appends canonical
// JSON. Both follow the visitor protocol documented in model.h.
#ifndef CONTEXTMAP_CORE_JSON_FIELDS_H_
#define CONTEXTMAP_CORE_JSON_FIELDS_H_

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/json_codec.h"
#include "contextmap/core/model.h"
#include "contextmap/core/utf8.h"

namespace contextmap {

using json = nlohmann::json;

// What a problem message may say about a value the user sent: enum names and dates are short
// and structural; anything else is described by its JSON type only.
inline std::string DescribeJsonValue(const json& v) {
  if (!v.is_string()) return std::string("a ") + v.type_name();
  const auto& s = v.get_ref<const std::string&>();
  std::string out = "'";
  for (char c : s.substr(0, 40)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > 40) out += "...";
  return out + "'";
}

class JsonFieldReader {
 public:
  JsonFieldReader(const json& obj, std::string_view pointer, ProblemList* problems)
      : obj_(obj), pointer_(pointer), problems_(problems) {}

  // Reports fields the record does not have. Call after Describe.
  void CheckUnknown() {
    if (found_ == obj_.size()) return;  // every key was a field
    for (const auto& [key, value] : obj_.items()) {
      bool known = false;
      for (std::string_view n : names_) known = known || n == key;
      if (!known) Fail(key, "is not a field of this record");
    }
  }

  void Text(std::string_view name, std::string& out, Need, TextSize) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(name, "must be a string, not " + DescribeJsonValue(*v));
    if (!IsValidUtf8(v->get_ref<const std::string&>())) return Fail(name, std::string(kNotUtf8));
    out = v->get<std::string>();
  }
  void Ref(std::string_view name, std::string& out, RecordKind, Need) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_string())
      return Fail(name, "must be a record id (a string), not " + DescribeJsonValue(*v));
    if (!IsValidUtf8(v->get_ref<const std::string&>())) return Fail(name, std::string(kNotUtf8));
    out = v->get<std::string>();
  }
  void Day(std::string_view name, Date& out, Need) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_string())
      return Fail(name, "must be a date written YYYY-MM-DD, not " + DescribeJsonValue(*v));
    auto d = Date::Parse(v->get_ref<const std::string&>());
    if (!d) return Fail(name, v->get<std::string>().substr(0, 40) + " is not a date (YYYY-MM-DD)");
    out = *d;
  }
  void Instant(std::string_view name, Timestamp& out, Need) {
    const json* v = Get(name);
    if (v == nullptr) return;
    auto t = v->is_string() ? Timestamp::Parse(v->get_ref<const std::string&>()) : std::nullopt;
    if (!t) return Fail(name, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ");
    out = *t;
  }
  template <NamedEnum E>
  void Enum(std::string_view name, E& out) {
    const json* v = Get(name);
    if (v == nullptr) return Fail(name, "is required (" + EnumChoices<E>() + ")");
    ParseInto(name, *v, out);
  }
  template <NamedEnum E>
  void Enum(std::string_view name, std::optional<E>& out) {
    const json* v = Get(name);
    if (v == nullptr) return;
    E e{};
    if (ParseInto(name, *v, e)) out = e;
  }
  void Int(std::string_view name, int64_t& out, int64_t, int64_t) {
    const json* v = Get(name);
    if (v == nullptr) return Fail(name, "is required (a whole number)");
    if (!v->is_number_integer())
      return Fail(name, "must be a whole number, not " + DescribeJsonValue(*v));
    out = v->get<int64_t>();
  }
  void Bool(std::string_view name, bool& out) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_boolean()) return Fail(name, "must be true or false, not " + DescribeJsonValue(*v));
    out = v->get<bool>();
  }
  void Real(std::string_view name, std::optional<double>& out) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_number()) return Fail(name, "must be a number, not " + DescribeJsonValue(*v));
    out = v->get<double>();
  }
  void TextList(std::string_view name, std::vector<std::string>& out) {
    StringList(name, out, "a list of strings");
  }
  void RefList(std::string_view name, std::vector<std::string>& out, RecordKind) {
    StringList(name, out, "a list of record ids");
  }
  template <class T>
  void Objects(std::string_view name, std::vector<T>& out) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_array())
      return Fail(name, "must be a list of objects, not " + DescribeJsonValue(*v));
    std::string here = PointerAppend(pointer_, name);
    out.resize(v->size());
    for (std::size_t i = 0; i < v->size(); ++i)
      DecodeObject((*v)[i], PointerAppend(here, i), out[i]);
  }
  template <class T>
  void Object(std::string_view name, std::optional<T>& out) {
    const json* v = Get(name);
    if (v == nullptr) return;
    out.emplace();
    DecodeObject(*v, PointerAppend(pointer_, name), *out);
  }

  template <class T>
  void DecodeObject(const json& v, const std::string& pointer, T& out) {
    if (!v.is_object()) {
      problems_->Add(pointer, "must be an object, not " + DescribeJsonValue(v));
      return;
    }
    JsonFieldReader inner(v, pointer, problems_);
    Describe(out, inner);
    inner.CheckUnknown();
  }

  void Fail(std::string_view name, std::string message) {
    problems_->Add(PointerAppend(pointer_, name), std::move(message));
  }

 private:
  // The field's value, or null when absent or JSON null (both mean "not given").
  const json* Get(std::string_view name) {
    names_.push_back(name);
    auto it = obj_.find(name);
    if (it == obj_.end()) return nullptr;
    ++found_;
    if (it->is_null()) return nullptr;
    return &*it;
  }

  template <NamedEnum E>
  bool ParseInto(std::string_view name, const json& v, E& out) {
    std::optional<E> e =
        v.is_string() ? ParseEnum<E>(v.get_ref<const std::string&>()) : std::nullopt;
    if (!e) {
      Fail(name, DescribeJsonValue(v) + " is not a known value (" + EnumChoices<E>() + ")");
      return false;
    }
    out = *e;
    return true;
  }

  void StringList(std::string_view name, std::vector<std::string>& out, const char* what) {
    const json* v = Get(name);
    if (v == nullptr) return;
    if (!v->is_array())
      return Fail(name, std::string("must be ") + what + ", not " + DescribeJsonValue(*v));
    std::string here = PointerAppend(pointer_, name);
    out.clear();
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_string()) {
        problems_->Add(PointerAppend(here, i), "must be a string, not " + DescribeJsonValue(e));
        continue;
      }
      if (!IsValidUtf8(e.get_ref<const std::string&>())) {
        problems_->Add(PointerAppend(here, i), std::string(kNotUtf8));
        continue;
      }
      out.push_back(e.get<std::string>());
    }
  }

  const json& obj_;
  std::string_view pointer_;
  ProblemList* problems_;
  std::vector<std::string_view> names_;  // fields asked for (string literals)
  std::size_t found_ = 0;                // of those, how many the object has
};

class JsonFieldWriter {
 public:
  explicit JsonFieldWriter(std::string* out) : out_(out) {}

  void Text(std::string_view name, const std::string& v, Need, TextSize) {
    if (!v.empty()) {
      Key(name);
      AppendJsonString(v, out_);
    }
  }
  void Ref(std::string_view name, const std::string& v, RecordKind, Need) {
    if (!v.empty()) {
      Key(name);
      AppendJsonString(v, out_);
    }
  }
  void Day(std::string_view name, const Date& v, Need) {
    if (v.IsSet()) {
      Key(name);
      AppendJsonString(v.ToString(), out_);
    }
  }
  void Instant(std::string_view name, const Timestamp& v, Need) {
    if (v.IsSet()) {
      Key(name);
      AppendJsonString(v.ToString(), out_);
    }
  }
  template <NamedEnum E>
  void Enum(std::string_view name, const E& v) {
    Key(name);
    AppendJsonString(EnumName(v), out_);
  }
  template <NamedEnum E>
  void Enum(std::string_view name, const std::optional<E>& v) {
    if (v) Enum(name, *v);
  }
  void Int(std::string_view name, const int64_t& v, int64_t, int64_t) {
    Key(name);
    *out_ += std::to_string(v);
  }
  void Bool(std::string_view name, const bool& v) {
    Key(name);
    *out_ += v ? "true" : "false";
  }
  void Real(std::string_view name, const std::optional<double>& v) {
    if (!v) return;
    Key(name);
    if (!std::isfinite(*v)) {
      *out_ += "null";  // validation rejects these; never write invalid JSON
      return;
    }
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, *v);
    out_->append(buf, res.ptr);
  }
  void TextList(std::string_view name, const std::vector<std::string>& v) {
    if (v.empty()) return;
    Key(name);
    *out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) *out_ += ',';
      AppendJsonString(v[i], out_);
    }
    *out_ += ']';
  }
  void RefList(std::string_view name, const std::vector<std::string>& v, RecordKind) {
    TextList(name, v);
  }
  template <class T>
  void Objects(std::string_view name, const std::vector<T>& v) {
    if (v.empty()) return;
    Key(name);
    *out_ += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) *out_ += ',';
      EncodeObject(v[i]);
    }
    *out_ += ']';
  }
  template <class T>
  void Object(std::string_view name, const std::optional<T>& v) {
    if (!v) return;
    Key(name);
    EncodeObject(*v);
  }

  template <class T>
  void EncodeObject(const T& v) {
    JsonFieldWriter inner(out_);
    *out_ += '{';
    Describe(const_cast<T&>(v), inner);  // Describe only reads through an Encoder
    *out_ += '}';
  }

  void Key(std::string_view name) {
    if (!first_) *out_ += ',';
    first_ = false;
    AppendJsonString(name, out_);
    *out_ += ':';
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// Appends a list of value objects / one value object / a list of strings as JSON.
template <class T>
void AppendJsonValue(const std::vector<T>& v, std::string* out) {
  JsonFieldWriter w(out);
  *out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) *out += ',';
    w.EncodeObject(v[i]);
  }
  *out += ']';
}
inline void AppendJsonValue(const std::vector<std::string>& v, std::string* out) {
  *out += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) *out += ',';
    AppendJsonString(v[i], out);
  }
  *out += ']';
}
template <class T>
void AppendJsonValue(const T& obj, std::string* out) {
  JsonFieldWriter w(out);
  w.EncodeObject(obj);
}

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_JSON_FIELDS_H_
