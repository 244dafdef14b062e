// A self-contained printable HTML page of one scorecard (`report --format
// html`): no scripts, no external files; an inline SVG chart of bookings vs
// the pace line; A4/Letter print styles.
#pragma once

#include <string>

#include "engine/scorecard.h"

namespace sc {

std::string ScorecardHtml(const DataSet& ds, const Scorecard& card);
std::string HtmlEscape(const std::string& s);

}  // namespace sc
