// The states of the kiosk's screens that the screen tests draw: every resident screen of
// the quick poll, the praatplaat's, and the facilitator's PIN and admin screens.
#pragma once
#include "kiosk/flow.hpp"
#include "kiosk/flow_admin.hpp"
#include "test_packs.hpp"

#include <string>
#include <vector>

namespace screen_states {

using namespace kiosk;

// Every state a resident can meet: attract, each question, thanks, still-there, error.
inline std::vector<FlowState> AllScreens(const FlowContext& ctx, const std::string& lang) {
    std::vector<FlowState> states;
    std::vector<Effect> fx;
    FlowState s = InitialState(ctx, lang, 0);
    states.push_back(s);
    s = Step(ctx, s, VisitAction{VisitKind::Start, "s"}, 0, &fx);
    while (s.Screen == Screen::Question) {
        states.push_back(s);
        s = Step(ctx, s, VisitAction{VisitKind::Skip, {}}, 0, &fx);
    }
    states.push_back(s); // thanks
    FlowState idle = states[1];
    states.push_back(Step(ctx, idle, CommonAction{CommonKind::Tick}, 1000, &fx)); // still there
    FlowState err = Step(ctx, idle, VisitAction{VisitKind::Answer, "1"}, 0, &fx);
    states.push_back(Step(ctx, err, VisitAction{VisitKind::CommitFailed, "x"}, 0, &fx));
    return states;
}

// The praatplaat's screens: intro, poster, every question of every zone (with drafts
// filled in), results with a chart, the outcome.
inline std::vector<FlowState> PraatplaatScreens(const FlowContext& ctx, const std::string& lang = "nl") {
    std::vector<FlowState> states;
    std::vector<Effect> fx;
    FlowState s = InitialState(ctx, lang, 0);
    s = Step(ctx, s, VisitAction{VisitKind::StartPraatplaat, "s"}, 0, &fx);
    states.push_back(s);
    s = Step(ctx, s, VisitAction{VisitKind::Next}, 0, &fx);
    states.push_back(s);
    for (const content::Poll& zone : ctx.Pack->Zones) {
        s = Step(ctx, s, VisitAction{VisitKind::OpenZone, zone.Id}, 0, &fx);
        states.push_back(s); // what the zone is about
        s = Step(ctx, s, VisitAction{VisitKind::Next}, 0, &fx);
        while (s.Screen == Screen::Question) {
            const content::Question* q = CurrentQuestion(ctx, s);
            for (const content::Option& o : q->Options) { // a full draft draws the most
                s = Step(ctx, s, VisitAction{VisitKind::Toggle, o.Id}, 0, &fx);
                s = Step(ctx, s, VisitAction{VisitKind::Increase, o.Id}, 0, &fx);
            }
            for (const content::Option& row : q->Rows)
                s = Step(ctx, s, VisitAction{VisitKind::SetCell, row.Id + "=" + q->Options.back().Id}, 0, &fx);
            states.push_back(s);
            s = Step(ctx, s, VisitAction{VisitKind::Skip}, 0, &fx);
        }
        VisitAction loaded{VisitKind::ResultsLoaded};
        loaded.Charts.push_back({zone.Questions.front().Id, {}, 9});
        for (const content::Option& o : zone.Questions.front().Options)
            loaded.Charts.back().Counts.push_back({o.Id, 3});
        s = Step(ctx, s, loaded, 0, &fx);
        states.push_back(s); // results
        s = Step(ctx, s, VisitAction{VisitKind::Next}, 0, &fx);
    }
    s = Step(ctx, s, VisitAction{VisitKind::ShowOutcome}, 0, &fx);
    states.push_back(s);
    return states;
}

struct AdminScreens {
    FlowContext Ctx;
    std::vector<Effect> Fx;
    double Now = 100.0;

    AdminScreens() { Ctx.Pack = &BundledPack(); }
    FlowState Do(FlowState s, const Action& a) { return Step(Ctx, s, a, Now, &Fx); }

    FlowState Pin(const std::string& lang, int wrong = 0) {
        FlowState s = InitialState(Ctx, lang, Now);
        s = Do(s, AdminAction{AdminKind::CornerHold, "down"});
        Now += 3;
        s = Do(s, CommonAction{CommonKind::Tick});
        AdminAction state{AdminKind::PinState, "set"};
        state.Count = wrong;
        s = Do(s, state);
        for (char c : std::string("4711"))
            s = Do(s, AdminAction{AdminKind::PinDigit, std::string(1, c)});
        return s;
    }
    FlowState Admin(const std::string& lang) {
        FlowState s = Pin(lang);
        s = Do(s, AdminAction{AdminKind::PinOk});
        s = Do(s, AdminAction{AdminKind::PinChecked, "ok"});
        AdminAction loaded{AdminKind::FiguresLoaded};
        loaded.Figures.DeviceId = "6c81e2a0-0000-4000-8000-000000000001";
        loaded.Figures.Enrolled = true;
        loaded.Figures.StoreUrl = "https://wijkstem.groningen.nl";
        loaded.Figures.Wijk = "Oosterpark";
        loaded.Figures.Answers = 120;
        loaded.Figures.Waiting = 17;
        loaded.Figures.Visits = 40;
        loaded.Figures.VisitsFlagged = 3;
        loaded.Figures.LastSync = "2026-11-28T14:03:12.345Z";
        loaded.Figures.LastSyncError = "the store cannot be reached (Couldn't connect to server)";
        loaded.Figures.PinAttempts = 5;
        loaded.Figures.PinWrong = 1;
        return Do(s, loaded);
    }
    FlowState Gap(const std::string& lang) {
        FlowState s = InitialState(Ctx, lang, Now);
        s = Do(s, VisitAction{VisitKind::Start, "s"});
        const content::Question* q = CurrentQuestion(Ctx, s);
        s = Do(s, VisitAction{VisitKind::Answer, q->Options[0].Id});
        s = Do(s, VisitAction{VisitKind::Committed});
        s = Do(s, VisitAction{VisitKind::Stop});
        s = Do(s, VisitAction{VisitKind::Done});
        Now += 1;
        return Do(s, VisitAction{VisitKind::Start, "too-soon"});
    }
};


} // namespace screen_states
