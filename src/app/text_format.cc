#include "app/text_format.h"

#include <cmath>
#include <cstdio>

namespace sc {
namespace {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string FormatAmount(double units) {
  double r = std::round(units);
  bool negative = r < 0;
  auto v = static_cast<long long>(std::fabs(r));
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string FormatPercent(std::optional<double> ratio) {
  if (!ratio) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", *ratio * 100);
  return buf;
}

std::string FormatMultiple(std::optional<double> ratio) {
  if (!ratio) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f×", *ratio);
  return buf;
}

std::string FormatDecimal(std::optional<double> v, int digits) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, *v);
  return buf;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = DisplayWidth(s);
  if (w >= width) return s;
  std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace sc
