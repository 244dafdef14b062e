#include "base/money.h"

#include <cstdlib>

namespace sc {
__extension__ typedef __int128 Int128;
namespace {

Status NotANumber(std::string_view text) {
  return InvalidArgument("not a number: '" + std::string(text) + "'");
}

}  // namespace

Result<Money> ParseMoney(std::string_view text) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  // Mantissa digits as an integer, remembering how many were after the point.
  Int128 mantissa = 0;
  int scale = 0;  // value = mantissa * 10^(exponent - scale)
  int digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      if (mantissa < (static_cast<Int128>(1) << 100)) {
        mantissa = mantissa * 10 + (c - '0');
        if (seen_point) ++scale;
      } else if (!seen_point) {
        return Err(InvalidArgument("amount out of range: '" + std::string(text) + "'"));
      }
      ++digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits == 0) return Err(NotANumber(text));
  int exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      ++pos;
    }
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (exponent < 10000) exponent = exponent * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return Err(NotANumber(text));
    if (exp_negative) exponent = -exponent;
  }
  if (pos != text.size()) return Err(NotANumber(text));
  // Cents: multiply by 10^(exponent - scale + 2).
  int shift = exponent - scale + 2;
  Int128 value = mantissa;
  const Int128 limit = static_cast<Int128>(INT64_MAX);
  for (; shift > 0 && value != 0; --shift) {
    value *= 10;
    if (value > limit) {
      return Err(InvalidArgument("amount out of range: '" + std::string(text) + "'"));
    }
  }
  if (shift < 0) {
    Int128 divisor = 1;
    for (; shift < 0 && divisor < limit; ++shift) divisor *= 10;
    Int128 q = value / divisor;
    Int128 r = value % divisor;
    if (r * 2 >= divisor) ++q;
    value = shift < 0 ? 0 : q;
  }
  if (value > limit) return Err(InvalidArgument("amount out of range: '" + std::string(text) + "'"));
  Money cents = static_cast<Money>(value);
  return negative ? -cents : cents;
}

std::string FormatMoney(Money cents) {
  bool negative = cents < 0;
  unsigned long long v = negative ? 0ULL - static_cast<unsigned long long>(cents)
                                  : static_cast<unsigned long long>(cents);
  std::string s = std::to_string(v / 100);
  unsigned long long frac = v % 100;
  if (frac != 0) {
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) s += static_cast<char>('0' + frac % 10);
  }
  return negative ? "-" + s : s;
}

}  // namespace sc
