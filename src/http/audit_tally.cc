#include "http/audit_tally.h"

#include <limits>

#include "contextmap/core/date.h"

namespace contextmap::http {

std::vector<AuditEntry> AuditTally::Admit(std::vector<AuditEntry> rows, int64_t now) {
  std::vector<AuditEntry> keep;
  std::lock_guard lock(mu_);
  for (AuditEntry& row : rows) {
    if (row.outcome.starts_with("ok")) {
      keep.push_back(std::move(row));
      continue;
    }
    Key key{row.remote, row.action, row.outcome, row.user_id};
    auto it = counts_.find(key);
    if (it == counts_.end() && counts_.size() >= kMaxKinds) {
      key = Key{"(many)", row.action, row.outcome, ""};
      it = counts_.find(key);
    }
    if (it != counts_.end()) {
      it->second.more += 1;
      continue;
    }
    Count& count = counts_[key];
    count.started = now;
    count.first = row;
    if (std::get<0>(key) == "(many)") {
      count.first.remote = "(many)";
      count.first.user_id.clear();
      count.more = 1;  // this row too is only counted
      continue;
    }
    if (next_due_ == 0 || now + kWindow < next_due_) next_due_ = now + kWindow;
    keep.push_back(std::move(row));
  }
  return keep;
}

std::vector<AuditEntry> AuditTally::Due(int64_t now) {
  std::lock_guard lock(mu_);
  if (next_due_ == 0 || now < next_due_) return {};
  return TakeEnded(now, false);
}

std::vector<AuditEntry> AuditTally::Flush() {
  std::lock_guard lock(mu_);
  return TakeEnded(std::numeric_limits<int64_t>::max() - kWindow, true);
}

std::vector<AuditEntry> AuditTally::TakeEnded(int64_t now, bool all) {
  std::vector<AuditEntry> out;
  next_due_ = 0;
  for (auto it = counts_.begin(); it != counts_.end();) {
    Count& c = it->second;
    if (!all && now < c.started + kWindow) {
      if (next_due_ == 0 || c.started + kWindow < next_due_) next_due_ = c.started + kWindow;
      ++it;
      continue;
    }
    if (c.more > 0) {
      AuditEntry row = c.first;
      row.at.clear();  // the store stamps the time it is written
      row.record_kind.clear();
      row.record_id.clear();
      row.mapping_id.clear();
      row.subject_id.clear();
      row.reason = "and " + std::to_string(c.more) + " more like it in the minute from " +
                   Timestamp(c.started).ToString();
      out.push_back(std::move(row));
    }
    it = counts_.erase(it);
  }
  return out;
}

}  // namespace contextmap::http
