#include "demo/names.h"

#include <array>
#include <cctype>

#include "demo/random.h"

namespace sc::demo {
namespace {

constexpr std::array<std::string_view, 60> kFirst = {
    "Olivia", "Liam",   "Emma",    "Noah",    "Ava",     "Oliver", "Sophia",  "Elijah",
    "Isabella", "James", "Mia",    "William", "Amelia",  "Benjamin", "Harper", "Lucas",
    "Evelyn", "Henry",  "Abigail", "Alexander", "Emily", "Michael", "Elizabeth", "Daniel",
    "Sofia",  "Jacob",  "Avery",   "Logan",   "Ella",    "Jackson", "Scarlett", "Sebastian",
    "Grace",  "Jack",   "Chloe",   "Aiden",   "Victoria", "Owen",   "Riley",   "Samuel",
    "Aria",   "Matthew", "Lily",   "Joseph",  "Aurora",  "Levi",   "Zoey",    "Mateo",
    "Nora",   "Wyatt",  "Hannah",  "Carter",  "Priya",   "Wei",    "Aisha",   "Kenji",
    "Fatima", "Diego",  "Ingrid",  "Tomas"};
constexpr std::array<std::string_view, 60> kLast = {
    "Smith",   "Johnson", "Williams", "Brown",   "Jones",   "Garcia",   "Miller",  "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
    "Taylor",  "Moore",   "Jackson",  "Martin",  "Lee",     "Perez",    "Thompson", "White",
    "Harris",  "Sanchez", "Clark",    "Ramirez", "Lewis",   "Robinson", "Walker",  "Young",
    "Allen",   "King",    "Wright",   "Scott",   "Torres",  "Nguyen",   "Hill",    "Flores",
    "Green",   "Adams",   "Nelson",   "Baker",   "Hall",    "Rivera",   "Campbell", "Mitchell",
    "Carter",  "Roberts", "O'Brien",  "Patel",   "Kim",     "Chen",     "Okafor",  "Novak",
    "Larsen",  "Silva",   "Tanaka",   "Schmidt"};

constexpr std::array<std::string_view, 24> kCompanyA = {
    "Blue",   "North",  "Summit", "Iron",   "Bright", "Silver", "Granite", "Cedar",
    "Harbor", "Pioneer", "Atlas", "Vertex", "Crescent", "Evergreen", "Redwood", "Orion",
    "Falcon", "Maple",  "Lakeside", "Apex", "Quantum", "Beacon", "Copper", "Prairie"};
constexpr std::array<std::string_view, 24> kCompanyB = {
    "Logistics", "Analytics", "Health",   "Foods",    "Robotics", "Energy",
    "Capital",   "Software",  "Retail",   "Labs",     "Systems",  "Media",
    "Freight",   "Pharma",    "Networks", "Foundry",  "Dynamics", "Outfitters",
    "Insurance", "Telecom",   "Biotech",  "Partners", "Motors",   "Works"};
constexpr std::array<std::string_view, 8> kCompanySuffix = {
    "", "", "", ", Inc.", " LLC", " Group", ", Ltd.", " & Co"};
constexpr std::array<std::string_view, 12> kIndustries = {
    "Software",      "Manufacturing", "Healthcare", "Financial Services",
    "Retail",        "Logistics",     "Energy",     "Media",
    "Telecommunications", "Education", "Life Sciences", "Public Sector"};
constexpr std::array<std::string_view, 10> kTitles = {
    "VP Operations", "CFO",      "Head of IT",         "Director, Procurement", "CTO",
    "Controller",    "COO",      "IT Manager",         "VP Finance",            "Analyst"};

constexpr std::array<std::string_view, 5> kCallSubjects = {
    "Intro call", "Discovery call", "Follow-up call, next steps", "Check-in call",
    "Call re: pricing"};
constexpr std::array<std::string_view, 5> kEmailSubjects = {
    "Sent overview deck", "Re: \"ROI model\" questions", "Follow-up: pricing, timeline",
    "Sent proposal", "Intro email"};
constexpr std::array<std::string_view, 4> kMeetingSubjects = {
    "Onsite demo", "Technical deep dive", "Business case review", "Executive sponsor meeting"};
constexpr std::array<std::string_view, 3> kOtherSubjects = {
    "LinkedIn message", "Sent gift", "Event invitation"};

}  // namespace

std::string PersonName(int64_t i) {
  // Walk the 60 x 60 grid with a step coprime to 60 so neighbours differ.
  int64_t k = (i * 37) % 3600;
  std::string s(kFirst[static_cast<size_t>(k % 60)]);
  s += ' ';
  s += kLast[static_cast<size_t>((k / 60 + k) % 60)];
  return s;
}

std::string EmailLocalPart(std::string_view name) {
  std::string s;
  for (char c : name) {
    if (c == ' ') {
      s += '.';
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return s;
}

std::string CompanyName(Rng& rng) {
  std::string s(kCompanyA[static_cast<size_t>(rng.Below(kCompanyA.size()))]);
  s += ' ';
  s += kCompanyB[static_cast<size_t>(rng.Below(kCompanyB.size()))];
  s += kCompanySuffix[static_cast<size_t>(rng.Below(kCompanySuffix.size()))];
  return s;
}

std::string_view Industry(Rng& rng) {
  return kIndustries[static_cast<size_t>(rng.Below(kIndustries.size()))];
}

std::string_view ContactTitle(Rng& rng) {
  return kTitles[static_cast<size_t>(rng.Below(kTitles.size()))];
}

std::string_view ActivitySubject(int type, int stage, Rng& rng) {
  switch (type) {
    case 0:
      if (stage == 0) return kCallSubjects[0];
      return kCallSubjects[static_cast<size_t>(rng.Below(kCallSubjects.size()))];
    case 1:
      return kEmailSubjects[static_cast<size_t>(rng.Below(kEmailSubjects.size()))];
    case 2:
      if (stage >= 3) return kMeetingSubjects[2 + static_cast<size_t>(rng.Below(2))];
      return kMeetingSubjects[static_cast<size_t>(rng.Below(2))];
    default:
      return kOtherSubjects[static_cast<size_t>(rng.Below(kOtherSubjects.size()))];
  }
}

}  // namespace sc::demo
