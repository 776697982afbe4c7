// Writes a report folder: index.html, counts.csv and charts/*.svg. Everything is made in
// memory first, written into a new folder next to the target (.NAME.tmp-PID), synced,
// and only then put in the target's place in one rename. A failure leaves no half report,
// and a report made earlier stays as it was until the new one is complete.
#pragma once
#include "store/report/model.hpp"

#include <string>

namespace report {

// Per shown question: source, period ("all" or the period's key), question id and text,
// option id and words, count, respondents. Header first; same quoting as the store's CSV.
std::string CountsCsv(const Report& report);

struct Written {
    int Charts = 0;
};

// out_dir may not exist yet, be empty, or hold an earlier report (it is replaced); any
// other folder is refused, untouched.
bool WriteReport(const Report& report, const std::string& out_dir, Written* written, std::string* error);

} // namespace report
