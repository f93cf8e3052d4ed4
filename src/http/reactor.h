// The server's connections between requests: one thread (epoll) accepts them, reads each
// request whole (RequestFramer: head, then body by Content-Length or chunked framing, limits
// applied as bytes arrive) within a deadline, and only then hands the connection, with its
// complete request at the start of Connection::in, to a worker. The worker answers and gives
// the connection back (Reactor::Done), kept alive or to be closed. So a slow or idle client
// costs a file descriptor and a few kilobytes, never a worker thread.
//
// Refusals the reactor makes itself, each answered with a complete response (from the
// `refusal` callback: security headers and the API's error body) and the connection closed:
//   400/431/501/413  bad framing, a head over the limit, an unsupported transfer coding, a body
//                    over the limit (413 at once, however the body is framed);
//   408              the request did not arrive whole within Options::request_timeout of its
//                    first byte;
//   503              the server is busy: more bytes buffered than Options::max_buffered_bytes
//                    (bytes beyond the first kFreeBytes of each connection count, so small
//                    requests, sign-in and /health, are never refused for it), or more
//                    connections than Options::max_connections with none idle to close.
// "Expect: 100-continue" is answered here when the head is complete and the body may come.
// A connection with no request for Options::idle_timeout is closed, as are all idle ones when
// the server stops. After a refusal the connection is closed gracefully: the answer is sent,
// sending is shut down, and what the client still sends is read and dropped for up to
// kLinger, so the client sees the answer rather than a reset.
//
// Threads: Run() is the reactor thread; Done() and Stop() may be called from any thread.
// A connection handed to a worker is the worker's alone until it calls Done.
#ifndef CONTEXTMAP_HTTP_REACTOR_H_
#define CONTEXTMAP_HTTP_REACTOR_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request_framer.h"

namespace contextmap::http {

using Clock = std::chrono::steady_clock;

// One client connection. The worker that is handed it reads the request from `in`.
struct Connection {
  enum class Phase { kIdle, kReading, kWorking, kWriting, kLingering };

  Connection(int fd_in, RequestFramer::Limits limits) : fd(fd_in), framer(limits) {}

  int fd;
  // Received and not yet consumed. While the connection is with a worker, its first
  // `request_bytes` are the request (as the HTTP library should parse it); anything after is
  // the start of the next one (pipelined).
  std::string in;
  std::size_t request_bytes = 0;
  Clock::time_point read_whole_at;  // when the request was complete (for queueing deadlines)
  // The peer's and our own address, looked up by the first worker that needs them.
  struct Address {
    std::string ip;
    int port = 0;
  };
  std::optional<Address> remote;
  std::optional<Address> local;
  // The end of an answer the socket would not take while the worker wrote it (a client slow to
  // read): the reactor sends it (from `out_at`) by `deadline`, then closes the connection if
  // `close_after_out`, and reads no further request until it is sent. Reserved with
  // Reactor::ReserveOut.
  std::string out;
  std::size_t out_at = 0;
  bool close_after_out = false;
  // Below: the reactor's own, not for workers (but see Reactor::Done).
  RequestFramer framer;
  // Atomic: a worker giving a connection back sets kIdle itself (Reactor::Done).
  std::atomic<Phase> phase = Phase::kIdle;
  Clock::time_point deadline;  // idle: closed then; reading: 408 then; lingering: closed
  Clock::time_point since;     // when the current phase began
  std::size_t charged = 0;     // bytes counted against Options::max_buffered_bytes
  std::size_t discarded = 0;   // lingering: bytes read and dropped
  bool peer_closed = false;    // the client shut down its sending side
};

class Reactor {
 public:
  struct Options {
    RequestFramer::Limits limits;
    std::size_t max_connections = 4096;
    std::size_t max_buffered_bytes = 128u << 20;
    std::chrono::milliseconds request_timeout{20'000};
    std::chrono::milliseconds idle_timeout{5'000};
  };
  // Each connection may hold this much without counting against max_buffered_bytes.
  static constexpr std::size_t kFreeBytes = 16 << 10;
  // After a refusal, what the client still sends is dropped for this long, or this much.
  static constexpr std::chrono::milliseconds kLinger{2'000};
  static constexpr std::size_t kLingerBytes = 4 << 20;

  // `serve(connection)` is called on the reactor thread with a complete request; it must pass
  // the connection to a worker (and return at once). `refusal(status, message)` gives the
  // whole response for one of the reactor's own refusals. `log` gets one line per refusal.
  Reactor(Options options, int listen_fd, std::function<void(Connection*)> serve,
          std::function<std::string(int, std::string_view)> refusal,
          std::function<void(const std::string&)> log);
  ~Reactor();
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  // Serves until Stop(); returns when every connection is closed (connections with workers
  // are closed as the workers give them back).
  void Run();
  // Thread-safe. Stops accepting, closes the listening socket and every idle connection.
  void Stop();
  // From the worker: finished with the request at the start of `in`; keep the connection
  // for the next request, or close it. In the common case (kept, nothing more buffered, the
  // server not stopping) the worker re-arms the connection itself and the reactor is not
  // woken; otherwise the connection is queued for the reactor.
  void Done(Connection* connection, bool keep);
  // From the worker: whether the end of an answer, `bytes` long, may be left in
  // Connection::out for the reactor to send (false: the total held so is at
  // Options::max_buffered_bytes, and the worker must wait to write it itself).
  bool ReserveOut(std::size_t bytes);
  // From the worker: bytes reserved and then sent after all.
  void ReleaseOut(std::size_t bytes) { out_bytes_ -= bytes; }

 private:
  void Wake();
  void Accept();
  void Readable(Connection* c);
  // Frames what `in` holds; hands a complete request over, refuses, or waits for more.
  void Advance(Connection* c);
  void Refuse(Connection* c, int status, std::string_view message);
  // Counts what `c` holds against the budget; false if that would pass it.
  bool Charge(Connection* c, std::size_t bytes);
  void Arm(Connection* c);
  // Sends what `out` holds; when all is sent, the connection is idle again (or closed).
  void Writable(Connection* c);
  void Close(Connection* c);
  void Sweep(Clock::time_point now);
  bool MakeRoom();

  Options options_;
  int listen_fd_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::function<void(Connection*)> serve_;
  std::function<std::string(int, std::string_view)> refusal_;
  std::function<void(const std::string&)> log_;
  std::unordered_map<int, std::unique_ptr<Connection>> connections_;  // by descriptor
  std::size_t buffered_ = 0;                                          // sum of `charged`
  bool stopping_ = false;                                             // reactor thread's copy
  Clock::time_point accept_paused_until_;  // out of file descriptors: accept again then
  std::vector<char> scratch_;

  // Connections whose readiness was reported while a worker still had them (it re-armed
  // them just before handing them back): looked at again once the worker has let go.
  std::vector<Connection*> early_;

  std::mutex mu_;  // guards the two below, shared with workers and Stop
  std::vector<std::pair<Connection*, bool>> returned_;
  bool stop_requested_ = false;
  std::atomic<bool> stop_seen_{false};     // stop_requested_, for workers' fast path
  std::atomic<std::size_t> out_bytes_{0};  // held in Connection::out across connections
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_REACTOR_H_
