#include "contextmap/core/bundle.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

namespace contextmap {

using nlohmann::json;

std::size_t Bundle::size() const {
  std::size_t n = 0;
  for (const auto& v : records) n += v.size();
  return n;
}

void Bundle::SortById() {
  for (auto& v : records) {
    std::sort(v.begin(), v.end(),
              [](const Record& a, const Record& b) { return BaseOf(a).id < BaseOf(b).id; });
  }
}

namespace {

// Streams a bundle: keeps the header fields and builds one record's JSON tree at a time,
// decoding it into a typed record as soon as it is complete.
class BundleSax : public nlohmann::json_sax<json> {
 public:
  BundleSax(Bundle* bundle, ProblemList* problems) : bundle_(bundle), problems_(problems) {}

  bool null() override { return Value(json(nullptr)); }
  bool boolean(bool v) override { return Value(json(v)); }
  bool number_integer(number_integer_t v) override { return Value(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Value(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Value(json(v)); }
  bool string(string_t& v) override { return Value(json(std::move(v))); }
  bool binary(binary_t&) override { return Value(json()); }

  bool start_object(std::size_t) override {
    if (!Enter()) return false;
    if (depth_ == 1) return true;  // the bundle itself
    return Open(json::object());
  }
  bool end_object() override {
    bool ok = Close();
    --depth_;
    return ok;
  }
  bool start_array(std::size_t) override {
    if (!Enter()) return false;
    if (depth_ == 1) {
      problems_->Add("", "a bundle must be a JSON object, not an array");
      return false;
    }
    if (depth_ == 2 && section_ >= 0) {
      in_section_ = true;
      index_ = 0;
      return true;
    }
    return Open(json::array());
  }
  bool end_array() override {
    bool ok = true;
    if (depth_ == 2 && in_section_) {
      in_section_ = false;
    } else {
      ok = Close();
    }
    --depth_;
    return ok;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) return TopKey(k);
    if (!stack_.empty()) pending_key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while
    // parsing value - invalid literal; last read: '...'": keep the middle, drop the input echo.
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    if (auto p = what.find("; last read"); p != std::string::npos) what.resize(p);
    problems_->Add("", "not valid JSON at byte " + std::to_string(position) + ": " + what);
    return false;
  }

  bool saw_document() const { return saw_document_; }
  const json& header(const std::string& key) const {
    static const json kNull;
    auto it = header_.find(key);
    return it == header_.end() ? kNull : it->second;
  }

 private:
  bool Enter() {
    saw_document_ = true;
    if (++depth_ > kMaxBundleDepth) {
      problems_->Add(Here(), "nesting is deeper than " + std::to_string(kMaxBundleDepth) +
                                 " levels; a bundle never needs that");
      return false;
    }
    return true;
  }

  std::string Here() const {
    if (section_ < 0) return "";
    std::string p = PointerAppend("", InfoFor(static_cast<RecordKind>(section_)).plural);
    return in_section_ ? PointerAppend(p, index_) : p;
  }

  bool TopKey(const std::string& k) {
    section_ = -1;
    header_key_.clear();
    if (auto kind = KindFromPlural(k)) {
      int s = static_cast<int>(*kind);
      if (seen_sections_.contains(s)) {
        problems_->Add(PointerAppend("", k), "this section appears twice");
      }
      seen_sections_.insert(s);
      section_ = s;
    } else if (k == "format" || k == "format_version" || k == "scope" || k == "mapping_id") {
      header_key_ = k;
    } else {
      problems_->Add(PointerAppend("", k), "is not a section of a bundle");
    }
    return true;
  }

  // A scalar value: a header field, a whole (invalid) record, or part of a record's tree.
  bool Value(json v) {
    saw_document_ = true;
    if (depth_ == 0) {
      problems_->Add("", "a bundle must be a JSON object, not a " + std::string(v.type_name()));
      return false;
    }
    if (!stack_.empty()) return Add(std::move(v));
    if (depth_ == 1) {
      if (section_ >= 0) {
        problems_->Add(Here(), "must be a list of records, not a " + std::string(v.type_name()));
      } else if (!header_key_.empty()) {
        header_[header_key_] = std::move(v);
      }
      return true;
    }
    if (depth_ == 2 && in_section_) {
      Finish(v);
      return true;
    }
    return true;  // inside a skipped value
  }

  bool Open(json container) {
    if (stack_.empty()) {
      if (depth_ == 2 && section_ >= 0 && !in_section_) {
        problems_->Add(Here(), "must be a list of records, not an object");
        return true;
      }
      if (depth_ == 2 && !header_key_.empty()) {
        problems_->Add(PointerAppend("", header_key_), "must be a single value");
        header_key_.clear();
        return true;
      }
      if (!(depth_ == 3 && in_section_)) return true;  // a header or skipped value's insides
      root_ = std::move(container);
      stack_.push_back(&root_);
      return true;
    }
    json* parent = stack_.back();
    json* child;
    if (parent->is_object()) {
      child = &(*parent)[pending_key_];
      *child = std::move(container);
    } else {
      parent->push_back(std::move(container));
      child = &parent->back();
    }
    stack_.push_back(child);
    return true;
  }

  bool Add(json v) {
    json* parent = stack_.back();
    if (parent->is_object()) {
      (*parent)[pending_key_] = std::move(v);
    } else {
      parent->push_back(std::move(v));
    }
    return true;
  }

  bool Close() {
    if (stack_.empty()) return true;
    stack_.pop_back();
    if (stack_.empty()) {
      Finish(root_);
      root_ = json();
    }
    return true;
  }

  void Finish(const json& element) {
    auto kind = static_cast<RecordKind>(section_);
    bundle_->of(kind).push_back(DecodeRecord(kind, element, Here(), problems_));
    ++index_;
  }

  Bundle* bundle_;
  ProblemList* problems_;
  int depth_ = 0;
  int section_ = -1;  // RecordKind of the current top-level key, or -1
  bool in_section_ = false;
  std::size_t index_ = 0;
  std::string header_key_;
  std::unordered_map<std::string, json> header_;
  std::unordered_set<int> seen_sections_;
  bool saw_document_ = false;
  json root_;
  std::vector<json*> stack_;
  std::string pending_key_;
};

void CheckHeader(const BundleSax& sax, Bundle* bundle, ProblemList* problems) {
  const json& format = sax.header("format");
  if (format.is_null()) {
    problems->Add("/format", "is required and must be \"contextmap-bundle\"");
  } else if (format != "contextmap-bundle") {
    problems->Add("/format", "must be \"contextmap-bundle\"; this is not a ContextMap bundle");
  }
  const json& version = sax.header("format_version");
  if (!version.is_number_integer()) {
    problems->Add("/format_version", "is required and must be a whole number");
  } else if (version.get<int64_t>() != kBundleFormatVersion) {
    problems->Add("/format_version",
                  "this bundle is format version " + std::to_string(version.get<int64_t>()) +
                      "; this ContextMap reads version " + std::to_string(kBundleFormatVersion));
  }
  const json& scope = sax.header("scope");
  if (!scope.is_null()) {
    if (scope == "partnership" || scope == "mapping") {
      bundle->scope = scope.get<std::string>();
    } else {
      problems->Add("/scope", "must be \"partnership\" or \"mapping\"");
    }
  }
  const json& mapping = sax.header("mapping_id");
  if (mapping.is_string()) bundle->mapping_id = mapping.get<std::string>();
  if (bundle->scope == "mapping" && bundle->mapping_id.empty()) {
    problems->Add("/mapping_id", "is required when the scope is \"mapping\"");
  }
}

}  // namespace

void ParseBundle(std::string_view text, Bundle* bundle, ProblemList* problems) {
  BundleSax sax(bundle, problems);
  bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
  if (!sax.saw_document()) {
    if (problems->empty()) problems->Add("", "the bundle is empty");
    return;
  }
  if (ok) CheckHeader(sax, bundle, problems);
}

Status ReadBundleFile(const std::string& path, Bundle* bundle, ProblemList* problems) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(path + " is not a readable file");
  }
  auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    ParseBundle({}, bundle, problems);
    return Status::Ok();
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) return Status::IoError("cannot read " + path);
  ::madvise(data, size, MADV_SEQUENTIAL);
  ParseBundle(std::string_view(static_cast<const char*>(data), size), bundle, problems);
  ::munmap(data, size);
  return Status::Ok();
}

void WriteBundle(const Bundle& bundle, std::ostream& out) {
  std::string buf = "{\"format\":\"contextmap-bundle\",\"format_version\":" +
                    std::to_string(kBundleFormatVersion) + ",\"scope\":";
  AppendJsonString(bundle.scope, &buf);
  if (!bundle.mapping_id.empty()) {
    buf += ",\"mapping_id\":";
    AppendJsonString(bundle.mapping_id, &buf);
  }
  for (int k = 0; k < kRecordKindCount; ++k) {
    const auto& recs = bundle.records[static_cast<std::size_t>(k)];
    buf += ",\n";
    AppendJsonString(InfoFor(static_cast<RecordKind>(k)).plural, &buf);
    buf += ":[";
    for (std::size_t i = 0; i < recs.size(); ++i) {
      buf += i ? ",\n" : "\n";
      EncodeRecord(recs[i], &buf);
      if (buf.size() > (1 << 20)) {
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
      }
    }
    buf += recs.empty() ? "]" : "\n]";
  }
  buf += "}\n";
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

Status WriteBundleFile(const Bundle& bundle, const std::string& path) {
  std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write " + path);
    WriteBundle(bundle, out);
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status::IoError("could not finish writing " + path + " (disk full?)");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot write " + path);
  }
  return Status::Ok();
}

// --- index and validation ----------------------------------------------------------------------

struct BundleIndex::Impl {
  const Bundle* bundle;
  RecordResolver* fallback;
  std::array<std::unordered_map<std::string_view, std::size_t>, kRecordKindCount> by_id;
  std::unordered_set<std::string> on_mapping;  // mapping_id + '\n' + subject_id
};

BundleIndex::BundleIndex(const Bundle& bundle, RecordResolver* fallback)
    : impl_(std::make_shared<Impl>()) {
  impl_->bundle = &bundle;
  impl_->fallback = fallback;
  for (std::size_t k = 0; k < kRecordKindCount; ++k) {
    auto& map = impl_->by_id[k];
    map.reserve(bundle.records[k].size());
    for (std::size_t i = 0; i < bundle.records[k].size(); ++i) {
      map.emplace(BaseOf(bundle.records[k][i]).id, i);  // first one wins on duplicates
    }
  }
  for (const Record& r : bundle.of(RecordKind::kMappingSubject)) {
    const auto& ms = std::get<MappingSubject>(r);
    impl_->on_mapping.insert(ms.mapping_id + '\n' + ms.subject_id);
  }
}

const Record* BundleIndex::Find(RecordKind kind, const std::string& id) {
  auto k = static_cast<std::size_t>(kind);
  auto it = impl_->by_id[k].find(id);
  if (it != impl_->by_id[k].end()) return &impl_->bundle->records[k][it->second];
  return impl_->fallback ? impl_->fallback->Find(kind, id) : nullptr;
}

bool BundleIndex::OnMapping(const std::string& mapping_id, const std::string& subject_id) {
  if (impl_->on_mapping.contains(mapping_id + '\n' + subject_id)) return true;
  return impl_->fallback && impl_->fallback->OnMapping(mapping_id, subject_id);
}

std::string BundleIndex::PointerOf(RecordKind kind, const std::string& id) const {
  auto k = static_cast<std::size_t>(kind);
  auto it = impl_->by_id[k].find(id);
  if (it == impl_->by_id[k].end()) return "";
  return PointerAppend(PointerAppend("", InfoFor(kind).plural), it->second);
}

namespace {

// The key of a T that puts something on a mapping: its mapping and `what`, the id of the thing.
template <class T>
auto OnMappingKey(std::string T::*what) {
  return [what](const Record& r) {
    const T& t = std::get<T>(r);
    return t.mapping_id + '\n' + t.*what;
  };
}

// Unique keys other than the id, within one bundle.
void CheckUniqueKeys(const Bundle& bundle, ProblemList* problems) {
  auto check = [&](RecordKind kind, auto key_of, std::string_view field, std::string_view what) {
    std::unordered_map<std::string, std::size_t> seen;
    const auto& recs = bundle.of(kind);
    std::string section = PointerAppend("", InfoFor(kind).plural);
    for (std::size_t i = 0; i < recs.size(); ++i) {
      auto [it, fresh] = seen.emplace(key_of(recs[i]), i);
      if (!fresh) {
        problems->Add(PointerAppend(PointerAppend(section, i), field),
                      std::string(what) + " as " + PointerAppend(section, it->second));
      }
    }
  };
  check(
      RecordKind::kUser, [](const Record& r) { return std::get<User>(r).username; }, "username",
      "is the same username");
  check(RecordKind::kMappingSubject, OnMappingKey(&MappingSubject::subject_id), "subject_id",
        "puts the same subject on the same mapping");
  check(RecordKind::kMappingMember, OnMappingKey(&MappingMember::user_id), "user_id",
        "makes the same user a member of the same mapping");
}

}  // namespace

void ValidateBundle(const Bundle& bundle, Date today, RecordResolver* fallback,
                    ProblemList* problems) {
  for (std::size_t k = 0; k < kRecordKindCount; ++k) {
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(bundle.records[k].size());
    std::string section = PointerAppend("", InfoFor(static_cast<RecordKind>(k)).plural);
    for (std::size_t i = 0; i < bundle.records[k].size(); ++i) {
      const std::string& id = BaseOf(bundle.records[k][i]).id;
      if (id.empty()) continue;  // reported by ValidateRecord
      auto [it, fresh] = first.emplace(id, i);
      if (!fresh) {
        problems->Add(PointerAppend(PointerAppend(section, i), "id"),
                      id + " is already used by " + PointerAppend(section, it->second));
      }
    }
  }
  CheckUniqueKeys(bundle, problems);
  if (bundle.scope == "mapping" && !bundle.mapping_id.empty()) {
    bool found = false;
    for (const Record& r : bundle.of(RecordKind::kMapping))
      found |= BaseOf(r).id == bundle.mapping_id;
    if (!found) problems->Add("/mapping_id", "names a mapping the bundle does not contain");
  }
  BundleIndex index(bundle, fallback);
  ValidationContext ctx{today, &index};
  for (std::size_t k = 0; k < kRecordKindCount; ++k) {
    std::string section = PointerAppend("", InfoFor(static_cast<RecordKind>(k)).plural);
    for (std::size_t i = 0; i < bundle.records[k].size(); ++i) {
      ValidateRecord(bundle.records[k][i], PointerAppend(section, i), ctx, problems);
    }
  }
}

}  // namespace contextmap
