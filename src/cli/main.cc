// contextmap: the command-line shell over the ContextMap library.
//
// Thin by design: parse arguments, open the store, call the library, print. Every failure is a
// one-line message on stderr and a non-zero exit status (1: the work failed, 2: the command
// was mistyped); no stack trace ever reaches the user.
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.h"
#include "cli/demo_sign_in.h"
#include "contextmap/auth/accounts.h"
#include "contextmap/auth/demo.h"
#include "contextmap/core/bundle.h"
#include "contextmap/core/bundle_schema.h"
#include "contextmap/core/numbers.h"
#include "contextmap/core/profiles.h"
#include "contextmap/core/timescales.h"
#include "contextmap/core/utf8.h"
#include "contextmap/demo/demo.h"
#include "contextmap/http/server.h"
#include "contextmap/report/mapping_summary.h"
#include "contextmap/storage/keyring.h"
#include "contextmap/storage/store.h"

namespace contextmap {
namespace {

using cli::Args;
using cli::kUsage;
using cli::Usage;

int Fail(const Status& s) {
  std::cerr << "contextmap: " << s.ToString() << "\n";
  return 1;
}

class Cli {
 public:
  explicit Cli(Args args) : args_(std::move(args)) {}

  int Run() {
    if (!args_.today.empty()) {
      auto d = Date::Parse(args_.today);
      if (!d) return Usage("--today: " + args_.today.substr(0, 40) + " is not a date (YYYY-MM-DD)");
      today_ = *d;
    } else {
      today_ = Date::Today();
    }
    const std::string cmd = args_.positional.empty() ? "help" : args_.positional[0];
    std::vector<std::string> rest(args_.positional.begin() + (args_.positional.empty() ? 0 : 1),
                                  args_.positional.end());
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "schema") return Expect(rest, 0) ? Schema() : 2;
    if (cmd == "init") return Expect(rest, 0) ? Init() : 2;
    if (cmd == "demo") return Demo(rest);
    if (cmd == "mappings") return Expect(rest, 0) ? Mappings() : 2;
    if (cmd == "show") return Expect(rest, 1) ? Show(rest[0]) : 2;
    if (cmd == "import") return Expect(rest, 1) ? Import(rest[0]) : 2;
    if (cmd == "export") return Expect(rest, 1) ? Export(rest[0]) : 2;
    if (cmd == "audit") return Audit(rest);
    if (cmd == "serve") return Expect(rest, 0) ? Serve() : 2;
    if (cmd == "user") return UserCommand(rest);
    if (cmd == "keys") return KeysCommand(rest);
    if (cmd == "openapi") {
      if (!Expect(rest, 0)) return 2;
      std::cout << http::Api::OpenApiJson();
      return 0;
    }
    return Usage("unknown command '" + cmd.substr(0, 40) + "'");
  }

 private:
  bool Expect(const std::vector<std::string>& rest, std::size_t n) {
    if (rest.size() == n) return true;
    Usage(n == 0 ? "this command takes no arguments"
                 : "this command takes " + std::to_string(n) + " argument");
    return false;
  }

  StoreOptions Options() const {
    Date today = today_;
    StoreOptions o{[today] { return today; }};
    o.key_file = args_.key_file;
    return o;
  }

  Status OpenStore() {
    auto store = Store::Open(StoreUrl(), Options());
    if (!store.ok()) return store.status();
    store_ = std::move(store).value();
    return Status::Ok();
  }

  // Who the command records itself as in the audit log.
  static std::string Actor() {
    const char* env = std::getenv("CONTEXTMAP_ACTOR");
    return env != nullptr && *env != '\0' ? env : "cli";
  }

  int Schema() {
    std::cout << BundleJsonSchema();
    return 0;
  }

  // Loads the built-in protocol profiles the store does not have yet.
  Status LoadProfiles(std::size_t* added) {
    Bundle bundle;
    for (ProtocolProfile& p : BuiltInProfiles()) {
      Result<Record> existing = store_->Get(RecordKind::kProtocolProfile, p.id);
      if (existing.ok()) continue;
      if (existing.status().code() != StatusCode::kNotFound) return existing.status();
      bundle.of(RecordKind::kProtocolProfile).emplace_back(std::move(p));
    }
    *added = bundle.size();
    if (*added == 0) return Status::Ok();
    ProblemList problems;
    ImportStats stats;
    std::vector<AuditEntry> audit = AuditFor("import", bundle, "ok");
    Status s = store_->Import(bundle, &problems, &stats, &audit);
    if (!s.ok()) return Status(s.code(), s.message() + "\n" + problems.ToString());
    return Status::Ok();
  }

  int Init() {
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    std::size_t added = 0;
    if (Status s = LoadProfiles(&added); !s.ok()) return Fail(s);
    std::cout << "Store ready: " << store_->Describe() << "\n";
    std::cout << (added ? "Loaded " + std::to_string(added) + " built-in protocol profiles.\n"
                        : "The built-in protocol profiles were already there.\n");
    return 0;
  }

  int Demo(const std::vector<std::string>& rest) {
    if (!rest.empty() && rest[0] == "code") {
      if (rest.size() != 2) return Usage("demo code takes one USERNAME");
      if (Status s = OpenStore(); !s.ok()) return Fail(s);
      Result<std::string> code = auth::DemoCode(*store_, rest[1], UnixNow());
      if (!code.ok()) return Fail(code.status());
      std::cout << *code << "\n";
      return 0;
    }
    if (!Expect(rest, 0)) return 2;
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    // Only into a new store (or one demo made): never beside a real partnership.
    std::vector<AuditEntry> claim(1);
    claim[0].user_id = Actor();
    claim[0].action = "store_origin";
    claim[0].record_kind = "store";
    claim[0].record_id = "demo";
    claim[0].remote = "cli";
    claim[0].outcome = "ok";
    if (Status s = auth::ClaimForDemo(*store_, &claim); !s.ok()) return Fail(s);
    std::size_t added = 0;
    if (Status s = LoadProfiles(&added); !s.ok()) return Fail(s);
    std::vector<Record> demo = DemoPartnership(today_);
    Bundle bundle;
    std::string first_mapping;
    for (Record& r : demo) {
      if (KindOf(r) == RecordKind::kProtocolProfile) continue;  // loaded above
      if (KindOf(r) == RecordKind::kMapping && first_mapping.empty()) first_mapping = BaseOf(r).id;
      bundle.of(KindOf(r)).push_back(std::move(r));
    }
    Result<Record> already = store_->Get(RecordKind::kMapping, first_mapping);
    if (already.ok()) {
      std::cout << "The demo partnership is already in " << store_->Describe() << ".\n";
    } else {
      ProblemList problems;
      ImportStats stats;
      std::vector<AuditEntry> audit = AuditFor("import", bundle, "ok");
      Status s = store_->Import(bundle, &problems, &stats, &audit);
      if (!s.ok()) {
        std::cerr << problems.ToString();
        return Fail(s);
      }
      std::cout << "Loaded the demo partnership (" << stats.written
                << " records, all invented) into " << store_->Describe() << ".\n";
    }
    std::cout << "\n";
    int rc = Mappings();
    if (rc != 0) return rc;
    std::cout << "\n";
    if (Status s = cli::EnrolDemoAccounts(*store_, Actor(), UnixNow(), isatty(STDOUT_FILENO) != 0,
                                          std::cout);
        !s.ok()) {
      return Fail(s);
    }
    std::cout << "\nNext: contextmap serve, then open http://127.0.0.1:8080/ (or contextmap show "
                 "--reason TEXT "
              << first_mapping << " for a mapping in the terminal)\n";
    return 0;
  }

  int Mappings() {
    if (!store_) {
      if (Status s = OpenStore(); !s.ok()) return Fail(s);
    }
    ListQuery all_mappings;
    all_mappings.kind = RecordKind::kMapping;
    auto mappings = store_->List(all_mappings);
    if (!mappings.ok()) return Fail(mappings.status());
    if (mappings->empty()) {
      std::cout << "No mappings yet. 'contextmap demo' loads an invented partnership.\n";
      return 0;
    }
    std::printf("%-22s %-11s %-11s %-12s %s\n", "ID", "KIND", "STATUS", "NEXT DUE", "TITLE");
    for (const Record& r : *mappings) {
      const auto& m = std::get<Mapping>(r);
      auto records = store_->Export(ExportScope{m.id});
      if (!records.ok()) return Fail(records.status());
      std::vector<DueItem> due = DueItems(*records, m.id, today_);
      std::string next = "-";
      if (!due.empty()) next = due.front().due.ToString() + (due.front().overdue ? "!" : "");
      std::printf("%-22s %-11s %-11s %-12s %s\n", m.id.c_str(),
                  std::string(EnumName(m.kind)).c_str(), std::string(EnumName(m.status)).c_str(),
                  next.c_str(), m.title.c_str());
    }
    std::cout << "(! overdue)\n";
    return 0;
  }

  int Show(const std::string& id) {
    if (args_.reason.empty()) {
      return Usage(
          "show needs --reason TEXT: every view of a mapping's people says why (for example "
          "--reason \"chair preparing the review\"); the reason is kept in the audit log");
    }
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    auto records = store_->Export(ExportScope{id});
    if (!records.ok()) return Fail(records.status());
    // A view of every person on the mapping: recorded before anything is shown.
    std::vector<AuditEntry> entry(1);
    entry[0].user_id = Actor();
    entry[0].action = "view_map";
    entry[0].mapping_id = id;
    entry[0].reason = args_.reason;
    entry[0].remote = "cli";
    entry[0].outcome = "ok";
    if (Status s = store_->AppendAudit(&entry); !s.ok()) return Fail(s);
    std::cout << report::MappingSummary(*records, id, today_);
    return 0;
  }

  int Import(const std::string& path) {
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    Bundle bundle;
    ProblemList problems;
    if (Status s = ReadBundleFile(path, &bundle, &problems); !s.ok()) return Fail(s);
    if (!problems.empty()) {
      std::cerr << problems.ToString();
      std::cerr << "contextmap: " << path << " has " << problems.total()
                << (problems.total() == 1 ? " problem" : " problems") << "; nothing was imported\n";
      return 1;
    }
    ImportStats stats;
    // The audit rows commit in the import's own transaction: no records without them.
    std::vector<AuditEntry> audit = AuditFor("import", bundle, "ok");
    Status s = store_->Import(bundle, &problems, &stats, &audit);
    if (!s.ok()) {
      std::cerr << problems.ToString();
      std::vector<AuditEntry> refused = AuditFor("import", bundle, "refused");
      if (Status a = store_->AppendAudit(&refused); !a.ok()) {
        Fail(Status(a.code(), "the audit log was not written: " + a.message()));
      }
      return Fail(s);
    }
    std::cout << "Imported " << stats.written << " records";
    if (stats.unchanged) std::cout << " (" << stats.unchanged << " were already there unchanged)";
    std::cout << " into " << store_->Describe() << ".\n";
    return 0;
  }

  int Export(const std::string& path) {
    if (args_.reason.empty()) {
      return Usage(
          "export needs --reason TEXT: data leaving the system must say why (for example "
          "--reason \"strategy meeting 2026-11-23\"); the reason is kept in the audit log for "
          "data-protection officers");
    }
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    auto bundle = store_->Export(ExportScope{args_.mapping});
    if (!bundle.ok()) return Fail(bundle.status());
    // Recorded before anything is written: no export leaves without its audit entry.
    std::vector<AuditEntry> audit = AuditFor("export", *bundle, "ok");
    if (Status s = store_->AppendAudit(&audit); !s.ok()) {
      return Fail(Status(s.code(), "the audit log was not written: " + s.message()));
    }
    if (path == "-") {
      WriteBundle(*bundle, std::cout);
      std::cout.flush();
      return std::cout ? 0 : Fail(Status::IoError("could not write to standard output"));
    }
    if (Status s = WriteBundleFile(*bundle, path); !s.ok()) return Fail(s);
    std::cerr << "Exported " << bundle->size() << " records to " << path << ".\n";
    return 0;
  }

  // The audit rows for an import or export of `bundle` (BundleAuditEntries).
  std::vector<AuditEntry> AuditFor(const std::string& action, const Bundle& bundle,
                                   const std::string& outcome) const {
    AuditEntry base;
    base.user_id = Actor();
    base.action = action;
    base.mapping_id = action == "export" ? args_.mapping : bundle.mapping_id;
    base.reason = args_.reason;
    base.remote = "cli";
    base.outcome = outcome;
    return BundleAuditEntries(base, bundle);
  }

  int Audit(const std::vector<std::string>& rest) {
    if (rest.empty()) return Usage("audit needs 'verify' or 'who-viewed SUBJECT'");
    if (rest[0] == "verify") {
      if (rest.size() != 1) return Usage("audit verify takes no arguments but --anchor SEQ:HASH");
      return AuditVerify();
    }
    if (rest[0] == "who-viewed") {
      if (rest.size() != 2) return Usage("audit who-viewed takes one subject id");
      return AuditWhoViewed(rest[1]);
    }
    return Usage("unknown audit command '" + rest[0].substr(0, 40) +
                 "': use 'verify' or 'who-viewed SUBJECT'");
  }

  int AuditVerify() {
    std::optional<AuditAnchor> anchor;
    if (!args_.anchor.empty()) {
      Result<AuditAnchor> parsed = ParseAuditAnchor(args_.anchor);
      if (!parsed.ok()) return Usage("--anchor " + parsed.status().message());
      anchor = *parsed;
    }
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    auto v = store_->VerifyAudit(anchor);
    if (!v.ok()) return Fail(v.status());
    if (!v->intact) {
      std::cerr << "contextmap: the audit log has been tampered with: " << v->problem << ".\n";
      return 1;
    }
    std::cout << "Audit log intact: " << v->entries << (v->entries == 1 ? " entry" : " entries");
    if (v->keyed_from > 1) {
      std::cout << " (rows 1 to " << v->keyed_from - 1
                << " are from before the store had keys: plain SHA-256)";
    }
    std::cout << ".\n";
    if (v->anchor_file_seq > 0) {
      std::cout << "Anchor: row " << v->anchor_file_seq << " is as " << v->anchor_file
                << " recorded it.\n";
    } else if (v->entries > 0) {
      std::cout << "No anchor in " << v->anchor_file
                << ": removal of the newest rows cannot be checked without one.\n";
    }
    if (v->given_anchor_seq > 0) {
      std::cout << "Anchor given: row " << v->given_anchor_seq << " is as recorded.\n";
    }
    if (v->entries > 0) {
      std::cout << "Newest row: " << v->last_seq << ":" << v->last_hash
                << "\n(keep a copy elsewhere: `audit verify --anchor` with it finds the log "
                   "rewritten or cut short up to that row, even by someone who has the key)\n";
    }
    return 0;
  }

  int AuditWhoViewed(const std::string& subject_id) {
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    auto entries = store_->AuditForSubject(subject_id);
    if (!entries.ok()) return Fail(entries.status());
    if (entries->empty()) {
      std::cout << "No audit entries for " << Printable(subject_id) << ".\n";
      return 0;
    }
    std::vector<std::array<std::string, 6>> rows;
    rows.push_back({"WHEN", "USER", "ACTION", "MAPPING", "REASON", "FROM"});
    for (const AuditEntry& e : *entries) {
      std::string action = e.action;
      if (e.outcome != "ok") action += " (" + e.outcome + ")";
      rows.push_back({e.at, e.user_id, action, e.mapping_id.empty() ? "-" : e.mapping_id,
                      e.reason.empty() ? "-" : e.reason, e.remote.empty() ? "-" : e.remote});
    }
    std::array<std::size_t, 6> width{};
    for (auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        row[i] = Printable(row[i]);
        width[i] = std::max(width[i], row[i].size());
      }
    }
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += row[i];
        if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
      }
      std::cout << line << "\n";
    }
    std::cout << entries->size() << (entries->size() == 1 ? " entry" : " entries") << " for "
              << Printable(subject_id) << ".\n";
    return 0;
  }

  int Serve() {
    http::ServerOptions o;
    if (Status s = http::ParseListen(args_.listen, &o.host, &o.port); !s.ok()) {
      return Usage(s.field() + ": " + s.message());
    }
    if (!args_.threads.empty()) {
      std::optional<int64_t> threads = ParseWholeNumber(args_.threads, 4, 1024);
      if (!threads) return Usage("--threads must be a whole number from 4 to 1024");
      o.threads = static_cast<int>(*threads);
    }
    o.store_url = StoreUrl();
    o.store.key_file = args_.key_file;
    if (!args_.today.empty()) {
      Date today = today_;
      o.store.today = [today] { return today; };
      o.api.today = [today] { return today; };
    }
    o.api.behind_tls = args_.behind_tls;
    o.api.public_origin = args_.public_origin;
    o.web_dir = args_.web;
    if (o.web_dir.empty() && std::filesystem::exists("web/dist/index.html")) o.web_dir = "web/dist";
    // Stop cleanly on Ctrl-C or SIGTERM: the signals wait for a thread of their own.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    Result<std::unique_ptr<http::Server>> server = http::Server::Start(std::move(o));
    if (!server.ok()) return Fail(server.status());
    http::Server* running = server->get();
    std::atomic<bool> finished{false};
    std::thread waiter([&stop_signals, &finished, running] {
      timespec tick{0, 200'000'000};
      while (!finished.load()) {
        if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
          running->Stop();
          return;
        }
      }
    });
    Status ran = running->Run();
    finished = true;
    waiter.join();
    if (!ran.ok()) return Fail(ran);
    return 0;
  }

  std::string StoreUrl() const {
    if (!args_.db.empty()) return args_.db;
    const char* env = std::getenv("CONTEXTMAP_DB");
    return env != nullptr && *env != '\0' ? env : Store::DefaultUrl();
  }

  static int64_t UnixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // The password: typed twice without echo at a terminal, else the first line of stdin.
  static Result<std::string> ReadPassword() {
    if (isatty(STDIN_FILENO) != 0) {
      termios old{};
      tcgetattr(STDIN_FILENO, &old);
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
      std::string first;
      std::string second;
      std::cerr << "Password (12 or more characters): " << std::flush;
      std::getline(std::cin, first);
      std::cerr << "\nAgain: " << std::flush;
      std::getline(std::cin, second);
      std::cerr << "\n";
      tcsetattr(STDIN_FILENO, TCSANOW, &old);
      if (first != second) return Status::Invalid("the two passwords differ", "password");
      return first;
    }
    std::string line;
    if (!std::getline(std::cin, line)) {
      return Status::Invalid("give the password on standard input", "password");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }

  static void PrintEnrolment(const auth::Enrolment& e) {
    std::cout << "Second factor: add this secret to the user's authenticator app (TOTP, "
                 "SHA-1, 6 digits, 30 s):\n  "
              << e.totp_secret << "\n  " << e.totp_uri
              << "\nRecovery codes (each works once; give them to the user, keep no copy):\n";
    for (const std::string& code : e.recovery_codes) std::cout << "  " << code << "\n";
  }

  int KeysCommand(const std::vector<std::string>& rest) {
    if (rest.size() != 1 || (rest[0] != "create" && rest[0] != "rotate")) {
      return Usage("keys needs 'create' or 'rotate'");
    }
    if (rest[0] == "create") {
      Result<std::string> path = KeyFileFor(StoreUrl(), Options());
      if (!path.ok()) return Fail(path.status());
      Result<Keyring> made = Keyring::Create(*path);
      if (!made.ok()) return Fail(made.status());
      // The store must take it: one that already uses other keys refuses it, and then the
      // file just made is of no use to anyone.
      if (Status s = OpenStore(); !s.ok()) {
        std::remove(path->c_str());
        return Fail(Status(s.code(), s.message() + " (the new key file was removed again)"));
      }
      std::cout << "Created " << *path
                << " (mode 0600). Back it up apart from the database now, and give the same "
                   "file to every server of this store (--key-file or CONTEXTMAP_KEY_FILE).\n";
      return 0;
    }
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    std::vector<AuditEntry> audit(1);
    audit[0].user_id = Actor();
    audit[0].action = "rotate_keys";
    audit[0].remote = "cli";
    audit[0].outcome = "ok";
    Result<KeyRotation> rotated = store_->RotateKeys(&audit);
    if (!rotated.ok()) return Fail(rotated.status());
    std::cout << "Added key " << rotated->key_id << " to " << store_->KeyFile() << " and sealed "
              << rotated->secrets_resealed
              << " second-factor secrets again with it. Back the key file up now, copy it to "
                 "every server of this store, and restart them.\n";
    return 0;
  }

  int UserCommand(const std::vector<std::string>& rest) {
    if (rest.empty()) return Usage("user needs add, reset, disable or list");
    const std::string& sub = rest[0];
    if (sub == "list") {
      if (rest.size() != 1) return Usage("user list takes no arguments");
      if (Status s = OpenStore(); !s.ok()) return Fail(s);
      auto users = store_->List(ListBy(RecordKind::kUser));
      if (!users.ok()) return Fail(users.status());
      std::cout << "USERNAME\tROLE\tAGENCY\tSIGN-IN\tID\n";
      for (const Record& r : *users) {
        const auto& u = std::get<User>(r);
        auto cred = store_->GetCredential(u.id);
        std::string state = u.disabled ? "disabled" : cred.ok() ? "yes" : "no credentials";
        if (cred.ok() && cred->locked_until > UnixNow()) state = "locked";
        std::cout << u.username << "\t" << EnumName(u.role) << "\t" << u.agency_id << "\t" << state
                  << "\t" << u.id << "\n";
      }
      return 0;
    }
    if (sub != "add" && sub != "reset" && sub != "disable") {
      return Usage("unknown user command '" + sub.substr(0, 40) + "'");
    }
    if (rest.size() != 2) return Usage("user " + sub + " takes one USERNAME");
    const std::string& username = rest[1];
    if (Status s = OpenStore(); !s.ok()) return Fail(s);
    // The change's audit row commits with it.
    std::vector<AuditEntry> audit(1);
    audit[0].user_id = Actor();
    audit[0].action = "user_" + sub;
    audit[0].remote = "cli";
    audit[0].outcome = "ok";
    if (sub == "disable") {
      if (Status s = auth::DisableUser(*store_, username, &audit); !s.ok()) return Fail(s);
      std::cout << "Disabled " << username << "; their sessions have ended.\n";
      return 0;
    }
    if (sub == "add") {
      if (args_.full_name.empty()) return Usage("user add needs --full-name");
      if (args_.agency.empty()) return Usage("user add needs --agency (an agency id)");
      auto role = ParseEnum<UserRole>(args_.role);
      if (!role) return Usage("--role must be one of " + EnumChoices<UserRole>());
    }
    Result<std::string> password = ReadPassword();
    if (!password.ok()) return Fail(password.status());
    Result<auth::Enrolment> enrolled = Status::Internal("unreachable");
    if (sub == "add") {
      User u;
      u.username = username;
      u.full_name = args_.full_name;
      u.agency_id = args_.agency;
      u.role = *ParseEnum<UserRole>(args_.role);
      u.position = args_.position;
      u.email = args_.email;
      enrolled = auth::AddUser(*store_, std::move(u), *password, UnixNow(), &audit);
    } else {
      enrolled = auth::ResetUser(*store_, username, *password, UnixNow(), &audit);
    }
    if (!enrolled.ok()) return Fail(enrolled.status());
    std::cout << (sub == "add" ? "Added " : "Reset ") << username << " (" << enrolled->user_id
              << ").\n";
    PrintEnrolment(*enrolled);
    return 0;
  }

  // Control characters (a reason typed with a newline or an escape sequence) shown as '?'.
  static std::string Printable(std::string text) {
    for (char& c : text) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return text;
  }

  Args args_;
  Date today_;
  std::unique_ptr<Store> store_;
};

int Main(int argc, char** argv) {
  int exit_status = 0;
  std::optional<cli::Args> args = cli::ParseArgs(argc, argv, &exit_status);
  if (!args) return exit_status;
  return Cli(std::move(*args)).Run();
}

}  // namespace
}  // namespace contextmap

int main(int argc, char** argv) {
  try {
    return contextmap::Main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "contextmap: out of memory\n";
  } catch (const std::exception& e) {
    // A library threw where it should not have: say so plainly, without a trace.
    std::cerr << "contextmap: internal error (" << typeid(e).name() << ")\n";
  }
  return 1;
}
