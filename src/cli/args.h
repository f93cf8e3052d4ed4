// The `contextmap` command's arguments: the usage text, and parsing argv into Args.
//
// Parsing only: which options exist, which command each goes with, and that every value is
// UTF-8 text. What the command then does is src/cli/main.cc's (the Cli class).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace contextmap::cli {

// What `contextmap help` prints.
extern const char* const kUsage;

struct Args {
  std::string db;
  std::string key_file;
  std::string anchor;
  std::string today;
  std::string mapping;
  std::string reason;
  bool has_reason = false;
  std::vector<std::string> positional;  // the command and its arguments
  // serve
  std::string listen = "127.0.0.1:8080";
  std::string threads;
  std::string web;  // --web DIR; empty: ./web/dist if it holds a build
  std::string public_origin;
  bool behind_tls = false;
  // user add
  std::string full_name;
  std::string agency;
  std::string role;
  std::string position;
  std::string email;
};

// Prints "contextmap: MESSAGE" and a hint on stderr; returns 2, the exit status of a mistyped
// command.
int Usage(const std::string& message);

// Parses argv. On a mistyped command line prints why (Usage) and sets *exit_status to 2; on
// --version prints the version and sets it to 0; either way returns nothing.
std::optional<Args> ParseArgs(int argc, char** argv, int* exit_status);

}  // namespace contextmap::cli
