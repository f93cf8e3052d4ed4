#include "cli/demo_sign_in.h"

#include <vector>

#include "cli/qr.h"
#include "contextmap/auth/accounts.h"
#include "contextmap/auth/demo.h"
#include "contextmap/core/enum_names.h"
#include "contextmap/demo/demo.h"

namespace contextmap::cli {

Status EnrolDemoAccounts(Store& store, const std::string& actor, int64_t now, bool ansi,
                         std::ostream& out) {
  Result<bool> demo = auth::IsDemoStore(store);
  if (!demo.ok()) return demo.status();
  if (!*demo) return Status::FailedPrecondition("not a store `contextmap demo` created");
  const std::string password = auth::NewDemoPassword();
  auto role = [](UserRole r) {
    std::string words(EnumName(r));
    for (char& c : words) c = c == '_' ? ' ' : c;
    return words;
  };
  struct Enrolled {
    User user;
    std::string agency;
    std::string uri;
  };
  std::vector<Enrolled> enrolled;
  for (const std::string& username : DemoSignInUsernames()) {
    std::vector<AuditEntry> audit(1);
    audit[0].user_id = actor;
    audit[0].action = "user_reset";
    audit[0].remote = "cli";
    audit[0].outcome = "ok";
    Result<auth::Enrolment> e = auth::ResetUser(store, username, password, now, &audit);
    if (!e.ok()) return e.status();
    Result<User> user = store.FindUser(username);
    if (!user.ok()) return user.status();
    Result<Agency> agency = GetAs<Agency>(store, user->agency_id);
    enrolled.push_back({*user, agency.ok() ? agency->name : user->agency_id, e->totp_uri});
  }
  out << "Sign in to the demo as any of these accounts (all invented). Every one has the "
         "password\n\n    "
      << password << "\n\n";
  for (const Enrolled& e : enrolled) {
    out << "  " << e.user.username
        << std::string(20 - std::min<std::size_t>(19, e.user.username.size()), ' ')
        << role(e.user.role) << ", " << e.agency << "\n";
  }
  out << "\nThen the security code: scan an account's QR code below with an authenticator "
         "app, or, with none to hand, run\n    contextmap demo code USERNAME\nwhich prints the "
         "current code (it works on demo stores only).\n";
  for (const Enrolled& e : enrolled) {
    Result<std::string> qr = TerminalQr(e.uri, ansi);
    if (!qr.ok()) return qr.status();
    out << "\n"
        << e.user.username << " (" << role(e.user.role) << ", " << e.agency << "):\n"
        << *qr;
  }
  return Status::Ok();
}

}  // namespace contextmap::cli
