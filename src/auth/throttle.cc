#include "contextmap/auth/throttle.h"

#include <algorithm>

namespace contextmap::auth {

namespace {
constexpr std::size_t kMaxEntries = 100'000;
}  // namespace

int64_t SignInThrottle::WaitFor(std::string_view remote, std::string_view username, int64_t now) {
  std::lock_guard lock(mu_);
  int64_t wait = 0;
  if (auto it = by_address_.find(remote); it != by_address_.end()) {
    std::deque<int64_t>& times = it->second;
    while (!times.empty() && times.front() <= now - limits_.address_window) times.pop_front();
    if (times.empty()) {
      by_address_.erase(it);
    } else if (static_cast<int>(times.size()) >= limits_.address_failures) {
      wait = times.front() + limits_.address_window - now;
    }
  }
  auto pair = by_pair_.find({std::string(remote), std::string(username)});
  if (pair != by_pair_.end() && pair->second.failures >= limits_.pair_failures) {
    int doublings = std::min(pair->second.failures - limits_.pair_failures, 20);
    int64_t backoff = std::min(limits_.pair_first_wait << doublings, limits_.max_wait);
    wait = std::max(wait, pair->second.last + backoff - now);
  }
  return std::max<int64_t>(wait, 0);
}

void SignInThrottle::Failed(std::string_view remote, std::string_view username, int64_t now) {
  std::lock_guard lock(mu_);
  Bound();
  auto it = by_address_.find(remote);
  if (it == by_address_.end())
    it = by_address_.emplace(std::string(remote), std::deque<int64_t>()).first;
  it->second.push_back(now);
  if (it->second.size() > static_cast<std::size_t>(limits_.address_failures))
    it->second.pop_front();
  Pair& p = by_pair_[{std::string(remote), std::string(username)}];
  p.failures += 1;
  p.last = now;
}

void SignInThrottle::Succeeded(std::string_view remote, std::string_view username) {
  std::lock_guard lock(mu_);
  by_pair_.erase({std::string(remote), std::string(username)});
}

void SignInThrottle::Bound() {
  if (by_address_.size() + by_pair_.size() <= kMaxEntries) return;
  // Forget half of each map: under a flood of addresses, the throttle forgets rather than
  // growing without bound.
  auto halve = [](auto& m) {
    auto mid = m.begin();
    std::advance(mid, static_cast<std::ptrdiff_t>(m.size() / 2));
    m.erase(m.begin(), mid);
  };
  halve(by_address_);
  halve(by_pair_);
}

}  // namespace contextmap::auth
