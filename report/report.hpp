// The gebiedsteam's report on one wijk (wijkstem-store report): per question the counts
// and a chart, trends over the months, the reach table against the wijk's population,
// the agreements and the campfire meetings. This file is the model: pure functions from
// rows to figures, with the small-group rule applied. Reading the store
// (report/store_reader.cpp) and writing files (report/write.cpp) are at the edges.
#pragma once
#include "content/pack.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace report {

// Figures about fewer people than this are not shown (privacy: a group of 3 can be told apart).
constexpr long long kMinGroup = 5;

// ---- Input: rows as the store holds them --------------------------------------------

struct AnswerRow {
    std::string DeviceId, SessionId, QuestionId, Value, AnsweredAt; // QuestionId: QUESTION.ROW for a matrix row
    bool Flagged = false; // a repeat visit (anti-stuffing): stored, not counted
};

// One line of the wijkkompas CSV: how many residents of the wijk are in a group.
struct PopulationRow {
    std::string QuestionId; // the pack's demographic question ("leeftijd", "woonduur")
    std::string OptionId;   // its option ("18-34", ...)
    long long Residents = 0;
    int Line = 0;
};

struct AgreementRow {
    std::string What, Who, Due, Answers, Status, GroupName;
};

struct GroupSessionRow {
    std::string Id, Name, HeldOn;
    long long Present = 0;
};

struct GroupResultRow {
    std::string GroupSessionId, QuestionId, Value, Method;
    long long Count = 0;
};

struct Input {
    std::string Wijk;
    const content::Pack* Pack = nullptr; // the pack published for the wijk; labels and types
    std::vector<AnswerRow> Answers;
    std::vector<PopulationRow> Population; // empty: no reach table
    std::vector<AgreementRow> Agreements;
    std::vector<GroupSessionRow> Groups;
    std::vector<GroupResultRow> GroupResults;
};

// ---- Output -------------------------------------------------------------------------

struct OptionCount {
    std::string OptionId, Label;
    long long Count = 0;
};

struct Figures {
    long long Respondents = 0;
    bool Suppressed = false; // fewer than kMinGroup respondents: no counts shown
    std::vector<OptionCount> Counts;
};

struct Period {
    std::string Name; // "2026-10"
    report::Figures Counts;
};

struct QuestionReport {
    std::string Id;     // the answer id: question, or QUESTION.ROW
    std::string Title;  // the prompt (and row) in the pack's first language
    std::string Poll;   // the poll's or zone's title
    Figures All;
    std::vector<Period> Trend; // per month, when the answers span more than one
};

struct ReachRow {
    std::string QuestionId, Question, OptionId, Label;
    long long Kiosk = 0;        // respondents at the kiosks in this group
    bool Suppressed = false;    // fewer than kMinGroup: the count and share are not shown
    double KioskShare = 0;      // of those who answered the question (0..1)
    double PopulationShare = 0; // of the wijk's residents in the CSV (0..1)
};

struct GroupReport {
    GroupSessionRow Session;
    std::vector<QuestionReport> Questions; // group results: never mixed with walk-in answers
};

struct Report {
    std::string Wijk;
    long long Answers = 0, Flagged = 0, Kiosks = 0, Visits = 0;
    std::string First, Last; // dates of the first and last answer
    std::vector<QuestionReport> Questions;
    std::vector<ReachRow> Reach;
    std::vector<AgreementRow> Agreements;
    std::vector<GroupReport> Groups;
};

Report Build(const Input& input);

// The wijkkompas figures, a CSV with the header "vraag,antwoord,inwoners" (question id,
// option id, number of residents); lines starting with # are comments. On a problem:
// false and "FILE:LINE: what is wrong", nothing parsed.
bool ParsePopulation(std::string_view text, const std::string& file, const content::Pack* pack,
                     std::vector<PopulationRow>* out, std::string* error);

} // namespace report
