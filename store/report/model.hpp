// The report for a wijk, as data: what the gebiedsteam sees, before any file is written.
// Pure: the store's rows (report/reader.cpp reads them) and the published pack go in; per
// question the counts (with the rule for small groups), trends per period, the reach
// table, the agreements and the campfire meetings come out. report/html.cpp and
// report/svg_chart.cpp turn it into a page and charts; nothing here touches a file.
//
// The rule for small groups (kMinGroup): a question (or a matrix row, a period, a
// meeting's question) with fewer than 5 respondents shows no figures at all; in the reach
// table every cell under 5 reads "< 5", and a second cell is hidden with it when one
// hidden cell of 1 to 4 could be worked out from the total.
#pragma once
#include "content/pack.hpp"
#include "store/report/population.hpp"
#include "store/report/say.hpp"

#include <optional>
#include <string>
#include <vector>

namespace report {

constexpr long long kMinGroup = 5;

enum class Period { Month, Quarter };

// --- what goes in ---

// Walk-in answers of the wijk counted per (question, value, month), flagged answers left out.
struct TallyRow {
    std::string QuestionId; // "prettig-wonen", or "wie-beslist.groen" for a matrix row
    std::string Value;      // as stored (content/answer.hpp)
    std::string Month;      // "2026-11", from answered_at (UTC)
    long long Count = 0;
};

struct CampfireSession {
    std::string Id;
    std::string Name;
    std::string HeldOn; // YYYY-MM-DD
    long long Present = 0;
};

struct CampfireResult {
    std::string SessionId;
    std::string QuestionId; // a question id, or QUESTION.ROW
    std::string Value;      // an option id
    long long Count = 0;
    std::string Method; // "taps" or "hands"
};

struct Agreement {
    std::string SessionId; // empty: made outside a meeting
    std::string What;
    std::string Who;     // "wijk", "gemeente", "samen" or a named group
    std::string Due;     // YYYY-MM-DD or empty
    std::string Answers; // a kompas point, zone or question id it answers, or empty
    std::string Status;  // "open", "bezig", "gedaan" ("klaar" from kiosks before stap 3), "lukt-niet"
    std::string UpdatedAt;
    // Stap 3: the note of the latest change, and every change (its date, status, who, note).
    std::string Note{};
    std::vector<std::string> History{}; // "28-11-2026: bezig (kiosk) - Offerte gevraagd"
};

// What a facilitator noted of the conversation about one question at a meeting.
struct CampfireNote {
    std::string SessionId;
    std::string QuestionId; // a question id, or QUESTION.ROW
    std::string Note;
};

// What the store says of the wijk as a whole; the report passes it on as it is.
struct Overview {
    std::string Wijk;
    std::string Today;            // YYYY-MM-DD: the report's date (and which agreements are late)
    long long Kiosks = 0;         // enrolled in the wijk
    long long Visits = 0;         // counted visits (sessions without a flagged answer)
    long long FlaggedAnswers = 0; // stored, but not counted: repeats of the visit before
    long long FlaggedVisits = 0;
    std::string FirstDay, LastDay; // of the counted answers, YYYY-MM-DD
    std::vector<std::pair<std::string, long long>> PackVersions; // answers per pack version
};

struct Input : Overview {
    Period Per = Period::Month;
    std::optional<content::Pack> Pack; // the pack published for the wijk, if any
    std::string PackNote;              // why there is none, in words (empty when there is)
    std::vector<TallyRow> Answers;
    std::vector<CampfireSession> Sessions;
    std::vector<CampfireResult> CampfireResults;
    std::vector<Agreement> Agreements;
    std::vector<CampfireNote> Notes{};
    std::optional<Population> Residents; // the population figures, checked against the pack beforehand
    SayFigures Say{}; // say per theme and witte vlekken, counted by the reader visit by visit (report/say.hpp)
};

// --- what comes out ---

struct Bar {
    std::string Id;    // option id
    std::string Label; // the option's Dutch words (the id when unknown)
    long long Count = 0;
};

struct TrendRow {
    std::string Key;    // "2026-11", "2026-K4"
    std::string Period; // "november 2026", "4e kwartaal 2026"
    long long Respondents = 0;
    bool Shown = false;             // at least kMinGroup respondents
    std::vector<long long> Counts;  // per option, as Chart::Bars (empty when not shown)
    long long Whole = 0;            // what 100% is in this period
};

struct Chart {
    std::string AnswerId; // "prettig-wonen", "wie-beslist.groen"
    std::string Title;    // the question's Dutch prompt (and the matrix row)
    std::string Slug;     // unique file name without ".svg": "kiosk-prettig-wonen"
    std::string TypeNote; // how to read it (several answers, a budget, a top 3), or empty
    long long Respondents = 0;
    long long Whole = 0; // what 100% is: respondents; the amount divided for a budget
    std::string Unit;    // what a count is in, when not people: a budget's "euro"; else empty
    bool Shown = false;  // at least kMinGroup respondents
    bool FreeText = false; // only counted: what one resident wrote is not in the report
    std::vector<Bar> Bars; // empty when not shown
    std::vector<TrendRow> Trend; // periods, oldest first; empty unless answers span 2 or more
};

struct Section {
    std::string Title; // "Snelle peiling: ...", "Kompas: Transparantie", ...
    std::vector<Chart> Charts;
};

struct ReachRow {
    std::string Groep;
    std::string Label;
    long long Kiosk = 0;     // answers in this group (0 when hidden)
    bool Hidden = false;     // "< 5"
    double KioskShare = 0;   // of the compared answers, 0-1
    long long Residents = 0;     // in the population figures
    double ResidentsShare = 0;   // 0-1
};

// One question about the resident (age band, how long in the wijk, ...): the kiosk's
// answers per group, beside the wijk's population figures when the team gave them.
struct ReachTable {
    std::string Kenmerk; // question id
    std::string Title;   // its prompt
    bool HasResidents = false; // population figures for this kenmerk
    std::vector<ReachRow> Rows; // with figures: the groups that have them; else every answer
    long long KioskTotal = 0;   // answers in Rows
    bool TooFew = false;        // fewer than kMinGroup of them: no kiosk figures at all
    long long ResidentsTotal = 0;
    struct Other {
        std::string Label;
        long long Count = 0;
        bool Hidden = false;
    };
    std::vector<Other> NotCompared; // with figures: "zeg ik liever niet", "woont niet in de wijk"
};

struct SessionReport {
    CampfireSession Session;
    std::string Method; // in words: "met de hand geteld", "getikt op het scherm"
    std::vector<Chart> Charts;
    std::vector<std::pair<std::string, std::string>> Notes{}; // question (in words), what was said
};

struct AgreementRow {
    std::string What, Who, Due, Answers, Status, Meeting;
    bool Late = false; // due before today and not done (gedaan, klaar) or given up (lukt-niet)
    std::string Note{};
    std::vector<std::string> History{};
};

struct Report : Overview {
    std::string PackLine; // "gronings-model 2.2.0" or the note why there is none
    long long Answers = 0;
    std::string PeriodWord; // "maand" or "kwartaal"
    std::vector<Section> Sections;
    std::vector<std::string> Unanswered; // sections of the pack without any answer yet
    bool HasPopulation = false;
    std::string PopulationFile; // as given on the command line
    // The questions about the resident: the closing poll's single-choice questions and every
    // kenmerk of the population figures. They are shown here only (not as charts), with
    // the rule for small groups per cell.
    std::vector<ReachTable> Reach;
    std::vector<AgreementRow> Agreements;
    std::vector<SessionReport> Sessions;
    SayFigures Say{}; // how much say per theme, the witte vlekken (report/say.hpp); empty without a praatplaat
};

Report BuildReport(const Input& in);

// "2026-11" -> "2026-11" (month) or "2026-K4" (quarter); sorts in time order.
std::string PeriodKey(const std::string& month, Period per);
// "2026-11" -> "november 2026"; "2026-K4" -> "4e kwartaal 2026".
std::string PeriodLabel(const std::string& key);
// "2026-11-28" -> "28 november 2026" (as given when it is not a date).
std::string DutchDate(const std::string& ymd);
// Who carries out an agreement, in words: "wijk" -> "de wijk" (the report and the public page).
std::string WhoWords(const std::string& who);

} // namespace report
