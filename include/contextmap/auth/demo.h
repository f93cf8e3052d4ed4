// The demo's shortcuts to signing in, and the rule that keeps them to demo stores.
//
// `contextmap demo` gives the demo partnership's accounts (one of each role) a password and a
// second factor and prints them with QR codes, so a newcomer is signed in within a minute; and
// `contextmap demo code USERNAME` prints a demo account's current second-factor code for
// anyone without an authenticator app to hand. Both work only on a store that `demo` created
// from empty (the store fact "origin" is "demo"), and are refused on every other store: a real
// partnership's accounts never get a printed password, and their codes are never printed.
//
// All functions borrow the Store for the call. Cost: a few indexed reads; DemoCode one HMAC.
#ifndef CONTEXTMAP_AUTH_DEMO_H_
#define CONTEXTMAP_AUTH_DEMO_H_

#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::auth {

inline constexpr std::string_view kOriginFact = "origin";
inline constexpr std::string_view kDemoOrigin = "demo";

// Whether `store` was created by `contextmap demo`.
Result<bool> IsDemoStore(Store& store);

// Makes `store` a demo store if it is one already or holds no user, agency or mapping (the
// built-in protocol profiles may be there). kFailedPrecondition otherwise, naming why, with
// nothing changed. `audit`'s rows commit with the mark.
Status ClaimForDemo(Store& store, std::vector<AuditEntry>* audit);

// The current second-factor code of a demo account at `unix_seconds`. kFailedPrecondition on a
// store `demo` did not create; kNotFound for an unknown username or one without credentials.
Result<std::string> DemoCode(Store& store, std::string_view username, int64_t unix_seconds);

// A password for the demo accounts: "demo-" and three groups of random letters and digits
// (about 60 bits), new for every demo store, so even a demo left on a network is not open to
// anyone who has read this code.
std::string NewDemoPassword();

}  // namespace contextmap::auth

#endif  // CONTEXTMAP_AUTH_DEMO_H_
