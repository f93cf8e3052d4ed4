#include "contextmap/http/server.h"

#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "contextmap/auth/crypto.h"
#include "contextmap/core/date.h"
#include "contextmap/core/numbers.h"
#include "contextmap/http/web_files.h"
#include "http/reactor.h"

namespace contextmap::http {

namespace {

void AddSecurityHeaders(httplib::Response& res, bool behind_tls) {
  for (auto& [name, value] : SecurityHeaders(auth::RandomToken(16), behind_tls)) {
    res.set_header(name, value);
  }
}

// One request as the HTTP library reads it (the bytes the reactor read whole), and the
// connection's socket, which the answer is written to. The socket does not block (the reactor
// polls it). When the client does not take the answer as fast as it is written, the rest is
// left in Connection::out for the reactor to send by the write deadline, so a client slow to
// read holds no worker; only a live-update stream (or, past the reactor's budget, any answer)
// waits in poll for the socket, up to the write deadline, then fails, and the connection is
// closed.
//
// A response's header block is held back (HoldHeaders) and goes out in one sendmsg with the
// first part of its body: one segment and one wake-up of the client instead of two. Held
// bytes are sent before a live-update stream's check before each event, and when the request
// is done (Flush).
class RequestStream final : public httplib::Stream {
 public:
  RequestStream(Connection& connection, Reactor& reactor, std::chrono::milliseconds write_timeout)
      : c_(connection),
        reactor_(reactor),
        request_(connection.in.data(), connection.request_bytes),
        write_timeout_(write_timeout),
        deadline_(Clock::now() + write_timeout) {}

  // The next write, if it is small (the library writes a response's headers in one), is held
  // until the following write or a Flush.
  void HoldHeaders() { hold_next_ = true; }
  // Sends whatever is held; false if the connection failed. Const because the library's
  // is_writable is.
  bool Flush() const { return held_.empty() || Send(nullptr, 0) >= 0; }

  bool is_readable() const override { return read_ < request_.size(); }

  // Whether the peer is still there and the socket can take more. The library asks before
  // each chunk of a chunked response (live-update streams; the server's stream loop asks too),
  // so a viewer who left ends their stream, and each event gets its own write deadline.
  bool is_writable() const override {
    deadline_ = Clock::now() + write_timeout_;
    streaming_ = true;  // a live-update stream: its worker writes it, event by event
    if (!c_.out.empty() && !SendOut()) return false;
    if (!Flush()) return false;
    pollfd p{c_.fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) {
      char byte = 0;
      if (::recv(c_.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return false;  // closed
    }
    return WaitUntilWritable();
  }

  ssize_t read(char* ptr, size_t size) override {
    std::size_t n = std::min(size, request_.size() - read_);
    std::memcpy(ptr, request_.data() + read_, n);
    read_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (hold_next_) {
      hold_next_ = false;
      if (held_.empty() && size <= kHoldBytes) {
        held_.assign(ptr, size);
        return static_cast<ssize_t>(size);
      }
    }
    return Send(ptr, size);
  }

  // Asked for every request; a connection's addresses do not change, so they are looked up
  // once per connection.
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!c_.remote) c_.remote = Address(::getpeername);
    ip = c_.remote->ip;
    port = c_.remote->port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!c_.local) c_.local = Address(::getsockname);
    ip = c_.local->ip;
    port = c_.local->port;
  }
  socket_t socket() const override { return c_.fd; }

  // When the answer must be written by (the reactor keeps to it for what is left in out).
  Clock::time_point deadline() const { return deadline_; }

 private:
  // Leaves the held bytes, then `size` bytes from `ptr`, in Connection::out for the reactor.
  // Once something is left there, everything after it goes there too, to keep the order.
  bool Defer(const char* ptr, std::size_t size) const {
    if (streaming_) return false;
    if (!reactor_.ReserveOut(held_.size() + size)) {
      if (c_.out.empty()) return false;  // the caller waits for the socket instead
      // Past the reactor's budget half-way through: finish the answer here.
      if (!SendOut()) return false;
      for (std::size_t at = 0; at < size || !held_.empty();) {
        ssize_t n = Send(ptr + at, size - at);
        if (n < 0) return false;
        at += static_cast<std::size_t>(n);
      }
      return true;
    }
    c_.out += held_;
    held_.clear();
    c_.out.append(ptr, size);
    return true;
  }
  // Sends what was left in out, waiting for the socket up to the deadline.
  bool SendOut() const {
    while (c_.out_at < c_.out.size()) {
      ssize_t n = ::send(c_.fd, c_.out.data() + c_.out_at, c_.out.size() - c_.out_at,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 &&
          (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) && WaitUntilWritable()))) {
        continue;
      }
      if (n <= 0) return false;
      c_.out_at += static_cast<std::size_t>(n);
      reactor_.ReleaseOut(static_cast<std::size_t>(n));
    }
    c_.out.clear();
    c_.out_at = 0;
    return true;
  }

  bool WaitUntilWritable() const {
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) return false;
      pollfd p{c_.fd, POLLOUT, 0};
      int n = ::poll(&p, 1, static_cast<int>(left.count()));
      if (n > 0) return (p.revents & (POLLERR | POLLHUP)) == 0;
      if (n < 0 && errno != EINTR) return false;
    }
  }
  // Sends the held bytes, then `size` bytes from `ptr` (none for a flush), in one sendmsg
  // where the socket takes them. Returns how many of ptr's bytes went out (the library calls
  // again for the rest), or -1. Held bytes are always all sent before it returns >= 0.
  ssize_t Send(const char* ptr, std::size_t size) const {
    if (!c_.out.empty()) return Defer(ptr, size) ? static_cast<ssize_t>(size) : -1;
    for (;;) {
      std::array<iovec, 2> parts{};
      std::size_t count = 0;
      if (!held_.empty()) parts[count++] = {held_.data(), held_.size()};
      if (size > 0) parts[count++] = {const_cast<char*>(ptr), size};
      if (count == 0) return 0;
      msghdr msg{};
      msg.msg_iov = parts.data();
      msg.msg_iovlen = count;
      ssize_t n = ::sendmsg(c_.fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          if (Defer(ptr, size)) return static_cast<ssize_t>(size);
          if (WaitUntilWritable()) continue;
        }
        return -1;
      }
      auto sent = static_cast<std::size_t>(n);
      if (sent < held_.size()) {
        held_.erase(0, sent);
        continue;
      }
      sent -= held_.size();
      held_.clear();
      if (sent > 0 || size == 0) return static_cast<ssize_t>(sent);
    }
  }
  Connection::Address Address(int (*get)(int, sockaddr*, socklen_t*)) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    char host[NI_MAXHOST] = "";
    char serv[NI_MAXSERV] = "";
    if (get(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        ::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
      return {};
    }
    return {host, std::atoi(serv)};
  }

  Connection& c_;
  Reactor& reactor_;
  std::string_view request_;
  std::size_t read_ = 0;
  std::chrono::milliseconds write_timeout_;
  mutable Clock::time_point deadline_;  // mutable: is_writable is const and restarts it
  mutable bool streaming_ = false;
  static constexpr std::size_t kHoldBytes = 8192;
  bool hold_next_ = false;
  mutable std::string held_;  // mutable: Flush is const (see there)
};

// cpp-httplib's server, used for what it does well: parsing a request, routing it to the
// handlers and writing the response. Its own accept loop and connection handling are not used
// (the reactor does that); Process parses one request the reactor has read whole.
class HttpServer final : public httplib::Server {
 public:
  bool Process(httplib::Stream& stream, bool close, bool& closed) {
    return process_request(stream, close, closed, nullptr);
  }
  int ListenSocket() const { return svr_sock_; }
  // Ends responses being written piece by piece (the library checks this between pieces).
  void Stopping() { svr_sock_ = INVALID_SOCKET; }
};

// The refusals the server makes itself: status, the status line's words, the error code.
struct RefusalKind {
  int status;
  std::string_view reason;
  std::string_view code;
};
constexpr std::array<RefusalKind, 6> kRefusals{{
    {400, "Bad Request", "bad_request"},
    {408, "Request Timeout", "request_timeout"},
    {413, "Payload Too Large", "payload_too_large"},
    {431, "Request Header Fields Too Large", "headers_too_large"},
    {501, "Not Implemented", "not_implemented"},
    {503, "Service Unavailable", "unavailable"},
}};

// A whole response refusing a request the HTTP library never saw, ending the connection.
std::string Refusal(int status, std::string_view message, bool behind_tls) {
  const RefusalKind* kind = &kRefusals.front();  // 400 for anything not listed
  for (const RefusalKind& k : kRefusals) {
    if (k.status == status) kind = &k;
  }
  std::string body = ErrorBody(kind->code, message);
  std::string out =
      "HTTP/1.1 " + std::to_string(kind->status) + " " + std::string(kind->reason) + "\r\n";
  for (auto& [name, value] : SecurityHeaders(auth::RandomToken(16), behind_tls)) {
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (kind->status == 503) out += "Retry-After: 1\r\n";
  out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
  return out;
}

// The descriptors the process may open: the soft limit, raised to the hard one.
std::size_t RaiseDescriptorLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20
                                         : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace

Status ParseListen(const std::string& text, std::string* host, int* port) {
  std::size_t colon = text.rfind(':');
  std::string h = colon == std::string::npos ? "" : text.substr(0, colon);
  std::string p = colon == std::string::npos ? text : text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  std::optional<int64_t> number = ParseWholeNumber(p, 0, 65535);
  if (!number) return Status::Invalid("must be HOST:PORT with a port from 0 to 65535", "--listen");
  *host = h.empty() ? "127.0.0.1" : h;
  *port = static_cast<int>(*number);
  return Status::Ok();
}

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<StorePool> stores;
  std::unique_ptr<AuditWriter> audit;
  EventHub events;
  std::unique_ptr<Api> api;
  std::optional<WebFiles> web;  // set: paths outside /api are the web app's files
  std::unique_ptr<Log> log;
  HttpServer http;
  int port = 0;
  std::string store_description;
  std::unique_ptr<httplib::ThreadPool> workers;
  bool workers_stopped = false;
  std::unique_ptr<Reactor> reactor;
  std::atomic<bool> stopping{false};

  ~Impl() {
    if (workers && !workers_stopped) workers->shutdown();  // none if Start failed early
  }

  // In a worker: answers the request the reactor read whole, then gives the connection back.
  void Serve(Connection* c) {
    bool keep = false;
    try {
      RequestStream stream(*c, *reactor, options.write_timeout);
      if (Clock::now() - c->read_whole_at > options.request_timeout) {
        std::string busy =
            Refusal(503, "the server was too busy to start this request in time; try again shortly",
                    options.api.behind_tls);
        (void)stream.write(busy.data(), busy.size());
        log->Line(Timestamp::Now().ToString() + " - (not started in time) 503");
      } else {
        stream.HoldHeaders();
        bool closed = false;
        bool ok = http.Process(stream, stopping.load(), closed);
        keep = stream.Flush() && ok && !closed;
      }
      c->deadline = stream.deadline();  // for what is left in c->out
    } catch (...) {                     // nothing may leave a worker; the connection is closed
      keep = false;
    }
    reactor->Done(c, keep);
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    auto started = std::chrono::steady_clock::now();
    ApiRequest in;
    in.method = req.method;
    in.path = req.path;
    for (const auto& [k, v] : req.params) in.query.emplace_back(k, v);
    for (const auto& [k, v] : req.headers) {
      std::string key = k;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      in.headers[key] = v;
    }
    in.body = req.body;
    in.remote = req.remote_addr;
    ApiResponse out = web && WebFiles::Claims(in.path) ? web->Serve(in) : api->Handle(in);
    res.status = out.status;
    AddSecurityHeaders(res, options.api.behind_tls);
    for (const auto& [k, v] : out.headers) {
      if (k == "Cache-Control") res.headers.erase(k);  // a hashed web asset's, over no-store
      res.set_header(k, v);
    }
    if (out.stream) {
      std::shared_ptr<EventStream> stream = out.stream;
      res.set_header("X-Accel-Buffering", "no");  // nginx: pass events on at once
      res.set_chunked_content_provider(
          "text/event-stream", [stream](std::size_t, httplib::DataSink& sink) {
            // Asked before every wait: a viewer who left ends their stream (and frees its
            // worker and its place) within a second.
            if (!sink.is_writable()) return false;
            std::optional<std::string> chunk = stream->Next(std::chrono::seconds(1));
            if (!chunk) {
              sink.done();
              return true;
            }
            if (chunk->empty()) return true;  // nothing due: the library asks again
            return sink.write(chunk->data(), chunk->size());
          });
    } else if (out.shared_body) {
      std::shared_ptr<const std::string> body = std::move(out.shared_body);
      std::size_t size = body->size();
      res.set_content_provider(
          size, out.content_type,
          [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            return sink.write(body->data() + offset, length);
          });
    } else if (!out.body.empty()) {
      res.body = std::move(out.body);
      res.set_header("Content-Type", out.content_type);
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    char took[32];
    std::snprintf(took, sizeof took, "%.1f", ms);
    // Ids and codes only: the route pattern, never the raw path or query.
    std::string line = Timestamp::Now().ToString() + " " + req.method.substr(0, 10) + " " +
                       out.route + " " + std::to_string(out.status) + " " + took + "ms";
    if (!out.record_id.empty()) line += " id=" + out.record_id;
    if (!out.user_id.empty()) line += " user=" + out.user_id;
    log->Line(line);
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  ServerOptions& o = impl->options;
  if (!o.log) o.log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  impl->log = std::make_unique<Log>(o.log);
  Result<std::unique_ptr<Store>> audit_store = Store::Open(o.store_url, o.store);
  if (!audit_store.ok()) return audit_store.status();
  impl->store_description = (*audit_store)->Describe();
  impl->stores = std::make_unique<StorePool>(o.store_url, o.store, o.threads + 2);
  impl->audit = std::make_unique<AuditWriter>(std::move(audit_store).value());
  // Each live-update stream holds a worker: at most a quarter of them, so the rest answer.
  o.api.max_streams = std::min(o.api.max_streams, std::max(1, o.threads / 4));
  impl->api = std::make_unique<Api>(o.api, impl->stores.get(), impl->audit.get(), &impl->events);
  if (!o.web_dir.empty()) {
    Result<WebFiles> web = WebFiles::Make(o.web_dir);
    if (!web.ok()) return web.status();
    impl->web.emplace(std::move(web).value());
  }

  Impl* self = impl.get();
  // The library's default sets SO_REUSEPORT, which lets a second server bind the same port
  // and silently take half the requests. SO_REUSEADDR alone allows a quick restart only.
  impl->http.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  impl->http.set_payload_max_length(o.api.max_body_bytes);
  // Only for the Keep-Alive header the library writes: the reactor closes idle connections.
  impl->http.set_keep_alive_max_count(std::numeric_limits<int>::max());
  impl->http.set_keep_alive_timeout(std::max<time_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(o.idle_timeout).count()));
  // Every method and path goes to the Api, which owns routing (the library reads the body
  // only for handlers registered by method).
  auto handle = [self](const httplib::Request& req, httplib::Response& res) {
    self->Handle(req, res);
  };
  impl->http.Get(".*", handle);
  impl->http.Post(".*", handle);
  impl->http.Put(".*", handle);
  impl->http.Patch(".*", handle);
  impl->http.Delete(".*", handle);
  impl->http.Options(".*", handle);
  // The library's own refusals (oversized body or headers, malformed request line).
  impl->http.set_error_handler(httplib::Server::HandlerWithResponse([self](const httplib::Request&,
                                                                           httplib::Response& res) {
    // The library calls this for every status from 400 up, ours included: leave those alone.
    if (!res.body.empty() || res.has_header("Content-Security-Policy")) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    AddSecurityHeaders(res, self->options.api.behind_tls);
    std::string_view code = res.status == 413 ? "payload_too_large" : "bad_request";
    std::string_view message =
        res.status == 413 ? "the request is too large" : "the request could not be read";
    res.set_content(ErrorBody(code, message), "application/json");
    self->log->Line(Timestamp::Now().ToString() + " - (unparsed) " + std::to_string(res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  impl->http.set_exception_handler(
      [self](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        AddSecurityHeaders(res, self->options.api.behind_tls);
        res.set_content(ErrorBody("internal", "something went wrong on the server; it was logged"),
                        "application/json");
        self->log->Line(Timestamp::Now().ToString() + " - exception in a request handler");
      });
  if (o.port == 0) {
    impl->port = impl->http.bind_to_any_port(o.host);
    if (impl->port < 0) return Status::Unavailable("could not listen on " + o.host);
  } else {
    if (!impl->http.bind_to_port(o.host, o.port)) {
      return Status::Unavailable("could not listen on " + o.host + ":" + std::to_string(o.port) +
                                 " (in use, or not an address of this machine)");
    }
    impl->port = o.port;
  }
  // The library listens with a backlog of 5: under a burst of new connections the kernel
  // drops the rest and clients retry after 1, 2, 4 s. Listening again raises the backlog.
  ::listen(impl->http.ListenSocket(), SOMAXCONN);

  int threads = std::max(2, o.threads);
  impl->workers = std::make_unique<httplib::ThreadPool>(threads);
  Reactor::Options connections;
  connections.limits.max_head_bytes = o.max_header_bytes;
  connections.limits.max_body_bytes = o.api.max_body_bytes;
  // Each worker's store holds a few descriptors (SQLite: the database, its journal, its
  // shared memory); the rest may be connections.
  std::size_t descriptors = RaiseDescriptorLimit();
  std::size_t reserved = 4 * static_cast<std::size_t>(threads) + 64;
  connections.max_connections = std::clamp<std::size_t>(
      descriptors > reserved ? descriptors - reserved : 0, 16, o.max_connections);
  connections.max_buffered_bytes = o.max_buffered_bytes;
  connections.request_timeout = o.request_timeout;
  connections.idle_timeout = o.idle_timeout;
  impl->reactor = std::make_unique<Reactor>(
      connections, impl->http.ListenSocket(),
      [self](Connection* c) { self->workers->enqueue([self, c] { self->Serve(c); }); },
      [self](int status, std::string_view message) {
        return Refusal(status, message, self->options.api.behind_tls);
      },
      [self](const std::string& line) { self->log->Line(line); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run() {
  impl_->log->Line(Timestamp::Now().ToString() + " listening on " + impl_->options.host + ":" +
                   std::to_string(impl_->port) + " store " + impl_->store_description);
  impl_->reactor->Run();
  impl_->workers->shutdown();
  impl_->workers_stopped = true;
  return Status::Ok();
}

void Server::Stop() {
  impl_->stopping = true;
  impl_->events.Close();
  impl_->http.Stopping();
  impl_->reactor->Stop();
}

int Server::port() const { return impl_->port; }

}  // namespace contextmap::http
