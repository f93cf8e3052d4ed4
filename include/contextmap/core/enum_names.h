// Wire names for enums: EnumNames<E>, and EnumName() / ParseEnum() / EnumChoices() over them.
//
// CM_ENUM_NAMES(E, "a", "b", ...) (used inside namespace contextmap) defines EnumNames<E>, the
// names of E's enumerators in declaration order, and checks at compile time that there is
// exactly one name per enumerator: an enumerator added without its name, or a name without its
// enumerator, fails to compile with "CM_ENUM_NAMES must list one name per enumerator", naming
// the enum and both counts. EnumName is constant time, ParseEnum a short linear scan.
#ifndef CONTEXTMAP_CORE_ENUM_NAMES_H_
#define CONTEXTMAP_CORE_ENUM_NAMES_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace contextmap {

template <class E>
struct EnumNames;  // CM_ENUM_NAMES specialises it: static constexpr std::array kNames

template <class E>
concept NamedEnum = requires {
  EnumNames<E>::kNames;
};

template <NamedEnum E>
constexpr std::string_view EnumName(E value) {
  return EnumNames<E>::kNames[static_cast<std::size_t>(value)];
}

template <NamedEnum E>
constexpr std::optional<E> ParseEnum(std::string_view name) {
  const auto& names = EnumNames<E>::kNames;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

// "one of: a, b, c" for error messages.
template <NamedEnum E>
std::string EnumChoices() {
  std::string out = "one of: ";
  bool first = true;
  for (auto n : EnumNames<E>::kNames) {
    if (!first) out += ", ";
    out += n;
    first = false;
  }
  return out;
}

// "peer_group" -> "peer group": the plain words a report prints.
std::string EnumLabel(std::string_view wire_name);

namespace enum_check {

// Whether V is a named enumerator of its enum. The compiler's name for this function ends in
// "V = E::kName]" for a named value and "V = (E)7]" for any other (GCC 12 and Clang 14 alike),
// which is all the reflection C++20 offers: look back from the end for the cast's ')'.
template <auto V>
constexpr bool IsEnumerator() {
  constexpr const char* f = __PRETTY_FUNCTION__;
  for (std::size_t i = sizeof(__PRETTY_FUNCTION__) - 2; i > 0 && f[i] != ' '; --i) {
    if (f[i] == ')') return false;
  }
  return true;
}

// E's enumerators, counted from 0 up to the first gap (at most 256); only compiled on a mismatch.
template <class E, std::size_t... I>
constexpr std::size_t Count(std::index_sequence<I...>) {
  constexpr bool kNamed[] = {IsEnumerator<static_cast<E>(I)>()...};
  std::size_t n = 0;
  while (n < sizeof...(I) && kNamed[n]) ++n;
  return n;
}

// Fails to compile, showing the enum and both counts in the instantiation it names.
template <class E, std::size_t kNamesListed, std::size_t kEnumerators>
struct NamesMatch {
  static_assert(kNamesListed == kEnumerators,
                "CM_ENUM_NAMES must list one name per enumerator, in declaration order");
  static constexpr bool value = kNamesListed == kEnumerators;
};

// True if E has exactly kNamesListed enumerators: the last listed one exists and the next does
// not. Enumerators are numbered from 0 without gaps (no enum here sets its own values), so two
// probes decide it; counting them all costs a compile-time loop in every file.
template <class E, std::size_t kNamesListed>
constexpr bool NamesCoverEnum() {
  if constexpr (IsEnumerator<static_cast<E>(kNamesListed - 1)>() &&
                !IsEnumerator<static_cast<E>(kNamesListed)>()) {
    return true;
  } else {
    return NamesMatch<E, kNamesListed, Count<E>(std::make_index_sequence<256>())>::value;
  }
}

}  // namespace enum_check

// Defines EnumNames<E>: the wire names of E's enumerators, in declaration order, checked to be
// exactly as many as the enumerators.
#define CM_ENUM_NAMES(E, ...)                                                      \
  template <>                                                                      \
  struct EnumNames<E> {                                                            \
    static constexpr auto kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
  };                                                                               \
  static_assert(enum_check::NamesCoverEnum<E, EnumNames<E>::kNames.size()>(),      \
                "CM_ENUM_NAMES(" #E ", ...) must list one name per enumerator of " #E)

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_ENUM_NAMES_H_
