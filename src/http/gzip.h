// gzip for the whole-mapping read: compressing an answer once, and reading a client's
// Accept-Encoding. Internal to src/http.
#ifndef CONTEXTMAP_HTTP_GZIP_H_
#define CONTEXTMAP_HTTP_GZIP_H_

#include <string>
#include <string_view>

namespace contextmap::http {

// `text` compressed as a gzip stream (RFC 1952) at zlib's fastest level, which on JSON keeps
// most of the saving at a fraction of the default level's time. "" if zlib fails, which only
// a lack of memory causes; callers then send the plain form. Cost: one pass, about 450 KB of
// JSON in a few milliseconds.
std::string Gzip(std::string_view text);

// Whether an Accept-Encoding header lets gzip be sent (RFC 9110 12.5.3): "gzip" or "x-gzip",
// or "*" when gzip is not named, with any weight but q=0.
bool AcceptsGzip(std::string_view header);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_GZIP_H_
