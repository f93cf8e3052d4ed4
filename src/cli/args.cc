// The `contextmap` command's arguments: see args.h.
#include "cli/args.h"

#include <cstddef>
#include <iostream>
#include <string_view>

#include "contextmap/core/status.h"
#include "contextmap/core/utf8.h"

namespace contextmap::cli {

const char* const kUsage = R"(contextmap - multi-agency safeguarding network mapping

Usage: contextmap [--db URL] [--key-file PATH] [--today YYYY-MM-DD] COMMAND [ARGS]

Commands:
  init                       create the store (if new) and load the built-in protocol profiles
  demo                       init, then load the invented demo partnership into a new store,
                             and give its demo accounts (one of each role) a password and a
                             second factor, printed with QR codes for an authenticator app
  demo code USERNAME         a demo account's current second-factor code (demo stores only)
  mappings                   list every mapping with its status and next due date
  show --reason TEXT MAPPING
                             a mapping as a chair reads it: cohort, adults and places of
                             concern, links and how sure they are, actions, questions, due
                             dates (recorded in the audit log as a view of the mapping)
  import [--reason TEXT] FILE
                             import a bundle; all or nothing (every problem is listed)
  export [--mapping ID] --reason TEXT FILE
                             export the partnership, or one mapping, as a bundle (FILE - :
                             stdout); the reason is required and kept in the audit log
  serve [--listen HOST:PORT] [--threads N] [--behind-tls] [--public-origin URL] [--web DIR]
                             run the web server and its JSON API (default 127.0.0.1:8080;
                             for TLS put nginx in front, see docs/deploy/nginx.conf); the
                             web app from DIR (default ./web/dist, if it has been built)
  user add USERNAME --full-name NAME --agency AGENCY_ID --role ROLE [--position TEXT]
           [--email ADDRESS]
                             add an account; reads the password (12+ characters) from stdin
                             and prints the second-factor secret and ten recovery codes once
  user reset USERNAME        new password (stdin), new second factor and recovery codes;
                             ends the user's sessions and clears a lock-out
  user disable USERNAME      the user can no longer sign in; their sessions end
  user list                  every account: username, role, agency, whether it can sign in
  openapi                    print the API description (docs/openapi.json)
  audit verify [--anchor SEQ:HASH]
                             check that no audit log row was edited or removed, against the
                             anchor file kept beside the key file and the anchor given (a
                             copy of the last line an earlier verify printed)
  audit who-viewed SUBJECT   every recorded view, export or import of a person's records
  keys create                make the key file of a new PostgreSQL store (a SQLite store makes
                             its own); give the same file to every server of the store
  keys rotate                add a new key to the key file and seal every second-factor
                             secret again with it (older keys stay: they verify old audit rows)
  schema                     print the bundle's JSON Schema (docs/bundle.schema.json)
  help                       this text

Options:
  --db URL        sqlite:PATH (default sqlite:./var/contextmap.db, or $CONTEXTMAP_DB)
                  or postgresql://USER@HOST:PORT/DATABASE
  --key-file PATH the store's key file (default $CONTEXTMAP_KEY_FILE, or for SQLite the
                  file beside the database: ./var/contextmap.keys). Keep it secret and
                  backed up apart from the database.
  --today DATE    act as if today were DATE (rehearsals and tests)
  --reason TEXT   why you are exporting or importing, in your own words; recorded in the
                  audit log, which only data-protection officers read. No names, please.

Every show, import and export is recorded in the audit log as user $CONTEXTMAP_ACTOR (or
"cli").

Exit status: 0 done, 1 the work failed (the message says why), 2 the command was mistyped.
)";

int Usage(const std::string& message) {
  std::cerr << "contextmap: " << message << "\nRun 'contextmap help' for usage.\n";
  return 2;
}

namespace {

// One option that takes a value: where the value goes, what Usage says when it is missing, and
// the command it goes with ("" for any).
struct ValueOption {
  std::string_view name;
  std::string Args::*field;
  std::string_view missing;
  std::string_view command;
};

constexpr ValueOption kValueOptions[] = {
    {"--db", &Args::db, "--db needs a URL", ""},
    {"--key-file", &Args::key_file, "--key-file needs a path", ""},
    {"--anchor", &Args::anchor, "--anchor needs SEQ:HASH", "audit"},
    {"--today", &Args::today, "--today needs a date", ""},
    {"--mapping", &Args::mapping, "--mapping needs a mapping id", "export"},
    {"--reason", &Args::reason, "--reason needs the reason, in your own words", ""},
    {"--listen", &Args::listen, "--listen needs HOST:PORT", "serve"},
    {"--threads", &Args::threads, "--threads needs a number", "serve"},
    {"--public-origin", &Args::public_origin, "--public-origin needs a URL", "serve"},
    {"--web", &Args::web, "--web needs a directory", "serve"},
    {"--full-name", &Args::full_name, "--full-name needs the person's full name", "user"},
    {"--agency", &Args::agency, "--agency needs an agency id", "user"},
    {"--role", &Args::role, "--role needs a role", "user"},
    {"--position", &Args::position, "--position needs a job title", "user"},
    {"--email", &Args::email, "--email needs an address", "user"},
};

// What Usage says when an option is given with another command than its own.
std::string WrongCommand(std::string_view command) {
  if (command == "audit") return "--anchor goes with audit verify";
  if (command == "export") return "--mapping goes with export";
  if (command == "serve")
    return "--listen, --threads, --public-origin, --web and --behind-tls go with serve";
  return "--full-name, --agency, --role, --position and --email go with user add";
}

}  // namespace

std::optional<Args> ParseArgs(int argc, char** argv, int* exit_status) {
  *exit_status = 2;
  Args args;
  std::vector<std::string_view> commands;  // the command each option given goes with
  // Every option's value and every argument must be UTF-8 text (they reach records, the audit
  // log and the terminal); only import's and export's FILE, a path, goes to the system as it is.
  Status text;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const std::string_view name = std::string_view(a).substr(0, a.find('='));
    const ValueOption* option = nullptr;
    for (const ValueOption& o : kValueOptions) {
      if (o.name == name) option = &o;
    }
    if (option != nullptr) {
      std::string& out = args.*(option->field);
      if (name.size() < a.size()) {
        out = a.substr(name.size() + 1);
      } else if (i + 1 < argc) {
        out = argv[++i];
      } else {
        Usage(std::string(option->missing));
        return std::nullopt;
      }
      if (text.ok()) text = CheckUtf8(name, out);
      if (!option->command.empty()) commands.push_back(option->command);
      if (option->field == &Args::reason) args.has_reason = true;
    } else if (a == "--behind-tls") {
      args.behind_tls = true;
      commands.emplace_back("serve");
    } else if (a == "--version") {
      std::cout << "contextmap 0.1.0\n";
      *exit_status = 0;
      return std::nullopt;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      Usage("unknown option '" + a.substr(0, 40) + "'");
      return std::nullopt;
    } else {
      args.positional.push_back(a);
    }
  }
  const std::vector<std::string>& words = args.positional;
  for (std::size_t i = 0; i < words.size() && text.ok(); ++i) {
    bool path = i == 1 && (words[0] == "import" || words[0] == "export");
    if (!path) text = CheckUtf8("argument " + std::to_string(i + 1), words[i]);
  }
  if (!text.ok()) {
    Usage(text.field() + ": " + text.message());
    return std::nullopt;
  }
  const std::string command = words.empty() ? "" : words[0];
  if (args.has_reason && command != "export" && command != "import" && command != "show") {
    Usage("--reason goes with export, import or show");
    return std::nullopt;
  }
  for (std::string_view needs : commands) {
    if (command != needs) {
      Usage(WrongCommand(needs));
      return std::nullopt;
    }
  }
  return args;
}

}  // namespace contextmap::cli
