// The Store contract: every test here runs against every backend (SQLite in a temporary file,
// PostgreSQL in a fresh schema of the server scripts/with-postgres starts). A backend passes
// only if it behaves exactly like the others.
#include "tests/store_fixture.h"

#include <map>
#include <set>

namespace contextmap {
namespace {

using testing::BundleOf;
using testing::DanglingLink;
using testing::DemoBundle;
using testing::FirstDemo;
using testing::kToday;
using testing::Mentions;
using testing::NewStoreUrl;
using testing::StoreContractTest;
using testing::Text;

TEST_P(StoreContractTest, MigrationsAreAppliedOnceAndRecorded) {
  auto applied = store_->AppliedMigrations();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  auto again = Open();  // reopening applies nothing twice
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*again->AppliedMigrations(), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
}

TEST_P(StoreContractTest, FactsAreSetReadAndOverwrittenWithTheirAuditRows) {
  auto unset = store_->GetFact("origin");
  ASSERT_TRUE(unset.ok());
  EXPECT_EQ(*unset, "");
  std::vector<AuditEntry> audit(1);
  audit[0].user_id = "cli";
  audit[0].action = "store_origin";
  audit[0].outcome = "ok";
  ASSERT_TRUE(store_->SetFact("origin", "demo", &audit).ok());
  EXPECT_GT(audit[0].seq, 0);  // the row was written with the fact
  EXPECT_EQ(*store_->GetFact("origin"), "demo");
  auto other = Open();  // another connection sees it
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(*other->GetFact("origin"), "demo");
  ASSERT_TRUE(store_->SetFact("origin", "other").ok());
  EXPECT_EQ(*store_->GetFact("origin"), "other");
  EXPECT_EQ(*store_->GetFact("another"), "");
  EXPECT_EQ(store_->SetFact("", "x").code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, EmptyStoreExportsNothing) {
  auto b = store_->Export({});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->size(), 0u);
}

TEST_P(StoreContractTest, ExportThenImportRoundTripsExactly) {
  LoadDemo();
  std::string first = FullExport();
  Bundle reread;
  ProblemList parse_problems;
  ParseBundle(first, &reread, &parse_problems);
  ASSERT_TRUE(parse_problems.empty()) << parse_problems.ToString();

  UseNewStore();
  store_ = Open();
  ProblemList problems;
  ImportStats stats;
  ASSERT_TRUE(store_->Import(reread, &problems, &stats).ok()) << problems.ToString();
  EXPECT_EQ(FullExport(), first);
}

TEST_P(StoreContractTest, ImportingTheSameBundleTwiceChangesNothing) {
  LoadDemo();
  std::string before = FullExport();
  ProblemList problems;
  ImportStats stats;
  ASSERT_TRUE(store_->Import(DemoBundle(), &problems, &stats).ok()) << problems.ToString();
  EXPECT_EQ(stats.written, 0u);
  EXPECT_EQ(stats.unchanged, DemoBundle().size());
  EXPECT_EQ(FullExport(), before);
}

TEST_P(StoreContractTest, MappingExportImportsIntoAnEmptyStore) {
  LoadDemo();
  auto mapping = store_->Export({"map-county-line"});
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  EXPECT_EQ(mapping->scope, "mapping");
  EXPECT_FALSE(mapping->of(RecordKind::kLink).empty());
  EXPECT_FALSE(mapping->of(RecordKind::kMeeting).empty());
  // Nothing from another mapping's own records comes along.
  for (const Record& r : mapping->of(RecordKind::kAction)) {
    EXPECT_EQ(std::get<Action>(r).mapping_id, "map-county-line");
  }
  std::string text = Text(*mapping);
  UseNewStore();
  store_ = Open();
  ProblemList problems;
  ImportStats stats;
  ASSERT_TRUE(store_->Import(*mapping, &problems, &stats).ok()) << problems.ToString();
  auto again = store_->Export({"map-county-line"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Text(*again), text);
}

TEST_P(StoreContractTest, ExportOfAMissingMappingIsNotFound) {
  auto b = store_->Export({"map-nothing"});
  EXPECT_EQ(b.status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CreateGetUpdateDelete) {
  LoadDemo();
  Subject s;
  s.kind = SubjectKind::kLocation;
  s.label = "Bus shelter, Nowhere Road";
  s.postcode = "ZZ4 6PB";
  s.venue_type = VenueType::kOther;
  Record rec = s;
  ASSERT_TRUE(store_->Create(&rec).ok());
  std::string id = BaseOf(rec).id;
  EXPECT_TRUE(id.starts_with("sub-")) << id;
  EXPECT_EQ(BaseOf(rec).version, 1);

  auto got = GetAs<Subject>(*store_, id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->label, "Bus shelter, Nowhere Road");
  EXPECT_EQ(got->venue_type, VenueType::kOther);

  got->description = "Lit until 22:00.";
  Record changed = *got;
  ASSERT_TRUE(store_->Update(&changed).ok());
  EXPECT_EQ(BaseOf(changed).version, 2);
  EXPECT_EQ(GetAs<Subject>(*store_, id)->description, "Lit until 22:00.");

  EXPECT_EQ(store_->Delete(RecordKind::kSubject, id, 1).code(), StatusCode::kConflict);
  ASSERT_TRUE(store_->Delete(RecordKind::kSubject, id, 2).ok());
  EXPECT_EQ(store_->Get(RecordKind::kSubject, id).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CreateAllWritesEverythingOrNothing) {
  LoadDemo();
  Subject s;
  s.id = "sub-contract-new";
  s.kind = SubjectKind::kLocation;
  s.label = "Underpass, Nowhere Lane";
  s.venue_type = VenueType::kOther;
  MappingSubject ms;
  ms.mapping_id = "map-county-line";
  ms.subject_id = s.id;
  ms.role = MappingRole::kLocationOfConcern;
  // The second record refers to the first, written earlier in the same transaction.
  std::vector<Record> both = {s, ms};
  Status created = store_->CreateAll(&both);
  ASSERT_TRUE(created.ok()) << created.ToString();
  EXPECT_EQ(BaseOf(both[1]).version, 1);
  EXPECT_TRUE(BaseOf(both[1]).id.starts_with("ms-"));
  EXPECT_TRUE(store_->Get(RecordKind::kMappingSubject, BaseOf(both[1]).id).ok());

  // A bad second record leaves the first unwritten too.
  std::string before = FullExport();
  Subject t = s;
  t.id = "sub-contract-other";
  MappingSubject bad = ms;
  bad.id.clear();
  bad.subject_id = t.id;
  bad.mapping_id = "map-does-not-exist";
  std::vector<Record> pair = {t, bad};
  Status refused = store_->CreateAll(&pair);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
  EXPECT_EQ(refused.field(), "/mapping_id");
  EXPECT_EQ(store_->Get(RecordKind::kSubject, t.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(FullExport(), before);
}

TEST_P(StoreContractTest, MappingExportWithoutClosureHoldsOnlyTheMappingsOwnRecords) {
  LoadDemo();
  auto closed = store_->Export({"map-county-line", true});
  auto own = store_->Export({"map-county-line", false});
  ASSERT_TRUE(closed.ok() && own.ok());
  EXPECT_TRUE(own->of(RecordKind::kAgency).empty());
  EXPECT_TRUE(own->of(RecordKind::kUser).empty());
  EXPECT_FALSE(closed->of(RecordKind::kAgency).empty());
  EXPECT_EQ(own->of(RecordKind::kMappingSubject).size(),
            closed->of(RecordKind::kMappingSubject).size());
  auto on_mapping = store_->List(ListBy(RecordKind::kSubject, "mapping_id", "map-county-line"));
  ASSERT_TRUE(on_mapping.ok());
  EXPECT_EQ(own->of(RecordKind::kSubject).size(), on_mapping->size());
}

TEST_P(StoreContractTest, CredentialsAndSessions) {
  LoadDemo();
  EXPECT_EQ(store_->GetCredential("usr-02").status().code(), StatusCode::kNotFound);
  Credential c;
  c.user_id = "usr-02";
  c.password_hash = "$argon2id$placeholder";
  c.totp_secret = "JBSWY3DPEHPK3PXP";
  c.recovery_hashes = {"aa", "bb", "cc"};
  c.updated_at = 100;
  ASSERT_TRUE(store_->PutCredential(c).ok());
  auto got = store_->GetCredential("usr-02");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->recovery_hashes, (std::vector<std::string>{"aa", "bb", "cc"}));
  EXPECT_EQ(got->totp_secret, "JBSWY3DPEHPK3PXP");

  // A failed change writes nothing; a successful one is kept.
  Status failed = store_->UpdateCredential("usr-02", [](Credential* cred) {
    cred->failed_attempts = 99;
    return Status::Invalid("no");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetCredential("usr-02")->failed_attempts, 0);
  ASSERT_TRUE(store_
                  ->UpdateCredential("usr-02",
                                     [](Credential* cred) {
                                       cred->recovery_hashes.erase(cred->recovery_hashes.begin());
                                       cred->totp_last_step = 7;
                                       return Status::Ok();
                                     })
                  .ok());
  got = store_->GetCredential("usr-02");
  EXPECT_EQ(got->recovery_hashes, (std::vector<std::string>{"bb", "cc"}));
  EXPECT_EQ(got->totp_last_step, 7);
  EXPECT_EQ(store_->UpdateCredential("usr-nobody", [](Credential*) { return Status::Ok(); }).code(),
            StatusCode::kNotFound);
  c.user_id = "usr-nobody";
  EXPECT_EQ(store_->PutCredential(c).code(), StatusCode::kNotFound);

  Session s{"hash-1", "usr-02", "csrf", 1000, 1000};
  ASSERT_TRUE(store_->CreateSession(s).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-2", "usr-02", "csrf2", 1000, 1000}).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-3", "usr-03", "csrf3", 1000, 1000}).ok());
  ASSERT_TRUE(store_->TouchSession("hash-1", 1500).ok());
  EXPECT_EQ(store_->GetSession("hash-1")->last_seen_at, 1500);
  ASSERT_TRUE(store_->EndSession("hash-1").ok());
  EXPECT_EQ(store_->GetSession("hash-1").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->EndSession("hash-1").ok());  // ending twice is fine
  ASSERT_TRUE(store_->EndSessionsOf("usr-02").ok());
  EXPECT_EQ(store_->GetSession("hash-2").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetSession("hash-3").ok());

  auto user = store_->FindUser("priya.example");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->id, "usr-02");
  EXPECT_EQ(store_->FindUser("nobody.here").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CreateUserWritesTheRecordAndItsCredentialsOrNeither) {
  LoadDemo();
  User user;
  user.id = "usr-new-one";
  user.username = "new.one";
  user.full_name = "Newly Invented";
  user.agency_id = "agy-police";
  user.role = UserRole::kAnalyst;
  Credential c;
  c.user_id = user.id;
  c.password_hash = "$argon2id$placeholder";
  c.totp_secret = "JBSWY3DPEHPK3PXP";
  c.updated_at = 100;

  // The record is refused (no such agency): no credentials either.
  Record bad = user;
  std::get<User>(bad).agency_id = "agy-nowhere";
  EXPECT_EQ(store_->CreateUser(&bad, c).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Get(RecordKind::kUser, user.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetCredential(user.id).status().code(), StatusCode::kNotFound);
  // Credentials for someone else: refused before anything is written.
  Credential other = c;
  other.user_id = "usr-02";
  Record good = user;
  EXPECT_EQ(store_->CreateUser(&good, other).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Get(RecordKind::kUser, user.id).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->CreateUser(&good, c).ok());
  EXPECT_EQ(BaseOf(good).version, 1);
  EXPECT_EQ(store_->Get(RecordKind::kUser, user.id)->index(), good.index());
  auto got = store_->GetCredential(user.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->totp_secret, c.totp_secret);
  // The same username again: refused, and the first account's credentials are untouched.
  Record again = user;
  BaseOf(again).id = "usr-new-two";
  Credential again_c = c;
  again_c.user_id = "usr-new-two";
  again_c.totp_secret = "KRSXG5CTMVRXEZLU";
  EXPECT_FALSE(store_->CreateUser(&again, again_c).ok());
  EXPECT_EQ(store_->GetCredential("usr-new-two").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetCredential(user.id)->totp_secret, c.totp_secret);
}

TEST_P(StoreContractTest, TwoWritersFromTheSameVersionOneWinsOneConflicts) {
  LoadDemo();
  auto other = Open();  // a second connection, as a second server or user would have
  ASSERT_NE(other, nullptr);
  auto a = GetAs<Action>(*store_, "act-07");
  auto b = GetAs<Action>(*other, "act-07");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->version, b->version);

  a->status = ActionStatus::kDone;
  a->completed_on = kToday;
  b->description = "A different description written at the same time.";
  Record ra = *a;
  Record rb = *b;
  ASSERT_TRUE(store_->Update(&ra).ok());
  Status second = other->Update(&rb);
  EXPECT_EQ(second.code(), StatusCode::kConflict) << second.ToString();
  EXPECT_TRUE(Mentions(second.message(), "reload"));

  auto now = GetAs<Action>(*store_, "act-07");
  EXPECT_EQ(now->status, ActionStatus::kDone);  // the first write is kept
  EXPECT_NE(now->description, b->description);  // the second did not land
  EXPECT_EQ(now->version, a->version + 1);
}

TEST_P(StoreContractTest, UpdateOfAMissingRecordIsNotFound) {
  Agency a;
  a.id = "agy-nowhere";
  a.version = 1;
  a.name = "Nowhere Agency";
  Record r = a;
  EXPECT_EQ(store_->Update(&r).code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, CreateValidatesAgainstTheStore) {
  LoadDemo();
  Record r = DanglingLink();
  Status s = store_->Create(&r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "/to_subject_id");
  EXPECT_EQ(BaseOf(r).version, 0);
}

TEST_P(StoreContractTest, CreateRefusesADuplicateId) {
  LoadDemo();
  Agency a;
  a.id = "agy-police";
  a.name = "Another police force";
  Record r = a;
  EXPECT_EQ(store_->Create(&r).code(), StatusCode::kAlreadyExists);
}

TEST_P(StoreContractTest, DeleteRefusesWhileReferenced) {
  LoadDemo();
  // By a foreign key column (a link end) ...
  auto kai = GetAs<Subject>(*store_, "sub-child-03");
  ASSERT_TRUE(kai.ok());
  Status s = store_->Delete(RecordKind::kSubject, kai->id, kai->version);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  // ... and from inside a JSON list (a mapping's areas).
  auto area = GetAs<Area>(*store_, "area-port-fable");
  ASSERT_TRUE(area.ok());
  s = store_->Delete(RecordKind::kArea, area->id, area->version);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_TRUE(store_->Get(RecordKind::kArea, area->id).ok());
}

TEST_P(StoreContractTest, ListByReferenceMappingAndPage) {
  LoadDemo();
  ListQuery q = ListBy(RecordKind::kAction, "mapping_id", "map-county-line");
  auto actions = store_->List(q);
  ASSERT_TRUE(actions.ok());
  ASSERT_FALSE(actions->empty());
  for (const Record& r : *actions) EXPECT_EQ(std::get<Action>(r).mapping_id, q.value);

  q.kind = RecordKind::kSubject;
  auto subjects = store_->List(q);
  ASSERT_TRUE(subjects.ok());
  q.kind = RecordKind::kMappingSubject;
  auto on_map = store_->List(q);
  EXPECT_EQ(subjects->size(), on_map->size());

  // Paging visits every subject once, in id order.
  ListQuery page = ListBy(RecordKind::kSubject);
  page.limit = 7;
  std::vector<std::string> seen;
  for (;;) {
    auto p = store_->List(page);
    ASSERT_TRUE(p.ok());
    if (p->empty()) break;
    for (const Record& r : *p) seen.push_back(BaseOf(r).id);
    page.after_id = seen.back();
  }
  EXPECT_EQ(seen.size(), store_->List(ListBy(RecordKind::kSubject))->size());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));

  ListQuery bad;
  bad.kind = RecordKind::kSubject;
  bad.field = "label";
  EXPECT_EQ(store_->List(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, MappingsOfMemberNamesChairsCoChairsAndMembers) {
  LoadDemo();
  // The answer worked out from the records themselves, for every user in the demo.
  std::map<std::string, std::set<std::string>> expected;
  Bundle demo = DemoBundle();
  for (const Record& r : demo.of(RecordKind::kUser)) expected[BaseOf(r).id];
  for (const Record& r : demo.of(RecordKind::kMapping)) {
    const auto& m = std::get<Mapping>(r);
    if (!m.chair_user_id.empty()) expected[m.chair_user_id].insert(m.id);
    if (!m.co_chair_user_id.empty()) expected[m.co_chair_user_id].insert(m.id);
  }
  for (const Record& r : demo.of(RecordKind::kMappingMember)) {
    const auto& mm = std::get<MappingMember>(r);
    expected[mm.user_id].insert(mm.mapping_id);
  }
  int on_two_or_more = 0;
  for (const auto& [user, mappings] : expected) {
    auto got = store_->MappingsOfMember(user);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, std::vector<std::string>(mappings.begin(), mappings.end())) << user;
    if (mappings.size() >= 2) ++on_two_or_more;
  }
  EXPECT_GE(on_two_or_more, 1);  // the demo exercises the union, not just one source
  auto nobody = store_->MappingsOfMember("usr-nobody");
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->empty());
}

// --- a bad bundle changes nothing, and every problem is named --------------------------------

TEST_P(StoreContractTest, BundleWithDanglingReferenceIsRefused) {
  Bundle b = DemoBundle();
  std::get<Link>(b.of(RecordKind::kLink)[0]).to_subject_id = "sub-missing";
  ExpectRejected(b, "/links/0/to_subject_id");
}

TEST_P(StoreContractTest, BundleWithHandlingCodeCAndNoConditionsIsRefused) {
  LoadDemo();
  auto i = FirstDemo<Information>();
  i.id = "inf-new";
  i.handling = HandlingCode::kC;
  i.handling_conditions.reset();
  ExpectRejected(BundleOf(i), "/information/0/handling_conditions");
}

TEST_P(StoreContractTest, BundleClashingWithTheStoreIsRefused) {
  LoadDemo();
  auto a = FirstDemo<Agency>();
  a.name = "Renamed without reading the current version";
  ExpectRejected(BundleOf(a), "/agencies/0/id");
}

TEST_P(StoreContractTest, BundleWithAUsernameTakenInTheStoreIsRefused) {
  LoadDemo();
  auto u = FirstDemo<User>();
  u.id = "usr-new-person";
  ExpectRejected(BundleOf(u), "/users");
}

TEST_P(StoreContractTest, EveryProblemIsListedNotJustTheFirst) {
  Bundle b = DemoBundle();
  std::get<Link>(b.of(RecordKind::kLink)[1]).to_subject_id =
      std::get<Link>(b.of(RecordKind::kLink)[1]).from_subject_id;
  std::get<Subject>(b.of(RecordKind::kSubject)[2]).dob = Date(2027, 1, 1);
  b.of(RecordKind::kAgency).push_back(b.of(RecordKind::kAgency)[0]);
  ProblemList problems;
  ImportStats stats;
  EXPECT_FALSE(store_->Import(b, &problems, &stats).ok());
  EXPECT_GE(problems.total(), 3u) << problems.ToString();
  std::string text = problems.ToString();
  EXPECT_TRUE(Mentions(text, "/links/1/to_subject_id"));
  EXPECT_TRUE(Mentions(text, "/subjects/2/"));
  EXPECT_TRUE(Mentions(text, "is already used by /agencies/0"));
  EXPECT_EQ(FullExport(), Text(Bundle{}));
}

// With per-row enforcement off (as Import runs), SQLite's whole-database check still catches a
// row that refers to a missing one before it could be committed.
TEST(SqliteConnectionTest, ForeignKeyCheckCatchesWhatBulkLoadsDoNotCheckRowByRow) {
  auto conn = storage::OpenSqlite(NewStoreUrl("sqlite").substr(7));
  ASSERT_TRUE(conn.ok());
  std::unique_ptr<storage::SqlConnection>& c = *conn;
  ASSERT_TRUE(
      c->ExecScript("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT "
                    "PRIMARY KEY, parent_id TEXT REFERENCES parent (id))")
          .ok());
  ASSERT_TRUE(c->EnforceForeignKeys(false).ok());
  ASSERT_TRUE(c->Begin(true).ok());
  ASSERT_TRUE(c->ExecScript("INSERT INTO child VALUES ('c1', 'p-missing')").ok());
  Status s = c->CheckForeignKeys();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Mentions(s.message(), "child"));
  ASSERT_TRUE(c->ExecScript("INSERT INTO parent VALUES ('p-missing')").ok());
  EXPECT_TRUE(c->CheckForeignKeys().ok());
  ASSERT_TRUE(c->Rollback().ok());
  ASSERT_TRUE(c->EnforceForeignKeys(true).ok());
  EXPECT_FALSE(c->ExecScript("INSERT INTO child VALUES ('c2', 'p-none')").ok());
}

CONTEXTMAP_STORE_BACKENDS(StoreContractTest);

}  // namespace
}  // namespace contextmap
