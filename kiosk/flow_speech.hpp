// Speech in the flow (pure, like the rest of flow.cpp): the "lees voor" and speech-on
// actions, reading each new screen when speech is on, and the reset to the defaults.
// What a screen says comes from kiosk/screen_speech.hpp.
#pragma once
#include "kiosk/flow.hpp"

namespace kiosk {

// Handles a SpeechAction: ReadAloud, On/Off, Louder/Softer, on any screen.
FlowState StepSpeech(const FlowContext& ctx, FlowState s, const SpeechAction& a, double now,
                     std::vector<Effect>* effects);
// After any other action: with speech on, a screen that just appeared is read; when the
// visit ends, speech stops; speech set on at the attract screen by someone who walked
// away goes back to the defaults after the idle time.
FlowState AfterStepSpeech(const FlowContext& ctx, const FlowState& before, FlowState after, const Action& a,
                          double now, std::vector<Effect>* effects);
// When the attract screen must see a Tick to reset speech settings nobody uses (or never).
double SpeechResetDeadline(const FlowContext& ctx, const FlowState& s);

} // namespace kiosk
