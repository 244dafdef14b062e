#include "app/request_params.h"

#include "base/strings.h"

namespace sc {

Result<Date> ParseAsOf(const DataSet& ds, std::string_view text, std::string_view parameter) {
  std::string_view t = Trim(text);
  if (t.empty()) return ds.settings.reference_date ? *ds.settings.reference_date : Today();
  if (t.size() != 10) {
    return Err(InvalidArgument(std::string(parameter) + ": not a date (expected YYYY-MM-DD): '" +
                               std::string(text.substr(0, 64)) + "'"));
  }
  Result<Date> d = ParseDate(t);
  if (!d) return Err(InvalidArgument(std::string(parameter) + ": " + d.error().message()));
  return *d;
}

Result<Period> ParsePeriod(const DataSet& ds, std::string_view text, Date as_of,
                           std::string_view parameter) {
  std::string_view t = Trim(text);
  if (t.empty()) return ds.calendar.QuarterContaining(as_of);
  Result<Period> p = ds.calendar.ParseLabel(t.substr(0, 64));
  if (!p) return Err(InvalidArgument(std::string(parameter) + ": " + p.error().message()));
  return *p;
}

}  // namespace sc
