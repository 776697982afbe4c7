// `wijkstem-store report`: the population figures and the store are read and checked
// first, then the report is built and written. Any problem stops it before a file is
// written, so a bad CSV or an unknown wijk changes nothing.
#pragma once
#include "store/report/model.hpp"

#include <string>
#include <vector>

namespace report {

struct Options {
    std::string Db;
    std::string Wijk;
    std::string Out;
    std::string PopulationFile; // empty: no reach comparison
    std::string Today;          // YYYY-MM-DD; empty: today (UTC)
    Period Per = Period::Month;
    std::vector<std::string> OnlyWijken{}; // --all: only these wijken (the console: a user's own); empty: all
};

// true when the report is written; *summary says what is in it. Otherwise *problems holds
// each problem as a line for a person (FILE:LINE: message for the population figures).
// *built (when given) gets the report as data too (report --all adds it up across wijken).
bool Run(const Options& options, std::string* summary, std::vector<std::string>* problems, Report* built = nullptr);

} // namespace report
