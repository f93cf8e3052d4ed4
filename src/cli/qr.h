// A QR code drawn in the terminal with Unicode half blocks (two rows of modules per line), for
// the second-factor otpauth:// URIs `contextmap demo` prints. Uses libqrencode (Debian's
// libqrencode-dev). Cost: microseconds; the text is about 4 * (size + 4)^2 / 2 bytes.
#ifndef CONTEXTMAP_CLI_QR_H_
#define CONTEXTMAP_CLI_QR_H_

#include <string>
#include <string_view>

#include "contextmap/core/status.h"

namespace contextmap::cli {

// `text` as a QR code (error correction level L: a screen is not damaged paper) with a quiet zone
// of two modules. With `ansi`, dark modules are drawn black on a white background whatever the
// terminal's colours; without, dark modules are blocks on the terminal's own background (right for
// a light one).
Result<std::string> TerminalQr(std::string_view text, bool ansi);

}  // namespace contextmap::cli

#endif  // CONTEXTMAP_CLI_QR_H_
