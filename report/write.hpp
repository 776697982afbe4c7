// Writes a report as a folder a person opens in a browser: index.html (Dutch, no scripts,
// no outside resources), charts/*.png and counts.csv. Made in a folder next to the
// target and renamed into place, so a failed run leaves no half report.
#pragma once
#include "report/report.hpp"

#include <string>

namespace report {

// out_dir must not exist, or hold an earlier report (its index.html says so); anything
// else is refused, never overwritten.
bool Write(const Report& report, const std::string& out_dir, std::string* error);

} // namespace report
