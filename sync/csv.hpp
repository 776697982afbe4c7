// CSV as the gebiedsteam's spreadsheet reads it, for every CSV Wijkstem writes: the store's
// export, the report's counts.csv, the kiosk's campfire summary. One writer, so one rule:
//  - a field holding a separator (',' or ';' — Dutch spreadsheets split on ';'), a quote
//    or a line break is quoted, with its quotes doubled;
//  - a text a spreadsheet would run as a formula (starting with = + - @, a tab or a
//    carriage return) gets a leading ' , so a free-text answer can never become a formula
//    on the gebiedsteam's laptop. A plain number ("-3", "12.5") stays a number.
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

namespace wsync {

std::string CsvField(const std::string& text);

// The fields, each through CsvField, joined by ',' and ended with '\n'.
std::string CsvRow(const std::vector<std::string>& fields);
std::string CsvRow(std::initializer_list<std::string> fields);

} // namespace wsync
