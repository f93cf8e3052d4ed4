#include "storage/sql_record.h"

#include <algorithm>
#include <array>

#include "contextmap/core/json_fields.h"
#include "contextmap/core/utf8.h"

namespace contextmap::storage {

namespace {

// Collects the kinds of every reference inside a value object's Describe.
class RefKindCollector {
 public:
  explicit RefKindCollector(std::vector<RecordKind>* out) : out_(out) {}
  void Text(std::string_view, std::string&, Need, TextSize) {}
  void Ref(std::string_view, std::string&, RecordKind k, Need) { Add(k); }
  void Day(std::string_view, Date&, Need) {}
  void Instant(std::string_view, Timestamp&, Need) {}
  template <class E>
  void Enum(std::string_view, E&) {}
  void Int(std::string_view, int64_t&, int64_t, int64_t) {}
  void Bool(std::string_view, bool&) {}
  void Real(std::string_view, std::optional<double>&) {}
  void TextList(std::string_view, std::vector<std::string>&) {}
  void RefList(std::string_view, std::vector<std::string>&, RecordKind k) { Add(k); }
  template <class T>
  void Objects(std::string_view, std::vector<T>&) {
    T t{};
    Describe(t, *this);
  }
  template <class T>
  void Object(std::string_view, std::optional<T>&) {
    T t{};
    Describe(t, *this);
  }

 private:
  void Add(RecordKind k) {
    if (std::find(out_->begin(), out_->end(), k) == out_->end()) out_->push_back(k);
  }
  std::vector<RecordKind>* out_;
};

class ColumnCollector {
 public:
  explicit ColumnCollector(std::vector<ColumnInfo>* out) : out_(out) {}
  void Text(std::string_view n, std::string&, Need, TextSize) { Plain(n); }
  void Ref(std::string_view n, std::string&, RecordKind k, Need) {
    out_->push_back({std::string(n), true, k, false, {}});
  }
  void Day(std::string_view n, Date&, Need) { Plain(n); }
  void Instant(std::string_view n, Timestamp&, Need) { Plain(n); }
  template <class E>
  void Enum(std::string_view n, E&) {
    Plain(n);
  }
  void Int(std::string_view n, int64_t&, int64_t, int64_t) { Plain(n); }
  void Bool(std::string_view n, bool&) { Plain(n); }
  void Real(std::string_view n, std::optional<double>&) { Plain(n); }
  void TextList(std::string_view n, std::vector<std::string>&) { Json(n, {}); }
  void RefList(std::string_view n, std::vector<std::string>&, RecordKind k) { Json(n, {k}); }
  // A list of objects and an optional object are both one JSON column.
  template <class T>
  void Objects(std::string_view n, std::vector<T>&) {
    Nested<T>(n);
  }
  template <class T>
  void Object(std::string_view n, std::optional<T>&) {
    Nested<T>(n);
  }

 private:
  // A JSON column of T objects, with the kinds of record T refers to.
  template <class T>
  void Nested(std::string_view n) {
    std::vector<RecordKind> kinds;
    RefKindCollector c(&kinds);
    T t{};
    Describe(t, c);
    Json(n, kinds);
  }
  void Plain(std::string_view n) { out_->push_back({std::string(n), false, {}, false, {}}); }
  void Json(std::string_view n, std::vector<RecordKind> kinds) {
    out_->push_back({std::string(n), false, {}, true, std::move(kinds)});
  }
  std::vector<ColumnInfo>* out_;
};

class Binder {
 public:
  explicit Binder(std::vector<SqlValue>* out) : out_(out) {}
  void Text(std::string_view, const std::string& v, Need, TextSize) { Str(v); }
  void Ref(std::string_view, const std::string& v, RecordKind, Need) { Str(v); }
  void Day(std::string_view, const Date& v, Need) { Str(v.ToString()); }
  void Instant(std::string_view, const Timestamp& v, Need) { Str(v.ToString()); }
  template <NamedEnum E>
  void Enum(std::string_view, const E& v) {
    out_->emplace_back(std::string(EnumName(v)));
  }
  template <NamedEnum E>
  void Enum(std::string_view, const std::optional<E>& v) {
    if (v) {
      out_->emplace_back(std::string(EnumName(*v)));
    } else {
      out_->emplace_back();
    }
  }
  void Int(std::string_view, const int64_t& v, int64_t, int64_t) { out_->emplace_back(v); }
  void Bool(std::string_view, const bool& v) { out_->emplace_back(int64_t{v ? 1 : 0}); }
  void Real(std::string_view, const std::optional<double>& v) {
    if (v) {
      out_->emplace_back(*v);
    } else {
      out_->emplace_back();
    }
  }
  void TextList(std::string_view, const std::vector<std::string>& v) { List(v); }
  void RefList(std::string_view, const std::vector<std::string>& v, RecordKind) { List(v); }
  template <class T>
  void Objects(std::string_view, const std::vector<T>& v) {
    List(v);
  }
  template <class T>
  void Object(std::string_view, const std::optional<T>& v) {
    if (!v) {
      out_->emplace_back();
      return;
    }
    std::string s;
    AppendJsonValue(*v, &s);
    out_->emplace_back(std::move(s));
  }

 private:
  void Str(std::string v) {
    if (v.empty()) {
      out_->emplace_back();  // absent is NULL, so foreign keys and IS NULL work
    } else {
      out_->emplace_back(std::move(v));
    }
  }
  template <class L>
  void List(const L& v) {
    if (v.empty()) {
      out_->emplace_back();
      return;
    }
    std::string s;
    AppendJsonValue(v, &s);
    out_->emplace_back(std::move(s));
  }
  std::vector<SqlValue>* out_;
};

class Reader {
 public:
  Reader(const SqlRow& row, int first, std::string_view table)
      : row_(row), col_(first), table_(table) {}

  // Text read back must be UTF-8 like text written (the database may have been edited).
  void Text(std::string_view n, std::string& v, Need, TextSize) { Utf8(n, v); }
  void Ref(std::string_view n, std::string& v, RecordKind, Need) { Utf8(n, v); }
  void Day(std::string_view n, Date& v, Need) { UnlessEmpty(n, v, Date::Parse); }
  void Instant(std::string_view n, Timestamp& v, Need) { UnlessEmpty(n, v, Timestamp::Parse); }
  template <NamedEnum E>
  void Enum(std::string_view n, E& v) {
    auto e = ParseEnum<E>(Str());
    if (!e) return Corrupt(n);
    v = *e;
  }
  template <NamedEnum E>
  void Enum(std::string_view n, std::optional<E>& v) {
    UnlessEmpty(n, v, [](std::string_view s) { return ParseEnum<E>(s); });
  }
  void Int(std::string_view, int64_t& v, int64_t, int64_t) { v = row_.Int(col_++); }
  void Bool(std::string_view, bool& v) { v = row_.Int(col_++) != 0; }
  void Real(std::string_view, std::optional<double>& v) {
    if (row_.IsNull(col_)) {
      ++col_;
      return;
    }
    v = row_.Real(col_++);
  }
  void TextList(std::string_view n, std::vector<std::string>& v) { Strings(n, v); }
  void RefList(std::string_view n, std::vector<std::string>& v, RecordKind) { Strings(n, v); }
  template <class T>
  void Objects(std::string_view n, std::vector<T>& v) {
    json j;
    if (!Parse(n, &j)) return;
    if (!j.is_array()) return Corrupt(n);
    ProblemList problems(1);
    JsonFieldReader reader(j, "", &problems);
    v.resize(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) reader.DecodeObject(j[i], "", v[i]);
    if (!problems.empty()) Corrupt(n);
  }
  template <class T>
  void Object(std::string_view n, std::optional<T>& v) {
    json j;
    if (!Parse(n, &j)) return;
    ProblemList problems(1);
    JsonFieldReader reader(j, "", &problems);
    v.emplace();
    reader.DecodeObject(j, "", *v);
    if (!problems.empty()) Corrupt(n);
  }

  const Status& status() const { return status_; }

 private:
  std::string Str() {
    int c = col_++;
    if (row_.IsNull(c)) return {};
    return std::string(row_.Text(c));
  }
  void Utf8(std::string_view n, std::string& v) {
    v = Str();
    if (!IsValidUtf8(v)) Corrupt(n);
  }
  // Reads the next column into `v` with `parse`: an empty column leaves `v` as it is, and text
  // that `parse` refuses is corrupt.
  template <class T, class ParseFn>
  void UnlessEmpty(std::string_view n, T& v, ParseFn parse) {
    std::string s = Str();
    if (s.empty()) return;
    auto parsed = parse(s);
    if (!parsed) return Corrupt(n);
    v = *parsed;
  }
  bool Parse(std::string_view n, json* out) {
    int c = col_++;
    if (row_.IsNull(c)) return false;
    *out = json::parse(row_.Text(c), nullptr, /*allow_exceptions=*/false);
    if (out->is_discarded()) {
      Corrupt(n);
      return false;
    }
    return true;
  }
  void Strings(std::string_view n, std::vector<std::string>& v) {
    json j;
    if (!Parse(n, &j)) return;
    if (!j.is_array()) return Corrupt(n);
    for (const auto& e : j) {
      if (!e.is_string()) return Corrupt(n);
      v.push_back(e.get<std::string>());
    }
  }
  void Corrupt(std::string_view column) {
    if (status_.ok()) {
      status_ = Status::Internal("a stored value in " + std::string(table_) + "." +
                                 std::string(column) + " cannot be read back");
    }
  }

  const SqlRow& row_;
  int col_;
  std::string_view table_;
  Status status_;
};

std::array<TableInfo, kRecordKindCount> BuildTables() {
  std::array<TableInfo, kRecordKindCount> out;
  std::size_t i = 0;
  ForEachKind([&]<class T>(std::type_identity<T>) {
    TableInfo& t = out[i++];
    t.kind = RecordTraits<T>::kKind;
    t.table = std::string(RecordTraits<T>::kPlural);
    T sample{};
    ColumnCollector c(&t.columns);
    Describe(sample, c);
    t.column_list = "id, version";
    std::string placeholders = "?, ?";
    std::string sets;
    for (const auto& col : t.columns) {
      t.column_list += ", " + col.name;
      placeholders += ", ?";
      sets += col.name + " = ?, ";
    }
    t.insert_sql =
        "INSERT INTO " + t.table + " (" + t.column_list + ") VALUES (" + placeholders + ")";
    t.update_sql =
        "UPDATE " + t.table + " SET " + sets + "version = version + 1 WHERE id = ? AND version = ?";
  });
  return out;
}

}  // namespace

const ColumnInfo* TableInfo::Column(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const TableInfo& TableFor(RecordKind kind) {
  static const std::array<TableInfo, kRecordKindCount> kTables = BuildTables();
  return kTables[static_cast<std::size_t>(kind)];
}

void BindRecord(const Record& record, std::vector<SqlValue>* out) {
  std::visit(
      [&](const auto& rec) {
        out->emplace_back(rec.id);
        out->emplace_back(rec.version);
        Binder b(out);
        Describe(const_cast<std::remove_cvref_t<decltype(rec)>&>(rec), b);
      },
      record);
}

void BindUpdate(const Record& record, std::vector<SqlValue>* out) {
  std::visit(
      [&](const auto& rec) {
        Binder b(out);
        Describe(const_cast<std::remove_cvref_t<decltype(rec)>&>(rec), b);
        out->emplace_back(rec.id);
        out->emplace_back(rec.version);
      },
      record);
}

Result<Record> ReadRecord(RecordKind kind, const SqlRow& row) {
  Record record = MakeRecord(kind);
  Status status;
  std::visit(
      [&](auto& rec) {
        rec.id = std::string(row.Text(0));
        rec.version = row.Int(1);
        Reader r(row, 2, TableFor(kind).table);
        Describe(rec, r);
        status = r.status();
      },
      record);
  if (!status.ok()) return status;
  return record;
}

}  // namespace contextmap::storage
