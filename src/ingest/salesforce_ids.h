// Salesforce record ids as they appear in exports (CRM_FORMATS.md §2.1,
// §2.4): 18-character ids (case-insensitive: the last three characters
// encode the case of the first fifteen), 15-character ids (case-sensitive,
// from the UI and reports), and the empty key `000000000000000AAA`.
//
//   NormalizeSalesforceId("0068a00001JMUl0")     // "0068a00001JMUl0AAH"
//   NormalizeSalesforceId("0068A00001JMUL0AAH")  // case restored: "0068a00001JMUl0AAH"
//   NormalizeSalesforceId("000000000000000AAA")  // ""
//   SalesforceKeyPrefix("006...")                // "006": an opportunity
#pragma once

#include <string>
#include <string_view>

namespace sc::ingest_internal {

// The canonical 18-character form of a Salesforce id, so that the 15- and
// 18-character forms of one record (and an 18-character id whose case was
// changed) compare equal. "" for an empty value or the empty key. A value
// that is not shaped like a Salesforce id (15 or 18 letters and digits) is
// returned trimmed and unchanged.
std::string NormalizeSalesforceId(std::string_view id);

// What a key prefix names, for messages: "opportunity" for 006, "lead" for
// 00Q, ...; "record" when unknown.
std::string_view SalesforceObjectOfPrefix(std::string_view id);

}  // namespace sc::ingest_internal
