// [SECTION] helpers
// [SECTION] StepAdmin
// [SECTION] timers
#include "kiosk/flow_admin.hpp"
#include "kiosk/pin.hpp"

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
    AdminState g = s->Admin;
    RepeatGuard repeat = s->Repeat;
    g.PinEntry.clear();
    g.PinMessage.clear();
    g.Checking = false;
    g.Holding = false;
    g.Figures = {};
    g.FiguresAt = -kNever;
    g.AdminMessage.clear();
    const std::string& lang = ctx.Pack->Languages.empty() ? s->Lang : ctx.Pack->Languages.front();
    *s = InitialState(ctx, lang, now);
    s->Admin = std::move(g);
    s->Repeat = std::move(repeat);
}

void OpenPin(FlowState* s, double now, std::vector<Effect>* effects) {
    s->Admin.Holding = false;
    s->Admin.PinEntry.clear();
    s->Admin.PinMessage.clear();
    Enter(*s, Screen::Pin, now);
    effects->push_back(AdminEffect{AdminEffectKind::LoadPinState});
}

void LoadFigures(FlowState* s, double now, std::vector<Effect>* effects) {
    s->Admin.FiguresAt = now;
    effects->push_back(AdminEffect{AdminEffectKind::LoadFigures});
}

bool IsDigit(const std::string& v) { return v.size() == 1 && v[0] >= '0' && v[0] <= '9'; }

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] StepAdmin
//-----------------------------------------------------------------------------

bool LongPressDone(const FlowContext& ctx, const FlowState& s, double now) {
    return s.Screen == Screen::Attract && s.Admin.Holding && now - s.Admin.HoldSince >= ctx.Config.AdminHold;
}

FlowState TickAdmin(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>* effects) {
    AdminState& g = s.Admin;
    if (s.Screen == Screen::Attract) {
        if (LongPressDone(ctx, s, now))
            OpenPin(&s, now, effects);
        return s;
    }
    if (ScreenArea(s.Screen) != Area::Admin)
        return s;
    if (!g.Checking && now - s.LastInput >= ctx.Config.IdleTimeout) {
        ToAttract(ctx, &s, now); // never left open for the next resident
        return s;
    }
    if (s.Screen == Screen::Admin && now - g.FiguresAt >= kFiguresRefresh)
        LoadFigures(&s, now, effects);
    return s;
}

namespace {

// What the edge says about the PIN: the check's result, and whether one is set.
void StepPinResult(FlowState* s, const AdminAction& a, double now, std::vector<Effect>* effects) {
    AdminState& g = s->Admin;
    const bool on_pin = s->Screen == Screen::Pin;
    switch (a.Kind) {
    case AdminKind::PinChecked:
        if (!on_pin || !g.Checking)
            return;
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
        return;

    case AdminKind::PinState:
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
        return;

    default:
        return;
    }
}

} // namespace

// A switch over the facilitator's kinds, each a few lines.
FlowState StepAdmin(const FlowContext& ctx, FlowState state, const AdminAction& a, double now,
                    std::vector<Effect>* effects) {
    if (ScreenArea(state.Screen) == Area::Campfire) // a campfire meeting has its own screens and taps
        return state;
    FlowState* s = &state;
    AdminState& g = s->Admin;
    const bool on_pin = s->Screen == Screen::Pin, on_admin = s->Screen == Screen::Admin;

    switch (a.Kind) {
    case AdminKind::CornerHold:
        if (s->Screen != Screen::Attract)
            g.Holding = false;
        else if (a.Value == "down" && !g.Holding) {
            g.Holding = true;
            g.HoldSince = now;
        } else if (a.Value == "up")
            g.Holding = false;
        return state;

    case AdminKind::PinDigit:
        if (on_pin && !g.Checking && IsDigit(a.Value) && g.PinEntry.size() < kPinMaxDigits) {
            g.PinEntry += a.Value;
            if (g.PinMessage != "pin.unset")
                g.PinMessage.clear();
        }
        return state;

    case AdminKind::PinClear:
        if (on_pin && !g.Checking)
            g.PinEntry.clear();
        return state;

    case AdminKind::PinCancel:
        if (on_pin && !g.Checking)
            ToAttract(ctx, s, now);
        return state;

    case AdminKind::PinOk: {
        if (!on_pin || g.Checking)
            return state;
        if (!g.PinSet) {
            g.PinMessage = "pin.unset";
            g.PinEntry.clear();
            return state;
        }
        if (now < g.BlockedUntil) { // not even checked; logged all the same
            g.PinMessage.clear(); // the screen shows the lock and its seconds
            g.PinEntry.clear();
            effects->push_back(AdminEffect{AdminEffectKind::LogPinAttempt, "delayed"});
            return state;
        }
        if (g.PinEntry.size() < kPinMinDigits) {
            g.PinMessage = "pin.too_short";
            return state;
        }
        effects->push_back(AdminEffect{AdminEffectKind::CheckPin, g.PinEntry});
        g.PinEntry.clear(); // the digits leave the state with the effect
        g.PinMessage.clear();
        g.Checking = true;
        return state;
    }

    case AdminKind::PinChecked:
    case AdminKind::PinState:
        StepPinResult(s, a, now, effects);
        return state;

    case AdminKind::FiguresLoaded:
        if (on_admin) {
            g.Figures = a.Figures;
            g.Figures.Loaded = true;
        }
        return state;

    case AdminKind::SyncNow:
        if (!on_admin)
            return state;
        if (!g.Figures.Enrolled)
            g.AdminMessage = "admin.not_enrolled";
        else if (!g.Figures.SyncRunning)
            g.AdminMessage = "admin.sync_off";
        else {
            g.AdminMessage = "admin.syncing";
            effects->push_back(AdminEffect{AdminEffectKind::SyncNow});
        }
        return state;

    case AdminKind::Back:
        if (on_admin)
            ToAttract(ctx, s, now);
        return state;

    case AdminKind::Quit:
        if (on_admin && !g.QuitChosen) {
            g.QuitChosen = true;
            effects->push_back(AdminEffect{AdminEffectKind::Quit});
        }
        return state;

    }
    return state;
}

//-----------------------------------------------------------------------------
// [SECTION] timers
//-----------------------------------------------------------------------------

double AdminDeadline(const FlowContext& ctx, const FlowState& s) {
    const AdminState& g = s.Admin;
    switch (s.Screen) {
    case Screen::Attract: return g.Holding ? g.HoldSince + ctx.Config.AdminHold : kNever;
    case Screen::Pin: return g.Checking ? kNever : s.LastInput + ctx.Config.IdleTimeout;
    case Screen::Admin: return std::min(s.LastInput + ctx.Config.IdleTimeout, g.FiguresAt + kFiguresRefresh);
    default: return kNever;
    }
}

double PinLockedLeft(const FlowState& s, double now) { return std::max(0.0, s.Admin.BlockedUntil - now); }

} // namespace kiosk
