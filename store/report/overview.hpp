// `wijkstem-store report --all --out DIR` (issue 14, item 6): the council's overview of every
// wijk the store knows, DIR/index.html, each wijk linked to its own report (the report
// command's own, in DIR/wijk-SLUG/). Read-only, like the report. Counts of fewer than 5
// visits are shown as "minder dan 5", the report's rule for small groups.
#pragma once
#include "store/report/run.hpp"

#include <string>
#include <vector>

namespace report {

// A folder name for a wijk: lowercase letters, digits and dashes ("Oud Zuid" -> "oud-zuid").
std::string WijkSlug(const std::string& wijk);

// true when the overview and every wijk's report are written; else *problems says why.
// options.Wijk is ignored; options.Out is the overview's folder.
bool RunAll(const Options& options, std::string* summary, std::vector<std::string>* problems);

} // namespace report
