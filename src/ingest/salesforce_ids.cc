#include "ingest/salesforce_ids.h"

#include <cctype>

#include "base/strings.h"

namespace sc::ingest_internal {
namespace {

constexpr std::string_view kSuffixChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

bool IsAlnum(std::string_view s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The three checksum characters of a 15-character id: for each block of
// five characters, a 5-bit mask of which are upper-case letters.
std::string Suffix(std::string_view id15) {
  std::string out;
  for (int block = 0; block < 3; ++block) {
    int bits = 0;
    for (int i = 0; i < 5; ++i) {
      char c = id15[static_cast<size_t>(block * 5 + i)];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += kSuffixChars[static_cast<size_t>(bits)];
  }
  return out;
}

}  // namespace

std::string NormalizeSalesforceId(std::string_view text) {
  std::string_view id = Trim(text);
  if (id.empty() || id == "000000000000000AAA" || id == "000000000000000") return "";
  if (!IsAlnum(id)) return std::string(id);
  if (id.size() == 15) return std::string(id) + Suffix(id);
  if (id.size() != 18) return std::string(id);
  // Restore the case of the first fifteen characters from the suffix.
  std::string out(id.substr(0, 15));
  for (int block = 0; block < 3; ++block) {
    char s = static_cast<char>(std::toupper(static_cast<unsigned char>(id[15 + block])));
    size_t bits = kSuffixChars.find(s);
    if (bits == std::string_view::npos) return std::string(id);  // not a Salesforce id
    for (int i = 0; i < 5; ++i) {
      char& c = out[static_cast<size_t>(block * 5 + i)];
      c = static_cast<char>((bits >> i) & 1 ? std::toupper(static_cast<unsigned char>(c))
                                            : std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out + Suffix(out);
}

std::string_view SalesforceObjectOfPrefix(std::string_view id) {
  std::string_view p = id.substr(0, 3);
  if (p == "001") return "account";
  if (p == "003") return "contact";
  if (p == "005") return "user";
  if (p == "006") return "opportunity";
  if (p == "00Q") return "lead";
  if (p == "500") return "case";
  if (p == "701") return "campaign";
  if (p == "800") return "contract";
  if (p == "0Q0") return "quote";
  if (p == "00G") return "queue";
  return "record";
}

}  // namespace sc::ingest_internal
