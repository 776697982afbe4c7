#include "kiosk/flow.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

const char* ScreenName(Screen screen) {
    switch (screen) {
    case Screen::Attract: return "attract";
    case Screen::Question: return "question";
    case Screen::Thanks: return "thanks";
    case Screen::StillThere: return "still-there";
    case Screen::Error: return "error";
    }
    return "?";
}

const content::Poll* CurrentPoll(const FlowContext& ctx, const FlowState& s) {
    return ctx.Pack->FindPoll(s.PollId);
}

const content::Question* CurrentQuestion(const FlowContext& ctx, const FlowState& s) {
    const content::Poll* poll = CurrentPoll(ctx, s);
    if (!poll || s.QuestionIndex < 0 || s.QuestionIndex >= int(poll->Questions.size()))
        return nullptr;
    return &poll->Questions[size_t(s.QuestionIndex)];
}

FlowState InitialState(const FlowContext& ctx, const std::string& lang, double now) {
    FlowState s;
    const auto& langs = ctx.Pack->Languages;
    s.Lang = std::find(langs.begin(), langs.end(), lang) != langs.end() ? lang
             : langs.empty()                                             ? lang
                                                                         : langs.front();
    s.LastInput = now;
    s.ScreenSince = now;
    return s;
}

namespace {

// Back to the attract screen with nothing of the visit left (the next person never
// sees the previous person's answers).
FlowState EndVisit(const FlowContext& ctx, const FlowState& s, double now, std::vector<Effect>* effects) {
    if (!s.SessionId.empty())
        effects->push_back({EffectKind::EndSession, s.SessionId, {}, {}, {}});
    const std::string& default_lang = ctx.Pack->Languages.empty() ? s.Lang : ctx.Pack->Languages.front();
    return InitialState(ctx, default_lang, now);
}

FlowState Enter(FlowState s, Screen screen, double now) {
    s.Screen = screen;
    s.ScreenSince = now;
    return s;
}

// After an answer or a skip: the next question, or thanks at the end.
FlowState Advance(const FlowContext& ctx, FlowState s, double now) {
    const content::Poll* poll = CurrentPoll(ctx, s);
    s.QuestionIndex++;
    if (!poll || s.QuestionIndex >= int(poll->Questions.size()))
        return Enter(s, Screen::Thanks, now);
    return Enter(s, Screen::Question, now);
}

} // namespace

FlowState Step(const FlowContext& ctx, FlowState s, const Action& a, double now, std::vector<Effect>* effects) {
    switch (a.Kind) {
    case ActionKind::Input:
        s.LastInput = now;
        return s;

    case ActionKind::Tick:
        switch (s.Screen) {
        case Screen::Question:
            if (!s.Saving && now - s.LastInput >= ctx.Config.IdleTimeout)
                return Enter(s, Screen::StillThere, now);
            return s;
        case Screen::StillThere:
            if (now - s.ScreenSince >= ctx.Config.StillThereTimeout)
                return EndVisit(ctx, s, now, effects);
            return s;
        case Screen::Thanks:
            if (now - s.ScreenSince >= ctx.Config.ThanksDuration)
                return EndVisit(ctx, s, now, effects);
            return s;
        case Screen::Error:
            if (now - s.ScreenSince >= ctx.Config.ErrorDuration)
                return EndVisit(ctx, s, now, effects);
            return s;
        case Screen::Attract:
            return s;
        }
        return s;

    case ActionKind::SetLanguage: {
        const auto& langs = ctx.Pack->Languages;
        if (s.Screen == Screen::Attract && std::find(langs.begin(), langs.end(), a.Value) != langs.end())
            s.Lang = a.Value;
        s.LastInput = now;
        return s;
    }

    case ActionKind::Start:
        if (s.Screen != Screen::Attract || a.Value.empty())
            return s;
        s.SessionId = a.Value;
        s.PollId = ctx.Pack->StartPoll;
        s.QuestionIndex = 0;
        s.Answered = 0;
        s.LastInput = now;
        if (!CurrentQuestion(ctx, s))
            return Enter(s, Screen::Thanks, now);
        return Enter(s, Screen::Question, now);

    case ActionKind::Answer: {
        const content::Question* q = CurrentQuestion(ctx, s);
        if (s.Screen != Screen::Question || s.Saving || !q)
            return s;
        bool known = std::any_of(q->Options.begin(), q->Options.end(),
                                 [&](const content::Option& o) { return o.Id == a.Value; });
        if (!known)
            return s;
        s.Saving = true;
        s.LastInput = now;
        effects->push_back({EffectKind::CommitAnswer, s.SessionId, q->Id, a.Value, s.Lang});
        return s;
    }

    case ActionKind::Committed:
        if (!s.Saving)
            return s;
        s.Saving = false;
        s.Answered++;
        return Advance(ctx, s, now);

    case ActionKind::CommitFailed:
        if (!s.Saving)
            return s;
        s.Saving = false;
        s.ErrorDetail = a.Value;
        return Enter(s, Screen::Error, now);

    case ActionKind::Skip:
        if (s.Screen != Screen::Question || s.Saving)
            return s;
        s.LastInput = now;
        return Advance(ctx, s, now);

    case ActionKind::Stop:
        if (s.Screen != Screen::Question || s.Saving)
            return s;
        if (s.Answered > 0)
            return Enter(s, Screen::Thanks, now);
        return EndVisit(ctx, s, now, effects);

    case ActionKind::Continue:
        if (s.Screen != Screen::StillThere)
            return s;
        s.LastInput = now;
        return Enter(s, Screen::Question, now);

    case ActionKind::Done:
        if (s.Screen != Screen::Thanks && s.Screen != Screen::Error)
            return s;
        return EndVisit(ctx, s, now, effects);
    }
    return s;
}

double NextDeadline(const FlowContext& ctx, const FlowState& s) {
    const FlowConfig& c = ctx.Config;
    switch (s.Screen) {
    case Screen::Attract: return std::numeric_limits<double>::infinity();
    case Screen::Question: return s.Saving ? std::numeric_limits<double>::infinity() : s.LastInput + c.IdleTimeout;
    case Screen::Thanks: return s.ScreenSince + c.ThanksDuration;
    case Screen::Error: return s.ScreenSince + c.ErrorDuration;
    case Screen::StillThere: return s.ScreenSince + c.StillThereTimeout;
    }
    return std::numeric_limits<double>::infinity();
}

double StillThereSecondsLeft(const FlowContext& ctx, const FlowState& s, double now) {
    return std::max(0.0, s.ScreenSince + ctx.Config.StillThereTimeout - now);
}

} // namespace kiosk
