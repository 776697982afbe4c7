// The kiosk's flow: which screen shows, the visit (session), the idle timer.
// Pure: Step() turns (state, action, now) into a new state and effects. No ImGui, no
// SQLite, no clock of its own, so every transition is unit-tested with a fake clock.
// Step() routes each action to the one stepper of its area (see "Actions" below).
#pragma once
#include "content/answer.hpp"
#include "content/pack.hpp"
#include "kiosk/highlights.hpp"
#include "kiosk/admin.hpp"
#include "kiosk/campfire.hpp"
#include "kiosk/repeat_guard.hpp"
#include "sync/news.hpp"

#include <limits>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

enum class Screen {
    Attract, Intro, Poster, Zone, Question, Results, Outcome, Thanks, StillThere, Error,
    Pin, Admin, // the facilitator's: kiosk/flow_admin.cpp
    // A campfire meeting (kiosk/flow_campfire.cpp): set-up, the picker of zones and polls, one
    // question for the group, the agreements, one agreement, the summary.
    CampfireSetup, CampfirePick, CampfireQuestion, CampfireAgreements, CampfireAgreement, CampfireSummary,
    News, // the wijk's updates for residents, from the attract screen (kiosk/screen_news.cpp)
};
// "attract", "intro", "poster", "zone", "question", "results", "outcome", "thanks", "still-there", "error",
// "pin", "admin", "campfire-setup", "campfire-pick", "campfire-question", "campfire-agreements",
// "campfire-agreement", "campfire-summary", "news"
const char* ScreenName(Screen screen);

struct FlowConfig {
    double IdleTimeout = 60.0;       // seconds without input before "Bent u er nog?"
    double StillThereTimeout = 20.0; // then back to the attract screen
    double ThanksDuration = 10.0;
    double ErrorDuration = 30.0;
    long long MinResults = 5;        // a question's results show only from this many answers
    double AttractRotate = 10.0;     // the attract screen: invitation, a result, invitation, ...

    // Protecting the kiosk (the gap and repeats: flow.cpp; the long press: flow_admin.cpp).
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
    // The journal's id of each answer in Given (by its QuestionId): a changed answer names
    // the one it replaces, which stays in the journal, marked superseded.
    std::map<std::string, std::string> GivenIds;
    std::vector<int> Shown;      // the questions of this poll shown so far, in order: "Terug" goes one back
    std::vector<std::string> DoneZones;
    std::string ResultsPoll;
    std::vector<Chart> Charts;   // only those with enough answers
    int ChartIndex = 0;
    // For this visit only; a new visitor starts with the defaults.
    // The attract screen alternates the invitation with how the wijk answered.
    std::vector<Highlight> Highlights;
    // The wijk's updates (sync/news.hpp), newest first: the attract screen shows them in
    // turn after the highlights, and the news screen lists them.
    std::vector<wsync::NewsItem> News;
    int HighlightShown = -1;     // index into Highlights, then News (from Highlights.size()); -1: the invitation alone
    int HighlightNext = 0;
    bool LargeText = false;      // A+: every text larger
    bool HighContrast = false;   // the high-contrast theme
    double LastInput = 0.0;
    double ScreenSince = 0.0;
    std::string ErrorDetail;     // for the log, never shown to the resident
    // Speech (kiosk/flow_speech.cpp): both back to the defaults when the visit ends.
    bool SpeechOn = false;       // read every new screen aloud, for the rest of the visit
    int SpeechVolume = 0;        // steps from the default volume, -2..+2
    // Kept across visits: the gap and the repeat flag (the visit's), the facilitator's.
    RepeatGuard Repeat;          // anti-stuffing (kiosk/repeat_guard.hpp)
    AdminState Admin;            // the long press, PIN and admin screens (kiosk/flow_admin.cpp)
    CampfireState Campfire;      // a campfire meeting (kiosk/flow_campfire.cpp)
};

//-----------------------------------------------------------------------------
// Actions, typed per area. Each area's action reaches exactly one stepper: Step() looks
// at the action's type (std::visit) and hands it to that area's stepper:
//   VisitAction     a resident's visit and the praatplaat        StepVisit     (flow.cpp)
//   SpeechAction    "lees voor" and speech on/off/volume          StepSpeech    (flow_speech.cpp)
//   AdminAction     the long press, the PIN and admin screens    StepAdmin     (flow_admin.cpp)
//   CampfireAction  a campfire meeting's screens, and its start  StepCampfire  (flow_campfire.cpp)
//   CommonAction    what every area shares                       StepCommon    (flow.cpp)
// The rule for what is shared: an action is common only when it means the same on every
// screen and no area owns it: time passing (Tick), a touch anywhere (Input) and the two
// corner buttons (A+, contrast). StepCommon handles those in one place; for a Tick it asks
// the timers of the area that owns the current screen (ScreenArea), in a fixed order
// written there. Every action that is a touch (not an effect's result, not a Tick) holds
// off the idle time-out, in Step() itself, before the stepper runs. After any step but a
// speech action, speech looks at what changed (AfterStepSpeech) and reads a new screen.
//-----------------------------------------------------------------------------

enum class CommonKind {
    Tick,            // time passes
    Input,           // any touch: resets the idle timer
    ToggleLargeText, // the two corner buttons, on every screen
    ToggleContrast,
};
struct CommonAction {
    CommonKind Kind = CommonKind::Tick;
};

enum class VisitKind {
    Start,           // Value: the new session id (made at the edge); the quick poll
    StartPraatplaat, // Value: the new session id
    SetLanguage,     // Value: language code
    Next,            // intro -> poster; a zone's explanation -> its questions; confirm a draft answer; the next chart
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
    Back,            // "Terug": the question before, with the answer given (see CanGoBack)
    Continue,        // "Ja, ik ga verder" on the idle warning
    Done,            // leave the thanks, error, outcome or news screen
    OpenNews,        // the attract screen's button: the wijk's updates (no visit starts)
    // The on-screen keyboard of a text question ("klaar" is Next).
    TypeText,        // Value: the character (UTF-8) of the key
    Backspace,
    ToggleShift,
    ToggleAccents,
    // Results of the visit's effects (kiosk/visit_effects.cpp): not touches.
    Committed,       // the journal committed the pending answer(s); Ids: theirs, in order
    CommitFailed,    // Value: why
    ResultsLoaded,   // Charts: this kiosk's tallies for ResultsPoll
    HighlightsLoaded, // Highlights: the wijk's results for the attract screen
};
struct VisitAction {
    VisitKind Kind = VisitKind::Next;
    std::string Value = {};
    std::vector<Chart> Charts = {};         // ResultsLoaded
    std::vector<Highlight> Highlights = {}; // HighlightsLoaded
    std::vector<std::string> Ids = {};      // Committed: the journal's ids of the pending answers
    std::vector<wsync::NewsItem> News = {}; // HighlightsLoaded: the journal's updates
};

enum class SpeechKind {
    ReadAloud, // "Lees voor": read the current screen once
    On,        // read every new screen for the rest of the visit
    Off,
    Louder,
    Softer,
};
struct SpeechAction {
    SpeechKind Kind = SpeechKind::ReadAloud;
    int Item = -1; // ReadAloud on the news screen: only this update (its own "Lees voor")
};

// The facilitator's (kiosk/flow_admin.cpp).
enum class AdminKind {
    CornerHold,    // Value "down" / "up": the hidden corner of the attract screen is pressed / let go
    PinDigit,      // Value: "0".."9"
    PinClear,
    PinOk,
    PinCancel,
    SyncNow,       // "Nu synchroniseren"
    Back,          // "Terug naar de kiosk"
    Quit,          // "Kiosk afsluiten": the only way out
    // Results of the admin effects (kiosk/admin_effects.cpp): not touches.
    PinState,      // Value "set" / "unset"; Count: wrong PINs in a row (from the journal)
    PinChecked,    // Value "ok" / "wrong" / "unset": the result of the check at the edge
    FiguresLoaded, // Figures: for the admin screen
};
struct AdminAction {
    AdminKind Kind = AdminKind::PinOk;
    std::string Value = {};
    long long Count = 0;        // PinState
    AdminFigures Figures = {};  // FiguresLoaded
};

// A campfire meeting (kiosk/flow_campfire.cpp). Its screens have their own taps, hands and
// keyboard: a vote is never a resident's answer.
enum class CampfireKind {
    Start,          // "Kampvuur starten" on the admin screen; Value: the new session id (made at the edge)
    Edit,           // Value "name", "wijk", "what", "who-group": type it on the keyboard
    Date,           // Value "-1" / "+1": a day earlier or later
    Present,        // Value "-1" / "+1": one person fewer or more
    Cancel,         // leave the set-up: back to the admin screen
    SetupDone,      // "Verder": store the session, then the picker
    OpenPoll,       // Value: the zone or poll to go through with the group
    Mode,           // Value "taps" / "hands"
    Vote,           // Value: option id; one tap, one vote
    HandUp,         // Value: option id; one hand more (hands mode)
    HandDown,       // Value: option id; one hand fewer
    Reveal,         // show (or hide again) the current question's chart
    Next,           // the next question; "Klaar" on the keyboard
    Back,           // back: to the picker (from a question, the summary), or where the agreements came from
    OpenAgreements,
    OpenSummary,
    AgreementNew,    // Value: the new agreement's id (made at the edge)
    AgreementOpen,   // Value: its index (0-based) in the list
    AgreementWho,    // Value "wijk", "gemeente", "samen"
    AgreementDue,    // Value "-7" / "+7": a week earlier or later
    AgreementAnswers, // Value: the kompas zone or witte-vlek question id (again: none)
    AgreementStatus, // Value "open", "bezig", "klaar"
    AgreementSave,
    AgreementCancel,
    Page,           // Value "-1" / "+1": the summary's page of charts
    ExportChoose,   // "Opslaan op USB-stick": look for folders to write to
    Export,         // Value: the folder to write the PNG and CSV to
    ExportCancel,
    End,            // "Sessie afsluiten"
    // The on-screen keyboard ("klaar" is Next).
    TypeText,       // Value: the character (UTF-8) of the key
    Backspace,
    ToggleShift,
    ToggleAccents,
    // Results of the campfire effects (kiosk/campfire_effects.cpp): not touches.
    Defaults,       // Values: the enrolled wijk (or ""), today (YYYY-MM-DD)
    TargetsLoaded,  // Values: the folders
    ExportDone,     // one export step done: Value "" (ok) or why not
    SaveFailed,     // Value: why the journal could not store it
};
struct CampfireAction {
    CampfireKind Kind = CampfireKind::Next;
    std::string Value = {};
    std::vector<std::string> Values = {}; // Defaults, TargetsLoaded
};

using Action = std::variant<CommonAction, VisitAction, SpeechAction, AdminAction, CampfireAction>;

// Whether an action is a touch (holds off the idle time-out), not time or an effect's result.
bool IsTouch(const Action& action);

//-----------------------------------------------------------------------------
// Effects, typed per area like the actions. Step() appends them in order; the app runs
// them in that order after the step, each area's in its own file, and what they report
// comes back as new actions at the back of the queue (kiosk/action_queue.hpp).
//-----------------------------------------------------------------------------

enum class VisitEffectKind { // run by kiosk/visit_effects.cpp
    CommitAnswers,  // store Answers in one transaction, then Committed or CommitFailed
    LoadResults,    // tally PollId's questions, then ResultsLoaded
    LoadHighlights, // tally the wijk's answers for the attract screen, then HighlightsLoaded
    EndSession,
};
struct VisitEffect {
    VisitEffectKind Kind = VisitEffectKind::CommitAnswers;
    std::string SessionId = {};
    std::string Lang = {};
    std::vector<content::GivenAnswer> Answers = {};
    std::string PollId = {};
    bool Flagged = false; // CommitAnswers: they repeat the previous visit (anti-stuffing)
    std::vector<std::string> Replaces = {}; // CommitAnswers: per answer, the journal id it replaces, or ""
};

enum class SpeechEffectKind { // run by kiosk/speech_effects.cpp
    Speak, // say Texts in Lang at Volume (replaces whatever is still being said)
    Stop,  // silence (the visit ended, speech was turned off)
};
struct SpeechEffect {
    SpeechEffectKind Kind = SpeechEffectKind::Speak;
    std::string SessionId = {};
    std::string Lang = {};
    std::vector<std::string> Texts = {}; // the texts, in order, in Lang
    int Volume = 0;                      // espeak-ng scale, 100 = default
};

enum class AdminEffectKind { // run by kiosk/admin_effects.cpp
    CheckPin,      // Value: the digits; check them against the stored hash, log, then PinChecked
    LogPinAttempt, // Value: why an attempt was not checked ("delayed"); log it
    LoadPinState,  // is a PIN set, how many wrong in a row: then PinState
    LoadFigures,   // the admin screen's figures: then FiguresLoaded
    SyncNow,       // one sync round on the background worker
    Quit,          // close the kiosk
};
struct AdminEffect {
    AdminEffectKind Kind = AdminEffectKind::LoadFigures;
    std::string Value = {};
};

enum class CampfireEffectKind { // run by kiosk/campfire_effects.cpp
    LoadDefaults,      // the enrolled wijk and today: then Defaults
    SaveSession,       // Campfire: the session's fields; on failure SaveFailed
    SaveCounts,        // SessionId, Rows: new totals; on failure SaveFailed
    SaveAgreement,     // SessionId, Campfire.Wijk, Agreement; on failure SaveFailed
    EndSession,        // SessionId
    LoadExportTargets, // folders that look like USB sticks: then TargetsLoaded
    ExportCsv,         // Path, Campfire: the CSV, then ExportDone
    CaptureSummary,    // Path: a PNG of the next frame drawn, then ExportDone
};
struct CampfireEffect {
    CampfireEffectKind Kind = CampfireEffectKind::LoadDefaults;
    std::string SessionId = {};
    CampfireState Campfire = {};       // SaveSession, SaveAgreement (its wijk), ExportCsv
    std::vector<CampfireRow> Rows = {}; // SaveCounts
    kiosk::Agreement Agreement = {};   // SaveAgreement
    std::string Path = {};             // ExportCsv, CaptureSummary
};

using Effect = std::variant<VisitEffect, SpeechEffect, AdminEffect, CampfireEffect>;

struct FlowContext {
    const content::Pack* Pack = nullptr;
    FlowConfig Config;
};

FlowState InitialState(const FlowContext& ctx, const std::string& lang, double now);
// The one entry: routes the action to its area's stepper (std::visit), then lets speech
// read a new screen. Appends the effects, in the order they must run, to *effects.
FlowState Step(const FlowContext& ctx, FlowState state, const Action& action, double now,
               std::vector<Effect>* effects);

// Which area owns a screen: its stepper handles that screen's Ticks (StepCommon).
enum class Area { Visit, Admin, Campfire };
Area ScreenArea(Screen screen);

// The visit's stepper (flow.cpp): acts on the visit's screens only (attract to thanks).
FlowState StepVisit(const FlowContext& ctx, FlowState state, const VisitAction& action, double now,
                    std::vector<Effect>* effects);
// The visit's timers on a Tick (flow.cpp).
FlowState TickVisit(const FlowContext& ctx, FlowState state, double now, std::vector<Effect>* effects);

// When Step() must next see a Tick for a timer to fire (absolute, same clock as now).
double NextDeadline(const FlowContext& ctx, const FlowState& state);
// What the attract screen shows in turn with the invitation: the highlights, then the updates.
int AttractItems(const FlowState& s);
// Seconds before a new visit may start (0: it may now).
double VisitGapLeft(const FlowState& s, double now);
// Whether the attract screen says why a start tap did nothing.
bool ShowGapMessage(const FlowState& s, double now);
// Whether a countdown in whole seconds shows (the gap, a locked PIN keypad), and when its
// number next changes (the main loop draws then; infinity when none shows).
bool CountdownShowing(const FlowState& s, double now);
double NextCountdownChange(const FlowState& s, double now);
// Seconds left before the idle warning resets the kiosk (for its countdown text).
double StillThereSecondsLeft(const FlowContext& ctx, const FlowState& state, double now);

const content::Poll* CurrentPoll(const FlowContext& ctx, const FlowState& state);
const content::Question* CurrentQuestion(const FlowContext& ctx, const FlowState& state);
// The budget left to divide in the draft.
int BudgetLeft(const content::Question& q, const Draft& draft);
// "Terug" shows: a question of this poll was shown before the current one.
bool CanGoBack(const FlowState& state);
// The answer given to a question in this visit (the latest), or null. A one-tap question
// shows it chosen, and "Verder" goes on with it.
const content::GivenAnswer* GivenFor(const FlowState& state, const std::string& answer_id);

} // namespace kiosk
