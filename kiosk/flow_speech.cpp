#include "kiosk/flow_speech.hpp"
#include "kiosk/screen_speech.hpp"

#include <algorithm>
#include <limits>

namespace kiosk {

namespace {

void Speak(const FlowState& s, std::vector<std::string> texts, std::vector<Effect>* effects) {
    if (texts.empty())
        return;
    effects->push_back(SpeechEffect{SpeechEffectKind::Speak, s.SessionId, s.Lang, std::move(texts),
                                    SpeechVolumePercent(s.SpeechVolume)});
}

void StopSpeaking(std::vector<Effect>* effects) {
    effects->push_back(SpeechEffect{SpeechEffectKind::Stop});
}

bool IsTick(const Action& a) {
    const CommonAction* common = std::get_if<CommonAction>(&a);
    return common && common->Kind == CommonKind::Tick;
}

bool SpeechDefaults(const FlowState& s) { return !s.SpeechOn && s.SpeechVolume == 0; }

// What identifies "a new screen" for speech: a new question, chart or language is one.
std::string SpeechKey(const FlowState& s) {
    std::string key = std::string(ScreenName(s.Screen)) + "|" + s.Lang;
    if (s.Screen == Screen::Question)
        key += "|" + s.PollId + "|" + std::to_string(s.QuestionIndex);
    if (s.Screen == Screen::Results)
        key += "|" + s.ResultsPoll + "|" + std::to_string(s.ChartIndex);
    return key;
}

} // namespace

FlowState StepSpeech(const FlowContext& ctx, FlowState s, const SpeechAction& a, double now,
                     std::vector<Effect>* effects) {
    // A tap like any other: Step() has reset the idle timer, so it keeps the visit alive.
    switch (a.Kind) {
    case SpeechKind::ReadAloud: // an explicit tap reads every screen, the outcome by its own rule
        if (s.Screen == Screen::News && a.Item >= 0 && a.Item < int(s.News.size())) {
            // One update, in the language it is written in (the pack's first, Dutch).
            FlowState dutch = s;
            dutch.Lang = ctx.Pack->Languages.empty() ? s.Lang : ctx.Pack->Languages.front();
            Speak(dutch, {s.News[size_t(a.Item)].Title, s.News[size_t(a.Item)].Text}, effects);
            break;
        }
        Speak(s, ScreenSpeech(ctx, s, now), effects);
        break;
    case SpeechKind::On:
        s.SpeechOn = true;
        Speak(s, ScreenSpeech(ctx, s, now), effects); // the screen the resident is looking at
        break;
    case SpeechKind::Off:
        s.SpeechOn = false;
        StopSpeaking(effects);
        break;
    case SpeechKind::Louder:
    case SpeechKind::Softer: {
        const bool louder = a.Kind == SpeechKind::Louder;
        s.SpeechVolume = std::clamp(s.SpeechVolume + (louder ? 1 : -1), -2, 2);
        // The button's own word at the new volume, so the resident hears the difference.
        Speak(s, {content::Ui(*ctx.Pack, louder ? "speech.louder" : "speech.softer", s.Lang)}, effects);
        break;
    }
    }
    return s;
}

FlowState AfterStepSpeech(const FlowContext& ctx, const FlowState& before, FlowState after, const Action& a,
                          double now, std::vector<Effect>* effects) {
    // The visit ended (thanks, time-out, stop): silence; the new state has the defaults.
    if (!before.SessionId.empty() && after.SessionId.empty()) {
        if (!SpeechDefaults(before))
            StopSpeaking(effects);
        return after;
    }
    // Speech set on the attract screen by someone who then walked away.
    if (after.Screen == Screen::Attract && IsTick(a) && !SpeechDefaults(after) &&
        now >= SpeechResetDeadline(ctx, after)) {
        after.SpeechOn = false;
        after.SpeechVolume = 0;
        StopSpeaking(effects);
        return after;
    }
    if (!after.SpeechOn || !ReadsItselfWhenSpeechIsOn(after.Screen))
        return after;
    // The results screen is read when its charts arrive, not while they load.
    if (after.Screen == Screen::Results) {
        const VisitAction* visit = std::get_if<VisitAction>(&a);
        const bool loaded = visit && visit->Kind == VisitKind::ResultsLoaded;
        const bool next_chart = before.Screen == Screen::Results && SpeechKey(before) != SpeechKey(after);
        if (loaded || next_chart)
            Speak(after, ScreenSpeech(ctx, after, now), effects);
        return after;
    }
    if (SpeechKey(before) != SpeechKey(after))
        Speak(after, ScreenSpeech(ctx, after, now), effects);
    return after;
}

double SpeechResetDeadline(const FlowContext& ctx, const FlowState& s) {
    if (s.Screen != Screen::Attract || SpeechDefaults(s))
        return std::numeric_limits<double>::infinity();
    return s.LastInput + ctx.Config.IdleTimeout;
}

} // namespace kiosk
