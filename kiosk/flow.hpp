// The kiosk's flow: which screen shows, the visit (session), the idle timer.
// Pure: Step() turns (state, action, now) into a new state and effects. No ImGui, no
// SQLite, no clock of its own, so every transition is unit-tested with a fake clock.
#pragma once
#include "content/pack.hpp"

#include <limits>
#include <string>
#include <vector>

namespace kiosk {

enum class Screen { Attract, Question, Thanks, StillThere, Error };
const char* ScreenName(Screen screen); // "attract", "question", "thanks", "still-there", "error"

struct FlowConfig {
    double IdleTimeout = 60.0;      // seconds without input before "Bent u er nog?"
    double StillThereTimeout = 20.0; // then back to the attract screen
    double ThanksDuration = 10.0;
    double ErrorDuration = 30.0;
};

struct FlowState {
    kiosk::Screen Screen = kiosk::Screen::Attract;
    std::string Lang;            // language of this visit
    std::string SessionId;       // empty on the attract screen
    std::string PollId;
    int QuestionIndex = 0;
    int Answered = 0;            // answers committed in this visit
    bool Saving = false;         // an answer waits for its commit; input is ignored meanwhile
    double LastInput = 0.0;
    double ScreenSince = 0.0;
    std::string ErrorDetail;     // for the log, never shown to the resident
};

enum class ActionKind {
    Start,        // Value: the new session id (made at the edge)
    SetLanguage,  // Value: language code
    Answer,       // Value: option id
    Skip,
    Stop,         // the resident ends the visit early
    Continue,     // "Ja, ik ga verder" on the idle warning
    Done,         // leave the thanks or error screen
    Input,        // any touch: resets the idle timer
    Tick,         // time passes
    Committed,    // the journal committed the pending answer
    CommitFailed, // Value: why
};

struct Action {
    ActionKind Kind = ActionKind::Tick;
    std::string Value;
};

enum class EffectKind { CommitAnswer, EndSession };

struct Effect {
    EffectKind Kind = EffectKind::CommitAnswer;
    std::string SessionId;
    std::string QuestionId;
    std::string Value;
    std::string Lang;
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

} // namespace kiosk
