#include "http/reactor.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "contextmap/core/date.h"

namespace contextmap::http {
namespace {

// How often deadlines are looked at: the precision of every timeout here.
constexpr std::chrono::milliseconds kTick{100};
// Connections accepted per wake, so a burst of new ones cannot hold up the open ones.
constexpr int kAcceptsPerWake = 64;
constexpr std::size_t kReadBytes = 64 << 10;

// Sends as much of `data` as the socket takes now; the reactor never waits on a client.
bool SendNow(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

Reactor::Reactor(Options options, int listen_fd, std::function<void(Connection*)> serve,
                 std::function<std::string(int, std::string_view)> refusal,
                 std::function<void(const std::string&)> log)
    : options_(options),
      listen_fd_(listen_fd),
      epoll_fd_(::epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
      serve_(std::move(serve)),
      refusal_(std::move(refusal)),
      log_(std::move(log)),
      scratch_(kReadBytes) {
  ::fcntl(listen_fd_, F_SETFL, ::fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
  epoll_event listen{};
  listen.events = EPOLLIN;
  listen.data.fd = listen_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listen);
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = wake_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
}

Reactor::~Reactor() {
  for (auto& [key, c] : connections_) ::close(c->fd);
  if (listen_fd_ >= 0) ::close(listen_fd_);
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void Reactor::Wake() {
  uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

void Reactor::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
  }
  stop_seen_ = true;
  Wake();
}

void Reactor::Done(Connection* c, bool keep) {
  // The common case costs no wake-up of the reactor: the worker makes the connection idle and
  // re-arms it, still as its owner (so the reactor cannot close it meanwhile), then lets go by
  // setting the phase. Readiness reported before that waits in early_. With bytes of another
  // request buffered, bytes charged to the budget, or the server stopping, the reactor does it.
  if (keep && c->in.size() == c->request_bytes && c->charged == 0 && c->out.empty() &&
      !stop_seen_) {
    c->in.clear();
    if (c->in.capacity() > 4 * kFreeBytes) c->in.shrink_to_fit();
    c->request_bytes = 0;
    c->since = Clock::now();
    c->deadline = c->since + options_.idle_timeout;
    Arm(c);
    c->phase = Connection::Phase::kIdle;  // from here on the connection is the reactor's
    return;
  }
  {
    std::lock_guard lock(mu_);
    returned_.emplace_back(c, keep);
  }
  Wake();
}

bool Reactor::ReserveOut(std::size_t bytes) {
  std::size_t held = out_bytes_.load();
  do {
    if (held + bytes > options_.max_buffered_bytes) return false;
  } while (!out_bytes_.compare_exchange_weak(held, held + bytes));
  return true;
}

void Reactor::Run() {
  std::array<epoll_event, 256> events{};
  Clock::time_point last_sweep = Clock::now();
  while (!stopping_ || !connections_.empty()) {
    int n = ::epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()),
                         early_.empty() ? static_cast<int>(kTick.count()) : 1);
    for (int i = 0; i < n; ++i) {
      int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == listen_fd_) {
        if (!stopping_) Accept();
      } else if (fd == wake_fd_) {
        uint64_t count = 0;
        (void)!::read(wake_fd_, &count, sizeof count);
      } else {
        auto it = connections_.find(fd);
        if (it == connections_.end()) continue;  // closed earlier in this round
        Connection* c = it->second.get();
        if (c->phase == Connection::Phase::kWorking) {
          early_.push_back(c);  // re-armed by its worker, which has not quite let go
        } else if (c->phase == Connection::Phase::kWriting) {
          Writable(c);
        } else {
          Readable(c);
        }
      }
    }
    for (std::size_t i = 0; i < early_.size();) {
      Connection* c = early_[i];
      if (c->phase == Connection::Phase::kWorking) {
        ++i;
        continue;
      }
      early_[i] = early_.back();
      early_.pop_back();
      Readable(c);
    }
    std::vector<std::pair<Connection*, bool>> returned;
    bool stop = false;
    {
      std::lock_guard lock(mu_);
      returned.swap(returned_);
      stop = stop_requested_;
    }
    if (stop && !stopping_) {
      stopping_ = true;
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
      ::close(listen_fd_);
      listen_fd_ = -1;
      std::vector<Connection*> open;
      for (auto& [key, c] : connections_) {
        if (c->phase != Connection::Phase::kWorking) open.push_back(c.get());
      }
      for (Connection* c : open) Close(c);
    }
    for (auto [c, keep] : returned) {
      c->in.erase(0, c->request_bytes);
      c->request_bytes = 0;
      if (c->in.capacity() > 4 * kFreeBytes && c->in.size() < kFreeBytes) c->in.shrink_to_fit();
      if (stopping_ || (!keep && c->out.empty())) {
        Close(c);
      } else if (!c->out.empty()) {
        c->phase = Connection::Phase::kWriting;  // by the deadline the worker set
        c->close_after_out = !keep;
        Writable(c);
      } else {
        c->phase = Connection::Phase::kIdle;  // Advance starts the idle clock
        c->since = Clock::now();
        c->deadline = c->since + options_.idle_timeout;
        Advance(c);
      }
    }
    Clock::time_point now = Clock::now();
    if (now - last_sweep >= kTick) {
      last_sweep = now;
      Sweep(now);
    }
  }
}

void Reactor::Accept() {
  Clock::time_point now = Clock::now();
  if (now < accept_paused_until_) return;
  for (int i = 0; i < kAcceptsPerWake; ++i) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors: the pending connection stays in the backlog. Stop asking for a
        // while, or the listening socket, still readable, would spin this thread.
        log_(Timestamp::Now().ToString() + " - out of file descriptors; not accepting for 1 s");
        accept_paused_until_ = now + std::chrono::seconds(1);
        epoll_event none{};
        none.data.fd = listen_fd_;
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &none);
      }
      return;
    }
    if (connections_.size() >= options_.max_connections && !MakeRoom()) {
      SendNow(fd, refusal_(503, "the server has too many connections open; try again shortly"));
      ::close(fd);
      continue;
    }
    // No Nagle: a response goes out as headers, then body. With Nagle on, a body smaller
    // than a segment waits for the client to acknowledge the headers, which clients delay
    // by up to 40 ms.
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    auto owned = std::make_unique<Connection>(fd, options_.limits);
    Connection* c = owned.get();
    c->since = now;
    c->deadline = now + options_.idle_timeout;
    connections_.emplace(fd, std::move(owned));
    epoll_event e{};
    e.events = EPOLLIN | EPOLLONESHOT;
    e.data.fd = c->fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &e);
  }
}

// At the connection limit: closes a connection that is only lingering, else the one idle
// longest, else the one that has been sending its request longest (a slow client nearest its
// own deadline, which a newcomer is likelier to deserve the room than). False if every
// connection is with a worker.
bool Reactor::MakeRoom() {
  Connection* pick = nullptr;
  auto rank = [](const Connection* c) {
    switch (c->phase) {
      case Connection::Phase::kLingering:
        return 0;
      case Connection::Phase::kIdle:
        return 1;
      case Connection::Phase::kReading:
      case Connection::Phase::kWriting:
        return 2;
      case Connection::Phase::kWorking:
        return 3;
    }
    return 3;
  };
  for (auto& [key, c] : connections_) {
    if (rank(c.get()) == 3) continue;
    if (pick == nullptr || rank(c.get()) < rank(pick) ||
        (rank(c.get()) == rank(pick) && c->since < pick->since)) {
      pick = c.get();
    }
  }
  if (pick == nullptr) return false;
  if (pick->phase == Connection::Phase::kReading) {
    SendNow(pick->fd, refusal_(503, "the server has too many connections open; try again shortly"));
  }
  Close(pick);
  return true;
}

void Reactor::Readable(Connection* c) {
  ssize_t n = ::recv(c->fd, scratch_.data(), scratch_.size(), 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      Arm(c);
    } else {
      Close(c);
    }
    return;
  }
  if (c->phase == Connection::Phase::kLingering) {
    c->discarded += static_cast<std::size_t>(n);
    if (n == 0 || c->discarded > kLingerBytes) {
      Close(c);
    } else {
      Arm(c);
    }
    return;
  }
  if (n == 0) {
    c->peer_closed = true;
  } else {
    c->in.append(scratch_.data(), static_cast<std::size_t>(n));
  }
  Advance(c);
}

void Reactor::Advance(Connection* c) {
  Clock::time_point now = Clock::now();
  RequestFramer::Step step = c->framer.Scan(c->in);
  if (c->framer.started() && c->phase != Connection::Phase::kReading) {
    c->phase = Connection::Phase::kReading;
    c->since = now;
    c->deadline = now + options_.request_timeout;
  }
  if (step == RequestFramer::Step::kRefused) {
    Refuse(c, c->framer.status(), c->framer.message());
    return;
  }
  std::size_t declared = c->framer.declared_bytes();
  if (!Charge(c, std::max(c->in.size(), declared))) {
    Refuse(c, 503, "the server is busy; try again shortly");
    return;
  }
  if (declared > c->in.capacity()) c->in.reserve(declared);  // one allocation for the body
  if (step == RequestFramer::Step::kDone) {
    c->request_bytes = c->framer.request_bytes();
    c->framer.Reset();
    c->phase = Connection::Phase::kWorking;
    c->read_whole_at = now;
    serve_(c);
    return;
  }
  if (c->peer_closed) {  // nothing whole to answer, and nothing more will come
    Close(c);
    return;
  }
  if (c->framer.TakeContinue() && !SendNow(c->fd, "HTTP/1.1 100 Continue\r\n\r\n")) {
    Close(c);
    return;
  }
  Arm(c);
}

bool Reactor::Charge(Connection* c, std::size_t bytes) {
  std::size_t charge = bytes > kFreeBytes ? bytes - kFreeBytes : 0;
  if (charge > c->charged && buffered_ + (charge - c->charged) > options_.max_buffered_bytes) {
    return false;
  }
  buffered_ = buffered_ - c->charged + charge;
  c->charged = charge;
  return true;
}

void Reactor::Refuse(Connection* c, int status, std::string_view message) {
  SendNow(c->fd, refusal_(status, message));
  log_(Timestamp::Now().ToString() + " - (refused) " + std::to_string(status));
  Charge(c, 0);
  std::string().swap(c->in);
  if (stopping_ || c->peer_closed) {
    Close(c);
    return;
  }
  // Stop sending, and drop what the client still sends, so it reads the answer before the
  // connection closes rather than a reset.
  ::shutdown(c->fd, SHUT_WR);
  c->phase = Connection::Phase::kLingering;
  c->since = Clock::now();
  c->deadline = c->since + kLinger;
  Arm(c);
}

void Reactor::Arm(Connection* c) {
  epoll_event e{};
  e.events = EPOLLIN | EPOLLONESHOT;
  e.data.fd = c->fd;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c->fd, &e);
}

void Reactor::Writable(Connection* c) {
  while (c->out_at < c->out.size()) {
    ssize_t n = ::send(c->fd, c->out.data() + c->out_at, c->out.size() - c->out_at,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      epoll_event e{};
      e.events = EPOLLOUT | EPOLLONESHOT;  // and no reading until it is sent
      e.data.fd = c->fd;
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c->fd, &e);
      return;
    }
    if (n <= 0) {
      Close(c);
      return;
    }
    c->out_at += static_cast<std::size_t>(n);
    out_bytes_ -= static_cast<std::size_t>(n);
  }
  std::string().swap(c->out);
  c->out_at = 0;
  if (c->close_after_out) {
    Close(c);
    return;
  }
  c->phase = Connection::Phase::kIdle;
  c->since = Clock::now();
  c->deadline = c->since + options_.idle_timeout;
  Advance(c);  // a request that came meanwhile, or wait for one
}

void Reactor::Close(Connection* c) {
  buffered_ -= c->charged;
  out_bytes_ -= c->out.size() - c->out_at;
  std::erase(early_, c);
  int fd = c->fd;
  connections_.erase(fd);  // c is gone
  ::close(fd);             // also takes it out of the epoll set
}

void Reactor::Sweep(Clock::time_point now) {
  if (accept_paused_until_ != Clock::time_point{} && now >= accept_paused_until_ && !stopping_) {
    accept_paused_until_ = {};
    epoll_event listen{};
    listen.events = EPOLLIN;
    listen.data.fd = listen_fd_;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &listen);
  }
  std::vector<Connection*> due;
  for (auto& [key, c] : connections_) {
    // Stopping: also those a worker gave back (Done's fast path) after the stop began.
    if (c->phase != Connection::Phase::kWorking && (now >= c->deadline || stopping_)) {
      due.push_back(c.get());
    }
  }
  for (Connection* c : due) {
    if (stopping_) {
      Close(c);
    } else if (c->phase == Connection::Phase::kReading) {
      auto seconds = std::chrono::duration<double>(options_.request_timeout).count();
      char limit[32];
      std::snprintf(limit, sizeof limit, "%g", seconds);
      Refuse(c, 408, std::string("the request did not arrive whole within ") + limit + " s");
    } else {
      Close(c);
    }
  }
}

}  // namespace contextmap::http
