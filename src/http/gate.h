// Gate: a counting semaphore that admits waiters in arrival order (first come, first served, so
// no request waits behind a stream of later ones) and wakes only the one it admits. The API
// bounds calls worked on at once and password checks with it. Internal to src/http.
#ifndef CONTEXTMAP_HTTP_GATE_H_
#define CONTEXTMAP_HTTP_GATE_H_

#include <condition_variable>
#include <deque>
#include <mutex>

namespace contextmap::http {

class Gate {
 public:
  explicit Gate(int n) : free_(n) {}
  void Enter() {
    std::unique_lock lock(mu_);
    if (free_ > 0 && queue_.empty()) {
      --free_;
      return;
    }
    Waiter me;
    queue_.push_back(&me);
    me.admitted.wait(lock, [&] { return me.in; });
  }
  void Leave() {
    std::lock_guard lock(mu_);
    if (queue_.empty()) {
      ++free_;
      return;
    }
    Waiter* next = queue_.front();
    queue_.pop_front();
    next->in = true;
    next->admitted.notify_one();  // under the lock: `next` lives until its Enter returns
  }

  // Holds a slot for its lifetime, so a slot is given back however the holder's scope ends
  // (an exception a handler throws included: a leaked slot would be lost for good).
  class Held {
   public:
    explicit Held(Gate& gate) : gate_(gate) { gate_.Enter(); }
    ~Held() { gate_.Leave(); }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Gate& gate_;
  };
  // The opposite: gives a held slot up for its lifetime and takes one again at the end.
  class Released {
   public:
    explicit Released(Gate& gate) : gate_(gate) { gate_.Leave(); }
    ~Released() { gate_.Enter(); }
    Released(const Released&) = delete;
    Released& operator=(const Released&) = delete;

   private:
    Gate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable admitted;
    bool in = false;
  };
  std::mutex mu_;
  std::deque<Waiter*> queue_;
  int free_;
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_GATE_H_
