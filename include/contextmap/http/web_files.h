// The web application's files (the build output of web/, `contextmap serve --web DIR`),
// served beside the JSON API.
//
// WebFiles answers GET and HEAD of every path outside /api: the file under the directory if
// there is one, else index.html for a page address (a path whose last segment has no '.'),
// so the browser's own router draws the page on reload, back and bookmarks; a missing file
// with an extension (a stale asset) is 404. Files under assets/ (Vite's hashed names, new for
// every build) may be kept by browsers for a year; everything else, index.html included, is
// Cache-Control: no-store like the API.
//
// Nothing outside the directory is ever served: a path with a ".." or "." segment, a
// backslash, a NUL or other control byte, an empty segment or a dot-file is refused (400)
// before the file system is asked; the file found is resolved with its symbolic links and
// must still lie under the directory's own resolved path, and must be a regular file. The
// path given is already percent-decoded (the HTTP library decodes once), so "%2e%2e" arrives
// as ".." and is refused; anything still encoded is a literal name that does not exist.
//
// Cost: one realpath and one read of the file per request (the files are small; the server
// keeps no copy, so a rebuild shows at once). Thread-safe: no state changes after Make.
#ifndef CONTEXTMAP_HTTP_WEB_FILES_H_
#define CONTEXTMAP_HTTP_WEB_FILES_H_

#include <string>
#include <string_view>

#include "contextmap/core/status.h"
#include "contextmap/http/api.h"

namespace contextmap::http {

class WebFiles {
 public:
  // The directory must exist and hold index.html; kInvalidArgument naming "--web" otherwise.
  static Result<WebFiles> Make(const std::string& directory);

  // Whether a request for `path` is the web app's (anything outside /api) rather than the
  // API's.
  static bool Claims(std::string_view path);

  // The answer for a request Claims: 200 with the file, 400, 404 or 405 (with Allow).
  ApiResponse Serve(const ApiRequest& request) const;

  // The Content-Type for a file name, by its extension; application/octet-stream if unknown.
  static std::string_view ContentType(std::string_view name);

  const std::string& root() const { return root_; }

 private:
  explicit WebFiles(std::string root) : root_(std::move(root)) {}
  std::string root_;  // resolved, no trailing slash
};

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_WEB_FILES_H_
