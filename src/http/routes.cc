#include "http/routes.h"

namespace contextmap::http {

namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

// Matches `path` against a pattern; fills kind and id.
bool Match(const std::string& pattern, std::string_view path, std::optional<RecordKind>* kind,
           std::string* id) {
  std::vector<std::string_view> p = Segments(pattern);
  std::vector<std::string_view> s = Segments(path);
  if (p.size() != s.size()) return false;
  if (!path.empty() && path.back() == '/' && path.size() > 1) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == "{kind}") {
      *kind = KindFromPlural(s[i]);
      if (!*kind) return false;
    } else if (p[i] == "{id}") {
      *id = std::string(s[i]);
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

const std::vector<Route>& RouteTable() {
  static const std::vector<Route> table = {
      {{"GET", "/api/v1/health", Policy::kPublic, "Whether the server and its store answer"},
       RouteId::kHealth},
      {{"GET", "/api/v1/openapi.json", Policy::kPublic, "This API description (OpenAPI 3)"},
       RouteId::kOpenApi},
      {{"POST", "/api/v1/session", Policy::kPublic,
        "Sign in with username, password and a TOTP or recovery code"},
       RouteId::kSignIn},
      {{"GET", "/api/v1/session", Policy::kSignedIn,
        "The signed-in user, their CSRF token and the session's limits"},
       RouteId::kWhoAmI},
      {{"DELETE", "/api/v1/session", Policy::kSignedIn, "Sign out (ends the session)"},
       RouteId::kSignOut},
      {{"GET", "/api/v1/overview", Policy::kOverview,
        "Counts across every mapping, without names or free text (strategic view)"},
       RouteId::kOverview},
      {{"GET", "/api/v1/dashboard", Policy::kSignedIn,
        "The signed-in user's open actions and key questions, their mappings and what is due "
        "this week"},
       RouteId::kDashboard},
      {{"GET", "/api/v1/search", Policy::kSignedIn,
        "Find people and places the user may see by name, alias, postcode, identifier or date "
        "of birth",
        true},
       RouteId::kSearch},
      {{"GET", "/api/v1/mappings/{id}/map", Policy::kSignedIn,
        "Everything recorded in a mapping that the user may see, as a bundle", true},
       RouteId::kMappingMap},
      {{"GET", "/api/v1/mappings/{id}/due", Policy::kSignedIn,
        "What is due and overdue in a mapping: its protocol's timescales, open actions and key "
        "questions",
        true},
       RouteId::kMappingDue},
      {{"GET", "/api/v1/mappings/{id}/events", Policy::kSignedIn,
        "Live changes to a mapping (server-sent events)"},
       RouteId::kMappingEvents},
      {{"POST", "/api/v1/mappings/{id}/subjects", Policy::kSignedIn,
        "Add a new subject to a mapping (the subject and its mapping_subject in one go)"},
       RouteId::kMappingAddSubject},
      {{"GET", "/api/v1/{kind}", Policy::kSignedIn,
        "List records, paged by id, filtered by one reference field"},
       RouteId::kList},
      {{"POST", "/api/v1/{kind}", Policy::kSignedIn, "Create a record"}, RouteId::kCreate},
      {{"GET", "/api/v1/{kind}/{id}", Policy::kSignedIn, "Read a record (ETag: its version)"},
       RouteId::kGet},
      {{"PUT", "/api/v1/{kind}/{id}", Policy::kSignedIn,
        "Replace a record (If-Match: the version read)"},
       RouteId::kUpdate},
      {{"DELETE", "/api/v1/{kind}/{id}", Policy::kSignedIn,
        "Delete a record (If-Match: the version read)"},
       RouteId::kDelete},
  };
  return table;
}

RouteMatch MatchRoute(std::string_view method, std::string_view path) {
  RouteMatch m;
  for (const Route& r : RouteTable()) {
    std::optional<RecordKind> kind;
    std::string id;
    if (!Match(r.info.pattern, path, &kind, &id)) continue;
    if (r.info.method != method) {
      m.allowed.push_back(r.info.method);
      continue;
    }
    m.route = &r;
    m.kind = kind;
    m.id = std::move(id);
    return m;
  }
  return m;
}

const std::vector<RouteInfo>& Api::Routes() {
  static const std::vector<RouteInfo> routes = [] {
    std::vector<RouteInfo> out;
    for (const Route& r : RouteTable()) out.push_back(r.info);
    return out;
  }();
  return routes;
}

}  // namespace contextmap::http
