// The HTTP server: connections read by one reactor thread, requests answered by a pool of
// workers through cpp-httplib (Debian's libcpp-httplib-dev) and Api::Handle, with the security
// headers, size limits and deadlines, live-update streams and the request log.
//
// Threads: one reactor thread (src/http/reactor.h) owns every connection between requests. It
// reads each request whole (headers, then the body by Content-Length or chunked framing),
// refusing it the moment it passes a limit (413, 431) or its deadline (408), and only then
// hands it to one of `threads` workers; a kept-alive connection goes back to the reactor after
// each answer. So idle and slow clients hold no worker: a worker is busy only while a request
// is answered, or while a live-update stream is watched (ApiOptions caps those; by default a
// quarter of the pool). Of the busy workers, only ApiOptions::max_concurrent_requests work at
// once. The server owns the store pool, the audit writer, the event hub and the Api; Run blocks
// until Stop is called from another thread.
//
// TLS is not served here: run behind nginx (docs/deploy/nginx.conf) and pass behind_tls.
#ifndef CONTEXTMAP_HTTP_SERVER_H_
#define CONTEXTMAP_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
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
  // The web app's files (web/dist), served for every path outside /api (web_files.h); empty:
  // none, and those paths answer the API's 404.
  std::string web_dir;
  // Connections open at once. At the limit a new connection closes the longest idle one (or
  // the slowest still sending its request); with none, it is answered 503. Also kept below
  // what the process may open (the soft descriptor limit, which Start raises to the hard one).
  std::size_t max_connections = 4096;
  // Request bytes held across all connections (bodies being read, requests being answered),
  // not counting each connection's first 16 KiB, so small requests are never refused for it.
  // Beyond it a request is answered 503.
  std::size_t max_buffered_bytes = 128u << 20;
  std::size_t max_header_bytes = 32u << 10;  // request line and headers: 431 beyond
  // From a request's first byte to its last: 408 and closed beyond. A complete request that no
  // worker has started within the same time is answered 503.
  std::chrono::milliseconds request_timeout{20'000};
  // A kept-alive connection with no request for this long is closed.
  std::chrono::milliseconds idle_timeout{5'000};
  // Writing one response (one event, for a live-update stream): the connection is closed if
  // the client does not take it within this time.
  std::chrono::milliseconds write_timeout{20'000};
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
  // Thread-safe; ends live-update streams, stops accepting, closes idle connections; Run
  // returns once requests being answered are done.
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
