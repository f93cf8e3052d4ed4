// The request and response basics every route relies on: reading headers and cookies, the
// error body, the security headers and the JSON nesting check.
#include <algorithm>
#include <cctype>

#include "contextmap/core/json_codec.h"
#include "contextmap/http/api.h"

namespace contextmap::http {

std::string ApiRequest::Header(std::string_view name) const {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::Cookie(std::string_view name) const {
  std::string all = Header("cookie");
  std::string_view rest(all);
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  std::string out = "{\"error\":{\"code\":";
  AppendJsonString(code, &out);
  out += ",\"message\":";
  AppendJsonString(message, &out);
  if (!field.empty()) {
    out += ",\"field\":";
    AppendJsonString(field, &out);
  }
  out += "}}";
  return out;
}

bool JsonTooDeep(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(const std::string& nonce,
                                                                 bool behind_tls) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self' 'nonce-" + nonce +
           "'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
           "require-trusted-types-for 'script'; trusted-types 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Cache-Control", "no-store"},
  };
  if (behind_tls) {
    h.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return h;
}

}  // namespace contextmap::http
