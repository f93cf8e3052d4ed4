#include "contextmap/core/timescales.h"

#include <algorithm>
#include <map>
#include <set>

#include "contextmap/core/calendar.h"

namespace contextmap {

namespace {

template <class T>
std::vector<const T*> OfMapping(const Bundle& b, const std::string& mapping_id) {
  std::vector<const T*> out;
  for (const Record& r : b.of(RecordTraits<T>::kKind)) {
    const T& t = std::get<T>(r);
    if (t.mapping_id == mapping_id) out.push_back(&t);
  }
  return out;
}

template <class T>
const T* FindIn(const Bundle& b, const std::string& id) {
  for (const Record& r : b.of(RecordTraits<T>::kKind)) {
    if (BaseOf(r).id == id) return &std::get<T>(r);
  }
  return nullptr;
}

std::string Period(const Timescale& t) {
  std::string unit = EnumLabel(EnumName(t.unit));
  if (t.amount == 1 && unit.back() == 's') unit.pop_back();
  return std::to_string(t.amount) + " " + unit;
}

bool AppliesTo(const Timescale& t, MappingTrigger trigger) {
  if (t.triggers.empty()) return true;
  return std::find(t.triggers.begin(), t.triggers.end(), EnumName(trigger)) != t.triggers.end();
}

// Whether any child's latest risk category needs reviews to continue.
bool RiskElevated(const Bundle& b, const Mapping& m, const ProtocolProfile* profile) {
  if (profile == nullptr) return false;
  std::map<std::string, const RiskAssessment*> latest;
  for (const RiskAssessment* ra : OfMapping<RiskAssessment>(b, m.id)) {
    auto& slot = latest[ra->subject_id];
    if (slot == nullptr || slot->assessed_on < ra->assessed_on ||
        (slot->assessed_on == ra->assessed_on && slot->id < ra->id)) {
      slot = ra;
    }
  }
  for (const auto& [subject, ra] : latest) {
    for (const RiskCategory& c : profile->risk_categories) {
      if (c.code == ra->category && c.requires_review) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<DueItem> DueItems(const Bundle& b, const std::string& mapping_id, Date today) {
  std::vector<DueItem> out;
  const Mapping* m = FindIn<Mapping>(b, mapping_id);
  if (m == nullptr) return out;
  auto add = [&](Date due, std::string what, RecordKind kind, const std::string& id) {
    if (!due.IsSet()) return;
    out.push_back({due, std::move(what), kind, id, due < today});
  };

  for (const Action* a : OfMapping<Action>(b, mapping_id)) {
    if (IsOpen(a->status)) {
      add(a->due_on, "Action: " + a->description.substr(0, 120) + " (" + a->owner + ")",
          RecordKind::kAction, a->id);
    }
  }
  for (const KeyQuestion* q : OfMapping<KeyQuestion>(b, mapping_id)) {
    if (q->status == QuestionStatus::kOpen && q->due_on.IsSet()) {
      add(q->due_on, "Key question: " + q->question.substr(0, 120), RecordKind::kKeyQuestion,
          q->id);
    }
  }

  const ProtocolProfile* profile = FindIn<ProtocolProfile>(b, m->profile_id);
  if (profile == nullptr || m->status == MappingStatus::kClosed) {
    if (profile != nullptr && m->status == MappingStatus::kClosed) {
      for (const Timescale& t : profile->timescales) {
        if (t.kind == TimescaleKind::kClosureReport && m->closed_on.IsSet()) {
          add(AddPeriod(m->closed_on, t.amount, t.unit),
              "Closure report (" + Period(t) + " after closure)", RecordKind::kMapping, m->id);
        }
      }
    }
    std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& c) {
      return a.due != c.due ? a.due < c.due : a.what < c.what;
    });
    return out;
  }

  std::vector<const Meeting*> meetings = OfMapping<Meeting>(b, mapping_id);
  std::sort(meetings.begin(), meetings.end(),
            [](const Meeting* a, const Meeting* c) { return a->date < c->date; });
  const Meeting* last_held = nullptr;
  const Meeting* first_held = nullptr;
  const Meeting* first_internal = nullptr;
  bool external_held = false;
  const Meeting* next_planned = nullptr;
  for (const Meeting* mt : meetings) {
    if (mt->status == MeetingStatus::kHeld) {
      last_held = mt;
      if (first_held == nullptr) first_held = mt;
      if (first_internal == nullptr &&
          (mt->kind == MeetingKind::kPreMapping || mt->kind == MeetingKind::kInitial)) {
        first_internal = mt;
      }
      external_held |= mt->kind == MeetingKind::kExternal;
    } else if (mt->status == MeetingStatus::kPlanned && mt->date >= today &&
               next_planned == nullptr) {
      next_planned = mt;
    }
  }
  // Each held meeting whose `done` date is unset is due `t` after the meeting, as what(meeting).
  auto each_held_meeting_without = [&](const Timescale& t, Date Meeting::*done, auto what) {
    for (const Meeting* mt : meetings) {
      if (mt->status == MeetingStatus::kHeld && !(mt->*done).IsSet()) {
        add(AddPeriod(mt->date, t.amount, t.unit), what(*mt), RecordKind::kMeeting, mt->id);
      }
    }
  };
  std::string trigger = EnumLabel(EnumName(m->trigger));
  bool elevated = RiskElevated(b, *m, profile);

  for (const Timescale& t : profile->timescales) {
    if (!AppliesTo(t, m->trigger)) continue;
    if (t.while_risk_elevated && !elevated) continue;
    switch (t.kind) {
      case TimescaleKind::kFirstMeeting:
        if (first_held == nullptr && m->trigger_date.IsSet()) {
          add(AddPeriod(m->trigger_date, t.amount, t.unit),
              "First mapping meeting (" + Period(t) + " after the " + trigger + ")",
              RecordKind::kMapping, m->id);
        }
        break;
      case TimescaleKind::kInitialSession:
        if (first_internal == nullptr && m->trigger_date.IsSet()) {
          add(AddPeriod(m->trigger_date, t.amount, t.unit),
              "Initial internal session (" + Period(t) + " after the concern was identified)",
              RecordKind::kMapping, m->id);
        }
        break;
      case TimescaleKind::kExternalSession:
        if (first_internal != nullptr && !external_held) {
          add(AddPeriod(first_internal->date, t.amount, t.unit),
              "First session with external agencies (" + Period(t) + " after the session on " +
                  first_internal->date.ToLongString() + ")",
              RecordKind::kMeeting, first_internal->id);
        }
        break;
      case TimescaleKind::kSubjectsToInvitees:
        if (next_planned != nullptr) {
          add(AddPeriod(next_planned->date, -t.amount, t.unit),
              "Send the list of subjects to invitees (" + Period(t) + " before the meeting on " +
                  next_planned->date.ToLongString() + ")",
              RecordKind::kMeeting, next_planned->id);
        }
        break;
      case TimescaleKind::kMinutesCirculated:
        each_held_meeting_without(t, &Meeting::minutes_circulated_on, [&](const Meeting& mt) {
          return "Circulate the minutes of the meeting on " + mt.date.ToLongString() + " (" +
                 Period(t) + ")";
        });
        break;
      case TimescaleKind::kMinutesOnCaseRecord:
        each_held_meeting_without(t, &Meeting::minutes_filed_on, [&](const Meeting& mt) {
          return "File minutes and map on each key subject's case record (meeting on " +
                 mt.date.ToLongString() + ", " + Period(t) + ")";
        });
        break;
      case TimescaleKind::kReviewMeeting:
        if (last_held != nullptr) {
          Date limit = AddPeriod(last_held->date, t.amount, t.unit);
          Date agreed = last_held->next_review_on;
          bool review_planned = next_planned != nullptr && next_planned->date <= limit;
          if (!review_planned) {
            Date due = agreed.IsSet() && agreed < limit ? agreed : limit;
            add(due,
                "Review meeting (no later than " + Period(t) + " after the meeting on " +
                    last_held->date.ToLongString() + ")",
                RecordKind::kMeeting, last_held->id);
          }
        }
        break;
      case TimescaleKind::kStrategicReport: {
        Date start = m->opened_on.IsSet() ? m->opened_on : m->trigger_date;
        if (!start.IsSet() || t.amount <= 0) break;
        Date next = AddPeriod(start, t.amount, t.unit);
        for (int guard = 0; next < today && guard < 1200; ++guard) {
          next = AddPeriod(next, t.amount, t.unit);
        }
        add(next, "Report to the strategic group (every " + Period(t) + ")", RecordKind::kMapping,
            m->id);
        break;
      }
      case TimescaleKind::kClosureReport:
        break;  // only once closed
    }
  }
  std::sort(out.begin(), out.end(), [](const DueItem& a, const DueItem& c) {
    return a.due != c.due ? a.due < c.due : a.what < c.what;
  });
  return out;
}

std::vector<std::string> AtRiskWithoutReferral(const Bundle& b, const std::string& mapping_id) {
  std::set<std::string> referred;
  for (const Referral* r : OfMapping<Referral>(b, mapping_id)) {
    if (r->status != ReferralStatus::kPlanned) referred.insert(r->subject_id);
  }
  std::set<std::string> out;
  for (const RiskAssessment* ra : OfMapping<RiskAssessment>(b, mapping_id)) {
    if (!referred.contains(ra->subject_id)) out.insert(ra->subject_id);
  }
  return {out.begin(), out.end()};
}

}  // namespace contextmap
