// Where one HTTP/1.1 request ends, found as its bytes arrive, with the size limits applied the
// moment they are passed: the connection reactor (reactor.h) reads every request whole with
// this before a worker thread sees it.
//
// The framer reads the request line and headers (up to Limits::max_head_bytes, else 431), then
// the body by Content-Length (more than Limits::max_body_bytes: 413 at once, before a byte of
// it is read) or by chunked framing (decoded as it arrives; 413 the moment the decoded body, or
// a chunk's announced size, passes the limit, so a chunked body costs at most the limit in
// memory however long it is). Framing it cannot read without guessing is 400: a line not ending
// in CRLF, a folded header, a header name with spaces, a Content-Length that is not a whole
// number or appears twice, both Content-Length and Transfer-Encoding, a bad chunk. Any
// Transfer-Encoding but "chunked" is 501.
//
// A complete request is left at the start of the caller's buffer in a form the HTTP library
// parses the same way: a chunked body is replaced by its decoded bytes and a Content-Length
// header, and an "Expect: 100-continue" header (which the reactor has answered) is removed.
// Bytes after it (a pipelined next request) stay where they are. Not thread-safe; one per
// connection. Cost: each byte is looked at a constant number of times.
#ifndef CONTEXTMAP_HTTP_REQUEST_FRAMER_H_
#define CONTEXTMAP_HTTP_REQUEST_FRAMER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace contextmap::http {

class RequestFramer {
 public:
  struct Limits {
    std::size_t max_head_bytes = 32 << 10;  // request line and headers; trailers, apart
    std::size_t max_body_bytes = 1 << 20;   // the body as the handler sees it (decoded)
  };
  enum class Step {
    kMore,     // the request is not complete: read more and call Scan again
    kDone,     // buffer[0, request_bytes()) is the whole request
    kRefused,  // answer status() with message() and close the connection
  };

  explicit RequestFramer(Limits limits) : limits_(limits) {}

  // Looks at the bytes of `buffer` it has not seen before (everything received on the
  // connection and not yet consumed by an earlier request). May change the part of `buffer`
  // that belongs to this request (chunked bodies are decoded in place); never the rest.
  Step Scan(std::string& buffer);

  // After kDone: the request's length in the buffer. The caller consumes it, then calls Reset.
  std::size_t request_bytes() const { return request_bytes_; }
  void Reset();

  // After kRefused: the HTTP status (400, 408 is the reactor's, 413, 431, 501) and a sentence.
  int status() const { return status_; }
  const std::string& message() const { return message_; }

  // Whether a request has begun (a byte of it has arrived); false between requests.
  bool started() const { return started_; }
  // True once, when the head is complete, a body is expected, the client asked for
  // "100 Continue" and none of the body has arrived: the reactor then sends it.
  bool TakeContinue();
  // The bytes this request will hold once complete, when it declared a Content-Length (its
  // head plus that length); 0 otherwise. The reactor charges it to its budget at once.
  std::size_t declared_bytes() const { return state_ == State::kLength ? body_end_ : 0; }

 private:
  enum class State { kHead, kLength, kChunkSize, kChunkData, kChunkEnd, kTrailer, kDone };

  Step Refuse(int status, std::string message);
  Step ScanHead(std::string& buffer);
  Step ReadHeaders(std::string& buffer);
  Step ScanChunks(std::string& buffer);
  // Rewrites the head (buffer[0, head_end_)) for the HTTP library: drops the framing headers
  // named in the comment at the top and adds Content-Length when the body was chunked.
  void RewriteHead(std::string& buffer, std::size_t body_bytes);

  Limits limits_;
  State state_ = State::kHead;
  bool started_ = false;
  std::size_t scanned_ = 0;   // head: bytes checked so far; chunks: raw bytes parsed so far
  std::size_t head_end_ = 0;  // just past the blank line ending the head
  std::size_t body_end_ = 0;  // where the body ends (chunked: the decoded part, written in place)
  uint64_t chunk_left_ = 0;   // chunked: bytes of the current chunk not yet read
  std::size_t trailer_bytes_ = 0;
  bool rewrite_ = false;  // the head must be rewritten when the request is done
  bool chunked_ = false;
  bool want_continue_ = false;
  std::size_t request_bytes_ = 0;
  int status_ = 0;
  std::string message_;
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_REQUEST_FRAMER_H_
