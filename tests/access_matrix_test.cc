// The access-control matrix: every route of the API, for every role, as a member and as a
// non-member of the mappings, from the agency that originated the handling-code-C items and
// from another agency. The expected answer of each cell is worked out here from the rules in
// docs/ARCHITECTURE.md ("Access control"), independently of src/access, and every refusal
// must leave a row in the audit log.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "api_fixture.h"
#include "contextmap/access/access.h"
#include "contextmap/core/json_codec.h"

namespace contextmap::testing {
namespace {

using nlohmann::json;

constexpr const char* kOrigin = "agy-police";  // originates the test's handling-code-C items
constexpr const char* kOther = "agy-csc";

const UserRole kRoles[] = {UserRole::kAdministrator, UserRole::kChair, UserRole::kAnalyst,
                           UserRole::kPractitioner, UserRole::kStrategicViewer};

struct Principal {
  std::string username;
  UserRole role;
  bool member;
  std::string agency;
  Session session;
  std::string user_id;
};

bool CaseRole(UserRole r) {
  return r == UserRole::kChair || r == UserRole::kAnalyst || r == UserRole::kPractitioner;
}

// Who may write each kind, as docs/ARCHITECTURE.md tabulates it.
bool RoleWrites(UserRole r, RecordKind k) {
  switch (k) {
    case RecordKind::kAgency:
    case RecordKind::kArea:
    case RecordKind::kProtocolProfile:
    case RecordKind::kUser:
      return r == UserRole::kAdministrator;
    case RecordKind::kMapping:
    case RecordKind::kMappingMember:
    case RecordKind::kMeeting:
    case RecordKind::kRiskAssessment:
      return r == UserRole::kChair;
    case RecordKind::kInformation:
    case RecordKind::kHandlingApproval:
    case RecordKind::kActionUpdate:
    case RecordKind::kAgencySubmission:
      return CaseRole(r);
    default:
      return r == UserRole::kChair || r == UserRole::kAnalyst;
  }
}

class AccessMatrixTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    auto mappings = store_->List(ListBy(RecordKind::kMapping));
    ASSERT_TRUE(mappings.ok());
    for (const Record& m : *mappings) mapping_ids_.push_back(BaseOf(m).id);
    mapping_ = "map-county-line";

    // The information items whose visibility depends on the reader's agency.
    AddInformation("inf-test-p", HandlingCode::kP, {}, false);
    AddInformation("inf-test-c-origin", HandlingCode::kC, {}, false);
    AddInformation("inf-test-c-shared", HandlingCode::kC, {kOther}, false);
    AddInformation("inf-test-c-approved", HandlingCode::kC, {kOther}, true);
    AddInformation("inf-test-c-awaiting", HandlingCode::kC, {kOther}, true);
    std::string approver = AddAccount("approver.origin", UserRole::kPractitioner, kOrigin);
    HandlingApproval a;
    a.id = "hap-test";
    a.information_id = "inf-test-c-approved";
    a.agency_id = kOther;
    a.approved_by_user_id = approver;
    a.approved_on = kApiToday;
    Record ar = a;
    ASSERT_TRUE(store_->Create(&ar).ok());

    for (UserRole role : kRoles) {
      for (bool member : {true, false}) {
        for (const char* agency : {kOrigin, kOther}) {
          Principal p;
          p.role = role;
          p.member = member;
          p.agency = agency;
          p.username = std::string(EnumName(role)) + (member ? ".m." : ".n.") +
                       (agency == kOrigin ? "origin" : "other");
          for (char& ch : p.username) {
            if (ch == '_') ch = '-';
          }
          p.user_id = AddAccount(p.username, role, agency);
          if (member) {
            for (const auto& m : mapping_ids_) AddMember(m, p.user_id);
          }
          principals_.push_back(std::move(p));
        }
      }
    }
    for (Principal& p : principals_) p.session = SignIn(p.username);
    for (int i = 0; i < 40; ++i) {
      spare_users_.push_back(
          AddAccount("spare." + std::to_string(i), UserRole::kPractitioner, kOther));
    }
    PickSamples();
  }

  void AddInformation(const std::string& id, HandlingCode code, std::vector<std::string> share,
                      bool approval) {
    Information i;
    i.id = id;
    i.mapping_id = mapping_;
    auto on = store_->List(ListBy(RecordKind::kSubject, "mapping_id", mapping_));
    ASSERT_TRUE(on.ok() && !on->empty());
    i.subject_id = BaseOf(on->front()).id;
    i.source_agency_id = kOrigin;
    i.text = "Test intelligence item.";
    i.captured_on = kApiToday;
    i.recorded_on = kApiToday;
    i.handling = code;
    if (code == HandlingCode::kC) {
      i.handling_conditions = HandlingConditions{"Test conditions.", std::move(share), approval};
    }
    Record r = i;
    Status s = store_->Create(&r);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // One record of each kind to read, change and copy.
  void PickSamples() {
    for (int k = 0; k < kRecordKindCount; ++k) {
      auto kind = static_cast<RecordKind>(k);
      auto rows = store_->List(ListBy(kind));
      ASSERT_TRUE(rows.ok());
      ASSERT_FALSE(rows->empty()) << InfoFor(kind).plural;
      const Record* pick = &rows->front();
      for (const Record& r : *rows) {
        if (kind == RecordKind::kInformation && BaseOf(r).id == "inf-test-p") pick = &r;
        if (kind == RecordKind::kHandlingApproval && BaseOf(r).id == "hap-test") pick = &r;
        if (kind == RecordKind::kMapping && BaseOf(r).id == mapping_) pick = &r;
        if (kind == RecordKind::kSubject) {
          auto on = store_->List(ListBy(RecordKind::kMappingSubject, "subject_id", BaseOf(r).id));
          if (!on->empty()) {
            pick = &r;
            break;
          }
        }
        if (kind == RecordKind::kLink) {
          // a link whose ends are both on one mapping (visible to members)
          const auto& l = std::get<Link>(r);
          if (OnSameMapping(l.from_subject_id, l.to_subject_id)) {
            pick = &r;
            break;
          }
        }
      }
      samples_[k] = *pick;
    }
  }

  bool OnSameMapping(const std::string& a, const std::string& b) {
    for (const auto& m : mapping_ids_) {
      auto on = store_->List(ListBy(RecordKind::kMappingSubject, "mapping_id", m));
      bool has_a = false;
      bool has_b = false;
      for (const Record& r : *on) {
        has_a |= std::get<MappingSubject>(r).subject_id == a;
        has_b |= std::get<MappingSubject>(r).subject_id == b;
      }
      if (has_a && has_b) return true;
    }
    return false;
  }

  // A copy of the sample to create anew, adjusted so a permitted create succeeds.
  Record NewFrom(RecordKind kind, const Principal& p) {
    Record r = samples_[static_cast<int>(kind)];
    BaseOf(r).id.clear();
    BaseOf(r).version = 0;
    ++made_;
    if (auto* u = std::get_if<User>(&r)) u->username = "made." + std::to_string(made_);
    if (auto* m = std::get_if<Mapping>(&r)) {
      m->chair_user_id = p.user_id;
      m->co_chair_user_id.clear();
      m->parent_mapping_id.clear();
    }
    if (auto* m = std::get_if<MappingMember>(&r)) {
      m->mapping_id = mapping_;
      m->user_id = spare_users_[made_ % spare_users_.size()];
    }
    if (auto* ms = std::get_if<MappingSubject>(&r)) {
      // a subject already on another mapping, not yet on this one
      auto [mapping, subject] = NextFreePair();
      ms->mapping_id = mapping;
      ms->subject_id = subject;
      ms->role = MappingRole::kAssociate;
    }
    if (auto* a = std::get_if<HandlingApproval>(&r)) a->approved_by_user_id = p.user_id;
    if (auto* s = std::get_if<AgencySubmission>(&r)) s->agency_id = kOrigin;
    return r;
  }

  std::pair<std::string, std::string> NextFreePair() {
    if (free_pairs_.empty()) {
      std::map<std::string, std::set<std::string>> on;
      for (const auto& m : mapping_ids_) {
        auto rows = store_->List(ListBy(RecordKind::kMappingSubject, "mapping_id", m));
        for (const Record& r : *rows) on[m].insert(std::get<MappingSubject>(r).subject_id);
      }
      for (const auto& [m, subjects] : on) {
        for (const auto& [other, theirs] : on) {
          for (const auto& s : theirs) {
            auto subject = GetAs<Subject>(*store_, s);
            bool fits =
                subject->kind == SubjectKind::kChild || subject->kind == SubjectKind::kAdult;
            if (!subjects.contains(s) && fits) free_pairs_.emplace_back(m, s);
          }
        }
      }
      std::sort(free_pairs_.begin(), free_pairs_.end());
      free_pairs_.erase(std::unique(free_pairs_.begin(), free_pairs_.end()), free_pairs_.end());
      std::reverse(free_pairs_.begin(), free_pairs_.end());
    }
    auto pair = free_pairs_.back();
    free_pairs_.pop_back();
    return pair;  // a child or adult, so the role "associate" fits
  }

  // Whether `p` sees record `r` by the rules.
  bool Sees(const Principal& p, const Record& r) {
    RecordKind kind = KindOf(r);
    if (access::IsReferenceKind(kind)) return true;
    if (!p.member || !CaseRole(p.role)) return false;
    const Information* info = std::get_if<Information>(&r);
    if (const auto* a = std::get_if<HandlingApproval>(&r)) {
      auto item = GetAs<Information>(*store_, a->information_id);
      if (!Sees(p, Record(*item))) return false;
      return p.agency == item->source_agency_id || p.agency == a->agency_id;
    }
    if (info == nullptr || info->handling == HandlingCode::kP) return true;
    if (p.agency == info->source_agency_id) return true;
    const auto& share = info->handling_conditions->share_with_agency_ids;
    if (std::find(share.begin(), share.end(), p.agency) == share.end()) return false;
    return !info->handling_conditions->originator_approval_required ||
           info->id == "inf-test-c-approved";
  }

  // The expected status of creating `r` as `p`.
  int ExpectCreate(const Principal& p, const Record& r) {
    RecordKind kind = KindOf(r);
    if (access::IsReferenceKind(kind)) return RoleWrites(p.role, kind) ? 201 : 403;
    if (kind == RecordKind::kSubject) return 403;
    if (kind == RecordKind::kMapping) return p.role == UserRole::kChair ? 201 : 403;
    if (!p.member || !CaseRole(p.role)) return 400;  // it refers to records it cannot see
    if (!RoleWrites(p.role, kind)) return 403;
    return OwnAgencyRuleAllows(p, r) ? 201 : 403;
  }

  bool OwnAgencyRuleAllows(const Principal& p, const Record& r) {
    if (const auto* i = std::get_if<Information>(&r)) {
      // Practitioners record their own agency's items; only an agency records its own
      // handling-code-C items.
      if (i->handling == HandlingCode::kC) return i->source_agency_id == p.agency;
      return p.role != UserRole::kPractitioner || i->source_agency_id == p.agency;
    }
    if (const auto* s = std::get_if<AgencySubmission>(&r)) {
      return p.role != UserRole::kPractitioner || s->agency_id == p.agency;
    }
    if (const auto* a = std::get_if<HandlingApproval>(&r)) {
      auto item = GetAs<Information>(*store_, a->information_id);
      return item->source_agency_id == p.agency && a->approved_by_user_id == p.user_id;
    }
    return true;
  }

  // The expected status of changing (PUT) or deleting `r` as `p`, given it is allowed to.
  int ExpectChange(const Principal& p, const Record& r, int allowed) {
    RecordKind kind = KindOf(r);
    if (access::IsReferenceKind(kind)) return RoleWrites(p.role, kind) ? allowed : 403;
    if (!Sees(p, r)) return 404;
    if (!RoleWrites(p.role, kind)) return 403;
    // An information item is changed or deleted only by the agency that gave it.
    if (const auto* i = std::get_if<Information>(&r)) {
      return i->source_agency_id == p.agency ? allowed : 403;
    }
    return OwnAgencyRuleAllows(p, r) ? allowed : 403;
  }

  std::string PathOf(const Record& r) {
    return "/api/v1/" + std::string(InfoFor(KindOf(r)).plural) + "/" + BaseOf(r).id;
  }

  // The list filter for a kind's sample.
  std::vector<std::pair<std::string, std::string>> FilterFor(const Record& r) {
    switch (KindOf(r)) {
      case RecordKind::kAttendee:
        return {{"meeting_id", std::get<Attendee>(r).meeting_id}};
      case RecordKind::kActionUpdate:
        return {{"action_id", std::get<ActionUpdate>(r).action_id}};
      case RecordKind::kHandlingApproval:
        return {{"information_id", std::get<HandlingApproval>(r).information_id}};
      case RecordKind::kSubject: {
        auto on = store_->List(ListBy(RecordKind::kMappingSubject, "subject_id", BaseOf(r).id));
        return {{"mapping_id", std::get<MappingSubject>(on->front()).mapping_id}};
      }
      case RecordKind::kLink: {
        const auto& l = std::get<Link>(r);
        for (const auto& m : mapping_ids_) {
          auto on = store_->List(ListBy(RecordKind::kMappingSubject, "mapping_id", m));
          int ends = 0;
          for (const Record& x : *on) {
            const auto& ms = std::get<MappingSubject>(x);
            ends += ms.subject_id == l.from_subject_id || ms.subject_id == l.to_subject_id;
          }
          if (ends == 2) return {{"mapping_id", m}};
        }
        return {};
      }
      default: {
        if (access::IsReferenceKind(KindOf(r)) || KindOf(r) == RecordKind::kMapping) return {};
        json j = json::parse(EncodeRecord(r));
        return {{"mapping_id", j.value("mapping_id", "")}};
      }
    }
  }

  // Runs one request and checks its status and, for refusals, that the audit log grew.
  void Expect(const std::string& cell, int expected, const http::ApiResponse& res,
              bool audited_refusal) {
    ++cells_;
    EXPECT_EQ(res.status, expected) << cell << "\n" << res.Body();
    auto outcomes = AuditOutcomesAfter(audit_seq_, &audit_seq_);
    if (audited_refusal) {
      bool found = std::any_of(outcomes.begin(), outcomes.end(), [](const std::string& o) {
        return o == "refused" || o == "unauthenticated" || o == "not_found";
      });
      EXPECT_TRUE(found) << cell << ": the refusal left no audit row";
    }
  }

  std::vector<std::string> mapping_ids_;
  std::string mapping_;
  std::vector<Principal> principals_;
  std::vector<std::string> spare_users_;
  std::array<Record, kRecordKindCount> samples_;
  std::vector<std::pair<std::string, std::string>> free_pairs_;
  int made_ = 0;
  int cells_ = 0;
  int64_t audit_seq_ = 0;
  int fresh_address_ = 0;
};

TEST_F(AccessMatrixTest, EveryRouteEveryRoleMemberAndAgency) {
  audit_seq_ = LastAuditSeq();
  const std::map<std::string, std::string> reason = {{"ContextMap-Reason", "matrix test"}};
  std::set<std::string> routes_covered;
  auto covered = [&](const std::string& method, const std::string& pattern) {
    routes_covered.insert(method + " " + pattern);
  };

  for (Principal& p : principals_) {
    std::string who = p.username;
    const Session* s = &p.session;
    bool sees_case = p.member && CaseRole(p.role);

    // Special routes.
    Expect(who + " health", 200, Call("GET", "/api/v1/health", "", s), false);
    covered("GET", "/api/v1/health");
    Expect(who + " openapi", 200, Call("GET", "/api/v1/openapi.json", "", s), false);
    covered("GET", "/api/v1/openapi.json");
    Expect(who + " whoami", 200, Call("GET", "/api/v1/session", "", s), false);
    covered("GET", "/api/v1/session");
    bool overview = p.role == UserRole::kChair || p.role == UserRole::kStrategicViewer;
    Expect(who + " overview", overview ? 200 : 403, Call("GET", "/api/v1/overview", "", s),
           !overview);
    covered("GET", "/api/v1/overview");
    for (const auto& m : mapping_ids_) {
      Expect(std::string(who).append(" map ").append(m), sees_case ? 200 : 404,
             Call("GET", "/api/v1/mappings/" + m + "/map", "", s, reason), !sees_case);
      auto events = Call("GET", "/api/v1/mappings/" + m + "/events", "", s);
      Expect(std::string(who).append(" events ").append(m), sees_case ? 200 : 404, events,
             !sees_case);
      EXPECT_EQ(events.stream != nullptr, sees_case) << who;
    }
    covered("GET", "/api/v1/mappings/{id}/map");
    covered("GET", "/api/v1/mappings/{id}/events");
    for (const auto& m : mapping_ids_) {
      auto due = Call("GET", "/api/v1/mappings/" + m + "/due", "", s, reason);
      Expect(std::string(who).append(" due ").append(m), sees_case ? 200 : 404, due, !sees_case);
    }
    covered("GET", "/api/v1/mappings/{id}/due");
    {
      // "sample" finds people on several mappings; only those the user may see come back.
      auto found = Call("GET", "/api/v1/search", "", s, reason, {{"q", "sample"}});
      Expect(who + " search", 200, found, false);
      json results = json::parse(found.body, nullptr, false)["results"];
      EXPECT_EQ(!results.empty(), sees_case) << who << " search";
      for (const auto& r : results) {
        auto got = store_->Get(RecordKind::kSubject, r["subject"]["id"].get<std::string>());
        ASSERT_TRUE(got.ok());
        EXPECT_TRUE(Sees(p, *got)) << who << " found " << r["subject"]["id"];
      }
      covered("GET", "/api/v1/search");
      auto dashboard = Call("GET", "/api/v1/dashboard", "", s);
      Expect(who + " dashboard", 200, dashboard, false);
      json mappings = json::parse(dashboard.body, nullptr, false)["mappings"];
      // Members of every mapping, none closed: all of them, or none for roles without case
      // records and non-members.
      EXPECT_EQ(mappings.size(), sees_case ? mapping_ids_.size() : 0U) << who << " dashboard";
      covered("GET", "/api/v1/dashboard");
    }
    {
      json body = {{"subject",
                    {{"kind", "location"},
                     {"label", "Test place " + who},
                     {"venue_type", "park"},
                     {"dob_precision", "unknown"}}},
                   {"mapping_subject", {{"role", "location_of_concern"}}}};
      int expected = !sees_case                                                     ? 404
                     : (p.role == UserRole::kChair || p.role == UserRole::kAnalyst) ? 201
                                                                                    : 403;
      Expect(who + " add subject", expected,
             Call("POST", "/api/v1/mappings/" + mapping_ + "/subjects", body.dump(), s),
             expected != 201);
      covered("POST", "/api/v1/mappings/{id}/subjects");
    }

    // Every kind: list, read, create, update, delete.
    for (int k = 0; k < kRecordKindCount; ++k) {
      auto kind = static_cast<RecordKind>(k);
      const Record& sample = samples_[k];
      std::string plural(InfoFor(kind).plural);
      std::string cell = std::string(who).append(" ").append(plural);

      // list
      auto filter = FilterFor(sample);
      auto listed = Call("GET", "/api/v1/" + plural, "", s, reason, filter);
      Expect(cell + " list", 200, listed, false);
      json items = json::parse(listed.body, nullptr, false);
      bool any = !items.is_discarded() && !items["items"].empty();
      bool expect_any = access::IsReferenceKind(kind) || sees_case;
      EXPECT_EQ(any, expect_any) << cell << " list";
      if (any) {
        for (const auto& item : items["items"]) {
          auto got = store_->Get(kind, item["id"].get<std::string>());
          ASSERT_TRUE(got.ok());
          EXPECT_TRUE(Sees(p, *got)) << cell << " listed " << item["id"];
        }
      }

      // read
      bool sees = Sees(p, sample);
      Expect(cell + " get", sees ? 200 : 404, Call("GET", PathOf(sample), "", s, reason), !sees);

      // update with the same content and current version
      auto current = store_->Get(kind, BaseOf(sample).id);
      ASSERT_TRUE(current.ok());
      int64_t version = BaseOf(*current).version;
      int expect_put = ExpectChange(p, *current, 200);
      Expect(cell + " put", expect_put,
             Call("PUT", PathOf(*current), EncodeRecord(*current), s,
                  {{"If-Match", "\"" + std::to_string(version) + "\""}}),
             expect_put == 403 || expect_put == 404);

      // delete with a stale version: passing every check ends at 412 (or 409 while referred
      // to), so nothing is deleted
      int expect_delete = ExpectChange(p, *current, 412);
      auto deleted = Call("DELETE", PathOf(*current), "", s, {{"If-Match", "\"999\""}});
      if (expect_delete == 412 && deleted.status == 409) expect_delete = 409;
      Expect(cell + " delete", expect_delete, deleted,
             expect_delete == 403 || expect_delete == 404);

      // create
      Record fresh = NewFrom(kind, p);
      int expect_post = ExpectCreate(p, fresh);
      Expect(cell + " post", expect_post, Call("POST", "/api/v1/" + plural, EncodeRecord(fresh), s),
             expect_post != 201);
    }
    covered("GET", "/api/v1/{kind}");
    covered("GET", "/api/v1/{kind}/{id}");
    covered("PUT", "/api/v1/{kind}/{id}");
    covered("DELETE", "/api/v1/{kind}/{id}");
    covered("POST", "/api/v1/{kind}");

    // Each handling-code item, by agency.
    for (const char* id : {"inf-test-p", "inf-test-c-origin", "inf-test-c-shared",
                           "inf-test-c-approved", "inf-test-c-awaiting"}) {
      auto item = store_->Get(RecordKind::kInformation, id);
      bool sees_item = Sees(p, *item);
      Expect(who + " " + id, sees_item ? 200 : 404,
             Call("GET", std::string("/api/v1/information/") + id, "", s, reason), !sees_item);
    }
    // The whole mapping carries exactly the items the agency may see.
    if (sees_case) {
      auto map = Call("GET", "/api/v1/mappings/" + mapping_ + "/map", "", s, reason);
      json bundle = json::parse(map.Body());
      std::set<std::string> got;
      for (const auto& i : bundle["information"]) got.insert(i["id"].get<std::string>());
      for (const char* id : {"inf-test-c-origin", "inf-test-c-shared", "inf-test-c-approved",
                             "inf-test-c-awaiting"}) {
        EXPECT_EQ(got.contains(id), Sees(p, *store_->Get(RecordKind::kInformation, id)))
            << who << " map " << id;
      }
    }

    // Sign-out ends the session.
    Expect(who + " sign out", 204, Call("DELETE", "/api/v1/session", "", s), false);
    covered("DELETE", "/api/v1/session");
    // Refusals without a session are counted per address and minute (audit_tally.h): from a
    // fresh address, this one is on record as itself.
    remote_ = "192.0.2." + std::to_string(++fresh_address_);
    Expect(who + " after sign out", 401, Call("GET", "/api/v1/session", "", s), true);
    remote_ = "127.0.0.1";
  }
  covered("POST", "/api/v1/session");  // every principal signed in through it

  // Every route is in the matrix.
  for (const http::RouteInfo& r : http::Api::Routes()) {
    EXPECT_TRUE(routes_covered.contains(r.method + " " + r.pattern))
        << r.method << " " << r.pattern << " is not in the access-control matrix";
    EXPECT_NE(r.policy, http::Policy::kUndeclared) << r.method << " " << r.pattern;
  }
  EXPECT_GT(cells_, 2000);
}

TEST_F(AccessMatrixTest, UnauthenticatedCallsGet401OnEveryNonPublicRoute) {
  audit_seq_ = LastAuditSeq();
  for (const http::RouteInfo& r : http::Api::Routes()) {
    if (r.policy == http::Policy::kPublic) continue;
    std::vector<std::string> paths;
    std::string path = r.pattern;
    if (auto at = path.find("{id}"); at != std::string::npos) {
      path.replace(at, 4, r.pattern.find("{kind}") != std::string::npos ? "x-1" : mapping_);
    }
    if (path.find("{kind}") != std::string::npos) {
      ForEachKind([&]<class T>(std::type_identity<T>) {
        std::string p = path;
        p.replace(p.find("{kind}"), 6, RecordTraits<T>::kPlural);
        paths.push_back(p);
      });
    } else {
      paths.push_back(path);
    }
    for (const std::string& p : paths) {
      // No cookie, then a forged one, each from a fresh address so that each refusal is on
      // record as itself (repeats from one address are counted: audit_tally.h).
      remote_ = "198.51.100." + std::to_string(++fresh_address_ % 250);
      Expect("anonymous " + r.method + " " + p, 401, Call(r.method, p, "{}"), true);
      remote_ = "203.0.113." + std::to_string(fresh_address_ % 250);
      Session forged{"", "AAAAAAAAAAAAAAAAAAAAAA", "x"};
      Expect("forged " + r.method + " " + p, 401, Call(r.method, p, "{}", &forged), true);
    }
  }
}

}  // namespace
}  // namespace contextmap::testing
