#include "cli/qr.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace contextmap::cli {

Result<std::string> TerminalQr(std::string_view text, bool ansi) {
  std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_L, QR_MODE_8, 1), &QRcode_free);
  if (!code) return Status::Internal("could not make a QR code of that text");
  constexpr int kQuiet = 2;
  const int size = code->width;
  auto dark = [&](int row, int col) {
    if (row < 0 || col < 0 || row >= size || col >= size) return false;
    return (code->data[row * size + col] & 1) != 0;
  };
  std::string out;
  for (int row = -kQuiet; row < size + kQuiet; row += 2) {
    if (ansi) out += "\x1b[30;47m";  // black on white
    for (int col = -kQuiet; col < size + kQuiet; ++col) {
      bool top = dark(row, col);
      bool bottom = dark(row + 1, col);
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    if (ansi) out += "\x1b[0m";
    out += "\n";
  }
  return out;
}

}  // namespace contextmap::cli
