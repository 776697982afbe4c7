// [SECTION] helpers
// [SECTION] StepGuard
// [SECTION] visits: the gap and the repeat flag
// [SECTION] timers
#include "kiosk/flow_admin.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();
constexpr double kFiguresRefresh = 2.0; // seconds between reloads of the admin screen's figures

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

FlowState& Enter(FlowState& s, Screen screen, double now) {
    s.Screen = screen;
    s.ScreenSince = now;
    s.LastInput = now;
    return s;
}

// Back to the attract screen from the PIN or admin screen: nothing typed stays.
void ToAttract(const FlowContext& ctx, FlowState* s, double now) {
    Guard g = s->Guard;
    g.PinEntry.clear();
    g.PinMessage.clear();
    g.Checking = false;
    g.Holding = false;
    g.Figures = {};
    g.FiguresAt = -kNever;
    g.AdminMessage.clear();
    const std::string& lang = ctx.Pack->Languages.empty() ? s->Lang : ctx.Pack->Languages.front();
    *s = InitialState(ctx, lang, now);
    s->Guard = std::move(g);
}

void OpenPin(FlowState* s, double now, std::vector<Effect>* effects) {
    s->Guard.Holding = false;
    s->Guard.PinEntry.clear();
    s->Guard.PinMessage.clear();
    Enter(*s, Screen::Pin, now);
    Effect e;
    e.Kind = EffectKind::LoadPinState;
    effects->push_back(e);
}

void LoadFigures(FlowState* s, double now, std::vector<Effect>* effects) {
    s->Guard.FiguresAt = now;
    Effect e;
    e.Kind = EffectKind::LoadAdmin;
    effects->push_back(e);
}

bool IsDigit(const std::string& v) { return v.size() == 1 && v[0] >= '0' && v[0] <= '9'; }

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] StepGuard
//-----------------------------------------------------------------------------

bool IsGuardResult(ActionKind kind) {
    return kind == ActionKind::PinState || kind == ActionKind::PinChecked || kind == ActionKind::AdminLoaded;
}

bool StepGuard(const FlowContext& ctx, FlowState* s, const Action& a, double now, std::vector<Effect>* effects) {
    Guard& g = s->Guard;
    const bool on_pin = s->Screen == Screen::Pin, on_admin = s->Screen == Screen::Admin;

    switch (a.Kind) {
    case ActionKind::Start:
    case ActionKind::StartPraatplaat:
        if (s->Screen != Screen::Attract)
            return on_pin || on_admin;
        if (now < g.NextVisitAt) { // too soon after the last visit: the screen says so
            g.GapRefusedAt = now;
            return true;
        }
        g.GapRefusedAt = -kNever;
        g.Holding = false;
        // Compared at each commit of this visit, only if the last one ended just now.
        g.CompareWith = now - g.LastVisitEnd < ctx.Config.RepeatWindow ? g.LastVisitAnswers
                                                                        : std::vector<content::GivenAnswer>{};
        return false;

    case ActionKind::CornerHold:
        if (s->Screen != Screen::Attract)
            g.Holding = false;
        else if (a.Value == "down" && !g.Holding) {
            g.Holding = true;
            g.HoldSince = now;
        } else if (a.Value == "up")
            g.Holding = false;
        return true;

    case ActionKind::Tick:
        if (s->Screen == Screen::Attract) {
            if (g.Holding && now - g.HoldSince >= ctx.Config.AdminHold) {
                OpenPin(s, now, effects);
                return true;
            }
            if (now >= g.NextVisitAt)
                g.GapRefusedAt = -kNever; // the message goes once the gap is over
            return false;
        }
        if (!on_pin && !on_admin)
            return false;
        if (!g.Checking && now - s->LastInput >= ctx.Config.IdleTimeout) {
            ToAttract(ctx, s, now); // never left open for the next resident
            return true;
        }
        if (on_admin && now - g.FiguresAt >= kFiguresRefresh)
            LoadFigures(s, now, effects);
        return true;

    case ActionKind::PinDigit:
        if (on_pin && !g.Checking && IsDigit(a.Value) && g.PinEntry.size() < kPinMaxDigits) {
            g.PinEntry += a.Value;
            if (g.PinMessage != "pin.unset")
                g.PinMessage.clear();
        }
        return true;

    case ActionKind::PinClear:
        if (on_pin && !g.Checking)
            g.PinEntry.clear();
        return true;

    case ActionKind::PinCancel:
        if (on_pin && !g.Checking)
            ToAttract(ctx, s, now);
        return true;

    case ActionKind::PinOk: {
        if (!on_pin || g.Checking)
            return true;
        if (!g.PinSet) {
            g.PinMessage = "pin.unset";
            g.PinEntry.clear();
            return true;
        }
        Effect e;
        if (now < g.BlockedUntil) { // not even checked; logged all the same
            g.PinMessage.clear(); // the screen shows the lock and its seconds
            g.PinEntry.clear();
            e.Kind = EffectKind::LogPinAttempt;
            e.Value = "delayed";
            effects->push_back(e);
            return true;
        }
        if (g.PinEntry.size() < kPinMinDigits) {
            g.PinMessage = "pin.too_short";
            return true;
        }
        e.Kind = EffectKind::CheckPin;
        e.Value = g.PinEntry;
        effects->push_back(e);
        g.PinEntry.clear(); // the digits leave the state with the effect
        g.PinMessage.clear();
        g.Checking = true;
        return true;
    }

    case ActionKind::PinChecked:
        if (!on_pin || !g.Checking)
            return true;
        g.Checking = false;
        if (a.Value == "ok") {
            g.Failures = 0;
            g.BlockedUntil = -kNever;
            g.PinMessage.clear();
            g.Figures = {};
            g.AdminMessage.clear();
            Enter(*s, Screen::Admin, now);
            LoadFigures(s, now, effects);
        } else if (a.Value == "unset") {
            g.PinSet = false;
            g.PinMessage = "pin.unset";
        } else {
            g.Failures++;
            g.BlockedUntil = now + PinDelay(g.Failures);
            g.PinMessage = "pin.wrong"; // while locked, the screen shows the lock instead
        }
        return true;

    case ActionKind::PinState:
        // The journal's count of wrong PINs in a row locks the keypad after a restart too
        // (switching the kiosk off and on is no way around the delay). Taken once: later
        // visits to the PIN screen keep the flow's own count and lock.
        if (!g.PinKnown) {
            g.Failures = int(std::clamp(a.Count, 0LL, 1000LL));
            g.BlockedUntil = g.Failures > 0 ? now + PinDelay(g.Failures) : -kNever;
        }
        g.PinKnown = true;
        g.PinSet = a.Value == "set";
        if (!g.PinSet)
            g.PinMessage = "pin.unset";
        else if (g.PinMessage == "pin.unset")
            g.PinMessage.clear();
        return true;

    case ActionKind::AdminLoaded:
        if (on_admin) {
            g.Figures = a.Admin;
            g.Figures.Loaded = true;
        }
        return true;

    case ActionKind::AdminSync:
        if (!on_admin)
            return true;
        if (!g.Figures.Enrolled)
            g.AdminMessage = "admin.not_enrolled";
        else if (!g.Figures.SyncRunning)
            g.AdminMessage = "admin.sync_off";
        else {
            g.AdminMessage = "admin.syncing";
            Effect e;
            e.Kind = EffectKind::SyncNow;
            effects->push_back(e);
        }
        return true;

    case ActionKind::AdminBack:
        if (on_admin)
            ToAttract(ctx, s, now);
        return true;

    case ActionKind::AdminQuit:
        if (on_admin && !g.QuitChosen) {
            g.QuitChosen = true;
            Effect e;
            e.Kind = EffectKind::Quit;
            effects->push_back(e);
        }
        return true;

    case ActionKind::Input:
        return on_pin || on_admin;

    default:
        // A resident's actions mean nothing on the facilitator's screens.
        return on_pin || on_admin;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] visits: the gap and the repeat flag
//-----------------------------------------------------------------------------

Guard GuardAfterVisit(const FlowContext& ctx, const FlowState& ended, double now) {
    Guard g = ended.Guard;
    g.Holding = false;
    g.CompareWith.clear();
    g.GapRefusedAt = -kNever;
    // Only a visit that stored something starts the gap: a resident who tapped start
    // and then stop may try again at once. The gap counts from the visit's last touch
    // ("Klaar", or the last answer when the thanks screen closed by itself), so the next
    // resident after a time-out never waits.
    if (!ended.Given.empty()) {
        g.LastVisitEnd = now;
        g.LastVisitAnswers = ended.Given;
        g.NextVisitAt = ended.LastInput + ctx.Config.MinVisitGap;
    }
    return g;
}

bool CommitFlagged(const FlowState& s, const std::vector<content::GivenAnswer>& committing) {
    return RepeatsPreviousVisit(s.Guard.CompareWith, s.Given, committing);
}

//-----------------------------------------------------------------------------
// [SECTION] timers
//-----------------------------------------------------------------------------

bool GuardDeadline(const FlowContext& ctx, const FlowState& s, double* deadline) {
    const Guard& g = s.Guard;
    switch (s.Screen) {
    case Screen::Attract:
        *deadline = kNever;
        if (g.Holding)
            *deadline = g.HoldSince + ctx.Config.AdminHold;
        if (std::isfinite(g.GapRefusedAt) && g.GapRefusedAt < g.NextVisitAt)
            *deadline = std::min(*deadline, g.NextVisitAt);
        return true;
    case Screen::Pin:
        *deadline = g.Checking ? kNever : s.LastInput + ctx.Config.IdleTimeout;
        return true;
    case Screen::Admin:
        *deadline = std::min(s.LastInput + ctx.Config.IdleTimeout, g.FiguresAt + kFiguresRefresh);
        return true;
    default:
        return false;
    }
}

double VisitGapLeft(const FlowState& s, double now) { return std::max(0.0, s.Guard.NextVisitAt - now); }

bool ShowGapMessage(const FlowState& s, double now) {
    return s.Screen == Screen::Attract && std::isfinite(s.Guard.GapRefusedAt) && now < s.Guard.NextVisitAt;
}

double PinLockedLeft(const FlowState& s, double now) { return std::max(0.0, s.Guard.BlockedUntil - now); }

bool CountdownShowing(const FlowState& s, double now) {
    return ShowGapMessage(s, now) || (s.Screen == Screen::Pin && PinLockedLeft(s, now) > 0);
}

double NextCountdownChange(const FlowState& s, double now) {
    const double end = ShowGapMessage(s, now)                                  ? s.Guard.NextVisitAt
                       : s.Screen == Screen::Pin && PinLockedLeft(s, now) > 0 ? s.Guard.BlockedUntil
                                                                               : kNever;
    if (!std::isfinite(end))
        return kNever;
    const double left = end - now, frac = left - std::floor(left); // shown as ceil(left)
    return now + (frac > 1e-3 ? frac : 1.0);
}

} // namespace kiosk
