#include "http/request_framer.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

namespace contextmap::http {
namespace {

// A chunk-size line (size and extensions) longer than this is refused.
constexpr std::size_t kMaxChunkLine = 1024;

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A header name: visible characters other than the separators that would make it ambiguous.
bool IsHeaderName(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= ' ' || u >= 127 || c == ':' || c == '"' || c == '(' || c == ')' || c == ',' ||
           c == '/' || c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' ||
           c == '[' || c == '\\' || c == ']' || c == '{' || c == '}';
  });
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void RequestFramer::Reset() {
  Limits limits = limits_;
  *this = RequestFramer(limits);
}

bool RequestFramer::TakeContinue() { return std::exchange(want_continue_, false); }

RequestFramer::Step RequestFramer::Refuse(int status, std::string message) {
  status_ = status;
  message_ = std::move(message);
  return Step::kRefused;
}

RequestFramer::Step RequestFramer::Scan(std::string& buffer) {
  if (status_ != 0) return Step::kRefused;
  if (state_ == State::kDone) return Step::kDone;
  if (state_ == State::kHead) {
    Step step = ScanHead(buffer);
    if (step != Step::kMore || state_ == State::kHead) return step;
  }
  if (state_ == State::kLength) {
    if (buffer.size() < body_end_) return Step::kMore;
    state_ = State::kDone;
    request_bytes_ = body_end_;
    if (rewrite_) RewriteHead(buffer, body_end_ - head_end_);
    return Step::kDone;
  }
  return ScanChunks(buffer);
}

RequestFramer::Step RequestFramer::ScanHead(std::string& buffer) {
  if (!started_) {
    // Empty lines before a request line are ignored (RFC 9112 section 2.2): some clients send
    // one after a body.
    std::size_t skip = 0;
    while (skip + 1 < buffer.size() && buffer[skip] == '\r' && buffer[skip + 1] == '\n') skip += 2;
    buffer.erase(0, skip);
    if (buffer.empty() || buffer == "\r") return Step::kMore;
    started_ = true;
  }
  for (std::size_t i = scanned_; i < buffer.size(); ++i) {
    if (buffer[i] != '\n') continue;
    if (i == 0 || buffer[i - 1] != '\r') {
      return Refuse(400, "every line of the request head must end in CRLF");
    }
    if (i >= 3 && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
      head_end_ = i + 1;
      if (head_end_ > limits_.max_head_bytes) break;
      return ReadHeaders(buffer);
    }
  }
  scanned_ = buffer.size();
  if (buffer.size() > limits_.max_head_bytes || head_end_ > limits_.max_head_bytes) {
    return Refuse(431, "the request line and headers are larger than " +
                           std::to_string(limits_.max_head_bytes) + " bytes");
  }
  return Step::kMore;
}

RequestFramer::Step RequestFramer::ReadHeaders(std::string& buffer) {
  std::string_view head(buffer.data(), head_end_);
  std::size_t line_end = head.find("\r\n");
  bool http11 = head.substr(0, line_end).ends_with(" HTTP/1.1");
  std::optional<uint64_t> length;
  bool chunked = false;
  bool transfer_encoding = false;
  bool expect = false;
  for (std::size_t at = line_end + 2; at + 2 < head_end_;) {
    std::size_t end = head.find("\r\n", at);
    std::string_view line = head.substr(at, end - at);
    at = end + 2;
    if (line.front() == ' ' || line.front() == '\t') {
      return Refuse(400, "a header line may not begin with a space (folded headers are refused)");
    }
    std::size_t colon = line.find(':');
    std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || !IsHeaderName(name)) {
      return Refuse(400, "a header line must be a name without spaces, a colon and a value");
    }
    std::string_view value = Trim(line.substr(colon + 1));
    if (SameIgnoringCase(name, "content-length")) {
      if (length || value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Refuse(400, "Content-Length must be one whole number of bytes");
      }
      length = std::stoull(std::string(value));
    } else if (SameIgnoringCase(name, "transfer-encoding")) {
      if (transfer_encoding) return Refuse(400, "Transfer-Encoding may be given once");
      transfer_encoding = true;
      if (!SameIgnoringCase(value, "chunked")) {
        return Refuse(501, "the only Transfer-Encoding accepted is chunked");
      }
      chunked = true;
    } else if (SameIgnoringCase(name, "expect") && SameIgnoringCase(value, "100-continue")) {
      expect = true;
    }
  }
  if (length && transfer_encoding) {
    return Refuse(400, "a request may not carry both Content-Length and Transfer-Encoding");
  }
  if (length && *length > limits_.max_body_bytes) {
    return Refuse(413, "the request body is larger than " + std::to_string(limits_.max_body_bytes) +
                           " bytes");
  }
  // The HTTP library answers "Expect: 100-continue" itself; the reactor has done so already.
  rewrite_ = chunked || expect;
  chunked_ = chunked;
  bool body = chunked || (length && *length > 0);
  want_continue_ = expect && http11 && body && buffer.size() == head_end_;
  body_end_ = head_end_ + (length ? *length : 0);
  scanned_ = head_end_;
  if (chunked) {
    state_ = State::kChunkSize;
  } else {
    state_ = State::kLength;
  }
  return Step::kMore;
}

RequestFramer::Step RequestFramer::ScanChunks(std::string& buffer) {
  std::size_t raw = scanned_;  // the next byte of chunk framing or data to parse
  Step step = Step::kMore;
  while (step == Step::kMore && state_ != State::kDone) {
    if (state_ == State::kChunkData) {
      auto n = static_cast<std::size_t>(std::min<uint64_t>(chunk_left_, buffer.size() - raw));
      if (n == 0) break;
      if (raw != body_end_) std::memmove(buffer.data() + body_end_, buffer.data() + raw, n);
      body_end_ += n;
      raw += n;
      chunk_left_ -= n;
      if (chunk_left_ == 0) state_ = State::kChunkEnd;
      continue;
    }
    std::size_t newline = buffer.find('\n', raw);
    if (newline == std::string::npos) {
      std::size_t partial = buffer.size() - raw;
      if (state_ == State::kTrailer && trailer_bytes_ + partial > limits_.max_head_bytes) {
        step = Refuse(431, "the request's trailer fields are too large");
      } else if (state_ != State::kTrailer && partial > kMaxChunkLine) {
        step = Refuse(400, "a chunk size line is too long");
      }
      break;
    }
    if (newline == raw || buffer[newline - 1] != '\r') {
      step = Refuse(400, "every line of the chunked framing must end in CRLF");
      break;
    }
    std::string_view line(buffer.data() + raw, newline - 1 - raw);
    raw = newline + 1;
    if (state_ == State::kChunkEnd) {
      if (!line.empty()) step = Refuse(400, "a chunk's data must be followed by CRLF");
      state_ = State::kChunkSize;
    } else if (state_ == State::kTrailer) {
      trailer_bytes_ += line.size() + 2;
      if (trailer_bytes_ > limits_.max_head_bytes) {
        step = Refuse(431, "the request's trailer fields are too large");
      } else if (line.empty()) {
        state_ = State::kDone;
      }
    } else {  // kChunkSize
      uint64_t size = 0;
      std::size_t i = 0;
      std::size_t body = body_end_ - head_end_;
      for (; i < line.size() && HexDigit(line[i]) >= 0; ++i) {
        size = size * 16 + static_cast<uint64_t>(HexDigit(line[i]));
        if (body + size > limits_.max_body_bytes) break;
      }
      std::string_view rest = Trim(line.substr(i));
      if (body + size > limits_.max_body_bytes) {
        step = Refuse(413, "the request body is larger than " +
                               std::to_string(limits_.max_body_bytes) + " bytes");
      } else if (i == 0 || (!rest.empty() && rest.front() != ';')) {
        step = Refuse(400, "a chunk size must be hexadecimal digits");
      } else if (size == 0) {
        state_ = State::kTrailer;
      } else {
        chunk_left_ = size;
        state_ = State::kChunkData;
      }
    }
  }
  // The framing just parsed sits between the decoded body and the bytes not yet parsed.
  buffer.erase(body_end_, raw - body_end_);
  scanned_ = body_end_;
  if (step != Step::kMore) return step;
  if (state_ != State::kDone) return Step::kMore;
  RewriteHead(buffer, body_end_ - head_end_);
  return Step::kDone;
}

void RequestFramer::RewriteHead(std::string& buffer, std::size_t body_bytes) {
  std::string_view head(buffer.data(), head_end_);
  std::size_t line_end = head.find("\r\n") + 2;
  std::string out(head.substr(0, line_end));
  for (std::size_t at = line_end; at + 2 < head_end_;) {
    std::size_t end = head.find("\r\n", at) + 2;
    std::string_view line = head.substr(at, end - at);
    at = end;
    std::string_view name = line.substr(0, line.find(':'));
    if (SameIgnoringCase(name, "transfer-encoding") || SameIgnoringCase(name, "expect")) continue;
    out += line;
  }
  if (chunked_) out += "Content-Length: " + std::to_string(body_bytes) + "\r\n";
  out += "\r\n";
  buffer.replace(0, head_end_, out);
  request_bytes_ = out.size() + body_bytes;
  body_end_ = request_bytes_;
  head_end_ = out.size();
}

}  // namespace contextmap::http
