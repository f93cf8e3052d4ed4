// Audit rows for requests from nobody in particular, counted instead of written one by one.
// A request without a live session that is refused (no session, a cross-site POST, a failed or
// throttled sign-in) is still audited, but a flood of them must not write and fsync a row
// each. So per kind of row (client address, action, outcome, the account named) the first in
// each minute is written as itself, and the rest are counted and written as one row when the
// minute is over, its reason saying how many ("and 57 more like it in the minute from ...").
// Internal to src/http.
//
// Thread-safe. Memory: one small entry per kind of row seen in the last minute, at most
// kMaxKinds; beyond that, rows are counted under one entry per action and outcome with the
// address "(many)", so a flood from many addresses is bounded too.
#ifndef CONTEXTMAP_HTTP_AUDIT_TALLY_H_
#define CONTEXTMAP_HTTP_AUDIT_TALLY_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "contextmap/storage/store.h"

namespace contextmap::http {

class AuditTally {
 public:
  static constexpr int64_t kWindow = 60;  // seconds
  static constexpr std::size_t kMaxKinds = 10'000;

  // Of `rows` (one anonymous request's), those to write now: each row is either the first of
  // its kind this minute (kept) or counted (dropped). Rows with outcome "ok..." always pass.
  std::vector<AuditEntry> Admit(std::vector<AuditEntry> rows, int64_t now);
  // Summary rows for the minutes that ended by `now` (empty, and cheap, when none did).
  std::vector<AuditEntry> Due(int64_t now);
  // Every count still open (at shutdown).
  std::vector<AuditEntry> Flush();

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  struct Count {
    int64_t started = 0;
    int64_t more = 0;  // rows counted beyond the first
    AuditEntry first;
  };
  std::vector<AuditEntry> TakeEnded(int64_t now, bool all);

  std::mutex mu_;
  std::map<Key, Count> counts_;
  int64_t next_due_ = 0;
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_AUDIT_TALLY_H_
