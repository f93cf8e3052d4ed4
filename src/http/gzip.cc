#include "http/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace contextmap::http {

std::string Gzip(std::string_view text) {
  z_stream z{};
  constexpr int kGzipWindow = 15 + 16;  // 32 KiB window, gzip header and trailer
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

bool AcceptsGzip(std::string_view header) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  bool star = false;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    std::string_view params = semi == std::string_view::npos ? "" : trim(item.substr(semi + 1));
    // q=0, q=0.0, q=0.00 or q=0.000 refuses; any other weight accepts.
    bool refused = params.size() >= 3 && (params[0] == 'q' || params[0] == 'Q') &&
                   params[1] == '=' &&
                   params.substr(2).find_first_not_of("0.") == std::string_view::npos;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == "gzip" || lower == "x-gzip") return !refused;
    if (lower == "*") star = !refused;
  }
  return star;
}

}  // namespace contextmap::http
