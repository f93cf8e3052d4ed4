#include "storage/audit_anchor.h"

#include <charconv>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "storage/small_files.h"

namespace contextmap {

Result<AuditAnchor> ParseAuditAnchor(std::string_view text) {
  auto bad = [] {
    return Status::Invalid(
        "must be SEQ:HASH as `audit verify` prints it (a row number, a colon "
        "and 64 hexadecimal digits)",
        "anchor");
  };
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  AuditAnchor a;
  auto [end, ec] = std::from_chars(text.data(), text.data() + colon, a.seq);
  if (ec != std::errc() || end != text.data() + colon || a.seq < 1) return bad();
  std::string_view hash = text.substr(colon + 1);
  if (hash.size() != 64) return bad();
  for (char ch : hash) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return bad();
  }
  a.hash = std::string(hash);
  return a;
}

namespace storage {

namespace {

std::string AnchorText(const AuditAnchor& a) {
  return "# ContextMap audit anchor: the newest audit row when it was written (seq:hash).\n"
         "# `contextmap audit verify` checks the log still holds this row unchanged.\n" +
         std::to_string(a.seq) + ":" + a.hash + "\n";
}

// The anchor in a file's text: nullopt when it holds none.
Result<std::optional<AuditAnchor>> ParseAnchorText(std::string_view text, const std::string& path) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    Result<AuditAnchor> a = ParseAuditAnchor(line);
    if (!a.ok()) {
      return Status::FailedPrecondition("the audit anchor " + path +
                                        " is damaged (it should hold one line SEQ:HASH)");
    }
    return std::optional<AuditAnchor>(std::move(a).value());
  }
  return std::optional<AuditAnchor>();
}

// Writes in progress per anchor file, to combine them within this process.
struct AnchorSlot {
  std::mutex mu;
  bool writing = false;
  std::optional<AuditAnchor> pending;
  int64_t written = 0;  // the newest seq this process has put in the file
};

AnchorSlot& SlotFor(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<AnchorSlot>> slots;
  std::lock_guard lock(mu);
  std::unique_ptr<AnchorSlot>& slot = slots[path];
  if (!slot) slot = std::make_unique<AnchorSlot>();
  return *slot;
}

Status WriteAnchor(const std::string& path, const AuditAnchor& anchor) {
  return ReplaceSmallFile(path, /*create=*/true, /*durable=*/false,
                          [&](std::string_view current) -> Result<std::optional<std::string>> {
                            Result<std::optional<AuditAnchor>> held =
                                ParseAnchorText(current, path);
                            // A damaged anchor is replaced; one that is newer (another process) is
                            // kept.
                            if (held.ok() && held->has_value() && (*held)->seq >= anchor.seq) {
                              return std::optional<std::string>();
                            }
                            return std::optional<std::string>(AnchorText(anchor));
                          });
}

}  // namespace

std::string AnchorFileFor(const std::string& key_file) {
  std::filesystem::path p(key_file);
  p.replace_extension(".anchor");
  if (p.string() == key_file) return key_file + ".anchor";
  return p.string();
}

Result<std::optional<AuditAnchor>> ReadAnchor(const std::string& path) {
  Result<std::string> text = ReadSmallFile(path);
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) return std::optional<AuditAnchor>();
    return text.status();
  }
  return ParseAnchorText(*text, path);
}

Status AdvanceAnchor(const std::string& path, const AuditAnchor& anchor) {
  AnchorSlot& slot = SlotFor(path);
  std::unique_lock lock(slot.mu);
  if (anchor.seq <= slot.written) return Status::Ok();
  if (!slot.pending || slot.pending->seq < anchor.seq) slot.pending = anchor;
  if (slot.writing) return Status::Ok();  // the thread writing now writes ours next
  slot.writing = true;
  Status result;
  while (slot.pending) {
    AuditAnchor next = std::move(*slot.pending);
    slot.pending.reset();
    lock.unlock();
    Status s = WriteAnchor(path, next);
    lock.lock();
    if (s.ok()) {
      slot.written = std::max(slot.written, next.seq);
    } else {
      result = s;
    }
  }
  slot.writing = false;
  return result;
}

}  // namespace storage
}  // namespace contextmap
