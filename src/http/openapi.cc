// The OpenAPI 3.1 description of /api/v1, built from the route table and the model, so it
// cannot drift from what the server serves. docs/openapi.json is this text; a test keeps the
// two equal and checks every route against the description and back.
#include <nlohmann/json.hpp>

#include <string>

#include "contextmap/access/access.h"
#include "contextmap/core/bundle_schema.h"
#include "contextmap/http/api.h"

namespace contextmap::http {

namespace {

using ojson = nlohmann::ordered_json;

// Rewrites the bundle schema's "#/$defs/X" references to OpenAPI component references.
void Rebase(ojson* node) {
  if (node->is_object()) {
    for (auto& [key, value] : node->items()) {
      if (key == "$ref" && value.is_string()) {
        std::string ref = value.get<std::string>();
        if (ref.starts_with("#/$defs/")) value = "#/components/schemas/" + ref.substr(8);
      } else {
        Rebase(&value);
      }
    }
  } else if (node->is_array()) {
    for (auto& v : *node) Rebase(&v);
  }
}

ojson ErrorResponse(const std::string& description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

ojson JsonResponse(const std::string& description, const ojson& schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

ojson Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

ojson Str() { return {{"type", "string"}}; }
ojson DateString(const char* description = nullptr) {
  ojson d = {{"type", "string"}, {"format", "date"}};
  if (description != nullptr) d["description"] = description;
  return d;
}
ojson Bool() { return {{"type", "boolean"}}; }
ojson ArrayOf(const ojson& items) { return {{"type", "array"}, {"items", items}}; }
// An object whose every property is required.
ojson Object(const ojson& properties) {
  ojson required = ojson::array();
  for (const auto& [name, value] : properties.items()) required.push_back(name);
  return {{"type", "object"}, {"required", required}, {"properties", properties}};
}

// GET /api/v1/overview's answer (session_routes.cc builds it, report/overview.h counts it).
ojson OverviewSchema() {
  auto counts = [](const char* description) {
    return ojson{{"description", description},
                 {"type", "object"},
                 {"additionalProperties", {{"type", "integer"}}}};
  };
  return Object(
      {{"mappings",
        ArrayOf(Object(
            {{"id", Str()},
             {"kind", Str()},
             {"status", Str()},
             {"level", Str()},
             {"parent_mapping_id", Str()},
             {"area_ids", ArrayOf(Str())},
             {"profile_id", Str()},
             {"subjects", counts("subjects on the mapping by kind")},
             {"open_actions", {{"type", "integer"}}},
             {"overdue_actions",
              {{"type", "integer"}, {"description", "open and due before today"}}},
             {"risk_categories",
              {{"type", "array"},
               {"description", "the protocol profile's risk categories, in its order"},
               {"items",
                Object({{"code", Str()},
                        {"label", Str()},
                        {"rank",
                         {{"type", "integer"}, {"description", "higher is more serious"}}}})}}},
             {"children_by_risk_category",
              counts("the children in the cohort (subject child or cohort member, not taken off) "
                     "by the category of their latest risk assessment on this mapping, by "
                     "category code; every category of the profile is listed")},
             {"children_not_assessed",
              {{"type", "integer"},
               {"description",
                "children in the cohort with no risk assessment on this mapping"}}}}))}});
}

// The answers of the routes that are not records: the signed-in user, search results, due
// items and the dashboard (work_routes.cc and session_routes.cc build them).
ojson AnswerSchemas() {
  ojson schemas;
  schemas["SessionUser"] = Object({{"id", Str()},
                                   {"username", Str()},
                                   {"full_name", Str()},
                                   {"agency_id", Str()},
                                   {"agency_name",
                                    {{"type", "string"},
                                     {"description",
                                      "the agency record's name; \"\" if the "
                                      "agency is gone"}}},
                                   {"role", Str()}});
  schemas["Session"] = {
      {"type", "object"},
      {"required", {"user", "csrf_token", "idle_timeout_seconds", "expires_at"}},
      {"properties",
       {{"user", Ref("SessionUser")},
        {"csrf_token", Str()},
        {"idle_timeout_seconds", {{"type", "integer"}}},
        {"expires_at", {{"type", "integer"}, {"description", "unix seconds"}}},
        {"recovery_codes_left", {{"type", "integer"}, {"description", "on sign-in only"}}}}}};
  schemas["DueItem"] = Object(
      {{"due", DateString()},
       {"what", Str()},
       {"kind",
        {{"type", "string"},
         {"description", "the record it belongs to: mapping, meeting, action or key_question"}}},
       {"record_id", Str()},
       {"overdue", {{"type", "boolean"}, {"description", "due before today"}}}});
  ojson mapping_ref = Object({{"id", Str()}, {"title", Str()}, {"status", Str()}});
  schemas["SearchResults"] =
      Object({{"results", ArrayOf(Object({{"subject", Ref("subjects")},
                                          {"mappings",
                                           {{"type", "array"},
                                            {"description",
                                             "the mappings the user may see that the subject is on "
                                             "(not taken off), by title"},
                                            {"items", mapping_ref}}}}))},
              {"more",
               {{"type", "boolean"},
                {"description", "more subjects the user may see matched than the 50 given"}}}});
  auto task = [&](const char* text) {
    return Object({{"id", Str()},
                   {"mapping_id", Str()},
                   {"mapping_title", Str()},
                   {text, Str()},
                   {"due_on", {{"type", {"string", "null"}}, {"format", "date"}}},
                   {"status", Str()},
                   {"overdue", Bool()}});
  };
  ojson due_soon = Object({{"due", DateString()},
                           {"what", Str()},
                           {"kind", Str()},
                           {"record_id", Str()},
                           {"overdue", Bool()},
                           {"mapping_id", Str()},
                           {"mapping_title", Str()}});
  schemas["Dashboard"] = Object(
      {{"today", DateString("the server's date")},
       {"actions", ArrayOf(task("description"))},
       {"key_questions", ArrayOf(task("question"))},
       {"mappings",
        ArrayOf(Object({{"id", Str()},
                        {"title", Str()},
                        {"kind", Str()},
                        {"status", Str()},
                        {"role", {{"type", "string"}, {"enum", {"chair", "co_chair", "member"}}}},
                        {"next_due", {{"oneOf", {Ref("DueItem"), {{"type", "null"}}}}}}}))},
       {"due_this_week", ArrayOf(due_soon)}});
  schemas["Overview"] = OverviewSchema();
  return schemas;
}

// GET /api/v1/search's query parameters.
void SearchParameters(ojson* params) {
  params->push_back(
      {{"name", "q"},
       {"in", "query"},
       {"description",
        "Words that each start a word of the subject's label, full name or an alias (any case, "
        "accents kept), or the whole postcode or identifier (spaces ignored). Required unless "
        "dob is given."},
       {"schema", {{"type", "string"}, {"maxLength", 200}}}});
  params->push_back(
      {{"name", "dob"}, {"in", "query"}, {"schema", DateString("the date of birth")}});
  params->push_back({{"name", "kind"},
                     {"in", "query"},
                     {"description", "Subject kinds, comma-separated (child,adult)"},
                     {"schema", Str()}});
}

// `case_records`: the route reads records of a kind that is not reference data (agencies, areas,
// profiles), so a reason is required (Api::Impl's NeedReason).
ojson Operation(const RouteInfo& route, const std::string& kind_plural, bool case_records) {
  ojson op;
  std::string summary = route.summary;
  if (!kind_plural.empty()) summary += " (" + kind_plural + ")";
  op["summary"] = summary;
  op["x-policy"] = std::string(PolicyName(route.policy));
  ojson params = ojson::array();
  bool has_id = route.pattern.find("{id}") != std::string::npos;
  if (has_id) {
    params.push_back({{"name", "id"},
                      {"in", "path"},
                      {"required", true},
                      {"schema", {{"$ref", "#/components/schemas/id"}}}});
  }
  if (route.needs_reason || (case_records && route.method == "GET")) {
    params.push_back(
        {{"name", std::string(kReasonHeader)},
         {"in", "header"},
         {"required", true},
         {"description",
          "Why you are reading these records, in your own words: one line of UTF-8, up to 1000 "
          "bytes, kept in the audit log. Required for every read or list of case records (all "
          "but agencies, areas and protocol profiles) and of a whole mapping."},
         {"schema", {{"type", "string"}, {"maxLength", 1000}}}});
  }
  // Only a record has a version: signing out (DELETE /session) takes no If-Match.
  bool versioned = has_id && (route.method == "PUT" || route.method == "DELETE");
  if (versioned) {
    params.push_back({{"name", "If-Match"},
                      {"in", "header"},
                      {"required", true},
                      {"description", "The version (ETag) you read; 412 if it has changed."},
                      {"schema", {{"type", "string"}}}});
  }
  if (route.method != "GET" && route.policy != Policy::kPublic) {
    params.push_back({{"name", std::string(kCsrfHeader)},
                      {"in", "header"},
                      {"required", true},
                      {"description", "The session's CSRF token (from POST or GET /session)."},
                      {"schema", {{"type", "string"}}}});
  }
  if (route.pattern == "/api/v1/{kind}" && route.method == "GET") {
    params.push_back({{"name", "limit"},
                      {"in", "query"},
                      {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}}});
    params.push_back({{"name", "after"},
                      {"in", "query"},
                      {"description", "The next_after of the previous page."},
                      {"schema", {{"$ref", "#/components/schemas/id"}}}});
    params.push_back(
        {{"name", "filter"},
         {"in", "query"},
         {"description",
          "Any one reference field of the kind as NAME=ID (subjects and links also take "
          "mapping_id). Required for case records; reference data lists without one."},
         {"style", "form"},
         {"explode", true},
         {"schema", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}});
  }
  if (route.pattern == "/api/v1/search") SearchParameters(&params);
  if (!params.empty()) op["parameters"] = params;

  ojson record = kind_plural.empty() ? ojson{{"type", "object"}}
                                     : ojson{{"$ref", "#/components/schemas/" + kind_plural}};
  if ((route.method == "POST" || route.method == "PUT") && !kind_plural.empty()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", record}}}}}};
  }
  ojson responses;
  if (route.pattern == "/api/v1/session" && route.method == "POST") {
    op["requestBody"] = {
        {"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"required", {"username", "password", "code"}},
              {"properties",
               {{"username", {{"type", "string"}}},
                {"password", {{"type", "string"}}},
                {"code",
                 {{"type", "string"},
                  {"description",
                   "six digits from the authenticator, or a recovery code"}}}}}}}}}}}};
    responses["201"] = JsonResponse("Signed in; the session cookie is set", Ref("Session"));
    responses["401"] = ErrorResponse("Wrong username, password or code, or locked");
    responses["429"] = ErrorResponse("Too many failed sign-ins from this address");
  } else if (route.pattern == "/api/v1/mappings/{id}/subjects") {
    op["requestBody"] = {{"required", true},
                         {"content",
                          {{"application/json",
                            {{"schema",
                              {{"type", "object"},
                               {"required", {"subject"}},
                               {"properties",
                                {{"subject", {{"$ref", "#/components/schemas/subjects"}}},
                                 {"mapping_subject",
                                  {{"description",
                                    "role and notes on this mapping (mapping_id and subject_id "
                                    "are filled in)"},
                                   {"type", "object"}}}}}}}}}}}};
    responses["201"] = JsonResponse("Created both", {{"type", "object"}});
  } else if (route.pattern == "/api/v1/session" && route.method == "DELETE") {
    responses["204"] = {
        {"description",
         "Signed out: the session has ended, its cookie is expired, and the browser is told to "
         "drop what it cached or stored for this site"},
        {"headers",
         {{"Clear-Site-Data",
           {{"description", "\"cache\", \"storage\" (not cookies)"},
            {"schema", {{"type", "string"}}}}}}}};
  } else if (route.method == "DELETE") {
    responses["204"] = {{"description", "Done"}};
  } else if (route.method == "POST") {
    responses["201"] = JsonResponse("Created; ETag is its version", record);
  } else if (route.pattern == "/api/v1/mappings/{id}/events") {
    responses["200"] = {
        {"description",
         "A stream of change events (ids only) for as long as the session lasts, numbered 1, "
         "2, ... per stream; a reconnect (Last-Event-ID) starts with event: reload"},
        {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}};
    responses["429"] = ErrorResponse(
        "This session has 4 streams open, or the server as many as it allows; Retry-After");
  } else if (route.pattern == "/api/v1/{kind}" && route.method == "GET") {
    responses["200"] = JsonResponse("One page of the records the user may see",
                                    {{"type", "object"},
                                     {"properties",
                                      {{"items", {{"type", "array"}, {"items", record}}},
                                       {"next_after", {{"type", {"string", "null"}}}}}}});
  } else if (route.pattern == "/api/v1/session") {
    responses["200"] = JsonResponse("The signed-in user and the session", Ref("Session"));
  } else if (route.pattern == "/api/v1/search") {
    responses["200"] = JsonResponse(
        "The subjects the user may see that match, by label then id, at most 50, each with its "
        "mappings",
        Ref("SearchResults"));
    responses["400"] = ErrorResponse("A parameter is wrong or missing; field names it");
  } else if (route.pattern == "/api/v1/mappings/{id}/due") {
    responses["200"] = JsonResponse("What is due and overdue, earliest first",
                                    Object({{"items", ArrayOf(Ref("DueItem"))}}));
  } else if (route.pattern == "/api/v1/overview") {
    responses["200"] = JsonResponse(
        "Counts per mapping, in id order: no names, free text or ids of people", Ref("Overview"));
  } else if (route.pattern == "/api/v1/dashboard") {
    responses["200"] = JsonResponse("The signed-in user's work", Ref("Dashboard"));
  } else if (route.pattern == "/api/v1/mappings/{id}/map") {
    responses["200"] = JsonResponse(
        "The mapping's records as a bundle (docs/bundle.md); gzipped (Content-Encoding: gzip) "
        "when Accept-Encoding allows it",
        {{"$ref", "#/components/schemas/Bundle"}});
  } else {
    responses["200"] = JsonResponse("Done", record);
  }
  if (route.policy != Policy::kPublic) {
    responses["401"] = ErrorResponse("Not signed in, or the session has ended");
    responses["403"] = ErrorResponse("Not allowed (role, CSRF token or cross-site request)");
  }
  if (has_id) responses["404"] = ErrorResponse("No such record, or not one this user may see");
  if (route.method != "GET" && route.method != "DELETE") {
    responses["400"] = ErrorResponse("The input is wrong; field says where");
  }
  if (versioned) {
    responses["412"] = ErrorResponse("Someone else changed the record since you read it");
    responses["428"] = ErrorResponse("If-Match is missing");
  }
  if ((route.method == "DELETE" && has_id) ||
      (route.method == "POST" && !route.pattern.ends_with("/session"))) {
    responses["409"] = ErrorResponse("Clashes with, or is still referred to by, other records");
  }
  op["responses"] = responses;
  if (route.policy != Policy::kPublic)
    op["security"] = ojson::array({{{"session", ojson::array()}}});
  return op;
}

std::string Build() {
  ojson bundle = ojson::parse(BundleJsonSchema());
  ojson schemas = bundle["$defs"];
  ojson bundle_schema = bundle;
  bundle_schema.erase("$defs");
  bundle_schema.erase("$schema");
  bundle_schema.erase("$id");
  schemas["Bundle"] = bundle_schema;
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"field",
             {{"type", "string"}, {"description", "the field or JSON pointer to blame"}}}}}}}}}};
  Rebase(&schemas);
  schemas.update(AnswerSchemas());

  ojson paths = ojson::object();
  for (const RouteInfo& route : Api::Routes()) {
    std::string method = route.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (route.pattern.find("{kind}") == std::string::npos) {
      paths[route.pattern][method] = Operation(route, "", false);
      continue;
    }
    ForEachKind([&]<class T>(std::type_identity<T>) {
      std::string plural(RecordTraits<T>::kPlural);
      std::string path = route.pattern;
      path.replace(path.find("{kind}"), 6, plural);
      paths[path][method] =
          Operation(route, plural, !access::IsReferenceKind(RecordTraits<T>::kKind));
    });
  }
  ojson doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "ContextMap API"},
        {"version", "1"},
        {"description",
         "Multi-agency safeguarding network mapping. Every route needs a signed-in session "
         "except those marked x-policy public; what a user sees is decided by need-to-know "
         "access control (docs/ARCHITECTURE.md). Generated from the server's route table by "
         "`contextmap openapi`."}}},
      {"paths", paths},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"session",
           {{"type", "apiKey"}, {"in", "cookie"}, {"name", std::string(kSessionCookie)}}}}}}},
  };
  return doc.dump(2) + "\n";
}

}  // namespace

const std::string& Api::OpenApiJson() {
  static const std::string text = Build();
  return text;
}

}  // namespace contextmap::http
