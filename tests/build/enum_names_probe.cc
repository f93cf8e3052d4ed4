// Compiled by tests/build/enum_names_test.cmake three ways: with as many names as enumerators
// (must compile), one name short and one name over (must each fail with CM_ENUM_NAMES's message).
#include "contextmap/core/enum_names.h"

namespace contextmap {

enum class Probe { kFirst, kSecond, kThird };

#if defined(CM_PROBE_SHORT)
CM_ENUM_NAMES(Probe, "first", "second");
#elif defined(CM_PROBE_LONG)
CM_ENUM_NAMES(Probe, "first", "second", "third", "fourth");
#else
CM_ENUM_NAMES(Probe, "first", "second", "third");
static_assert(EnumName(Probe::kThird) == "third");
#endif

}  // namespace contextmap
