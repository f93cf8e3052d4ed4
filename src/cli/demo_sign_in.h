// Printing how to sign in to a demo store: `contextmap demo` gives each demo account
// (DemoSignInUsernames) one new password and a new second factor, and prints them with a QR
// code of each second factor for an authenticator app. The rule that this happens only on a
// store `demo` created is auth::ClaimForDemo's (contextmap/auth/demo.h).
#ifndef CONTEXTMAP_CLI_DEMO_SIGN_IN_H_
#define CONTEXTMAP_CLI_DEMO_SIGN_IN_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::cli {

// Resets every demo account (ending its sessions) and prints the sign-in details to `out`:
// the shared password, each account's role and agency, and its QR code (ANSI colours when
// `ansi`). Each reset is audited as "user_reset" by `actor`. Cost: one Argon2id hash per
// account (tens of milliseconds each).
Status EnrolDemoAccounts(Store& store, const std::string& actor, int64_t now, bool ansi,
                         std::ostream& out);

}  // namespace contextmap::cli

#endif  // CONTEXTMAP_CLI_DEMO_SIGN_IN_H_
