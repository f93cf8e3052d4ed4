#include "contextmap/auth/demo.h"

#include <cstdint>
#include <string>

#include "contextmap/auth/crypto.h"

namespace contextmap::auth {

Result<bool> IsDemoStore(Store& store) {
  Result<std::string> origin = store.GetFact(kOriginFact);
  if (!origin.ok()) return origin.status();
  return *origin == kDemoOrigin;
}

Status ClaimForDemo(Store& store, std::vector<AuditEntry>* audit) {
  Result<bool> demo = IsDemoStore(store);
  if (!demo.ok()) return demo.status();
  if (*demo) return Status::Ok();
  for (RecordKind kind : {RecordKind::kUser, RecordKind::kAgency, RecordKind::kMapping}) {
    ListQuery any;
    any.kind = kind;
    any.limit = 1;
    Result<std::vector<Record>> rows = store.List(any);
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) {
      return Status::FailedPrecondition(
          "this store already holds " + std::string(InfoFor(kind).plural) +
          " that `contextmap demo` did not put there: the invented demo partnership loads only "
          "into a new store (give another --db)");
    }
  }
  return store.SetFact(kOriginFact, kDemoOrigin, audit);
}

Result<std::string> DemoCode(Store& store, std::string_view username, int64_t unix_seconds) {
  Result<bool> demo = IsDemoStore(store);
  if (!demo.ok()) return demo.status();
  if (!*demo) {
    return Status::FailedPrecondition(
        "codes are printed only for a store `contextmap demo` created; this one holds real "
        "accounts, whose codes come from their owners' authenticator apps");
  }
  Result<User> user = store.FindUser(std::string(username));
  if (!user.ok()) return user.status();
  Result<Credential> credential = store.GetCredential(user->id);
  if (!credential.ok()) return credential.status();
  return TotpCode(credential->totp_secret, unix_seconds);
}

std::string NewDemoPassword() {
  // Base64url has '-' and '_', which read badly in a password someone types: keep letters and
  // digits, dropping the ones that look alike (0 O 1 l I).
  static constexpr std::string_view kKeep = "abcdefghijkmnopqrstuvwxyz23456789";
  std::string password = "demo";
  std::string random;
  while (password.size() < 4 + 3 * 5) {
    if (random.empty()) random = RandomToken(24);
    char c = random.back();
    random.pop_back();
    if (kKeep.find(c) == std::string_view::npos) continue;
    if ((password.size() - 4) % 5 == 0) password += '-';
    password += c;
  }
  return password;
}

}  // namespace contextmap::auth
