// The web application's files: which paths are safe to look up, where they resolve, and
// what each answer carries (web_files.h).
#include "contextmap/http/web_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <climits>
#include <cstdlib>
#include <utility>

namespace contextmap::http {

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

// The path's own realpath, or "" if it does not resolve.
std::string Resolve(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) return {};
  return buffer;
}

// The whole regular file at `path` (not following a final symbolic link), or nullopt.
std::optional<std::string> ReadRegularFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    std::string data(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < data.size()) {
      ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got == data.size()) out = std::move(data);
  }
  ::close(fd);
  return out;
}

// Whether `path` ("/assets/index-Ra5QfDHm.js") is a plain relative name under the root:
// segments of printable bytes, none empty, ".", ".." or starting with '.', no backslash.
bool SafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  std::string_view rest = path.substr(1);
  if (rest.empty()) return true;  // "/": index.html
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment.front() == '.') return false;
    for (char ch : segment) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7f || c == '\\') return false;
    }
    if (slash == std::string_view::npos) return true;
    rest = rest.substr(slash + 1);
    if (rest.empty()) return true;  // one trailing slash: a page address
  }
}

ApiResponse Text(int status, std::string_view message) {
  ApiResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::string(message) + "\n";
  r.route = "(web)";
  return r;
}

}  // namespace

Result<WebFiles> WebFiles::Make(const std::string& directory) {
  std::string root = Resolve(directory);
  struct stat st {};
  if (root.empty() || ::stat(root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return Status::Invalid("is not a directory", "--web");
  }
  if (!ReadRegularFile(root + "/index.html")) {
    return Status::Invalid("has no index.html (build web/ first: npm run build)", "--web");
  }
  return WebFiles(root);
}

bool WebFiles::Claims(std::string_view path) {
  return !(path == "/api" || path.starts_with("/api/"));
}

std::string_view WebFiles::ContentType(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".jpg", "image/jpeg"},
  }};
  std::size_t slash = name.rfind('/');
  std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string_view ext = base.substr(dot);
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

ApiResponse WebFiles::Serve(const ApiRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    ApiResponse r = Text(405, "Only GET and HEAD are served here.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const std::string& path = request.path;
  if (!SafePath(path)) return Text(400, "That address is not allowed.");
  std::size_t slash = path.rfind('/');
  std::string_view last = std::string_view(path).substr(slash + 1);
  bool page = last.find('.') == std::string_view::npos;  // "/", "/sign-in", "/mappings/x/"
  std::string file = path.back() == '/' ? std::string() : path.substr(1);
  std::optional<std::string> body;
  std::string served;
  if (!file.empty()) {
    std::string resolved = Resolve(root_ + "/" + file);
    if (!resolved.empty() && resolved.starts_with(root_ + "/")) {
      body = ReadRegularFile(resolved);
      if (body) served = resolved.substr(root_.size());
    }
  }
  if (!body && page) {
    body = ReadRegularFile(root_ + "/index.html");
    served = "/index.html";
  }
  if (!body) return Text(404, "Not found.");
  ApiResponse r;
  r.route = "(web)";
  r.content_type = std::string(ContentType(served));
  r.body = std::move(*body);
  if (served.starts_with("/assets/")) r.headers.emplace_back("Cache-Control", kImmutable);
  return r;
}

}  // namespace contextmap::http
