#include "contextmap/http/server.h"

#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "contextmap/auth/crypto.h"
#include "contextmap/core/date.h"
#include "contextmap/core/numbers.h"

namespace contextmap::http {

namespace {

void AddSecurityHeaders(httplib::Response& res, bool behind_tls) {
  for (auto& [name, value] : SecurityHeaders(auth::RandomToken(16), behind_tls)) {
    res.set_header(name, value);
  }
}

// A connection's socket as the HTTP library reads and writes it. The library's own waits for
// a kept-alive connection's next request by waking every 11 ms (a 10 ms poll, then a 1 ms
// sleep), and polls twice before each write. With 200 connections open under load those
// wake-ups took a sixth of the server's processor time. Here reads and writes block in the
// kernel (SO_RCVTIMEO and SO_SNDTIMEO bound them). Reads are buffered, as the library's own
// stream's are: it reads the request line and headers a byte at a time.
//
// A response's header block is held back (HoldHeaders) and goes out in one sendmsg with the
// first part of its body: one segment and one wake-up of the client instead of two. Held
// bytes are sent before anything that could wait on the peer (a read, a live-update stream's
// check before each event) and when the request is done (Flush).
class SocketStream final : public httplib::Stream {
 public:
  SocketStream(int sock, int read_timeout_ms, int write_timeout_ms)
      : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {}

  bool Buffered() const { return off_ < len_; }

  // The next write, if it is small (the library writes a response's headers in one), is held
  // until the following write or a Flush.
  void HoldHeaders() { hold_next_ = true; }
  // Sends whatever is held; false if the connection failed. Const because the library's
  // is_writable is.
  bool Flush() const { return held_.empty() || Send(nullptr, 0) >= 0; }

  bool is_readable() const override { return Buffered() || Poll(POLLIN, read_timeout_ms_); }

  // Whether the peer is still there and the socket can take more (live-update streams ask
  // before each chunk, so a viewer who left ends their stream).
  bool is_writable() const override {
    if (!Flush()) return false;
    pollfd p{sock_, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) {
      char byte = 0;
      if (::recv(sock_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return false;  // closed
    }
    return Poll(POLLOUT, write_timeout_ms_);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (!Buffered()) {
      if (!Flush()) return -1;  // the peer may be waiting for it (100 Continue)
      if (size >= buffer_.size()) return Recv(ptr, size);
      ssize_t n = Recv(buffer_.data(), buffer_.size());
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<std::size_t>(n);
    }
    std::size_t n = std::min(size, len_ - off_);
    std::memcpy(ptr, buffer_.data() + off_, n);
    off_ += n;
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
  // once.
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    if (!remote_) remote_ = Address(::getpeername);
    ip = remote_->first;
    port = remote_->second;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    if (!local_) local_ = Address(::getsockname);
    ip = local_->first;
    port = local_->second;
  }
  socket_t socket() const override { return sock_; }

 private:
  bool Poll(short events, int timeout_ms) const {
    pollfd p{sock_, events, 0};
    for (;;) {
      int n = ::poll(&p, 1, timeout_ms);
      if (n >= 0 || errno != EINTR) return n > 0;
    }
  }
  ssize_t Recv(char* into, std::size_t size) {
    for (;;) {
      ssize_t n = ::recv(sock_, into, size, 0);
      if (n >= 0 || errno != EINTR) return n;
    }
  }
  // Sends the held bytes, then `size` bytes from `ptr` (none for a flush), in one sendmsg
  // where the socket takes them. Returns how many of ptr's bytes went out (the library calls
  // again for the rest), or -1. Held bytes are always all sent before it returns >= 0.
  ssize_t Send(const char* ptr, std::size_t size) const {
    for (;;) {
      std::array<iovec, 2> parts{};
      std::size_t count = 0;
      if (!held_.empty()) parts[count++] = {held_.data(), held_.size()};
      if (size > 0) parts[count++] = {const_cast<char*>(ptr), size};
      if (count == 0) return 0;
      msghdr msg{};
      msg.msg_iov = parts.data();
      msg.msg_iovlen = count;
      ssize_t n = ::sendmsg(sock_, &msg, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
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
  std::pair<std::string, int> Address(int (*get)(int, sockaddr*, socklen_t*)) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    char host[NI_MAXHOST] = "";
    char serv[NI_MAXSERV] = "";
    if (get(sock_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        ::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                      NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
      return {"", 0};
    }
    return {host, std::atoi(serv)};
  }

  int sock_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  static constexpr std::size_t kBufferBytes = 16384;
  std::array<char, kBufferBytes> buffer_{};
  std::size_t off_ = 0;
  std::size_t len_ = 0;
  static constexpr std::size_t kHoldBytes = 8192;
  bool hold_next_ = false;
  mutable std::string held_;  // mutable: Flush is const (see there)
  mutable std::optional<std::pair<std::string, int>> remote_;
  mutable std::optional<std::pair<std::string, int>> local_;
};

// cpp-httplib's server with the connection loop above: each worker waits for its
// connection's next request in one poll (waking once a second to notice the server
// stopping) instead of the library's 11 ms wake-ups.
class HttpServer final : public httplib::Server {
 private:
  bool process_and_close_socket(socket_t sock) override {
    timeval read{read_timeout_sec_, static_cast<suseconds_t>(read_timeout_usec_)};
    timeval write{write_timeout_sec_, static_cast<suseconds_t>(write_timeout_usec_)};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &read, sizeof read);
    ::setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &write, sizeof write);
    // No Nagle: a response goes out as headers, then body. With Nagle on, a body smaller
    // than a segment waits for the client to acknowledge the headers, which clients delay
    // by up to 40 ms: every gzipped map read took 40 ms more than it needed.
    int yes = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    SocketStream stream(sock,
                        static_cast<int>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000),
                        static_cast<int>(write_timeout_sec_ * 1000 + write_timeout_usec_ / 1000));
    bool ok = false;
    for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!NextRequest(sock, stream)) break;
      bool closed = false;
      stream.HoldHeaders();
      ok = process_request(stream, left == 1, closed, nullptr);
      if (!stream.Flush()) ok = false;
      if (!ok || closed) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }

  // Waits up to the keep-alive timeout for the next request to start arriving.
  bool NextRequest(int sock, const SocketStream& stream) {
    if (stream.Buffered()) return true;  // pipelined: already here
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    while (svr_sock_ != INVALID_SOCKET) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0) return false;
      pollfd p{sock, POLLIN, 0};
      int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
      if (n > 0) return true;
      if (n < 0 && errno != EINTR) return false;
    }
    return false;
  }
};

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
  std::unique_ptr<Log> log;
  HttpServer http;
  int port = 0;
  std::string store_description;
  int listen_socket = -1;

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
    ApiResponse out = api->Handle(in);
    res.status = out.status;
    AddSecurityHeaders(res, options.api.behind_tls);
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    if (out.stream) {
      std::shared_ptr<EventStream> stream = out.stream;
      res.set_header("X-Accel-Buffering", "no");  // nginx: pass events on at once
      res.set_chunked_content_provider(
          "text/event-stream", [stream](std::size_t, httplib::DataSink& sink) {
            if (!sink.is_writable()) return false;
            std::optional<std::string> chunk = stream->Next(std::chrono::seconds(15));
            if (!chunk) {
              sink.done();
              return true;
            }
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
  impl->api = std::make_unique<Api>(o.api, impl->stores.get(), impl->audit.get(), &impl->events);

  Impl* self = impl.get();
  int threads = std::max(2, o.threads);
  impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // The library's default sets SO_REUSEPORT, which lets a second server bind the same port
  // and silently take half the requests. SO_REUSEADDR alone allows a quick restart only.
  impl->http.set_socket_options([self](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    self->listen_socket = sock;
  });
  impl->http.set_payload_max_length(o.api.max_body_bytes);
  impl->http.set_keep_alive_max_count(10'000);
  impl->http.set_read_timeout(30);
  impl->http.set_write_timeout(30);
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
  if (impl->listen_socket >= 0) ::listen(impl->listen_socket, SOMAXCONN);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Run() {
  impl_->log->Line(Timestamp::Now().ToString() + " listening on " + impl_->options.host + ":" +
                   std::to_string(impl_->port) + " store " + impl_->store_description);
  impl_->http.listen_after_bind();
  return Status::Ok();
}

void Server::Stop() {
  impl_->events.Close();
  impl_->http.stop();
}

int Server::port() const { return impl_->port; }

}  // namespace contextmap::http
