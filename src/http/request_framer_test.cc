// RequestFramer on its own: where requests end however their bytes are split, chunked bodies
// decoded in place, and each limit or framing fault refused the moment it shows.
#include "http/request_framer.h"

#include <gtest/gtest.h>

#include <string>

namespace contextmap::http {
namespace {

using Step = RequestFramer::Step;

RequestFramer::Limits Small() {
  RequestFramer::Limits limits;
  limits.max_head_bytes = 256;
  limits.max_body_bytes = 100;
  return limits;
}

// Feeds `bytes` `piece` bytes at a time, as a slow client would; returns the last step.
Step Feed(RequestFramer& framer, std::string& buffer, const std::string& bytes, std::size_t piece) {
  Step step = Step::kMore;
  for (std::size_t at = 0; at < bytes.size() && step == Step::kMore; at += piece) {
    buffer += bytes.substr(at, piece);
    step = framer.Scan(buffer);
  }
  return step;
}

TEST(RequestFramerTest, FindsTheEndOfEachRequestHoweverItArrives) {
  const std::string get = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string post = "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
  for (std::size_t piece : {1, 3, 7, 1000}) {
    RequestFramer framer(Small());
    std::string buffer;
    ASSERT_EQ(Feed(framer, buffer, get + post, piece), Step::kDone) << piece;
    EXPECT_EQ(buffer.substr(0, framer.request_bytes()), get);
    buffer.erase(0, framer.request_bytes());
    framer.Reset();
    Step step = framer.Scan(buffer);
    if (step == Step::kMore) step = Feed(framer, buffer, post.substr(buffer.size()), piece);
    ASSERT_EQ(step, Step::kDone) << piece;
    EXPECT_EQ(buffer.substr(0, framer.request_bytes()), post);
  }
}

TEST(RequestFramerTest, DecodesAChunkedBodyAndRewritesTheHead) {
  RequestFramer framer(Small());
  std::string buffer;
  const std::string request =
      "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\nA: b\r\n\r\n"
      "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nGET /next";
  ASSERT_EQ(Feed(framer, buffer, request, 4), Step::kDone);
  EXPECT_EQ(buffer.substr(0, framer.request_bytes()),
            "POST /c HTTP/1.1\r\nA: b\r\nContent-Length: 11\r\n\r\nhello world");
  // What came after it (fed until the request was done) is left for the next request.
  std::string rest = buffer.substr(framer.request_bytes());
  EXPECT_FALSE(rest.empty());
  EXPECT_EQ(std::string("GET /next").rfind(rest, 0), 0u) << rest;
}

TEST(RequestFramerTest, AsksForContinueOnlyBeforeTheBodyArrives) {
  RequestFramer framer(Small());
  std::string buffer = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
  EXPECT_EQ(framer.Scan(buffer), Step::kMore);
  EXPECT_TRUE(framer.TakeContinue());
  EXPECT_FALSE(framer.TakeContinue());  // once
  buffer += "ok";
  ASSERT_EQ(framer.Scan(buffer), Step::kDone);
  EXPECT_EQ(buffer, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nok");  // the library won't ask

  RequestFramer eager(Small());
  std::string sent = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok";
  EXPECT_EQ(eager.Scan(sent), Step::kDone);
  EXPECT_FALSE(eager.TakeContinue());  // the body came without waiting
}

TEST(RequestFramerTest, RefusesABodyPastTheLimitAsSoonAsItShows) {
  {  // declared: refused before any of the body arrives
    RequestFramer framer(Small());
    std::string buffer = "POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n";
    EXPECT_EQ(framer.Scan(buffer), Step::kRefused);
    EXPECT_EQ(framer.status(), 413);
  }
  {  // a chunk announcing more than the limit: refused before its data
    RequestFramer framer(Small());
    std::string buffer =
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n";
    EXPECT_EQ(framer.Scan(buffer), Step::kRefused);
    EXPECT_EQ(framer.status(), 413);
  }
  {  // small chunks adding up: refused at the chunk that passes it, memory stays at the limit
    RequestFramer framer(Small());
    std::string buffer = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    Step step = framer.Scan(buffer);
    int chunks = 0;
    while (step == Step::kMore && chunks < 1000) {
      buffer += "a\r\n0123456789\r\n";
      step = framer.Scan(buffer);
      ++chunks;
      EXPECT_LE(buffer.size(), 200u);
    }
    EXPECT_EQ(step, Step::kRefused);
    EXPECT_EQ(framer.status(), 413);
    EXPECT_EQ(chunks, 11);
  }
}

TEST(RequestFramerTest, RefusesFramingItWouldHaveToGuess) {
  struct Case {
    std::string request;
    int status;
  };
  const Case cases[] = {
      {"GET / HTTP/1.1\nHost: x\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", 400},
      {"GET /" + std::string(300, 'a') + " HTTP/1.1\r\n\r\n", 431},
      {"GET / HTTP/1.1\r\nA: " + std::string(300, 'a'), 431},
  };
  for (const Case& c : cases) {
    RequestFramer framer(Small());
    std::string buffer = c.request;
    EXPECT_EQ(framer.Scan(buffer), Step::kRefused) << c.request;
    EXPECT_EQ(framer.status(), c.status) << c.request;
    EXPECT_FALSE(framer.message().empty());
  }
}

TEST(RequestFramerTest, IgnoresEmptyLinesBetweenRequests) {
  RequestFramer framer(Small());
  std::string buffer;
  EXPECT_EQ(Feed(framer, buffer, "\r\n\r\n", 1), Step::kMore);
  EXPECT_FALSE(framer.started());
  buffer += "GET / HTTP/1.1\r\n\r\n";
  EXPECT_EQ(framer.Scan(buffer), Step::kDone);
  EXPECT_EQ(buffer.substr(0, framer.request_bytes()), "GET / HTTP/1.1\r\n\r\n");
}

}  // namespace
}  // namespace contextmap::http
