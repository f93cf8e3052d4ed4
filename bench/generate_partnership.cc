// generate_partnership: writes a large, valid, wholly invented partnership bundle for benchmarks.
//
// Usage: generate_partnership [--subjects N] [--links N] [--information N] [--casework]
//                             [--seed S] [--today YYYY-MM-DD] [--out FILE]
//
// For N subjects (default 100,000) it writes 5N links and 10N information items (or as many as
// --links and --information say), plus what they need: 8 agencies, 13 areas, 48 users, the
// built-in protocol profiles, N/400 mappings (at least one) with three members each, and one
// mapping_subject per subject placing it on one mapping. (Below 21 subjects there are fewer
// links: at most half of all pairs, one link per pair.)
//
// --casework adds each mapping's work as a mapping meeting records it: meetings (an initial
// meeting and reviews six weeks apart, the next one planned) with attendees, factors and risk
// assessments for each child in the cohort, referrals, key questions, and actions with updates.
// For one big mapping (bench/server_bench.sh): --subjects 200 --links 400 --information 400
// --casework.
// Subjects sit in contiguous blocks of about 400 per mapping and most links join two subjects of
// the same block, as real networks do. Every record passes the importer's validation for
// --today (default: today, UTC) and later days; every date is on or before it.
//
// The output is the canonical bundle (contextmap::WriteBundleFile), so the same options give
// the same bytes on every machine (std::mt19937_64 is fully specified
// and no library distribution is used). --out - (the default) writes to standard output.
//
// All names are invented: syllable first names with surnames such as "Example" and "Sample",
// streets in the non-existent town of Benchford, ZZ postcodes, phone numbers from Ofcom's
// drama range (07700 900xxx). Ids carry no names: sub-0000123, lnk-0000456, inf-00001234.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/date.h"
#include "contextmap/core/model.h"
#include "contextmap/core/profiles.h"
#include "contextmap/core/validation.h"

namespace contextmap::bench {
namespace {

constexpr int kAgencyCount = 8;
constexpr int kWardCount = 12;
constexpr int kUsersPerAgency = 6;
constexpr int64_t kSubjectsPerMapping = 400;
constexpr int kMembersPerMapping = 3;

// --- deterministic randomness ------------------------------------------------------------------

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t Next() { return engine_(); }
  // Uniform in [0, n); n > 0. The modulo bias (< 2^-40 for our n) does not matter here.
  uint64_t Below(uint64_t n) { return engine_() % n; }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return Unit() < p; }
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  // Index into `weights`, chosen with probability proportional to its weight.
  std::size_t Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    auto r = static_cast<int>(Below(static_cast<uint64_t>(total)));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

// --- invented vocabulary -------------------------------------------------------------------------

const std::vector<std::string> kSyllables = {"ta",  "ri", "lo",  "ven", "ka",  "mi", "sor", "el",
                                             "da",  "ny", "bri", "jo",  "len", "fa", "zo",  "ra",
                                             "mel", "ti", "ca",  "wen", "ash", "ty", "ro",  "na"};
const std::vector<std::string> kSurnames = {"Example",  "Sample",   "Specimen",  "Placeholder",
                                            "Mockford", "Testwell", "Fauxley",   "Pretendon",
                                            "Dummett",  "Notreal",  "Fictionby", "Benchley"};
const std::vector<std::string> kStreetEnds = {"Road",   "Close", "Walk",   "Lane",
                                              "Street", "Court", "Parade", "Row"};
const std::vector<std::string> kPlaces = {
    "bus station",       "retail park", "skate park",     "canal towpath",
    "chicken shop",      "underpass",   "leisure centre", "multi-storey car park",
    "seafront shelters", "high street"};
const std::vector<std::string> kFragments = {
    "Seen at about {time} near the {place} with two older males not known to the school.",
    "School reports {n} unexplained absences this half term and a drop in attendance.",
    "Parent says the young person has a second phone and new trainers with no explanation.",
    "Officers on patrol saw the subject getting into a dark hatchback by the {place}.",
    "Youth worker notes the subject appeared withdrawn and would not say where they had been.",
    "Reported missing overnight; returned at {time} and declined a return home interview.",
    "Information from a neighbour suggests visitors at all hours and cars waiting outside.",
    "Health practitioner recorded a minor injury with an explanation that did not fit.",
    "Social worker visited; the family engaged well and agreed to a safety plan.",
    "Staff at the {place} say a group gathers there most evenings after {time}.",
    "The subject was found with {n} small bags and a large amount of cash on them.",
    "Housing officer reports a change of occupant and signs of a possible cuckooed flat.",
    "Messages seen by a carer refer to working away and money owed to an older contact.",
    "Attended the outreach session and spoke about feeling pressured by a friendship group.",
    "Transport staff saw the subject travelling alone on a late train towards the coast.",
    "Education welfare officer could not make contact at the home address after {n} visits.",
    "Anonymous report via the online form; details are vague and could not be verified.",
    "Known to youth justice; compliant with the order and attending appointments on time.",
    "Seen with the same adult on {n} occasions this month, always near the {place}.",
    "Foster carer notes late returns and gifts of food and vapes from unknown people.",
};
const std::vector<std::string> kLinkNotes = {
    "Seen together regularly after school.",
    "Relationship described by a parent; not yet confirmed by another agency.",
    "Contact appears to have stopped after the last review.",
    "Older contact believed to be giving lifts and gifts.",
    "Named in more than one agency submission.",
};
const std::vector<std::string> kDescriptions = {
    "Known to several agencies; engagement is variable.",
    "Recently moved into the area from a neighbouring authority.",
    "Regularly reported missing from home, usually returns within a day.",
    "Described by professionals as a protective influence.",
    "Little is known yet; agencies to share what they hold before the next meeting.",
};
const std::vector<std::string> kQuestions = {
    "Who is the older male collecting the young people from the {place}?",
    "Where does the subject stay on the nights they are reported missing?",
    "Is the second phone being topped up by someone outside the family?",
    "Which school or college does this young person now attend, if any?",
    "Has anyone spoken to the staff at the {place} about the evening gatherings?",
    "Who owns the dark hatchback seen on {n} occasions near the home address?",
    "Is this friendship group linked to the line named in the police submission?",
};
const std::vector<std::string> kActionTexts = {
    "Share the return home interview findings with the school's safeguarding lead.",
    "Arrange a joint visit by the social worker and the youth outreach worker.",
    "Request a patrol plan for the {place} on weekday evenings.",
    "Speak to the manager of the {place} about staff awareness and reporting.",
    "Complete a referral to the national referral mechanism and record the outcome.",
    "Check housing records for the flat and report back at the next meeting.",
    "Offer the young person a trusted adult through the outreach service.",
    "Update the missing-from-home plan with the new addresses from this meeting.",
};
const std::vector<std::string> kStrengths = {
    "Good relationship with a football coach who sees them weekly.",
    "Parent engaging well with the family support worker.",
    "Attending a college course and says they enjoy it.",
    "Has a grandparent they trust and visit at weekends.",
};
const std::vector<std::string> kConcerns = {
    "Frequent contact with older peers not known to the family.",
    "Money and new clothes with no explanation given.",
    "Missing episodes are getting longer and later.",
    "Tells professionals they owe money to someone.",
};
const std::vector<std::string> kThemes = {"Network - county line to the coast",
                                          "Peer group around the retail park",
                                          "Missing episodes and the ring road hotel",
                                          "Online image sharing in a year group",
                                          "Place-based - the station underpass",
                                          "Older adults giving lifts and gifts",
                                          "Cuckooed flats on an estate",
                                          "Violence between two friendship groups"};

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

std::string Padded(int64_t n, int width) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return digits;
}

int WidthFor(int64_t count) {
  int w = 1;
  for (int64_t c = count; c >= 10; c /= 10) ++w;
  return w < 7 ? 7 : w;
}

std::string Clock(Rng& rng) {
  return Padded(rng.Between(0, 23), 2) + ":" + Padded(rng.Between(0, 11) * 5, 2);
}

// --- the generator
// ---------------------------------------------------------------------------------

struct Options {
  int64_t subjects = 100'000;
  int64_t links = -1;        // -1: 5 per subject
  int64_t information = -1;  // -1: 10 per subject
  bool casework = false;
  uint64_t seed = 20260115;
  Date today;
  std::string out = "-";
};

class Generator {
 public:
  Generator(const Options& opt)
      : opt_(opt),
        rng_(opt.seed),
        today_(opt.today),
        mapping_count_(opt.subjects / kSubjectsPerMapping > 0 ? opt.subjects / kSubjectsPerMapping
                                                              : 1),
        link_count_(opt.links >= 0 ? opt.links : opt.subjects * 5),
        information_count_(opt.information >= 0 ? opt.information : opt.subjects * 10),
        sub_width_(WidthFor(opt.subjects)),
        lnk_width_(WidthFor(link_count_)),
        inf_width_(WidthFor(information_count_) + 1) {}

  Bundle Run() {
    MakeAgencies();
    MakeAreas();
    MakeUsers();
    for (ProtocolProfile& p : BuiltInProfiles()) Add(std::move(p));
    MakeMappings();
    MakeSubjects();
    MakeLinks();
    MakeInformation();
    if (opt_.casework) {
      for (ProtocolProfile& p : BuiltInProfiles()) profiles_.push_back(std::move(p));
      for (int64_t m = 0; m < mapping_count_; ++m) MakeCasework(m);
    }
    bundle_.SortById();
    return std::move(bundle_);
  }

 private:
  template <class T>
  void Add(T record) {
    bundle_.of(RecordTraits<T>::kKind).emplace_back(std::move(record));
  }

  std::string Word(int syllables) {
    std::string w;
    for (int i = 0; i < syllables; ++i) w += rng_.Pick(kSyllables);
    return w;
  }
  std::string PersonName() {
    return Capitalised(Word(static_cast<int>(rng_.Between(2, 3)))) + " " + rng_.Pick(kSurnames);
  }
  std::string Street() { return Capitalised(Word(2)) + " " + rng_.Pick(kStreetEnds); }
  std::string Postcode() {
    std::string pc =
        "ZZ" + std::to_string(rng_.Between(1, 99)) + " " + std::to_string(rng_.Between(0, 9));
    pc += static_cast<char>('A' + rng_.Below(26));
    pc += static_cast<char>('A' + rng_.Below(26));
    return pc;
  }
  Date DaysAgo(int64_t lo, int64_t hi) { return today_.AddDays(-rng_.Between(lo, hi)); }
  Date NotAfterToday(Date d) const { return d > today_ ? today_ : d; }
  std::string Ward() { return "area-" + Padded(rng_.Between(1, kWardCount), 2); }
  std::string AgencyId(int64_t i) const { return "agy-" + Padded(i + 1, 2); }
  std::string UserId(int64_t i) const { return "usr-" + Padded(i + 1, 3); }
  std::string MappingId(int64_t m) const { return "map-" + Padded(m + 1, 4); }
  std::string SubjectId(int64_t i) const { return "sub-" + Padded(i + 1, sub_width_); }
  std::string LinkId(int64_t i) const { return "lnk-" + Padded(i + 1, lnk_width_); }
  int64_t MappingOf(int64_t subject) const { return subject * mapping_count_ / opt_.subjects; }
  int64_t BlockBegin(int64_t m) const {
    return (m * opt_.subjects + mapping_count_ - 1) / mapping_count_;
  }

  // `f` with {time}, {place} and {n} filled in.
  std::string Fill(std::string f) {
    for (auto [key, value] : {std::pair<std::string, std::string>{"{time}", Clock(rng_)},
                              {"{place}", rng_.Pick(kPlaces)},
                              {"{n}", std::to_string(rng_.Between(2, 6))}}) {
      if (auto at = f.find(key); at != std::string::npos) f.replace(at, key.size(), value);
    }
    return f;
  }

  // 100 to 200 bytes of invented professional prose.
  std::string Prose() {
    std::string text;
    for (int tries = 0; tries < 20 && text.size() < 100; ++tries) {
      std::string f = Fill(rng_.Pick(kFragments));
      if (text.size() + 1 + f.size() > 200) continue;
      if (!text.empty()) text += ' ';
      text += f;
    }
    return text;
  }

  void MakeAgencies() {
    const std::pair<const char*, AgencySector> agencies[kAgencyCount] = {
        {"Benchford Police", AgencySector::kPolice},
        {"Benchford Children's Social Care", AgencySector::kChildrensSocialCare},
        {"Benchford Early Help", AgencySector::kEarlyHelp},
        {"Benchford Schools Partnership", AgencySector::kEducation},
        {"Benchford Community Health", AgencySector::kHealth},
        {"Benchford Youth Justice Service", AgencySector::kYouthJustice},
        {"Benchford Housing Options", AgencySector::kHousing},
        {"Benchford Youth Outreach", AgencySector::kVoluntary}};
    for (int i = 0; i < kAgencyCount; ++i) {
      Agency a;
      a.id = AgencyId(i);
      a.name = agencies[i].first;
      a.short_name = "BF" + std::to_string(i + 1);
      a.sector = agencies[i].second;
      Add(std::move(a));
    }
  }

  void MakeAreas() {
    Area county;
    county.id = "area-00";
    county.name = "Benchshire";
    county.kind = AreaKind::kCounty;
    Add(std::move(county));
    for (int i = 1; i <= kWardCount; ++i) {
      Area ward;
      ward.id = "area-" + Padded(i, 2);
      ward.name = "Benchford Ward " + std::to_string(i);
      ward.kind = AreaKind::kWard;
      ward.parent_area_id = "area-00";
      Add(std::move(ward));
    }
  }

  void MakeUsers() {
    for (int a = 0; a < kAgencyCount; ++a) {
      for (int j = 0; j < kUsersPerAgency; ++j) {
        int64_t i = a * kUsersPerAgency + j;
        User u;
        u.id = UserId(i);
        u.username = "bench.user" + Padded(i + 1, 3);
        u.full_name = PersonName();
        u.email = u.username + "@example.invalid";
        u.agency_id = AgencyId(a);
        u.position = j == 0 ? "Team manager" : j == 1 ? "Analyst" : "Practitioner";
        u.role = j == 0 ? UserRole::kChair : j == 1 ? UserRole::kAnalyst : UserRole::kPractitioner;
        user_names_.push_back(u.full_name);
        Add(std::move(u));
      }
    }
  }

  void MakeMappings() {
    int64_t member_n = 0;
    for (int64_t m = 0; m < mapping_count_; ++m) {
      Mapping map;
      map.id = MappingId(m);
      map.kind = static_cast<MappingKind>(rng_.Weighted({40, 30, 20, 10}));
      map.title = kThemes[static_cast<std::size_t>(m) % kThemes.size()] + " (bench " +
                  Padded(m + 1, 4) + ")";
      map.trigger = static_cast<MappingTrigger>(rng_.Below(7));
      map.trigger_date = DaysAgo(60, 900);
      map.status = static_cast<MappingStatus>(rng_.Weighted({10, 50, 20, 20}));
      map.objectives = {"Understand who is around the children and where they spend time",
                        "Agree actions that reduce the risk from the adults of concern"};
      if (map.kind == MappingKind::kPlace) {
        map.osara = Osara{"Reports of young people gathering late at night.",
                          "Most reports are on weekday evenings after school.",
                          "Patrols, outreach sessions and work with local businesses.",
                          "To be reviewed at the next meeting."};
      }
      int64_t chair_agency = rng_.Below(kAgencyCount);
      map.chair_user_id = UserId(chair_agency * kUsersPerAgency);  // the agency's chair
      std::string a1 = Ward(), a2 = Ward();
      map.area_ids = {a1};
      if (a2 != a1) map.area_ids.push_back(a2);
      switch (map.kind) {
        case MappingKind::kIndividual:
          map.profile_id = kProfileMapCse;
          break;
        case MappingKind::kPeerGroup:
          map.profile_id = kProfilePeerMapping;
          break;
        case MappingKind::kPlace:
          map.profile_id = kProfilePlaceBased;
          break;
        case MappingKind::kThematic:
          map.profile_id = kProfileGroupIncidentMapping;
          break;
      }
      map.opened_on = NotAfterToday(map.trigger_date.AddDays(rng_.Between(0, 10)));
      if (map.status == MappingStatus::kClosed) {
        map.closed_on = NotAfterToday(map.opened_on.AddDays(rng_.Between(30, 300)));
        map.closure_summary = "Risks reduced; remaining work passed to single-agency plans.";
      }
      mapping_opened_.push_back(map.opened_on);
      mapping_profile_.push_back(map.profile_id);

      // Members: the chair and two others, all different users.
      std::vector<int64_t> members = {chair_agency * kUsersPerAgency};
      while (static_cast<int>(members.size()) < kMembersPerMapping) {
        int64_t u = rng_.Below(uint64_t{kAgencyCount} * kUsersPerAgency);
        bool dup = false;
        for (int64_t x : members) dup |= x == u;
        if (!dup) members.push_back(u);
      }
      mapping_members_.push_back(members);
      for (int64_t u : members) {
        MappingMember mm;
        mm.id = "mem-" + Padded(++member_n, 6);
        mm.mapping_id = map.id;
        mm.user_id = UserId(u);
        mm.added_on = map.opened_on;
        Add(std::move(mm));
      }
      Add(std::move(map));
    }
  }

  void MakeSubjects() {
    kinds_.reserve(static_cast<std::size_t>(opt_.subjects));
    locations_.assign(static_cast<std::size_t>(mapping_count_), {});
    schools_.assign(static_cast<std::size_t>(mapping_count_), {});
    // Locations first, so children can name a school on their own mapping.
    for (int64_t i = 0; i < opt_.subjects; ++i) {
      int64_t m = MappingOf(i);
      SubjectKind k = i == BlockBegin(m)
                          ? SubjectKind::kChild
                          : static_cast<SubjectKind>(rng_.Weighted({35, 22, 8, 5, 20, 4, 2, 4}));
      kinds_.push_back(k);
      if (k == SubjectKind::kLocation) {
        locations_[static_cast<std::size_t>(m)].push_back(i);
        if (rng_.Chance(0.15)) schools_[static_cast<std::size_t>(m)].push_back(i);
      }
    }
    auto& out = bundle_.of(RecordKind::kSubject);
    auto& placed = bundle_.of(RecordKind::kMappingSubject);
    out.reserve(static_cast<std::size_t>(opt_.subjects));
    placed.reserve(static_cast<std::size_t>(opt_.subjects));
    for (int64_t i = 0; i < opt_.subjects; ++i) {
      int64_t m = MappingOf(i);
      Subject s = MakeSubject(i, m);
      MappingSubject ms;
      ms.id = "ms-" + Padded(i + 1, sub_width_);
      ms.mapping_id = MappingId(m);
      ms.subject_id = s.id;
      ms.role = RoleFor(s, i == BlockBegin(m));
      if (!RoleAllowed(ms.role, s)) {
        std::cerr << "generate_partnership: internal error: role not allowed for " << s.id << "\n";
        std::exit(1);
      }
      ms.added_on =
          NotAfterToday(mapping_opened_[static_cast<std::size_t>(m)].AddDays(rng_.Between(0, 60)));
      if (rng_.Chance(0.03))
        ms.removed_on = NotAfterToday(ms.added_on.AddDays(rng_.Between(14, 200)));
      if (rng_.Chance(0.7)) {
        ms.x = static_cast<double>(rng_.Between(-5000, 5000)) / 10.0;
        ms.y = static_cast<double>(rng_.Between(-5000, 5000)) / 10.0;
      }
      if (rng_.Chance(0.1)) ms.notes = "Added after the agency submissions were read.";
      in_cohort_.push_back(!ms.removed_on.IsSet() && (ms.role == MappingRole::kSubjectChild ||
                                                      ms.role == MappingRole::kCohortMember));
      out.emplace_back(std::move(s));
      placed.emplace_back(std::move(ms));
    }
  }

  MappingRole RoleFor(const Subject& s, bool first_in_block) {
    switch (s.kind) {
      case SubjectKind::kChild:
        if (first_in_block) return MappingRole::kSubjectChild;
        return rng_.Chance(0.4) ? MappingRole::kCohortMember : MappingRole::kAssociate;
      case SubjectKind::kAdult:
        if (s.care_leaver && rng_.Chance(0.5)) return MappingRole::kCohortMember;
        return rng_.Chance(0.5) ? MappingRole::kAdultOfConcern : MappingRole::kAssociate;
      case SubjectKind::kParentCarer:
        return rng_.Chance(0.2) ? MappingRole::kAdultOfConcern : MappingRole::kAssociate;
      case SubjectKind::kProfessional:
        return MappingRole::kKeyContact;
      case SubjectKind::kLocation:
        return rng_.Chance(0.5) ? MappingRole::kLocationOfConcern : MappingRole::kAssociate;
      default:
        return MappingRole::kAssociate;
    }
  }

  Subject MakeSubject(int64_t i, int64_t m) {
    Subject s;
    s.id = SubjectId(i);
    s.kind = kinds_[static_cast<std::size_t>(i)];
    if (rng_.Chance(0.8)) s.area_id = Ward();
    if (rng_.Chance(0.3)) s.description = rng_.Pick(kDescriptions);
    switch (s.kind) {
      case SubjectKind::kChild:
      case SubjectKind::kAdult:
      case SubjectKind::kParentCarer:
      case SubjectKind::kProfessional: {
        s.full_name = PersonName();
        s.label = s.full_name;
        if (s.kind != SubjectKind::kProfessional && rng_.Chance(0.1)) {
          s.aliases = {Capitalised(Word(2))};
        }
        int lo = 10, hi = 17;
        if (s.kind == SubjectKind::kAdult) lo = 18, hi = 45;
        if (s.kind == SubjectKind::kParentCarer) lo = 28, hi = 58;
        std::size_t precision = rng_.Weighted({70, 20, 10});
        if (s.kind == SubjectKind::kProfessional) precision = 2;
        if (precision < 2) {
          int years = static_cast<int>(rng_.Between(lo, hi));
          s.dob = today_.AddMonths(-12 * years).AddDays(-rng_.Between(0, 364));
          s.dob_precision = precision == 0 ? DobPrecision::kExact : DobPrecision::kApproximate;
        }
        std::size_t g = rng_.Weighted({46, 46, 2, 1, 2, 3});
        if (g < 5) s.gender = static_cast<Gender>(g);
        s.care_leaver = s.kind == SubjectKind::kAdult && rng_.Chance(0.05);
        const auto& schools = schools_[static_cast<std::size_t>(m)];
        if (s.kind == SubjectKind::kChild && !schools.empty() && rng_.Chance(0.5)) {
          s.school_id = SubjectId(rng_.Pick(schools));
        }
        if (s.kind != SubjectKind::kProfessional && rng_.Chance(0.6)) {
          int64_t first = rng_.Below(kAgencyCount);
          int64_t count = rng_.Between(1, 2);
          for (int64_t k = 0; k < count; ++k) {
            AgencyRecord r;
            r.agency_id = AgencyId((first + k * 3) % kAgencyCount);
            r.reference = "BF" + std::to_string((first + k * 3) % kAgencyCount + 1) + "-" +
                          Padded(rng_.Below(10'000'000), 7);
            r.status = static_cast<CaseStatus>(rng_.Weighted({60, 30, 10}));
            s.agency_records.push_back(std::move(r));
          }
        }
        break;
      }
      case SubjectKind::kLocation: {
        bool school = false;
        for (int64_t x : schools_[static_cast<std::size_t>(m)]) school |= x == i;
        VenueType venue = school ? VenueType::kSchool : static_cast<VenueType>(rng_.Below(13));
        if (venue == VenueType::kSchool && !school) venue = VenueType::kHome;
        std::string street = Street();
        s.venue_type = venue;
        s.address = std::to_string(rng_.Between(1, 180)) + " " + street + ", Benchford";
        s.postcode = Postcode();
        if (venue == VenueType::kHome) {
          s.label = "Home on " + street;
        } else if (venue == VenueType::kSchool) {
          s.label = Capitalised(Word(2)) + " Academy";
        } else if (venue == VenueType::kOther) {
          s.label = "Premises on " + street;
        } else {
          s.label = Capitalised(EnumLabel(EnumName(venue))) + " on " + street;
        }
        break;
      }
      case SubjectKind::kGroup: {
        s.group_type = static_cast<GroupType>(rng_.Weighted({50, 20, 10, 15, 5}));
        std::string w = Capitalised(Word(2));
        s.label = *s.group_type == GroupType::kDrugLine    ? "The " + w + " line"
                  : *s.group_type == GroupType::kPeerGroup ? w + " friendship group"
                                                           : "The " + w + " crew";
        break;
      }
      case SubjectKind::kActivity:
        s.label = "Late-night gatherings at the " + rng_.Pick(kPlaces);
        break;
      case SubjectKind::kObject: {
        s.object_type = static_cast<ObjectType>(rng_.Weighted({40, 40, 20, 0}));
        if (*s.object_type == ObjectType::kVehicle) {
          std::string reg = "ZZ" + Padded(rng_.Between(1, 99), 2) + " ";
          for (int k = 0; k < 3; ++k) reg += static_cast<char>('A' + rng_.Below(26));
          s.identifier = reg;
          s.label = "Dark hatchback " + reg;
        } else if (*s.object_type == ObjectType::kPhoneNumber) {
          s.identifier = "07700 900" + Padded(rng_.Below(1000), 3);
          s.label = "Phone " + s.identifier;
        } else {
          s.identifier = "@bench_" + Word(3);
          s.label = "Account " + s.identifier;
        }
        break;
      }
    }
    return s;
  }

  // A link type for these ends: weighted among the types validation allows.
  LinkType LinkTypeFor(SubjectKind from, SubjectKind to) {
    static const std::vector<int> kWeights = {20, 4,  3, 2, 3, 4, 15, 2, 3, 2,
                                              1,  10, 3, 6, 8, 8, 1,  5, 5};
    std::vector<int> w(kWeights.size(), 0);
    for (std::size_t t = 0; t < kWeights.size(); ++t) {
      if (LinkEndsAllowed(static_cast<LinkType>(t), from, to)) w[t] = kWeights[t];
    }
    return static_cast<LinkType>(rng_.Weighted(w));  // associate is always allowed
  }

  void MakeLinks() {
    // One link per pair of subjects at most; keeping under half of all pairs filled lets the
    // rejection sampling below finish quickly (this bites only below 21 subjects).
    const int64_t max_links = opt_.subjects * (opt_.subjects - 1) / 4;
    const int64_t count = std::min(link_count_, max_links);
    if (count <= 0) return;
    auto& out = bundle_.of(RecordKind::kLink);
    out.reserve(static_cast<std::size_t>(count));
    std::unordered_set<uint64_t> pairs;
    pairs.reserve(static_cast<std::size_t>(count) * 2);
    const auto n = static_cast<uint64_t>(opt_.subjects);
    for (int64_t j = 0; j < count; ++j) {
      int64_t a = 0, b = 0;
      for (;;) {
        a = rng_.Below(n);
        int64_t m = MappingOf(a);
        if (rng_.Chance(0.9)) {
          int64_t lo = BlockBegin(m),
                  hi = m + 1 < mapping_count_ ? BlockBegin(m + 1) : opt_.subjects;
          b = rng_.Between(lo, hi - 1);
        } else {
          b = rng_.Below(n);
        }
        if (a == b) continue;
        // Persons first: "lives at", "member of" and the like go from the person.
        if (!IsPerson(kinds_[a]) && IsPerson(kinds_[b])) std::swap(a, b);
        auto lo_id = static_cast<uint64_t>(a < b ? a : b),
             hi_id = static_cast<uint64_t>(a < b ? b : a);
        if (pairs.insert(lo_id * n + hi_id).second) break;  // one link per pair of subjects
      }
      Link l;
      l.id = LinkId(j);
      l.from_subject_id = SubjectId(a);
      l.to_subject_id = SubjectId(b);
      l.type = LinkTypeFor(kinds_[a], kinds_[b]);
      switch (l.type) {
        case LinkType::kExploits:
        case LinkType::kControls:
        case LinkType::kRecruitedBy:
          l.directed = true;
          l.valence = Valence::kHarmful;
          break;
        case LinkType::kRival:
          l.valence = Valence::kHarmful;
          break;
        case LinkType::kKeyContactFor:
          l.directed = true;
          l.valence = Valence::kProtective;
          break;
        default:
          l.valence = static_cast<Valence>(rng_.Weighted({20, 30, 20, 30}));
      }
      l.strength = rng_.Between(1, 3);
      if (rng_.Chance(0.6)) l.started_on = DaysAgo(30, 1500);
      if (rng_.Chance(0.15)) {
        l.status = LinkStatus::kHistoric;
        l.ended_on = l.started_on.IsSet()
                         ? NotAfterToday(l.started_on.AddDays(rng_.Between(1, 400)))
                         : DaysAgo(0, 400);
      }
      if (rng_.Chance(0.7)) l.origin_mapping_id = MappingId(MappingOf(a));
      if (rng_.Chance(0.25)) l.notes = rng_.Pick(kLinkNotes);
      link_from_.push_back(a);
      link_to_.push_back(b);
      out.emplace_back(std::move(l));
    }
  }

  void MakeInformation() {
    const int64_t count = information_count_;
    auto& out = bundle_.of(RecordKind::kInformation);
    out.reserve(static_cast<std::size_t>(count));
    const int64_t links = static_cast<int64_t>(link_from_.size());
    for (int64_t j = 0; j < count; ++j) {
      Information inf;
      inf.id = "inf-" + Padded(j + 1, inf_width_);
      int64_t subject = -1;
      int64_t anchor = 0;  // the subject whose mapping the item was shared in
      if (links == 0 || rng_.Chance(0.6)) {
        subject = rng_.Below(static_cast<uint64_t>(opt_.subjects));
        inf.subject_id = SubjectId(subject);
        anchor = subject;
      } else {
        int64_t l = rng_.Below(static_cast<uint64_t>(links));
        inf.link_id = LinkId(l);
        anchor = link_from_[static_cast<std::size_t>(l)];
      }
      int64_t m = MappingOf(anchor);
      if (rng_.Chance(0.9)) inf.mapping_id = MappingId(m);
      int64_t agency = rng_.Below(kAgencyCount);
      inf.source_agency_id = AgencyId(agency);
      if (rng_.Chance(0.7)) {
        int64_t u = agency * kUsersPerAgency + rng_.Below(kUsersPerAgency);
        inf.author_user_id = UserId(u);
        inf.author = user_names_[static_cast<std::size_t>(u)];
      } else if (rng_.Chance(0.5)) {
        inf.author = "Duty desk, " + std::string(agency == 0 ? "Benchford Police" : "front door");
      }
      inf.text = Prose();
      inf.captured_on = DaysAgo(0, 900);
      inf.recorded_on = NotAfterToday(inf.captured_on.AddDays(rng_.Between(0, 30)));
      inf.source = static_cast<SourceEvaluation>(rng_.Weighted({25, 60, 15}));
      inf.assessment = static_cast<IntelAssessment>(rng_.Weighted({15, 30, 30, 15, 10}));
      inf.evidence = rng_.Chance(0.4) ? EvidenceBasis::kEvidenced : EvidenceBasis::kAnecdotal;
      if (rng_.Chance(0.08)) {
        inf.handling = HandlingCode::kC;
        HandlingConditions hc;
        hc.text = "Share only with the agencies named; do not disclose the source to the family.";
        int64_t extra = rng_.Between(0, 2);
        for (int64_t k = 1; k <= extra; ++k) {
          hc.share_with_agency_ids.push_back(AgencyId((agency + k) % kAgencyCount));
        }
        hc.originator_approval_required = rng_.Chance(0.5);
        inf.handling_conditions = std::move(hc);
      }
      const auto& locs = locations_[static_cast<std::size_t>(m)];
      if (subject >= 0 && IsPerson(kinds_[static_cast<std::size_t>(subject)]) && !locs.empty() &&
          rng_.Chance(0.05)) {
        Sighting s;
        s.seen_on = inf.captured_on;
        s.seen_time = Clock(rng_);
        s.location_subject_id = SubjectId(rng_.Pick(locs));
        s.present_subject_ids = {inf.subject_id};
        s.seen_by = "Officer on patrol";
        s.seen_by_agency_id = AgencyId(0);
        inf.sighting = std::move(s);
      }
      out.emplace_back(std::move(inf));
    }
  }

  // --- casework (--casework) ---

  const ProtocolProfile* ProfileFor(int64_t m) const {
    for (const ProtocolProfile& p : profiles_) {
      if (p.id == mapping_profile_[static_cast<std::size_t>(m)]) return &p;
    }
    return nullptr;
  }

  // A day from `from` up to `days` later, never after today.
  Date After(Date from, int64_t days) { return NotAfterToday(from.AddDays(rng_.Between(0, days))); }

  // The mapping's work: meetings and attendees, then per cohort child factors, risk
  // assessments and referrals, then key questions and actions (with updates) for the mapping.
  void MakeCasework(int64_t m) {
    const auto mi = static_cast<std::size_t>(m);
    const std::string mapping_id = MappingId(m);
    const std::vector<int64_t>& members = mapping_members_[mi];
    const std::string chair = UserId(members.front());
    const ProtocolProfile* profile = ProfileFor(m);
    const int64_t begin = BlockBegin(m);
    const int64_t end = m + 1 < mapping_count_ ? BlockBegin(m + 1) : opt_.subjects;
    std::vector<int64_t> cohort, persons;
    for (int64_t i = begin; i < end; ++i) {
      if (in_cohort_[static_cast<std::size_t>(i)]) cohort.push_back(i);
      if (IsPerson(kinds_[static_cast<std::size_t>(i)])) persons.push_back(i);
    }
    std::vector<int64_t> links;  // links with both ends on this mapping
    for (std::size_t l = 0; l < link_from_.size(); ++l) {
      if (link_from_[l] >= begin && link_from_[l] < end && link_to_[l] >= begin &&
          link_to_[l] < end) {
        links.push_back(static_cast<int64_t>(l));
      }
    }

    // Meetings: the initial one a few days after opening, reviews every six weeks, the next
    // one planned.
    std::vector<std::pair<std::string, Date>> held;
    Date date = After(mapping_opened_[mi], 7);
    for (int k = 0; k < 6; ++k) {
      Meeting mt;
      mt.id = "mtg-" + Padded(++meeting_n_, 6);
      mt.mapping_id = mapping_id;
      mt.kind = k == 0 ? MeetingKind::kInitial : MeetingKind::kReview;
      mt.date = date;
      mt.start_time = Padded(rng_.Between(9, 15), 2) + ":" + (rng_.Chance(0.5) ? "00" : "30");
      mt.venue = rng_.Chance(0.5)
                     ? "Online"
                     : "Benchford Civic Centre, Room " + std::to_string(rng_.Between(1, 12));
      mt.chair_user_id = chair;
      mt.agenda = {{"Introductions and confidentiality", ""},
                   {"What each agency knows", ""},
                   {"Risk for each child", ""},
                   {"Actions and key questions", ""}};
      if (date > today_) {  // the next meeting: planned
        mt.status = MeetingStatus::kPlanned;
        Add(std::move(mt));
        break;
      }
      mt.status = MeetingStatus::kHeld;
      for (AgendaItem& item : mt.agenda) item.notes = Prose();
      mt.minutes = Prose() + " " + Prose();
      mt.decisions = {"Review in six weeks.", "Agencies to share new information as it arises."};
      mt.minutes_circulated_on = After(date, 3);
      mt.next_review_on = date.AddDays(42);
      for (int a = 0; a < 6; ++a) {
        Attendee at;
        at.id = "att-" + Padded(++attendee_n_, 7);
        at.meeting_id = mt.id;
        int64_t agency = (m + a) % kAgencyCount;
        at.agency_id = AgencyId(agency);
        if (a == 0) {
          at.user_id = chair;
          at.name = user_names_[static_cast<std::size_t>(members.front())];
          at.agency_id = AgencyId(members.front() / kUsersPerAgency);
          at.position = "Chair";
        } else {
          at.name = PersonName();
          at.position = rng_.Chance(0.5) ? "Practitioner" : "Team manager";
        }
        at.attendance =
            a == 0 ? Attendance::kPresent : static_cast<Attendance>(rng_.Weighted({80, 15, 5}));
        at.confidentiality_agreed = at.attendance == Attendance::kPresent;
        Add(std::move(at));
      }
      held.emplace_back(mt.id, date);
      Add(std::move(mt));
      date = date.AddDays(42);
    }
    auto a_meeting = [&]() -> std::pair<std::string, Date> {
      if (held.empty()) return {"", mapping_opened_[mi]};
      return held[rng_.Below(held.size())];
    };
    auto a_member = [&] { return members[rng_.Below(members.size())]; };

    for (int64_t child : cohort) {
      const std::string subject_id = SubjectId(child);
      // Factors: vulnerability and risk factors from the profile's checklists, a strength, a
      // concern.
      auto factor = [&](FactorCategory category, const std::vector<ChecklistItem>* list,
                        const std::vector<std::string>& texts) {
        Factor f;
        f.id = "fac-" + Padded(++factor_n_, 7);
        f.mapping_id = mapping_id;
        f.subject_id = subject_id;
        f.category = category;
        if (list != nullptr && !list->empty()) {
          f.code = rng_.Pick(*list).code;
        } else {
          f.text = rng_.Pick(texts);
        }
        if (rng_.Chance(0.5)) f.text = rng_.Pick(texts);
        f.recorded_on = a_meeting().second;
        if (rng_.Chance(0.1)) f.resolved_on = After(f.recorded_on, 120);
        Add(std::move(f));
      };
      int64_t n = rng_.Between(1, 3);
      for (int64_t k = 0; k < n; ++k) {
        factor(FactorCategory::kVulnerability,
               profile != nullptr ? &profile->vulnerability_factors : nullptr, kConcerns);
      }
      n = rng_.Between(1, 3);
      for (int64_t k = 0; k < n; ++k) {
        factor(FactorCategory::kRisk, profile != nullptr ? &profile->risk_factors : nullptr,
               kConcerns);
      }
      if (rng_.Chance(0.6)) factor(FactorCategory::kStrength, nullptr, kStrengths);
      if (rng_.Chance(0.4)) factor(FactorCategory::kConcern, nullptr, kConcerns);

      // Risk assessments: one per held meeting the child was discussed at (at most three).
      if (profile != nullptr && !profile->risk_categories.empty()) {
        std::size_t count = std::min<std::size_t>(held.size(), 1 + rng_.Below(3));
        for (std::size_t k = 0; k < count; ++k) {
          RiskAssessment ra;
          ra.id = "ras-" + Padded(++risk_n_, 7);
          ra.mapping_id = mapping_id;
          ra.subject_id = subject_id;
          ra.meeting_id = held[k].first;
          ra.category = rng_.Pick(profile->risk_categories).code;
          ra.rationale = Prose();
          ra.assessed_on = held[k].second;
          ra.decided_by_user_id = chair;
          Add(std::move(ra));
        }
      }

      if (rng_.Chance(0.3)) {
        Referral r;
        r.id = "ref-" + Padded(++referral_n_, 7);
        r.mapping_id = mapping_id;
        r.subject_id = subject_id;
        r.target = static_cast<ReferralTarget>(rng_.Below(11));
        if (r.target == ReferralTarget::kOther) r.target_detail = "Benchford sports mentoring";
        r.status = static_cast<ReferralStatus>(rng_.Weighted({10, 40, 40, 10}));
        r.referred_on = a_meeting().second;
        r.referred_by_agency_id = AgencyId(rng_.Below(kAgencyCount));
        if (r.status == ReferralStatus::kAccepted) r.outcome = "Accepted; first session booked.";
        Add(std::move(r));
      }
    }

    // Key questions: one for every ten subjects, on a person or on a link.
    const int64_t size = end - begin;
    for (int64_t k = 0; k < std::max<int64_t>(1, size / 10); ++k) {
      KeyQuestion q;
      q.id = "kq-" + Padded(++question_n_, 7);
      q.mapping_id = mapping_id;
      if (!links.empty() && rng_.Chance(0.3)) {
        q.link_id = LinkId(rng_.Pick(links));
      } else if (!persons.empty()) {
        q.subject_id = SubjectId(rng_.Pick(persons));
      }
      q.question = Fill(rng_.Pick(kQuestions));
      int64_t owner = a_member();
      q.owner = user_names_[static_cast<std::size_t>(owner)];
      q.owner_user_id = UserId(owner);
      q.owner_agency_id = AgencyId(owner / kUsersPerAgency);
      auto [meeting_id, raised] = a_meeting();
      q.raised_at_meeting_id = meeting_id;
      q.due_on = raised.AddDays(rng_.Between(14, 42));
      q.status = static_cast<QuestionStatus>(rng_.Weighted({60, 30, 10}));
      if (q.status == QuestionStatus::kAnswered) {
        q.answer = Prose();
        q.answered_on = After(raised, 40);
      }
      Add(std::move(q));
    }

    // Actions: one for every eight subjects, most with an update or two.
    for (int64_t k = 0; k < std::max<int64_t>(1, size / 8); ++k) {
      Action act;
      act.id = "act-" + Padded(++action_n_, 7);
      act.mapping_id = mapping_id;
      act.description = Fill(rng_.Pick(kActionTexts));
      act.kind = static_cast<ActionKind>(rng_.Below(7));
      if (rng_.Chance(0.6)) {
        int64_t owner = a_member();
        act.owner = user_names_[static_cast<std::size_t>(owner)];
        act.owner_user_id = UserId(owner);
        act.owner_agency_id = AgencyId(owner / kUsersPerAgency);
      } else {
        act.owner = PersonName();
        act.owner_agency_id = AgencyId(rng_.Below(kAgencyCount));
      }
      auto [meeting_id, raised] = a_meeting();
      act.raised_at_meeting_id = meeting_id;
      act.created_on = raised;
      act.due_on = raised.AddDays(rng_.Between(7, 42));
      act.status = static_cast<ActionStatus>(rng_.Weighted({40, 30, 25, 5}));
      if (act.status == ActionStatus::kDone) act.completed_on = After(raised, 42);
      if (!cohort.empty()) {
        act.subject_ids = {SubjectId(rng_.Pick(cohort))};
        int64_t other = rng_.Pick(cohort);
        if (SubjectId(other) != act.subject_ids.front() && rng_.Chance(0.3)) {
          act.subject_ids.push_back(SubjectId(other));
        }
      }
      int64_t updates = rng_.Between(0, 2);
      for (int64_t u = 0; u < updates; ++u) {
        ActionUpdate up;
        up.id = "upd-" + Padded(++update_n_, 7);
        up.action_id = act.id;
        up.updated_on = After(raised, 30);
        up.text = Prose();
        up.author = act.owner;
        up.author_user_id = act.owner_user_id;
        if (u + 1 == updates && act.status != ActionStatus::kOpen) up.status = act.status;
        Add(std::move(up));
      }
      Add(std::move(act));
    }
  }

  Options opt_;
  Rng rng_;
  Date today_;
  int64_t mapping_count_;
  int64_t link_count_, information_count_;
  int sub_width_, lnk_width_, inf_width_;
  Bundle bundle_;
  std::vector<std::string> user_names_;
  std::vector<Date> mapping_opened_;
  std::vector<SubjectKind> kinds_;
  std::vector<std::vector<int64_t>> locations_;  // per mapping: its location subjects
  std::vector<std::vector<int64_t>> schools_;    // per mapping: locations that are schools
  std::vector<int64_t> link_from_;               // per link: its from subject
  std::vector<int64_t> link_to_;                 // per link: its to subject
  // For --casework:
  std::vector<std::string> mapping_profile_;           // per mapping: its profile id
  std::vector<std::vector<int64_t>> mapping_members_;  // per mapping: members, chair first
  std::vector<bool> in_cohort_;  // per subject: a child in its mapping's cohort, not removed
  std::vector<ProtocolProfile> profiles_;
  int64_t meeting_n_ = 0, attendee_n_ = 0, factor_n_ = 0, risk_n_ = 0, referral_n_ = 0,
          question_n_ = 0, action_n_ = 0, update_n_ = 0;
};

int Usage(const std::string& message) {
  std::cerr << "generate_partnership: " << message
            << "\nUsage: generate_partnership [--subjects N] [--links N] [--information N] "
               "[--casework] [--seed S] [--today YYYY-MM-DD] [--out FILE]\n";
  return 2;
}

int Main(int argc, char** argv) {
  Options opt;
  opt.today = Date::Today();
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    auto take = [&](std::string_view name) {
      if (a == name) {
        if (i + 1 >= argc) return false;
        value = argv[++i];
        return true;
      }
      std::string prefix = std::string(name) + "=";
      if (a.starts_with(prefix)) {
        value = a.substr(prefix.size());
        return true;
      }
      return false;
    };
    if (take("--subjects")) {
      char* end = nullptr;
      long long n = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 10'000'000) {
        return Usage("--subjects needs a number from 1 to 10000000");
      }
      opt.subjects = n;
    } else if (take("--links") || take("--information")) {
      char* end = nullptr;
      long long n = std::strtoll(value.c_str(), &end, 10);
      bool links = a.starts_with("--links");
      if (value.empty() || *end != '\0' || n < 0 || n > 100'000'000) {
        return Usage(std::string(links ? "--links" : "--information") +
                     " needs a number from 0 to 100000000");
      }
      (links ? opt.links : opt.information) = n;
    } else if (a == "--casework") {
      opt.casework = true;
    } else if (take("--seed")) {
      char* end = nullptr;
      unsigned long long s = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') return Usage("--seed needs a non-negative number");
      opt.seed = s;
    } else if (take("--today")) {
      auto d = Date::Parse(value);
      if (!d) return Usage("--today needs a date written YYYY-MM-DD");
      opt.today = *d;
    } else if (take("--out")) {
      if (value.empty()) return Usage("--out needs a file name (or - for standard output)");
      opt.out = value;
    } else if (a == "--help" || a == "-h") {
      Usage("writes an invented partnership bundle for benchmarks");
      return 0;
    } else {
      return Usage("unknown argument '" + a.substr(0, 40) + "'");
    }
  }

  auto started = std::chrono::steady_clock::now();
  Bundle bundle = Generator(opt).Run();
  auto built = std::chrono::steady_clock::now();
  if (opt.out == "-") {
    WriteBundle(bundle, std::cout);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "generate_partnership: could not write to standard output\n";
      return 1;
    }
  } else if (Status s = WriteBundleFile(bundle, opt.out); !s.ok()) {
    std::cerr << "generate_partnership: " << s.ToString() << "\n";
    return 1;
  }
  auto written = std::chrono::steady_clock::now();
  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::fprintf(stderr,
               "generate_partnership: %zu records (%zu subjects, %zu links, %zu information "
               "items, %zu mappings) for %s, seed %llu: built in %.1f s, written in %.1f s\n",
               bundle.size(), bundle.of(RecordKind::kSubject).size(),
               bundle.of(RecordKind::kLink).size(), bundle.of(RecordKind::kInformation).size(),
               bundle.of(RecordKind::kMapping).size(), opt.today.ToString().c_str(),
               static_cast<unsigned long long>(opt.seed), secs(started, built),
               secs(built, written));
  return 0;
}

}  // namespace
}  // namespace contextmap::bench

int main(int argc, char** argv) { return contextmap::bench::Main(argc, argv); }
