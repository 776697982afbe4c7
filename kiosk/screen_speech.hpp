// What "lees voor" says on each screen: a pure function of the flow state and the
// pack, so tests check every screen without ImGui, espeak-ng or a sound card.
//
// The rule (also in docs/speech.md): speech reads what the screen offers, never what
// the resident chose. Read: the title or question, then every option's label in pack
// order, then the buttons; on the idle warning its text with the seconds left; on the
// results the whole wijk's counts. Never read: a selected or drafted answer (the draft is
// not looked at), anything in response to choosing an option, and what the outcome
// screen derives from the resident's answers (the archetype they lean to and the witte
// vlekken). A loudspeaker in a buurthuis is not private, so the outcome screen, also on
// an explicit tap, says only its title, that the outcome is not read aloud and why, and
// its button.
#pragma once
#include "kiosk/flow.hpp"

#include <string>
#include <vector>

namespace kiosk {

// The texts of the current screen, in reading order, in the visit's language.
std::vector<std::string> ScreenSpeech(const FlowContext& ctx, const FlowState& state, double now);

// False for screens that speech-on does not read by itself (the outcome).
bool ReadsItselfWhenSpeechIsOn(Screen screen);

// The volume step (-2..+2) in espeak-ng's scale (100 = its default).
int SpeechVolumePercent(int step);

} // namespace kiosk
