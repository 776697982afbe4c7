// The kiosk's flow: which screen shows, the visit (session), the idle timer.
// Pure: Step() turns (state, action, now) into a new state and effects. No ImGui, no
// SQLite, no clock of its own, so every transition is unit-tested with a fake clock.
#pragma once
#include "content/answer.hpp"
#include "content/pack.hpp"
#include "kiosk/highlights.hpp"
#include "kiosk/guard.hpp"
#include "kiosk/campfire.hpp"

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace kiosk {

enum class Screen {
    Attract, Intro, Poster, Question, Results, Outcome, Thanks, StillThere, Error,
    Pin, Admin, // the facilitator's: kiosk/flow_admin.cpp
    // A campfire meeting (kiosk/flow_campfire.cpp): set-up, the picker of zones and polls, one
    // question for the group, the agreements, one agreement, the summary.
    CampfireSetup, CampfirePick, CampfireQuestion, CampfireAgreements, CampfireAgreement, CampfireSummary,
};
// "attract", "intro", "poster", "question", "results", "outcome", "thanks", "still-there", "error",
// "pin", "admin", "campfire-setup", "campfire-pick", "campfire-question", "campfire-agreements",
// "campfire-agreement", "campfire-summary"
const char* ScreenName(Screen screen);

struct FlowConfig {
    double IdleTimeout = 60.0;       // seconds without input before "Bent u er nog?"
    double StillThereTimeout = 20.0; // then back to the attract screen
    double ThanksDuration = 10.0;
    double ErrorDuration = 30.0;
    long long MinResults = 5;        // a question's results show only from this many answers
    double AttractRotate = 10.0;     // the attract screen: invitation, a result, invitation, ...

    // Protecting the kiosk (kiosk/flow_admin.cpp).
    double MinVisitGap = 5.0;   // after a visit with answers, no new visit for this long
    double RepeatWindow = 30.0; // a visit this soon after the last that repeats its answers is flagged
    double AdminHold = 3.0;     // the long press in the corner that opens the PIN screen

    // Campfire meetings (kiosk/flow_campfire.cpp).
    double VoteConfirm = 1.5;       // "Stem geteld" shows this long; taps meanwhile are not votes
    double CampfireIdleTimeout = 1800; // a group talks a long time without a tap; then back to the start
};

// An answer being built on screen before it is confirmed (multiple, top, budget, matrix).
struct Draft {
    std::vector<std::string> Chosen;            // multiple, top (in the order tapped)
    std::map<std::string, int> Amounts;         // budget
    std::map<std::string, std::string> Cells;   // matrix: row -> column
    std::string Text;                           // text: what is typed so far
    bool Shift = false;                         // text: the next letter is a capital
    bool Accents = false;                       // text: the keyboard shows the accented letters
};

// One results chart: how often each option was chosen for one question (or matrix row).
struct Chart {
    std::string AnswerId; // question id, or QUESTION.ROW
    std::vector<std::pair<std::string, long long>> Counts;
    long long Respondents = 0;
};

struct FlowState {
    kiosk::Screen Screen = kiosk::Screen::Attract;
    kiosk::Screen Resume = kiosk::Screen::Attract; // where "Ja, ik ga verder" returns to
    std::string Lang;            // language of this visit
    std::string SessionId;       // empty on the attract screen
    bool Praatplaat = false;     // this visit goes through the poster
    std::string PollId;          // the quick poll or zone being answered
    int QuestionIndex = 0;
    int Answered = 0;            // answers committed in this visit
    bool Saving = false;         // an answer waits for its commit; input is ignored meanwhile
    kiosk::Draft Draft;
    std::vector<content::GivenAnswer> Pending; // sent to the journal, not yet committed
    std::vector<content::GivenAnswer> Given; // this visit's answers, for show-if and the outcome
    std::vector<std::string> DoneZones;
    std::string ResultsPoll;
    std::vector<Chart> Charts;   // only those with enough answers
    int ChartIndex = 0;
    // For this visit only; a new visitor starts with the defaults.
    // The attract screen alternates the invitation with how the wijk answered.
    std::vector<Highlight> Highlights;
    int HighlightShown = -1;     // index into Highlights, -1: the invitation alone
    int HighlightNext = 0;
    bool LargeText = false;      // A+: every text larger
    bool HighContrast = false;   // the high-contrast theme
    double LastInput = 0.0;
    double ScreenSince = 0.0;
    std::string ErrorDetail;     // for the log, never shown to the resident
    // Speech (kiosk/flow_speech.cpp): both back to the defaults when the visit ends.
    bool SpeechOn = false;       // read every new screen aloud, for the rest of the visit
    int SpeechVolume = 0;        // steps from the default volume, -2..+2
    kiosk::Guard Guard;          // PIN, admin screen, anti-stuffing: kept across visits
    CampfireState Campfire;            // a campfire meeting (kiosk/flow_campfire.cpp)
};

enum class ActionKind {
    Start,           // Value: the new session id (made at the edge); the quick poll
    StartPraatplaat, // Value: the new session id
    SetLanguage,     // Value: language code
    Next,            // intro -> poster; confirm a draft answer; the next chart
    OpenZone,        // Value: zone id
    ShowOutcome,
    ShowResults,     // from the thanks screen of a quick poll
    Answer,          // Value: option id (single choice and scales)
    Toggle,          // Value: option id (multiple, top)
    Increase,        // Value: option id (budget)
    Decrease,        // Value: option id (budget)
    SetCell,         // Value: "ROW=COLUMN" (matrix)
    Skip,
    Stop,            // the resident ends the visit (or, in the praatplaat, the zone) early
    Continue,        // "Ja, ik ga verder" on the idle warning
    Done,            // leave the thanks, error or outcome screen
    Input,           // any touch: resets the idle timer
    Tick,            // time passes
    Committed,       // the journal committed the pending answer(s)
    CommitFailed,    // Value: why
    ResultsLoaded,   // Charts: this kiosk's tallies for ResultsPoll
    // The on-screen keyboard of a text question ("klaar" is Next).
    TypeText,        // Value: the character (UTF-8) of the key
    Backspace,
    ToggleShift,
    ToggleAccents,
    // The two corner buttons, on every screen.
    ToggleLargeText,
    ToggleContrast,
    HighlightsLoaded, // Highlights: the wijk's results for the attract screen
    // Speech (kiosk/flow_speech.cpp)
    ReadAloud,       // "Lees voor": read the current screen once
    SpeechOn,        // read every new screen for the rest of the visit
    SpeechOff,
    SpeechLouder,
    SpeechSofter,

    // The facilitator's (kiosk/flow_admin.cpp).
    CornerHold,      // Value "down" / "up": the hidden corner of the attract screen is pressed / let go
    PinDigit,        // Value: "0".."9"
    PinClear,
    PinOk,
    PinCancel,
    PinState,        // Value "set" / "unset"; Count: wrong PINs in a row (from the journal)
    PinChecked,      // Value "ok" / "wrong" / "unset": the result of the check at the edge
    AdminLoaded,     // Admin: the figures for the admin screen
    AdminSync,       // "Nu synchroniseren"
    AdminBack,       // "Terug naar de kiosk"
    AdminQuit,       // "Kiosk afsluiten": the only way out

    // A campfire meeting (kiosk/flow_campfire.cpp). On its screens OpenZone, Answer (a tap
    // vote), Increase/Decrease (hands), Next and the keyboard's actions are used too.
    CampfireStart,      // "Kampvuur starten" on the admin screen; Value: the new session id (made at the edge)
    CampfireDefaults,   // Values: the enrolled wijk (or ""), today (YYYY-MM-DD): from the edge
    CampfireEdit,       // Value "name", "wijk", "what", "who-group": type it on the keyboard
    CampfireDate,       // Value "-1" / "+1": a day earlier or later
    CampfirePresent,    // Value "-1" / "+1": one person fewer or more
    CampfireCancel,     // leave the set-up: back to the admin screen
    CampfireSetupDone,  // "Verder": store the session, then the picker
    CampfireMode,       // Value "taps" / "hands"
    CampfireReveal,     // show (or hide again) the current question's chart
    CampfireBack,       // back: to the picker (from a question, the summary), or where the agreements came from
    CampfireOpenAgreements,
    CampfireOpenSummary,
    AgreementNew,    // Value: the new agreement's id (made at the edge)
    AgreementOpen,   // Value: its index (0-based) in the list
    AgreementWho,    // Value "wijk", "gemeente", "samen"
    AgreementDue,    // Value "-7" / "+7": a week earlier or later
    AgreementAnswers, // Value: the kompas zone or witte-vlek question id (again: none)
    AgreementStatus, // Value "open", "bezig", "klaar"
    AgreementSave,
    AgreementCancel,
    CampfirePage,       // Value "-1" / "+1": the summary's page of charts
    CampfireExportChoose, // "Opslaan op USB-stick": look for folders to write to
    CampfireTargetsLoaded, // Values: the folders (from the edge)
    CampfireExport,     // Value: the folder to write the PNG and CSV to
    CampfireExportCancel,
    CampfireExportDone, // one export step done: Value "" (ok) or why not
    CampfireSaveFailed, // Value: why the journal could not store it
    CampfireEnd,        // "Sessie afsluiten"
};

struct Action {
    ActionKind Kind = ActionKind::Tick;
    std::string Value;
    std::vector<Chart> Charts; // ResultsLoaded
    std::vector<Highlight> Highlights; // HighlightsLoaded
    AdminFigures Admin = {};   // AdminLoaded
    long long Count = 0;       // PinState
    std::vector<std::string> Values; // CampfireDefaults, CampfireTargetsLoaded

    Action(ActionKind kind = ActionKind::Tick, std::string value = {}) : Kind(kind), Value(std::move(value)) {}
};

enum class EffectKind {
    CommitAnswers, // store Answers in one transaction, then Committed or CommitFailed
    LoadResults,   // tally PollId's questions, then ResultsLoaded
    LoadHighlights, // tally the wijk's answers for the attract screen, then HighlightsLoaded
    EndSession,
    Speak,         // say Speech in Lang at Volume (replaces whatever is still being said)
    StopSpeech,    // silence (the visit ended, speech was turned off)

    // The facilitator's (kiosk/flow_admin.cpp).
    CheckPin,      // Value: the digits; check them against the stored hash, log, then PinChecked
    LogPinAttempt, // Value: why an attempt was not checked ("delayed"); log it
    LoadPinState,  // is a PIN set, how many wrong in a row: then PinState
    LoadAdmin,     // the admin screen's figures: then AdminLoaded
    SyncNow,       // one sync round on the background worker
    Quit,          // close the kiosk

    // A campfire meeting (kiosk/flow_campfire.cpp; run by kiosk/campfire_effects.cpp).
    LoadCampfireDefaults, // the enrolled wijk and today: then CampfireDefaults
    SaveCampfireSession,  // Campfire: the session's fields; on failure CampfireSaveFailed
    SaveCampfireCounts,   // SessionId, Rows: new totals; on failure CampfireSaveFailed
    SaveAgreement,     // SessionId, Campfire.Wijk, Agreement; on failure CampfireSaveFailed
    EndCampfireSession,   // SessionId
    LoadExportTargets, // folders that look like USB sticks: then CampfireTargetsLoaded
    ExportCsv,         // Path, Campfire: the CSV, then CampfireExportDone
    CaptureSummary,    // Path: a PNG of the next frame drawn, then CampfireExportDone
};

struct Effect {
    EffectKind Kind = EffectKind::CommitAnswers;
    std::string SessionId;
    std::string Lang;
    std::vector<content::GivenAnswer> Answers;
    std::string PollId;
    std::vector<std::string> Speech{}; // Speak: the texts, in order, in Lang
    int Volume = 0;                  // Speak: espeak-ng scale, 100 = default
    bool Flagged = false;   // CommitAnswers: they repeat the previous visit (anti-stuffing)
    std::string Value = {}; // CheckPin, LogPinAttempt
    CampfireState Campfire = {};            // SaveCampfireSession, SaveAgreement (its wijk), ExportCsv
    std::vector<CampfireRow> Rows = {};  // SaveCampfireCounts
    kiosk::Agreement Agreement = {};  // SaveAgreement
    std::string Path = {};            // ExportCsv, CaptureSummary
};

struct FlowContext {
    const content::Pack* Pack = nullptr;
    FlowConfig Config;
};

FlowState InitialState(const FlowContext& ctx, const std::string& lang, double now);
FlowState Step(const FlowContext& ctx, FlowState state, const Action& action, double now,
               std::vector<Effect>* effects);

// When Step() must next see a Tick for a timer to fire (absolute, same clock as now).
double NextDeadline(const FlowContext& ctx, const FlowState& state);
// Seconds left before the idle warning resets the kiosk (for its countdown text).
double StillThereSecondsLeft(const FlowContext& ctx, const FlowState& state, double now);

const content::Poll* CurrentPoll(const FlowContext& ctx, const FlowState& state);
const content::Question* CurrentQuestion(const FlowContext& ctx, const FlowState& state);
// The budget left to divide in the draft.
int BudgetLeft(const content::Question& q, const Draft& draft);

} // namespace kiosk
