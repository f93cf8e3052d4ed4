#include "contextmap/http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <exception>

#include "contextmap/auth/crypto.h"
#include "contextmap/core/date.h"

namespace contextmap::http {

namespace {

void AddSecurityHeaders(httplib::Response& res, bool behind_tls) {
  for (auto& [name, value] : SecurityHeaders(auth::RandomToken(16), behind_tls)) {
    res.set_header(name, value);
  }
}

}  // namespace

Status ParseListen(const std::string& text, std::string* host, int* port) {
  std::size_t colon = text.rfind(':');
  std::string h = colon == std::string::npos ? "" : text.substr(0, colon);
  std::string p = colon == std::string::npos ? text : text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  bool digits = !p.empty() && p.size() <= 5 &&
                std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(p) > 65535) {
    return Status::Invalid("must be HOST:PORT with a port from 0 to 65535", "--listen");
  }
  *host = h.empty() ? "127.0.0.1" : h;
  *port = std::stoi(p);
  return Status::Ok();
}

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<StorePool> stores;
  std::unique_ptr<AuditWriter> audit;
  EventHub events;
  std::unique_ptr<Api> api;
  std::unique_ptr<Log> log;
  httplib::Server http;
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
    } else if (!out.body.empty()) {
      res.set_content(out.body, out.content_type);
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
