// Name material for people, companies and activity subjects. Some company
// names hold commas and some subjects quotes, so the files exercise RFC 4180
// quoting. No first name is "David": the one David of the demo is unique.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sc::demo {

class Rng;

// The i-th distinct "First Last" name (distinct for i < 3,600; cycles after).
std::string PersonName(int64_t i);
// "first.last" for an e-mail address.
std::string EmailLocalPart(std::string_view name);
std::string CompanyName(Rng& rng);
std::string_view Industry(Rng& rng);
std::string_view ContactTitle(Rng& rng);
// A subject line for an activity of the type (0 call, 1 email, 2 meeting,
// 3 other) about a deal in open stage `stage` (-1: no deal).
std::string_view ActivitySubject(int type, int stage, Rng& rng);

}  // namespace sc::demo
