// The demo's partnership: agencies, areas and users, and the subjects (children, adults, places,
// groups, activities, objects) that several mappings share.
#include "demo/builder.h"

#include "contextmap/core/profiles.h"

namespace contextmap::demo {

// ============================================================================================
// Partnership: agencies, areas, users
// ============================================================================================

void DemoBuilder::AddPartnership() {
  AddAgency("agy-police", "Northwick Police", "NWP", AgencySector::kPolice);
  AddAgency("agy-csc", "Northwick Children's Social Care", "NCSC",
            AgencySector::kChildrensSocialCare);
  AddAgency("agy-early-help", "Northwick Early Help", "NEH", AgencySector::kEarlyHelp);
  AddAgency("agy-mockbury-academy", "Mockbury Academy", "MA", AgencySector::kEducation);
  AddAgency("agy-port-fable-high", "Port Fable High School", "PFHS", AgencySector::kEducation);
  AddAgency("agy-health", "Northwick Community Health (school nursing and CAMHS)", "NCH",
            AgencySector::kHealth);
  AddAgency("agy-yjs", "Northwick Youth Justice Service", "NYJS", AgencySector::kYouthJustice);
  AddAgency("agy-youth-service", "Northwick Youth Service", "NYS", AgencySector::kYouthService);
  AddAgency("agy-nest", "Northwick Exploitation Support Trust (charity)", "NEST",
            AgencySector::kVoluntary);
  AddAgency("agy-community-safety", "Northwick Community Safety Partnership", "NCSP",
            AgencySector::kCommunitySafety);

  Area county;
  county.id = "area-northwick";
  county.name = "Northwick";
  county.kind = AreaKind::kCounty;
  areas_.push_back(county);
  Area coast;
  coast.id = "area-port-fable";
  coast.name = "Port Fable";
  coast.kind = AreaKind::kDistrict;
  coast.parent_area_id = "area-northwick";
  areas_.push_back(coast);
  Area inland;
  inland.id = "area-mockbury";
  inland.name = "Mockbury";
  inland.kind = AreaKind::kDistrict;
  inland.parent_area_id = "area-northwick";
  areas_.push_back(inland);

  AddUser("usr-01", "Alex Placeholder", "agy-csc", "ContextMap administrator",
          UserRole::kAdministrator);
  AddUser("usr-02", "Priya Example", "agy-csc", "Exploitation team manager", UserRole::kChair);
  AddUser("usr-03", "Dan Testcase", "agy-community-safety",
          "Community safety manager (lead responsible officer)", UserRole::kChair);
  AddUser("usr-04", "Grace Madeup", "agy-police", "Intelligence analyst", UserRole::kAnalyst);
  AddUser("usr-05", "Hannah Fictional", "agy-csc", "Social worker", UserRole::kPractitioner);
  AddUser("usr-06", "Sam Pretend", "agy-police", "Detective constable, exploitation team",
          UserRole::kPractitioner);
  AddUser("usr-07", "Olivia Invented", "agy-mockbury-academy", "Designated safeguarding lead",
          UserRole::kPractitioner);
  AddUser("usr-08", "Marcus Notreal", "agy-port-fable-high", "Designated safeguarding lead",
          UserRole::kPractitioner);
  AddUser("usr-09", "Jess Dummy", "agy-youth-service", "Senior youth worker",
          UserRole::kPractitioner);
  AddUser("usr-10", "Aisha Specimen", "agy-health", "School nurse", UserRole::kPractitioner);
  AddUser("usr-11", "Leon Mockley", "agy-yjs", "Youth justice officer", UserRole::kPractitioner);
  AddUser("usr-12", "Chloe Testcase", "agy-early-help", "Family support worker",
          UserRole::kPractitioner);
  AddUser("usr-13", "Bea Madeup", "agy-nest", "Exploitation support worker",
          UserRole::kPractitioner);
  AddUser("usr-14", "Robert Placeholder", "agy-community-safety",
          "Strategic exploitation lead (MACE chair)", UserRole::kStrategicViewer);

  profiles_ = BuiltInProfiles();
}

// ============================================================================================
// Subjects: partnership-wide, each appearing on one or more mappings
// ============================================================================================

void DemoBuilder::AddChildren() {
  const Clock& c = clock_;
  Subject& ruby = AddChild("sub-child-01", "Ruby Example", Gender::kFemale, c.Born(15, 120),
                           "sub-loc-port-fable-high", "area-port-fable",
                           "Year 11 pupil at Port Fable High School. Lives with her mother.");
  ruby.agency_records = {{"agy-csc", "CSC-40117", CaseStatus::kOpen},
                         {"agy-health", "HN-22871", CaseStatus::kOpen},
                         {"agy-police", "NWP-PV-7731", CaseStatus::kOpen}};

  Subject& ella = AddChild("sub-child-02", "Ella Placeholder", Gender::kFemale, c.Born(15, 40),
                           "sub-loc-port-fable-high", "area-port-fable",
                           "Ruby Example's best friend. Not known to social care.");
  ella.agency_records = {{"agy-port-fable-high", "PFHS-3390", CaseStatus::kOpen},
                         {"agy-csc", "", CaseStatus::kNotOpen}};

  Subject& kai = AddChild("sub-child-03", "Kai Sample", Gender::kMale, c.Born(16, 75),
                          "sub-loc-mockbury-academy", "area-mockbury",
                          "Year 11 pupil. Lives with his mother and younger sister.");
  kai.aliases = {"KJ"};
  kai.agency_records = {{"agy-csc", "CSC-39852", CaseStatus::kOpen},
                        {"agy-yjs", "YJ-1184", CaseStatus::kClosed}};

  Subject& mia = AddChild("sub-child-04", "Mia Sample", Gender::kFemale, c.Born(13, 200),
                          "sub-loc-mockbury-academy", "area-mockbury",
                          "Kai Sample's younger sister, in Year 9.");
  mia.agency_records = {{"agy-csc", "CSC-39853", CaseStatus::kOpen}};

  Subject& leo =
      AddChild("sub-child-05", "Leo Fictional", Gender::kMale, c.Born(15, 300),
               "sub-loc-mockbury-academy", "area-mockbury", "Kai Sample's cousin. Year 10.");
  leo.agency_records = {{"agy-csc", "CSC-41290", CaseStatus::kOpen},
                        {"agy-yjs", "YJ-1251", CaseStatus::kOpen}};

  Subject& tyler =
      AddChild("sub-child-06", "Tyler Invented", Gender::kMale, c.Born(17, 30), "", "area-mockbury",
               "Not in education, training or work since leaving school.");
  tyler.aliases = {"Ty"};
  tyler.agency_records = {{"agy-yjs", "YJ-1032", CaseStatus::kOpen},
                          {"agy-police", "NWP-PN-6120", CaseStatus::kOpen}};

  Subject& jayden =
      AddChild("sub-child-07", "Jayden Notreal", Gender::kMale, c.Born(14, 150),
               "sub-loc-mockbury-academy", "area-mockbury", "Year 9. Known to early help.");
  jayden.agency_records = {{"agy-early-help", "EH-8812", CaseStatus::kOpen}};

  AddChild("sub-child-08", "Ethan Specimen", Gender::kMale, c.Born(15, 210),
           "sub-loc-mockbury-academy", "area-mockbury",
           "Leo Fictional's best friend since primary school. Not known to services.");
  AddChild("sub-child-09", "Noah Dummy", Gender::kMale, c.Born(14, 20), "sub-loc-mockbury-academy",
           "area-mockbury", "Year 9 pupil.");
  AddChild("sub-child-10", "Zara Testcase", Gender::kFemale, c.Born(13, 310),
           "sub-loc-mockbury-academy", "area-mockbury",
           "Year 9 pupil who told staff about the shared image.");
}

void DemoBuilder::AddAdults() {
  const Clock& c = clock_;
  Subject& dean =
      AddPerson(SubjectKind::kAdult, "sub-x-01", "Dean Mockley", Gender::kMale, "area-mockbury",
                "Believed to run the Kestrel line from Mockbury. On licence.");
  dean.aliases = {"Deano"};
  dean.dob = c.Born(24, 0);
  dean.dob_precision = DobPrecision::kApproximate;
  dean.agency_records = {{"agy-police", "NWP-NOM-5521", CaseStatus::kOpen}};

  Subject& craig =
      AddPerson(SubjectKind::kAdult, "sub-x-02", "Craig Pretend", Gender::kMale, "area-port-fable",
                "Adult of concern. Drives a grey hatchback, registration ZZ26 FKE.");
  craig.dob = c.Born(27, 0);
  craig.dob_precision = DobPrecision::kApproximate;

  AddPerson(SubjectKind::kAdult, "sub-x-03", "Shaun Madeup", Gender::kMale, "area-port-fable",
            "Tenant of Flat 3 Gullhaven Court. Has support needs; his flat is believed to have "
            "been taken over by the Kestrel line.");

  AddPerson(SubjectKind::kParentCarer, "sub-x-04", "Donna Example", Gender::kFemale,
            "area-port-fable", "Ruby Example's mother. Reports every missing episode.");
  AddPerson(SubjectKind::kParentCarer, "sub-x-05", "Lisa Sample", Gender::kFemale, "area-mockbury",
            "Mother of Kai Sample and Mia Sample.");

  AddPerson(SubjectKind::kProfessional, "sub-x-06", "Jess Dummy", Gender::kFemale, "area-northwick",
            "Senior youth worker, Northwick Youth Service.");
  AddPerson(SubjectKind::kProfessional, "sub-x-07", "Aisha Specimen", Gender::kFemale,
            "area-port-fable", "School nurse for Port Fable High School.");
  AddPerson(SubjectKind::kProfessional, "sub-x-08", "Olivia Invented", Gender::kFemale,
            "area-mockbury", "Designated safeguarding lead, Mockbury Academy.");
}

void DemoBuilder::AddPlacesAndThings() {
  AddLocation("sub-loc-port-fable-high", "Port Fable High School", "Makebelieve Lane, Port Fable",
              "ZZ9 3HS", VenueType::kSchool, "area-port-fable", "");
  AddLocation("sub-loc-mockbury-academy", "Mockbury Academy", "Nowhere Road, Mockbury", "ZZ4 6PA",
              VenueType::kSchool, "area-mockbury", "");
  AddLocation("sub-loc-gullhaven-flat", "Flat 3, Gullhaven Court",
              "Flat 3, Gullhaven Court, Pretend Parade, Port Fable", "ZZ9 2PF",
              VenueType::kTrapHouse, "area-port-fable",
              "Ground floor flat used to store and sell drugs (cuckooed).");
  AddLocation("sub-loc-port-fable-station", "Port Fable railway station",
              "Fictional Way, Port Fable", "ZZ9 1ST", VenueType::kTransportHub, "area-port-fable",
              "End of the line from Mockbury.");
  AddLocation("sub-loc-seafront-arcade", "Seafront amusement arcade",
              "Storybook Esplanade, Port Fable", "ZZ9 1EA", VenueType::kLeisure, "area-port-fable",
              "Open until 23:00 in summer.");
  AddLocation("sub-loc-01", "Ruby Example's home", "14 Fibbers Walk, Port Fable", "ZZ9 4QT",
              VenueType::kHome, "area-port-fable", "");
  AddLocation("sub-loc-02", "Kai Sample's home", "27 Notreal Close, Mockbury", "ZZ4 7NB",
              VenueType::kHome, "area-mockbury", "");
  AddLocation("sub-loc-mockfield-park", "Mockfield Recreation Ground", "Mockfield Lane, Mockbury",
              "ZZ4 2EP", VenueType::kPark, "area-mockbury",
              "Open space next to Mockbury Academy with an unlit footpath.");
  AddLocation("sub-loc-parade-takeaway", "Chicken shop, Mockfield Parade",
              "5 Mockfield Parade, Mockbury", "ZZ4 2EF", VenueType::kTakeaway, "area-mockbury",
              "Car park behind the parade has no CCTV.");
  AddLocation("sub-loc-mockbury-bus-station", "Mockbury bus station", "Pretend Square, Mockbury",
              "ZZ4 1BS", VenueType::kTransportHub, "area-mockbury", "");

  AddGroup("sub-group-01", "Kestrel line", GroupType::kDrugLine, "area-mockbury",
           "Drug line run from Mockbury, supplying Port Fable. Named after its deal phone.");
  AddGroup("sub-grp-mockfield-group", "Mockfield Rec group", GroupType::kPeerGroup, "area-mockbury",
           "Boys aged 13 to 17 who gather at Mockfield Recreation Ground.");
  AddGroup("sub-grp-fable-quay", "Fable Quay group", GroupType::kPeerGroup, "area-port-fable",
           "Port Fable peer group in a long-running dispute with the "
           "Mockfield Rec group.");

  AddActivity("sub-act-boxing", "Boxing club, Mockbury youth centre", "area-mockbury",
              "Tuesday and Thursday evening sessions.");
  AddActivity("sub-act-netball", "Youth club netball, Port Fable", "area-port-fable", "");
  AddActivity("sub-act-year9-chat", "Year 9 group chat - image sharing", "area-mockbury",
              "A messaging group used by most of Year 9 at Mockbury Academy.");

  AddObject("sub-object-01", "Kestrel line deal phone", ObjectType::kPhoneNumber, "07700 900417",
            "area-mockbury", "Sends bulk drug advertising messages.");
  AddObject("sub-object-02", "Craig Pretend's phone", ObjectType::kPhoneNumber, "07700 900255",
            "area-port-fable", "");
  AddObject("sub-obj-car-fke", "Grey hatchback ZZ26 FKE", ObjectType::kVehicle, "ZZ26 FKE",
            "area-port-fable", "Registered to Craig Pretend.");
  AddObject("sub-obj-anon-account", "Anonymous picture account", ObjectType::kOnlineAccount,
            "notreal.pics.y9", "area-mockbury", "Account that first posted the image.");
}

}  // namespace contextmap::demo
