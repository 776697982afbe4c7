// The flow's part of the state for a campfire meeting (kampvuurbijeenkomst): the
// session the facilitator set up, the group's counts, the agreements, the summary and
// its export. Plain data; kiosk/flow_campfire.cpp holds the rules. No ImGui, no SQLite.
#pragma once
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace kiosk {

// How the group's answers are gathered for a question.
enum class CountMode {
    Taps,  // "Om de beurt tikken": participants tap in turn, each tap one vote
    Hands, // "Handen tellen": the facilitator counts hands, + and - per option
};

// Which text the on-screen keyboard is typing into.
enum class CampfireField { None, Name, Wijk, What, WhoGroup, Note, PreviousNote };

// One option's count, and how it was last changed (the stored method).
struct CampfireCount {
    long long Count = 0;
    bool Hands = false; // false: "taps", true: "hands"
};

// One question shown to the group: a question, or one row of a matrix (as its own step).
struct CampfireItem {
    std::string QuestionId;
    std::string RowId; // empty unless a matrix row
};

// A count to store: the new total for one option (SaveCampfireCounts).
struct CampfireRow {
    std::string AnswerId; // question id, or QUESTION.ROW
    std::string Option;
    long long Count = 0;
    bool Hands = false;
};

struct Agreement {
    std::string Id;      // UUID made at the edge
    std::string What;
    std::string Who;     // "wijk", "gemeente", "samen" or a named group
    std::string Due;     // YYYY-MM-DD or empty
    std::string Answers; // kompas zone id or witte-vlek question id, or empty
    std::string Status = "open"; // "open", "bezig", "klaar" (gedaan); stap 3 also "gedaan", "lukt-niet"
    // "Afspraken van vorige keer" (stap 3): the latest note, and the meeting it was made at.
    std::string Note = {}, Session = {}, HeldOn = {};
};

struct CampfireState {
    // The session: set up on the first screen, stored when the set-up is done.
    std::string Id;             // UUID made at the edge
    std::string Name, Wijk;
    std::string Date;           // YYYY-MM-DD; from the edge's clock, then - / + a day
    int Present = 10;           // 1..99
    bool DefaultsLoaded = false;
    bool Saved = false;         // the session is in the journal
    std::string Message;        // ui key: why a tap did nothing, or what happened
    std::string Detail;         // words for the message (a folder, the journal's error)

    // The on-screen keyboard.
    CampfireField Editing = CampfireField::None;
    std::string Typing;         // WhoGroup: the group's name being typed
    bool Shift = false, Accents = false;

    // The questions.
    std::string PollId;
    std::vector<CampfireItem> Items;
    int ItemIndex = 0;
    CountMode Mode = CountMode::Taps;
    bool Revealed = false;      // the current question's chart shows
    double ConfirmUntil = -std::numeric_limits<double>::infinity(); // "Stem geteld"; taps wait
    std::map<std::string, std::map<std::string, CampfireCount>> Counts; // answer id -> option -> count
    std::vector<std::string> DonePolls;

    // What the facilitator noted of the conversation, per answer id (QUESTION or QUESTION.ROW).
    std::map<std::string, std::string> Notes;

    // Stap 3: "Afspraken van vorige keer", the wijk's agreements from before this meeting.
    std::vector<Agreement> Previous;
    bool PreviousLoaded = false;
    int PreviousIndex = -1;          // the one being changed; -1: the list
    std::string PreviousStatus, PreviousNote; // its draft

    // The agreements.
    std::vector<Agreement> Agreements;
    Agreement Draft;
    int DraftIndex = -1;        // the agreement being changed; -1: a new one
    int AgreementsBack = 0;     // 0: back to the picker, 1: back to the summary

    // The summary and its export.
    int SummaryPage = 0;
    bool Choosing = false;      // the export targets show
    bool TargetsLoaded = false;
    std::vector<std::string> Targets; // folders that look like USB sticks (or --export-dir)
    bool Exporting = false;
    std::string ExportDir;
    int ExportedFiles = 0;
};

} // namespace kiosk
