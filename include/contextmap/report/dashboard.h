// A signed-in user's dashboard: their open actions and key questions, the mappings they work on
// with what is due next in each, and everything due in the coming week (GET /api/v1/dashboard).
//
// MakeDashboard is the rule; it reads only what it is given. The caller (the API) passes one
// bundle per mapping the user may see, each holding what the user may see of that mapping
// (Store::Export without closure, filtered by access::Access::FilterMappingBundle) and the
// mapping's protocol profile, so nothing the user may not see can reach the dashboard:
// - actions and key_questions: open ones (actions open or in progress, questions open) owned
//   by the user (owner_user_id), on any of those mappings; overdue first, then by due date
//   (undated last), then id.
// - mappings: those of them that are not closed where the user is chair, co-chair or a member,
//   each with its earliest DueItem (timescales.h); ordered by that date (none last), title, id.
// - due_this_week: every DueItem of those mappings due on or before today + 7 days, overdue
//   ones included; earliest first, then by mapping title, mapping id and what.
//
// Cost: DueItems once per mapping, linear in each mapping's records; then sorts.
#ifndef CONTEXTMAP_REPORT_DASHBOARD_H_
#define CONTEXTMAP_REPORT_DASHBOARD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/date.h"
#include "contextmap/core/timescales.h"

namespace contextmap::report {

inline constexpr int kDueSoonDays = 7;  // "this week": today and the seven days after

// An open action or key question owned by the user.
struct DashboardTask {
  std::string id;
  std::string mapping_id;
  std::string mapping_title;
  std::string text;    // the action's description or the question
  Date due_on;         // unset: undated (key questions may be)
  std::string status;  // its status's wire name ("open", "in_progress")
  bool overdue = false;
};

enum class MemberRole { kChair, kCoChair, kMember };
std::string_view MemberRoleName(MemberRole role);  // "chair", "co_chair", "member"

struct DashboardMapping {
  std::string id;
  std::string title;
  MappingKind kind = MappingKind::kIndividual;
  MappingStatus status = MappingStatus::kPreMapping;
  MemberRole role = MemberRole::kMember;
  std::optional<DueItem> next_due;  // its earliest DueItem, if any
};

struct DashboardDue {
  DueItem item;
  std::string mapping_id;
  std::string mapping_title;
};

struct Dashboard {
  Date today;
  std::vector<DashboardTask> actions;
  std::vector<DashboardTask> key_questions;
  std::vector<DashboardMapping> mappings;
  std::vector<DashboardDue> due_this_week;
};

// The dashboard of `user_id` from `mappings` (one mapping-scope bundle each, as above; a
// bundle without its mapping is skipped).
Dashboard MakeDashboard(const std::string& user_id, const std::vector<Bundle>& mappings,
                        Date today);

}  // namespace contextmap::report

#endif  // CONTEXTMAP_REPORT_DASHBOARD_H_
