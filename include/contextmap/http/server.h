// The HTTP server: cpp-httplib (Debian's libcpp-httplib-dev) carrying requests to Api::Handle,
// with the security headers, size limits, live-update streams and the request log.
//
// Threads: a fixed pool of `threads` workers. Each open connection holds a worker for as
// long as it stays open (keep-alive, up to 5 s idle), and a viewer of live updates holds one
// for as long as they watch, so the pool must be as large as the number of open connections:
// connections beyond it wait. An idle worker sleeps in one poll (the library's own loop woke
// every 11 ms; server.cc replaces it) and costs a stack's address space and little memory.
// Of the busy workers, only ApiOptions::max_concurrent_requests work at once. Sockets have
// TCP_NODELAY. The server owns the store pool, the audit writer, the event hub and the Api;
// Run blocks until Stop is called from another thread.
//
// TLS is not served here: run behind nginx (docs/deploy/nginx.conf) and pass behind_tls.
#ifndef CONTEXTMAP_HTTP_SERVER_H_
#define CONTEXTMAP_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "contextmap/core/status.h"
#include "contextmap/http/api.h"

namespace contextmap::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests; see Server::port)
  std::string store_url;
  StoreOptions store;
  ApiOptions api;
  int threads = 256;
  // Where log lines go (one call per line, no newline). Default: stderr.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  // Opens the store (applying migrations) and binds the address; fails with a message naming
  // what went wrong (address in use, store unreachable).
  static Result<std::unique_ptr<Server>> Start(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until Stop(). Returns when every worker has finished.
  Status Run();
  // Thread-safe; ends live-update streams, then stops accepting and returns from Run.
  void Stop();
  int port() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "HOST:PORT" or ":PORT" or "PORT" into host and port; kInvalidArgument naming "--listen".
Status ParseListen(const std::string& text, std::string* host, int* port);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_SERVER_H_
