// Api::Impl: what every route shares (options, the services, the gates, the caches) and the
// route handlers, one member function each. Internal to src/http. The request pipeline is in
// api.cc; the handlers live by concern:
//   session_routes.cc  health, signing in and out, who am I, the overview
//   map_routes.cc      the whole-mapping read (cached) and adding a subject to a mapping
//   event_routes.cc    live updates (server-sent events)
//   record_routes.cc   list, create, read, replace and delete any kind of record
//   work_routes.cc     finding a person, what is due in a mapping, the user's dashboard
#ifndef CONTEXTMAP_HTTP_API_IMPL_H_
#define CONTEXTMAP_HTTP_API_IMPL_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "contextmap/auth/throttle.h"
#include "contextmap/http/api.h"
#include "http/audit_tally.h"
#include "http/call.h"
#include "http/gate.h"
#include "http/map_cache.h"
#include "http/routes.h"

namespace contextmap::http {

struct Api::Impl {
  Impl(ApiOptions o, StorePool* s, AuditWriter* a, EventHub* e);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  ApiOptions options;
  StorePool* stores;
  AuditWriter* audit;
  EventHub* events;
  auth::SignInThrottle throttle;
  Gate password_gate;
  Gate work_gate;
  MapCache maps;
  AuditTally anonymous;  // refused requests from no one signed in, counted (audit_tally.h)

  // --- the pipeline (api.cc) ---
  ApiResponse Handle(const ApiRequest& req);
  // Everything between finding the route and running its handler: body size, store, CSRF,
  // session and policy checks.
  void Serve(Call& c, RouteId id);
  void Dispatch(Call& c, RouteId id);
  static Status CheckRequestText(const Call& c);
  // Runs `wait` (something that blocks: another call's map build, a free password-check
  // slot) with this call's work slot given up meanwhile, so that calls blocked on others do
  // not keep the rest from the processor.
  void Blocked(const std::function<void()>& wait);
  std::string Origin(const ApiRequest& req) const;
  Status CheckCrossSite(const ApiRequest& req) const;

  // --- session_routes.cc ---
  void Health(Call& c);
  void SignIn(Call& c);
  void WhoAmI(Call& c);
  void SignOut(Call& c);
  void Overview(Call& c);

  // --- map_routes.cc ---
  void MappingMap(Call& c);
  void AddSubject(Call& c);

  // --- event_routes.cc ---
  void MappingEvents(Call& c);
  class MappingStream;
  // Live-update streams open, per session id hash and in all; shared with the streams, which
  // give their place back when destroyed.
  struct StreamCount {
    std::mutex mu;
    std::map<std::string, int> per_session;
    int total = 0;
  };
  std::shared_ptr<StreamCount> streams = std::make_shared<StreamCount>();

  // --- work_routes.cc ---
  void Search(Call& c);
  void MappingDue(Call& c);
  void Dashboard(Call& c);
  // What the caller may see of a mapping they may see (CheckMapping passed), as the
  // whole-mapping read gives it, plus its protocol profile (reference data) so that DueItems
  // can apply the profile's timescales.
  Result<Bundle> VisibleMapping(Call& c, const std::string& mapping_id);

  // --- record_routes.cc ---
  void List(Call& c);
  void Create(Call& c);
  void Get(Call& c);
  void Update(Call& c);
  void Delete(Call& c);
  Status ListVisible(Call& c, const ListQuery& q, std::vector<Record>* items, bool* more,
                     bool* filtered);
  // A visible record, or the answer already written (404 audited as refused).
  std::optional<Record> Load(Call& c, std::string_view action);
  // After a change: cached maps go stale and the listeners of `mappings` hear of it.
  void Announce(Call& c, const std::string& op, const Record& record,
                const Result<std::vector<std::string>>& mappings);
  void Publish(Call& c, const std::string& op, const Record& record);
};

access::Principal PrincipalOf(const User& u);

}  // namespace contextmap::http

#endif  // CONTEXTMAP_HTTP_API_IMPL_H_
