#include "contextmap/core/validation.h"

#include <cmath>
#include <unordered_set>

#include "contextmap/core/utf8.h"

namespace contextmap {

namespace {

// "a child", "an adult", "an object".
std::string WithArticle(std::string_view word) {
  bool vowel = !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + EnumLabel(word);
}

bool HasControl(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == 0x7f) return true;
    if (c < 0x20) {
      if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
      return true;
    }
  }
  return false;
}

// Field-level rules, driven by Describe.
class FieldChecker {
 public:
  FieldChecker(std::string pointer, const ValidationContext& ctx, ProblemList* problems)
      : pointer_(std::move(pointer)), ctx_(ctx), problems_(problems) {}

  void Text(std::string_view name, const std::string& v, Need need, TextSize size) {
    if (v.empty()) {
      if (need == Need::kRequired) Fail(name, "is required");
      return;
    }
    if (!IsValidUtf8(v)) return Fail(name, std::string(kNotUtf8));
    if (size == TextSize::kLine) {
      if (v.size() > kMaxLineBytes) {
        Fail(name, "is too long (" + std::to_string(v.size()) + " bytes; at most " +
                       std::to_string(kMaxLineBytes) + " on one line)");
      } else if (HasControl(v, false)) {
        Fail(name, "must be one line with no control characters");
      }
    } else {
      if (v.size() > kMaxProseBytes) {
        Fail(name, "is too long (" + std::to_string(v.size()) + " bytes; at most " +
                       std::to_string(kMaxProseBytes) + ")");
      } else if (HasControl(v, true)) {
        Fail(name, "must not contain control characters other than newlines and tabs");
      }
    }
  }
  void Ref(std::string_view name, const std::string& v, RecordKind kind, Need need) {
    if (v.empty()) {
      if (need == Need::kRequired) Fail(name, "is required");
      return;
    }
    CheckRef(PointerAppend(pointer_, name), v, kind);
  }
  void Day(std::string_view name, const Date& v, Need need) {
    if (!v.IsSet() && need == Need::kRequired) Fail(name, "is required");
  }
  void Instant(std::string_view name, const Timestamp& v, Need need) {
    if (!v.IsSet() && need == Need::kRequired) Fail(name, "is required");
  }
  template <class E>
  void Enum(std::string_view, const E&) {}
  void Int(std::string_view name, const int64_t& v, int64_t lo, int64_t hi) {
    if (v < lo || v > hi) {
      Fail(name, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not " +
                     std::to_string(v));
    }
  }
  void Bool(std::string_view, const bool&) {}
  void Real(std::string_view name, const std::optional<double>& v) {
    if (v && !std::isfinite(*v)) Fail(name, "must be a finite number");
  }
  void TextList(std::string_view name, const std::vector<std::string>& v) {
    std::string here = PointerAppend(pointer_, name);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].empty()) {
        problems_->Add(PointerAppend(here, i), "must not be empty");
      } else if (!IsValidUtf8(v[i])) {
        problems_->Add(PointerAppend(here, i), std::string(kNotUtf8));
      } else if (v[i].size() > kMaxLineBytes || HasControl(v[i], false)) {
        problems_->Add(PointerAppend(here, i),
                       "must be one line of at most " + std::to_string(kMaxLineBytes) + " bytes");
      }
    }
  }
  void RefList(std::string_view name, const std::vector<std::string>& v, RecordKind kind) {
    std::string here = PointerAppend(pointer_, name);
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!seen.insert(v[i]).second) {
        problems_->Add(PointerAppend(here, i), "lists " + v[i] + " twice");
        continue;
      }
      CheckRef(PointerAppend(here, i), v[i], kind);
    }
  }
  template <class T>
  void Objects(std::string_view name, const std::vector<T>& v) {
    std::string here = PointerAppend(pointer_, name);
    for (std::size_t i = 0; i < v.size(); ++i) {
      FieldChecker inner(PointerAppend(here, i), ctx_, problems_);
      Describe(const_cast<T&>(v[i]), inner);
    }
  }
  template <class T>
  void Object(std::string_view name, const std::optional<T>& v) {
    if (!v) return;
    FieldChecker inner(PointerAppend(pointer_, name), ctx_, problems_);
    Describe(const_cast<T&>(*v), inner);
  }

 private:
  void Fail(std::string_view name, std::string message) {
    problems_->Add(PointerAppend(pointer_, name), std::move(message));
  }
  void CheckRef(std::string pointer, const std::string& id, RecordKind kind) {
    if (!IsValidId(id)) {
      problems_->Add(std::move(pointer),
                     "is not a valid id (1-64 letters, digits, '.', '_', ':' or '-')");
      return;
    }
    if (ctx_.resolver != nullptr && ctx_.resolver->Find(kind, id) == nullptr) {
      problems_->Add(std::move(pointer), "refers to " + std::string(InfoFor(kind).singular) + " " +
                                             id + ", which does not exist");
    }
  }

  std::string pointer_;
  const ValidationContext& ctx_;
  ProblemList* problems_;
};

// Record-level rules: one Rules() overload per record type.
class RuleChecker {
 public:
  RuleChecker(std::string_view pointer, const ValidationContext& ctx, ProblemList* problems)
      : pointer_(pointer), ctx_(ctx), problems_(problems) {}

  void Fail(std::string_view field, std::string message) {
    // `field` is one of this file's own names, possibly nested ("sighting/seen_on").
    problems_->Add(field.empty() ? pointer_ : pointer_ + "/" + std::string(field),
                   std::move(message));
  }
  void NotFuture(std::string_view field, const Date& d) {
    if (d.IsSet() && ctx_.today.IsSet() && d > ctx_.today) {
      Fail(field, d.ToString() + " is in the future (today is " + ctx_.today.ToString() + ")");
    }
  }
  void NotBefore(std::string_view field, const Date& d, std::string_view other, const Date& o) {
    if (d.IsSet() && o.IsSet() && d < o) {
      Fail(field, d.ToString() + " is before " + std::string(other) + " (" + o.ToString() + ")");
    }
  }
  template <class T>
  const T* Resolve(const std::string& id) {
    if (id.empty() || ctx_.resolver == nullptr || !IsValidId(id)) return nullptr;
    const Record* r = ctx_.resolver->Find(RecordTraits<T>::kKind, id);
    return r == nullptr ? nullptr : std::get_if<T>(r);
  }
  const ProtocolProfile* ProfileOf(const std::string& mapping_id) {
    const Mapping* m = Resolve<Mapping>(mapping_id);
    return m == nullptr ? nullptr : Resolve<ProtocolProfile>(m->profile_id);
  }
  void OnMapping(const std::string& mapping_id, const std::string& subject_id,
                 std::string_view field = "subject_id") {
    if (ctx_.resolver == nullptr || Resolve<Mapping>(mapping_id) == nullptr ||
        Resolve<Subject>(subject_id) == nullptr) {
      return;  // a missing reference is reported by the field checks
    }
    if (!ctx_.resolver->OnMapping(mapping_id, subject_id)) {
      Fail(field, "subject " + subject_id + " is not on mapping " + mapping_id);
    }
  }
  void Time(std::string_view field, const std::string& t) {
    if (!t.empty() && !IsClockTime(t)) Fail(field, "must be a time written HH:MM (24-hour)");
  }

  void Rules(const Agency&) {}
  void Rules(const Area& r) {
    if (!r.parent_area_id.empty() && r.parent_area_id == r.id) {
      Fail("parent_area_id", "an area cannot be its own parent");
    }
  }
  void Rules(const User& r) {
    bool ok = r.username.size() >= 2 && r.username.size() <= 64;
    for (char c : r.username) {
      ok = ok &&
           ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
    }
    if (!r.username.empty() && !ok) {
      Fail("username", "must be 2-64 lower-case letters, digits, '.', '_' or '-'");
    }
    if (!r.email.empty() && r.email.find('@') == std::string::npos) {
      Fail("email", "is not an email address");
    }
  }
  void Rules(const ProtocolProfile& r) {
    UniqueCodes("vulnerability_factors", r.vulnerability_factors);
    UniqueCodes("risk_factors", r.risk_factors);
    UniqueCodes("risk_categories", r.risk_categories);
    for (std::size_t i = 0; i < r.timescales.size(); ++i) {
      const auto& ts = r.timescales[i];
      for (std::size_t j = 0; j < ts.triggers.size(); ++j) {
        if (!ParseEnum<MappingTrigger>(ts.triggers[j])) {
          problems_->Add(
              pointer_ + "/timescales/" + std::to_string(i) + "/triggers/" + std::to_string(j),
              "is not a known trigger (" + EnumChoices<MappingTrigger>() + ")");
        }
      }
    }
  }
  void Rules(const Mapping& r) {
    NotFuture("trigger_date", r.trigger_date);
    NotFuture("closed_on", r.closed_on);
    NotBefore("closed_on", r.closed_on, "opened_on", r.opened_on);
    if (r.status == MappingStatus::kClosed && !r.closed_on.IsSet()) {
      Fail("closed_on", "is required when the mapping is closed");
    }
    if (r.status != MappingStatus::kClosed && r.closed_on.IsSet()) {
      Fail("closed_on", "is set but the mapping is not closed");
    }
    if (!r.parent_mapping_id.empty() && r.parent_mapping_id == r.id) {
      Fail("parent_mapping_id", "a mapping cannot be its own parent");
    }
  }
  void Rules(const MappingMember&) {}
  void Rules(const Subject& r) {
    bool person = IsPerson(r.kind);
    std::string kind(EnumName(r.kind));
    if (person) {
      if (r.full_name.empty()) Fail("full_name", "is required for " + WithArticle(kind));
      NotFuture("dob", r.dob);
      if (r.dob_precision == DobPrecision::kUnknown && r.dob.IsSet()) {
        Fail("dob_precision", "is 'unknown' but a date of birth is given");
      }
      if (r.dob_precision != DobPrecision::kUnknown && !r.dob.IsSet()) {
        Fail("dob", "is required when dob_precision is " + std::string(EnumName(r.dob_precision)));
      }
      if (r.care_leaver && r.kind != SubjectKind::kChild && r.kind != SubjectKind::kAdult) {
        Fail("care_leaver", "applies only to a child or a young adult");
      }
      if (const Subject* school = Resolve<Subject>(r.school_id);
          school != nullptr && school->kind != SubjectKind::kLocation) {
        Fail("school_id", "must refer to a location subject");
      }
    } else {
      auto only_persons = [&](std::string_view field, bool present) {
        if (present) Fail(field, "applies only to persons, not to " + WithArticle(kind));
      };
      only_persons("full_name", !r.full_name.empty());
      only_persons("aliases", !r.aliases.empty());
      only_persons("dob", r.dob.IsSet());
      only_persons("dob_precision", r.dob_precision != DobPrecision::kUnknown);
      only_persons("gender", r.gender.has_value());
      only_persons("care_leaver", r.care_leaver);
      only_persons("school_id", !r.school_id.empty());
      only_persons("agency_records", !r.agency_records.empty());
    }
    if (r.kind != SubjectKind::kLocation) {
      if (r.venue_type) Fail("venue_type", "applies only to locations");
    }
    if (!r.postcode.empty() && !IsUkPostcode(r.postcode)) {
      Fail("postcode", "is not a UK postcode (for example ZZ1 4QT)");
    }
    if (r.kind == SubjectKind::kGroup && !r.group_type)
      Fail("group_type", "is required for a group");
    if (r.kind != SubjectKind::kGroup && r.group_type) Fail("group_type", "applies only to groups");
    if (r.kind == SubjectKind::kObject && !r.object_type) {
      Fail("object_type", "is required for an object");
    }
    if (r.kind != SubjectKind::kObject && r.object_type) {
      Fail("object_type", "applies only to objects");
    }
  }
  void Rules(const MappingSubject& r) {
    NotBefore("removed_on", r.removed_on, "added_on", r.added_on);
    if (const Subject* s = Resolve<Subject>(r.subject_id);
        s != nullptr && !RoleAllowed(r.role, *s)) {
      Fail("role", WithArticle(EnumName(s->kind)) + " cannot be " + EnumLabel(EnumName(r.role)) +
                       " on a mapping");
    }
  }
  void Rules(const Link& r) {
    if (!r.from_subject_id.empty() && r.from_subject_id == r.to_subject_id) {
      Fail("to_subject_id",
           WithArticle(EnumName(r.type)) + " link cannot join a subject to itself");
    }
    const Subject* from = Resolve<Subject>(r.from_subject_id);
    const Subject* to = Resolve<Subject>(r.to_subject_id);
    if (from != nullptr && to != nullptr && !LinkEndsAllowed(r.type, from->kind, to->kind)) {
      Fail("type", WithArticle(EnumName(r.type)) + " link cannot go from " +
                       WithArticle(EnumName(from->kind)) + " to " +
                       WithArticle(EnumName(to->kind)));
    }
    if (r.status == LinkStatus::kCurrent && r.ended_on.IsSet()) {
      Fail("ended_on", "is set but the link is current (make it historic)");
    }
    NotBefore("ended_on", r.ended_on, "started_on", r.started_on);
    NotFuture("started_on", r.started_on);
    NotFuture("ended_on", r.ended_on);
  }
  void Rules(const Meeting& r) {
    Time("start_time", r.start_time);
    if (r.status == MeetingStatus::kHeld) NotFuture("date", r.date);
    NotBefore("minutes_circulated_on", r.minutes_circulated_on, "the meeting date", r.date);
    NotBefore("minutes_filed_on", r.minutes_filed_on, "the meeting date", r.date);
    NotFuture("minutes_circulated_on", r.minutes_circulated_on);
    NotFuture("minutes_filed_on", r.minutes_filed_on);
  }
  void Rules(const Attendee&) {}
  void Rules(const Information& r) {
    if (r.subject_id.empty() == r.link_id.empty()) {
      Fail("subject_id", "give exactly one of subject_id and link_id");
    }
    if (r.handling == HandlingCode::kC && !r.handling_conditions) {
      Fail("handling_conditions", "are required when the handling code is C");
    }
    // An item shared in a mapping is about someone on it (or a link between two who are).
    if (!r.mapping_id.empty()) {
      if (!r.subject_id.empty()) OnMapping(r.mapping_id, r.subject_id);
      if (const Link* link = Resolve<Link>(r.link_id)) {
        OnMapping(r.mapping_id, link->from_subject_id, "link_id");
        OnMapping(r.mapping_id, link->to_subject_id, "link_id");
      }
    }
    if (r.handling == HandlingCode::kP && r.handling_conditions) {
      Fail("handling_conditions", "apply only to handling code C (this item is P)");
    }
    NotFuture("captured_on", r.captured_on);
    NotFuture("recorded_on", r.recorded_on);
    NotBefore("recorded_on", r.recorded_on, "captured_on", r.captured_on);
    if (r.sighting) {
      const Sighting& s = *r.sighting;
      if (s.present_subject_ids.empty()) {
        Fail("sighting/present_subject_ids", "must name at least one subject who was there");
      }
      if (s.seen_on.IsSet() && ctx_.today.IsSet() && s.seen_on > ctx_.today) {
        Fail("sighting/seen_on", s.seen_on.ToString() + " is in the future");
      }
      Time("sighting/seen_time", s.seen_time);
      if (const Subject* loc = Resolve<Subject>(s.location_subject_id);
          loc != nullptr && loc->kind != SubjectKind::kLocation) {
        Fail("sighting/location_subject_id", "must refer to a location subject");
      }
    }
  }
  void Rules(const HandlingApproval& r) {
    NotFuture("approved_on", r.approved_on);
    if (const Information* info = Resolve<Information>(r.information_id);
        info != nullptr && info->handling != HandlingCode::kC) {
      Fail("information_id", "approvals apply only to items with handling code C");
    }
  }
  void Rules(const Factor& r) {
    if (r.code.empty() && r.text.empty()) Fail("text", "give a checklist code or a text");
    NotFuture("recorded_on", r.recorded_on);
    NotBefore("resolved_on", r.resolved_on, "recorded_on", r.recorded_on);
    OnMapping(r.mapping_id, r.subject_id);
    if (r.code.empty()) return;
    const ProtocolProfile* p = ProfileOf(r.mapping_id);
    if (p == nullptr) return;
    const std::vector<ChecklistItem>* list = nullptr;
    if (r.category == FactorCategory::kVulnerability) list = &p->vulnerability_factors;
    if (r.category == FactorCategory::kRisk) list = &p->risk_factors;
    if (list == nullptr) return;
    for (const auto& item : *list) {
      if (item.code == r.code) return;
    }
    Fail("code", "'" + r.code.substr(0, 60) + "' is not a " + std::string(EnumName(r.category)) +
                     " factor in the mapping's profile (" + p->id + ")");
  }
  void Rules(const RiskAssessment& r) {
    NotFuture("assessed_on", r.assessed_on);
    OnMapping(r.mapping_id, r.subject_id);
    const ProtocolProfile* p = ProfileOf(r.mapping_id);
    if (p == nullptr || r.category.empty()) return;
    std::string codes;
    for (const auto& c : p->risk_categories) {
      if (c.code == r.category) return;
      codes += codes.empty() ? c.code : ", " + c.code;
    }
    Fail("category", "'" + r.category.substr(0, 60) + "' is not a risk category of profile " +
                         p->id + (codes.empty() ? " (it has none)" : " (one of: " + codes + ")"));
  }
  void Rules(const KeyQuestion& r) {
    if (r.status == QuestionStatus::kAnswered && r.answer.empty()) {
      Fail("answer", "is required when the question is answered");
    }
    NotFuture("answered_on", r.answered_on);
  }
  void Rules(const Action& r) {
    if (r.status == ActionStatus::kDone && !r.completed_on.IsSet()) {
      Fail("completed_on", "is required when the action is done");
    }
    NotFuture("completed_on", r.completed_on);
    NotBefore("due_on", r.due_on, "created_on", r.created_on);
  }
  void Rules(const ActionUpdate& r) { NotFuture("updated_on", r.updated_on); }
  void Rules(const Referral& r) {
    NotFuture("referred_on", r.referred_on);
    OnMapping(r.mapping_id, r.subject_id);
  }
  void Rules(const MapSnapshot& r) { NotFuture("taken_on", r.taken_on); }
  void Rules(const AgencySubmission& r) {
    if (r.status == SubmissionStatus::kSubmitted && !r.submitted_on.IsSet()) {
      Fail("submitted_on", "is required once the submission is submitted");
    }
    NotFuture("submitted_on", r.submitted_on);
  }

 private:
  template <class T>
  void UniqueCodes(std::string_view field, const std::vector<T>& items) {
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!seen.insert(items[i].code).second) {
        problems_->Add(pointer_ + "/" + std::string(field) + "/" + std::to_string(i) + "/code",
                       "code " + items[i].code + " is used twice");
      }
    }
  }

  std::string pointer_;
  const ValidationContext& ctx_;
  ProblemList* problems_;
};

}  // namespace

bool LinkEndsAllowed(LinkType type, SubjectKind from, SubjectKind to) {
  using K = SubjectKind;
  bool from_person = IsPerson(from);
  bool to_person = IsPerson(to);
  auto place_like = [](K k) { return k == K::kLocation || k == K::kGroup || k == K::kActivity; };
  switch (type) {
    case LinkType::kFriend:
    case LinkType::kBestFriend:
    case LinkType::kSibling:
    case LinkType::kCousin:
    case LinkType::kPartner:
    case LinkType::kFamily:
      return from_person && to_person;
    case LinkType::kRival:
      return (from_person || from == K::kGroup) && (to_person || to == K::kGroup);
    case LinkType::kAssociate:
      return true;
    case LinkType::kExploits:
    case LinkType::kControls:
    case LinkType::kRecruitedBy:
      return (from_person || from == K::kGroup) && (to_person || to == K::kGroup);
    case LinkType::kLivesAt:
    case LinkType::kStaysAtWhenMissing:
    case LinkType::kArrestedAt:
    case LinkType::kSeenAt:
      return (from_person || from == K::kObject) && to == K::kLocation;
    case LinkType::kAttends:
    case LinkType::kFrequents:
      return (from_person || from == K::kGroup) && place_like(to);
    case LinkType::kMemberOf:
      return from_person && to == K::kGroup;
    case LinkType::kKeyContactFor:
      return from == K::kProfessional && (to_person || place_like(to));
  }
  return false;
}

bool RoleAllowed(MappingRole role, const Subject& s) {
  using K = SubjectKind;
  switch (role) {
    case MappingRole::kSubjectChild:
    case MappingRole::kCohortMember:
      return s.kind == K::kChild || (s.kind == K::kAdult && s.care_leaver);
    case MappingRole::kAdultOfConcern:
      return s.kind == K::kAdult || s.kind == K::kParentCarer;
    case MappingRole::kLocationOfConcern:
      return s.kind == K::kLocation;
    case MappingRole::kKeyContact:
      return s.kind == K::kProfessional;
    case MappingRole::kAssociate:
      return s.kind != K::kProfessional;
  }
  return false;
}

bool IsUkPostcode(std::string_view text) {
  // Outward code: A9, A99, AA9, AA99, A9A, AA9A; inward code: 9AA; one optional space.
  std::string s;
  for (char c : text) {
    if (c == ' ') continue;
    s += static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
  }
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() < 5 || s.size() > 7 || text.size() > 8) return false;
  std::string_view in = std::string_view(s).substr(s.size() - 3);
  std::string_view out = std::string_view(s).substr(0, s.size() - 3);
  if (!digit(in[0]) || !alpha(in[1]) || !alpha(in[2])) return false;
  if (!alpha(out[0])) return false;
  std::size_t i = alpha(out[1]) ? 2 : 1;
  if (i >= out.size() || !digit(out[i])) return false;
  ++i;
  if (i == out.size()) return true;
  return i + 1 == out.size() && (digit(out[i]) || alpha(out[i]));
}

bool IsClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (int i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[3] - '0') * 10 + (t[4] - '0');
  return h < 24 && m < 60;
}

void ValidateRecord(const Record& record, std::string_view pointer, const ValidationContext& ctx,
                    ProblemList* problems) {
  std::visit(
      [&](const auto& rec) {
        using T = std::remove_cvref_t<decltype(rec)>;
        std::string p(pointer);
        if (rec.id.empty()) {
          problems->Add(PointerAppend(p, "id"), "is required");
        } else if (!IsValidId(rec.id)) {
          problems->Add(PointerAppend(p, "id"),
                        "is not a valid id (1-64 letters, digits, '.', '_', ':' or '-')");
        }
        if (rec.version < 0) problems->Add(PointerAppend(p, "version"), "must not be negative");
        FieldChecker fields(p, ctx, problems);
        Describe(const_cast<T&>(rec), fields);
        RuleChecker rules(p, ctx, problems);
        rules.Rules(rec);
      },
      record);
}

Status CheckRecord(const Record& record, const ValidationContext& ctx) {
  ProblemList problems(100);
  ValidateRecord(record, "", ctx, &problems);
  if (problems.empty()) return Status::Ok();
  std::string message;
  for (const auto& p : problems.kept()) {
    if (!message.empty()) message += "; ";
    message += p.pointer + ": " + p.message;
  }
  return Status::Invalid(message, problems.kept().front().pointer);
}

}  // namespace contextmap
