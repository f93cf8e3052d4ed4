#include "contextmap/report/dashboard.h"

#include <algorithm>
#include <tuple>

namespace contextmap::report {

namespace {

// Overdue first, then by due date (undated last), then id.
bool TaskBefore(const DashboardTask& a, const DashboardTask& b) {
  auto key = [](const DashboardTask& t) {
    return std::tuple<bool, bool, Date, const std::string&>(!t.overdue, !t.due_on.IsSet(), t.due_on,
                                                            t.id);
  };
  return key(a) < key(b);
}

const Mapping* MappingOf(const Bundle& b) {
  for (const Record& r : b.of(RecordKind::kMapping)) {
    const auto& m = std::get<Mapping>(r);
    if (b.mapping_id.empty() || m.id == b.mapping_id) return &m;
  }
  return nullptr;
}

template <class T, class Keep>
void AddTasks(const Bundle& b, const Mapping& m, Date today, Keep keep,
              std::vector<DashboardTask>* out) {
  for (const Record& r : b.of(RecordTraits<T>::kKind)) {
    const T& t = std::get<T>(r);
    if (t.mapping_id != m.id || !keep(t)) continue;
    DashboardTask task;
    task.id = t.id;
    task.mapping_id = m.id;
    task.mapping_title = m.title;
    if constexpr (std::is_same_v<T, Action>) {
      task.text = t.description;
    } else {
      task.text = t.question;
    }
    task.due_on = t.due_on;
    task.status = std::string(EnumName(t.status));
    task.overdue = t.due_on.IsSet() && t.due_on < today;
    out->push_back(std::move(task));
  }
}

}  // namespace

std::string_view MemberRoleName(MemberRole role) {
  constexpr std::string_view kNames[] = {"chair", "co_chair", "member"};  // in MemberRole order
  return kNames[static_cast<std::size_t>(role)];
}

Dashboard MakeDashboard(const std::string& user_id, const std::vector<Bundle>& mappings,
                        Date today) {
  Dashboard d;
  d.today = today;
  Date week_end = today.AddDays(kDueSoonDays);
  for (const Bundle& b : mappings) {
    const Mapping* m = MappingOf(b);
    if (m == nullptr) continue;
    AddTasks<Action>(
        b, *m, today,
        [&](const Action& a) { return a.owner_user_id == user_id && IsOpen(a.status); },
        &d.actions);
    AddTasks<KeyQuestion>(
        b, *m, today,
        [&](const KeyQuestion& q) {
          return q.owner_user_id == user_id && q.status == QuestionStatus::kOpen;
        },
        &d.key_questions);
    if (m->status == MappingStatus::kClosed) continue;
    DashboardMapping row;
    row.id = m->id;
    row.title = m->title;
    row.kind = m->kind;
    row.status = m->status;
    row.role = m->chair_user_id == user_id      ? MemberRole::kChair
               : m->co_chair_user_id == user_id ? MemberRole::kCoChair
                                                : MemberRole::kMember;
    std::vector<DueItem> due = DueItems(b, m->id, today);  // earliest first
    if (!due.empty()) row.next_due = due.front();
    for (DueItem& item : due) {
      if (item.due > week_end) break;
      d.due_this_week.push_back({std::move(item), m->id, m->title});
    }
    d.mappings.push_back(std::move(row));
  }
  std::sort(d.actions.begin(), d.actions.end(), TaskBefore);
  std::sort(d.key_questions.begin(), d.key_questions.end(), TaskBefore);
  std::sort(d.mappings.begin(), d.mappings.end(),
            [](const DashboardMapping& a, const DashboardMapping& b) {
              auto key = [](const DashboardMapping& m) {
                Date due = m.next_due ? m.next_due->due : Date();
                return std::tuple<bool, Date, const std::string&, const std::string&>(
                    !m.next_due.has_value(), due, m.title, m.id);
              };
              return key(a) < key(b);
            });
  std::sort(d.due_this_week.begin(), d.due_this_week.end(),
            [](const DashboardDue& a, const DashboardDue& b) {
              auto key = [](const DashboardDue& x) {
                return std::tie(x.item.due, x.mapping_title, x.mapping_id, x.item.what,
                                x.item.record_id);
              };
              return key(a) < key(b);
            });
  return d;
}

}  // namespace contextmap::report
