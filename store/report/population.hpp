// The wijk's population figures (the gebiedsteam's wijkkompas), for the report's reach
// table: who answers at the kiosk, beside who lives in the wijk. A small CSV the team
// writes by hand or saves from a spreadsheet (docs/report.md):
//
//   # Wijkkompas Oosterpark 2026
//   kenmerk,groep,aantal
//   leeftijd,18-30,3400
//   woonduur,tot-1,900
//
// kenmerk is a question of the pack (its id), groep one of its options (the option id),
// aantal how many residents are in that group. ";" may stand for "," (a Dutch
// spreadsheet's CSV), a UTF-8 BOM is skipped, "#" starts a comment line. Pure: text in,
// rows or problems (FILE:LINE: message) out.
#pragma once
#include "content/pack.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace report {

struct PopulationRow {
    std::string Kenmerk; // a question id: "leeftijd"
    std::string Groep;   // one of its option ids: "18-30"
    long long Count = 0;  // residents
    int Line = 0;        // in the file, for messages
};

struct Population {
    std::string File;
    std::vector<PopulationRow> Rows; // in file order
    // The kenmerken in the order they first appear.
    std::vector<std::string> Kenmerken() const;
};

// Reads the CSV text. Every problem as "FILE:LINE: message"; empty when it is good.
std::vector<std::string> ParsePopulation(std::string_view text, const std::string& file_name, Population* out);

// Checks the figures against the pack the wijk's kiosks use: every kenmerk is a
// single-choice question, every groep one of its options. Problems as above.
std::vector<std::string> CheckPopulation(const Population& population, const content::Pack& pack);

} // namespace report
