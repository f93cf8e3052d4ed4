// The JSON Schema (draft 2020-12) of the interchange bundle, generated from the model's
// Describe functions so it cannot drift from what ReadBundle accepts. docs/bundle.schema.json
// is this text; a test keeps the two equal. The schema checks shapes, types and formats; the
// rules that span fields or records (validation.h) are beyond JSON Schema and listed in
// docs/bundle.md.
#ifndef CONTEXTMAP_CORE_BUNDLE_SCHEMA_H_
#define CONTEXTMAP_CORE_BUNDLE_SCHEMA_H_

#include <string>

namespace contextmap {

// Pretty-printed with two-space indents and a final newline.
std::string BundleJsonSchema();

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_BUNDLE_SCHEMA_H_
