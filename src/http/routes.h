// The route table: every address the API serves, its method, its policy (who may call it at
// all) and which handler serves it. Internal to src/http; Api::Routes() publishes the table.
#ifndef CONTEXTMAP_HTTP_ROUTES_H_
#define CONTEXTMAP_HTTP_ROUTES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/http/api.h"

namespace contextmap::http {

enum class RouteId {
  kHealth,
  kOpenApi,
  kSignIn,
  kWhoAmI,
  kSignOut,
  kOverview,
  kDashboard,
  kSearch,
  kMappingMap,
  kMappingDue,
  kMappingEvents,
  kMappingAddSubject,
  kList,
  kCreate,
  kGet,
  kUpdate,
  kDelete,
};

struct Route {
  RouteInfo info;
  RouteId id;
};

// What matching a request found: the route, or the methods the path takes (405), or nothing.
struct RouteMatch {
  const Route* route = nullptr;
  std::optional<RecordKind> kind;  // the {kind} segment
  std::string id;                  // the {id} segment, as sent
  std::vector<std::string> allowed;
};

const std::vector<Route>& RouteTable();
RouteMatch MatchRoute(std::string_view method, std::string_view path);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_ROUTES_H_
