#include "contextmap/core/model.h"

#include <array>
#include <random>
#include <type_traits>

namespace contextmap {

namespace {

const std::array<KindInfo, kRecordKindCount>& KindInfos() {
  static const std::array<KindInfo, kRecordKindCount> infos = [] {
    std::array<KindInfo, kRecordKindCount> out{};
    std::size_t i = 0;
    ForEachKind([&]<class T>(std::type_identity<T>) {
      out[i++] = KindInfo{RecordTraits<T>::kKind, RecordTraits<T>::kPlural,
                          RecordTraits<T>::kSingular, RecordTraits<T>::kIdPrefix};
    });
    return out;
  }();
  return infos;
}

// Describe visitor that notes every reference (see CollectRefs).
class RefCollector {
 public:
  explicit RefCollector(std::vector<std::pair<RecordKind, std::string>>* out) : out_(out) {}
  void Text(std::string_view, const std::string&, Need, TextSize) {}
  void Ref(std::string_view, const std::string& v, RecordKind k, Need) {
    if (!v.empty()) out_->emplace_back(k, v);
  }
  void Day(std::string_view, const Date&, Need) {}
  void Instant(std::string_view, const Timestamp&, Need) {}
  template <class E>
  void Enum(std::string_view, const E&) {}
  void Int(std::string_view, const int64_t&, int64_t, int64_t) {}
  void Bool(std::string_view, const bool&) {}
  void Real(std::string_view, const std::optional<double>&) {}
  void TextList(std::string_view, const std::vector<std::string>&) {}
  void RefList(std::string_view, const std::vector<std::string>& v, RecordKind k) {
    for (const auto& id : v) out_->emplace_back(k, id);
  }
  template <class T>
  void Objects(std::string_view, const std::vector<T>& v) {
    for (const auto& e : v) Describe(const_cast<T&>(e), *this);
  }
  template <class T>
  void Object(std::string_view, const std::optional<T>& v) {
    if (v) Describe(const_cast<T&>(*v), *this);
  }

 private:
  std::vector<std::pair<RecordKind, std::string>>* out_;
};

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(id[0])) return false;
  for (char c : id) {
    if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
  }
  return true;
}

std::string EnumLabel(std::string_view wire_name) {
  std::string out(wire_name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

const KindInfo& InfoFor(RecordKind kind) { return KindInfos()[static_cast<std::size_t>(kind)]; }

std::optional<RecordKind> KindFromPlural(std::string_view plural) {
  for (const auto& info : KindInfos()) {
    if (info.plural == plural) return info.kind;
  }
  return std::nullopt;
}

const RecordBase& BaseOf(const Record& r) {
  return std::visit([](const auto& rec) -> const RecordBase& { return rec; }, r);
}

RecordBase& BaseOf(Record& r) {
  return std::visit([](auto& rec) -> RecordBase& { return rec; }, r);
}

std::string OwnMappingId(const Record& r) {
  return std::visit(
      [](const auto& rec) -> std::string {
        using T = std::decay_t<decltype(rec)>;
        if constexpr (std::is_same_v<T, Mapping>) {
          return rec.id;
        } else if constexpr (requires { rec.mapping_id; }) {
          return rec.mapping_id;
        } else {
          return {};
        }
      },
      r);
}

Record MakeRecord(RecordKind kind) {
  Record out;
  std::size_t want = static_cast<std::size_t>(kind);
  std::size_t i = 0;
  ForEachKind([&]<class T>(std::type_identity<T>) {
    if (i++ == want) out = T{};
  });
  return out;
}

std::string NewId(RecordKind kind) {
  // Crockford's base 32: no I, L, O or U, so ids read aloud without confusion.
  static constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t bits = rng();
  std::string id(InfoFor(kind).id_prefix);
  id += '-';
  for (int i = 0; i < 12; ++i) {
    id += kAlphabet[bits & 31];
    bits >>= 5;
  }
  return id;
}

void CollectRefs(const Record& record, std::vector<std::pair<RecordKind, std::string>>* out) {
  std::visit(
      [&](const auto& rec) {
        RefCollector c(out);
        Describe(const_cast<std::remove_cvref_t<decltype(rec)>&>(rec), c);
      },
      record);
}

}  // namespace contextmap
