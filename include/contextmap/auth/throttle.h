// Sign-in throttling kept in memory by one server process: it slows password guessing without
// letting a guesser lock other people out.
//
// Two limits, both on failed sign-ins only:
// - per address: more than `address_failures` failures from one address within
//   `address_window` seconds (whatever usernames were tried) and that address waits until the
//   window has moved on;
// - per account and address: after `pair_failures` failures in a row for one username from one
//   address, that address waits before its next try for that username, 1, 2, 4... times
//   `pair_first_wait` seconds, never more than `max_wait`. Someone signing in to the same
//   account from another address is not slowed by it.
// The account-wide back-off that stops guessing spread over many addresses is kept with the
// account in the store (accounts.h, AccountPolicy), so it holds across servers and restarts.
//
// Thread-safe. Memory: one small entry per address and per (address, username) that failed
// recently; past 100,000 entries the oldest half is dropped (a flood of addresses forgets
// itself rather than exhausting memory). Cost: a map lookup under one mutex.
#ifndef CONTEXTMAP_AUTH_THROTTLE_H_
#define CONTEXTMAP_AUTH_THROTTLE_H_

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace contextmap::auth {

struct ThrottleLimits {
  int address_failures = 20;
  int64_t address_window = 600;  // seconds
  int pair_failures = 5;
  int64_t pair_first_wait = 30;  // seconds
  int64_t max_wait = 900;        // seconds
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // 0 if a sign-in as `username` from `remote` may be tried at `now` (unix seconds), else how
  // many seconds it must wait.
  int64_t WaitFor(std::string_view remote, std::string_view username, int64_t now);
  // A sign-in failed (wrong password or code, unknown user, locked account).
  void Failed(std::string_view remote, std::string_view username, int64_t now);
  // A sign-in succeeded: the address's tries for that username start afresh.
  void Succeeded(std::string_view remote, std::string_view username);

 private:
  struct Pair {
    int failures = 0;
    int64_t last = 0;
  };
  void Bound();

  ThrottleLimits limits_;
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>, std::less<>> by_address_;
  std::map<std::pair<std::string, std::string>, Pair> by_pair_;
};

}  // namespace contextmap::auth

#endif  // CONTEXTMAP_AUTH_THROTTLE_H_
