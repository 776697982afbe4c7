// The flow's part that protects the kiosk, on a fake clock: the long press, the PIN
// screen and its growing delays, the admin screen, the gap between visits and the flag
// on repeated visits. Pure: no ImGui, no SQLite, no hashing (that is an effect).
#include "kiosk/flow.hpp"
#include "kiosk/flow_admin.hpp"
#include "fixtures_kiosk.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace kiosk;

namespace {

struct Harness : FlowHarness {
    // The long press, then the journal's answer about the PIN.
    void OpenPin(bool pin_set = true, long long wrong_in_a_row = 0) {
        Do(AdminKind::CornerHold, "down");
        Tick(Ctx.Config.AdminHold);
        REQUIRE(S.Screen == Screen::Pin);
        REQUIRE(Has(AdminEffectKind::LoadPinState));
        Do(AdminKind::CornerHold, "up");
        AdminAction state{AdminKind::PinState, pin_set ? "set" : "unset"};
        state.Count = wrong_in_a_row;
        Do(state);
    }
    void Type(const std::string& digits) {
        for (char c : digits)
            Do(AdminKind::PinDigit, std::string(1, c));
    }
    // Types a PIN, OK, and the check at the edge answers `result`.
    void TryPin(const std::string& result) {
        Type("1234");
        Do(AdminKind::PinOk);
        REQUIRE(Has(AdminEffectKind::CheckPin));
        Do(AdminKind::PinChecked, result);
    }
    // One quick-poll visit answering every question with option `option`, then "Klaar".
    std::vector<bool> Visit(size_t option = 0) {
        std::vector<bool> flags;
        Do(VisitKind::Start, "visit-" + std::to_string(Now));
        REQUIRE(S.Screen == Screen::Question);
        while (S.Screen == Screen::Question) {
            const content::Question* q = CurrentQuestion(Ctx, S);
            Do(VisitKind::Answer, q->Options[option % q->Options.size()].Id);
            REQUIRE(Effects.size() == 1);
            flags.push_back(As<VisitEffect>(Effects[0]).Flagged);
            Do(VisitKind::Committed);
        }
        REQUIRE(S.Screen == Screen::Thanks);
        Do(VisitKind::Done);
        REQUIRE(S.Screen == Screen::Attract);
        return flags;
    }
};

} // namespace

TEST_CASE("the long press: 3 s in the corner opens the PIN screen, shorter opens nothing") {
    Harness h;
    h.Do(AdminKind::CornerHold, "down");
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 3.0)); // the main loop wakes for it
    h.Tick(2.9);
    CHECK(h.S.Screen == Screen::Attract);

    SUBCASE("let go before 3 s: nothing, and the next press starts from zero") {
        h.Do(AdminKind::CornerHold, "up");
        h.Tick(5);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity());
        h.Do(AdminKind::CornerHold, "down");
        h.Tick(2.5);
        CHECK(h.S.Screen == Screen::Attract);
        h.Tick(0.5);
        CHECK(h.S.Screen == Screen::Pin);
    }
    SUBCASE("held on: the PIN screen opens at 3 s, before letting go") {
        h.Tick(0.1);
        CHECK(h.S.Screen == Screen::Pin);
        CHECK(ScreenName(h.S.Screen) == std::string("pin"));
        CHECK(h.Has(AdminEffectKind::LoadPinState));
        CHECK_FALSE(h.S.Admin.Holding);
    }
    SUBCASE("a press during a visit means nothing") {
        Harness v;
        v.Do(VisitKind::Start, "s");
        v.Do(AdminKind::CornerHold, "down");
        v.Tick(10);
        CHECK(v.S.Screen == Screen::Question);
        CHECK_FALSE(v.S.Admin.Holding);
    }
}

TEST_CASE("the PIN screen: digits, wissen, annuleren, and no PIN set") {
    Harness h;
    SUBCASE("without a PIN the keypad says how to set one and checks nothing") {
        h.OpenPin(false);
        CHECK(h.S.Admin.PinMessage == "pin.unset");
        h.Type("1234");
        h.Do(AdminKind::PinOk);
        CHECK_FALSE(h.Has(AdminEffectKind::CheckPin));
        CHECK(h.S.Screen == Screen::Pin);
        CHECK(h.S.Admin.PinMessage == "pin.unset");
    }
    SUBCASE("digits up to 8, wissen clears, too short is not checked") {
        h.OpenPin();
        h.Type("123456789");
        CHECK(h.S.Admin.PinEntry == "12345678");
        h.Do(AdminKind::PinDigit, "x");
        CHECK(h.S.Admin.PinEntry == "12345678");
        h.Do(AdminKind::PinClear);
        CHECK(h.S.Admin.PinEntry.empty());
        h.Type("123");
        h.Do(AdminKind::PinOk);
        CHECK_FALSE(h.Has(AdminEffectKind::CheckPin));
        CHECK(h.S.Admin.PinMessage == "pin.too_short");
    }
    SUBCASE("annuleren: back to attract, nothing typed kept") {
        h.OpenPin();
        h.Type("12");
        h.Do(AdminKind::PinCancel);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.Admin.PinEntry.empty());
    }
    SUBCASE("left alone: back to attract after the idle time-out") {
        h.OpenPin();
        h.Type("12");
        h.Tick(h.Ctx.Config.IdleTimeout - 1);
        CHECK(h.S.Screen == Screen::Pin);
        h.Tick(1);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.Admin.PinEntry.empty());
    }
    SUBCASE("the check runs at the edge; the digits leave the state with it") {
        h.OpenPin();
        h.Type("4321");
        h.Do(AdminKind::PinOk);
        REQUIRE(h.Effects.size() == 1);
        CHECK(Is(h.Effects[0], AdminEffectKind::CheckPin));
        CHECK(As<AdminEffect>(h.Effects[0]).Value == "4321");
        CHECK(h.S.Admin.PinEntry.empty());
        CHECK(h.S.Admin.Checking);
        h.Type("9"); // ignored while checking
        h.Do(AdminKind::PinCancel);
        CHECK(h.S.Screen == Screen::Pin);
        CHECK(h.S.Admin.PinEntry.empty());
        h.Tick(1000); // no time-out while the check runs
        CHECK(h.S.Screen == Screen::Pin);
        h.Do(AdminKind::PinChecked, "ok");
        CHECK(h.S.Screen == Screen::Admin);
        CHECK(h.Has(AdminEffectKind::LoadFigures));
    }
}

TEST_CASE("wrong PINs get growing delays; during a delay a PIN is not even checked") {
    Harness h;
    h.OpenPin();
    h.TryPin("wrong");
    CHECK(h.S.Admin.PinMessage == "pin.wrong");
    CHECK(PinLockedLeft(h.S, h.Now) == 0.0);
    h.TryPin("wrong");
    CHECK(PinLockedLeft(h.S, h.Now) == 0.0);
    h.TryPin("wrong"); // the third: 5 s
    CHECK(PinLockedLeft(h.S, h.Now) == doctest::Approx(5.0));
    CHECK(CountdownShowing(h.S, h.Now));
    CHECK(NextCountdownChange(h.S, h.Now + 0.25) == doctest::Approx(h.Now + 1.0)); // "5" becomes "4"

    // Tried during the delay: refused without a check, logged as delayed, no longer delay.
    h.Tick(4);
    h.Type("1234");
    h.Do(AdminKind::PinOk);
    REQUIRE(h.Effects.size() == 1);
    CHECK(Is(h.Effects[0], AdminEffectKind::LogPinAttempt));
    CHECK(As<AdminEffect>(h.Effects[0]).Value == "delayed");
    CHECK(h.S.Admin.PinEntry.empty());
    CHECK(h.S.Admin.Failures == 3);
    CHECK(PinLockedLeft(h.S, h.Now) == doctest::Approx(1.0));

    h.Tick(1); // the delay is over: checked again
    h.TryPin("wrong"); // the fourth: 10 s
    CHECK(PinLockedLeft(h.S, h.Now) == doctest::Approx(10.0));
    h.Tick(10);
    h.TryPin("wrong"); // the fifth: 20 s
    CHECK(PinLockedLeft(h.S, h.Now) == doctest::Approx(20.0));

    SUBCASE("leaving the PIN screen does not end the delay") {
        h.Do(AdminKind::PinCancel);
        h.OpenPin(true, 0); // the journal is asked again, but the flow's own count stands
        CHECK(h.S.Admin.Failures == 5);
        CHECK(PinLockedLeft(h.S, h.Now) > 15.0);
    }
    SUBCASE("the right PIN resets the count") {
        h.Tick(20);
        h.TryPin("ok");
        CHECK(h.S.Screen == Screen::Admin);
        CHECK(h.S.Admin.Failures == 0);
        h.Do(AdminKind::Back);
        h.OpenPin();
        h.TryPin("wrong");
        CHECK(PinLockedLeft(h.S, h.Now) == 0.0);
    }
}

TEST_CASE("after a restart the journal's wrong PINs in a row lock the keypad again") {
    Harness h;
    h.OpenPin(true, 4); // four wrong before the kiosk restarted: 10 s from now
    CHECK(h.S.Admin.Failures == 4);
    CHECK(PinLockedLeft(h.S, h.Now) == doctest::Approx(10.0));
    h.Type("1234");
    h.Do(AdminKind::PinOk);
    CHECK_FALSE(h.Has(AdminEffectKind::CheckPin));
}

TEST_CASE("the admin screen: figures, sync now, back, quit, and its own time-out") {
    Harness h;
    h.OpenPin();
    h.TryPin("ok");
    REQUIRE(h.S.Screen == Screen::Admin);
    CHECK(ScreenName(h.S.Screen) == std::string("admin"));
    AdminAction loaded{AdminKind::FiguresLoaded};
    loaded.Figures.Waiting = 7;
    h.Do(loaded);
    CHECK(h.S.Admin.Figures.Loaded);
    CHECK(h.S.Admin.Figures.Waiting == 7);

    SUBCASE("the figures are read again every 2 s while it shows") {
        h.Tick(2);
        CHECK(h.Has(AdminEffectKind::LoadFigures));
    }
    SUBCASE("sync now: not enrolled says so, and nothing runs") {
        h.Do(AdminKind::SyncNow);
        CHECK_FALSE(h.Has(AdminEffectKind::SyncNow));
        CHECK(h.S.Admin.AdminMessage == "admin.not_enrolled");
    }
    SUBCASE("sync now: enrolled with a worker, one round") {
        loaded.Figures.Enrolled = true;
        loaded.Figures.SyncRunning = true;
        h.Do(loaded);
        h.Do(AdminKind::SyncNow);
        CHECK(h.Has(AdminEffectKind::SyncNow));
        CHECK(h.S.Admin.AdminMessage == "admin.syncing");
    }
    SUBCASE("a resident's actions mean nothing here") {
        h.Do(VisitKind::Start, "s");
        h.Do(VisitKind::StartPraatplaat, "s");
        h.Do(VisitKind::Answer, "4");
        CHECK(h.S.Screen == Screen::Admin);
        CHECK(h.S.SessionId.empty());
    }
    SUBCASE("terug naar de kiosk") {
        h.Do(AdminKind::Back);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK_FALSE(h.S.Admin.Figures.Loaded); // nothing of it left on screen
    }
    SUBCASE("kiosk afsluiten: the one way out") {
        h.Do(AdminKind::Quit);
        CHECK(h.Has(AdminEffectKind::Quit));
        CHECK(h.S.Admin.QuitChosen);
    }
    SUBCASE("left open: back to attract by itself after the idle time-out") {
        for (int i = 0; i < 29; i++) { // the figures are read again every 2 s: not a touch
            h.Tick(2);
            h.Do(loaded);
        }
        h.Tick(h.Ctx.Config.IdleTimeout - 58 - 1);
        CHECK(h.S.Screen == Screen::Admin);
        h.Tick(1);
        CHECK(h.S.Screen == Screen::Attract);
    }
}

TEST_CASE("the gap between visits: 5 s after a visit with answers, said in words") {
    Harness h;
    h.Visit();
    h.Do(VisitKind::Start, "too-soon");
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.SessionId.empty());
    CHECK(ShowGapMessage(h.S, h.Now));
    CHECK(VisitGapLeft(h.S, h.Now) == doctest::Approx(5.0));
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 5.0)); // the message goes by itself
    h.Tick(4.5);
    h.Do(VisitKind::StartPraatplaat, "still-too-soon");
    CHECK(h.S.Screen == Screen::Attract);
    h.Tick(0.5);
    CHECK_FALSE(ShowGapMessage(h.S, h.Now));
    h.Do(VisitKind::Start, "now");
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.SessionId == "now");

    SUBCASE("a visit without answers leaves no gap") {
        Harness e;
        e.Do(VisitKind::Start, "empty");
        e.Do(VisitKind::Stop);
        REQUIRE(e.S.Screen == Screen::Attract);
        e.Do(VisitKind::Start, "next");
        CHECK(e.S.Screen == Screen::Question);
    }
    SUBCASE("the gap counts from the last touch: after the thanks time-out there is none") {
        Harness t;
        t.Do(VisitKind::Start, "s");
        const content::Question* q = CurrentQuestion(t.Ctx, t.S);
        t.Do(VisitKind::Answer, q->Options[0].Id);
        t.Do(VisitKind::Committed);
        t.Do(VisitKind::Stop);
        REQUIRE(t.S.Screen == Screen::Thanks);
        t.Tick(t.Ctx.Config.ThanksDuration);
        REQUIRE(t.S.Screen == Screen::Attract);
        t.Do(VisitKind::Start, "next");
        CHECK(t.S.Screen == Screen::Question);
    }
    SUBCASE("--min-visit-gap 0: no gap") {
        Harness z;
        z.Ctx.Config.MinVisitGap = 0;
        z.Visit();
        z.Do(VisitKind::Start, "next");
        CHECK(z.S.Screen == Screen::Question);
    }
}

TEST_CASE("a visit that repeats the one before within 30 s is stored, flagged") {
    Harness h;
    const std::vector<bool> first = h.Visit();
    CHECK(std::count(first.begin(), first.end(), true) == 0);
    h.Tick(5);
    const std::vector<bool> repeat = h.Visit(); // the same answers, 5 s later
    CHECK(std::count(repeat.begin(), repeat.end(), false) == 0);

    SUBCASE("another answer on the first question: nothing of the visit is flagged") {
        h.Tick(5);
        const std::vector<bool> other = h.Visit(1);
        CHECK(std::count(other.begin(), other.end(), true) == 0);
    }
    SUBCASE("the same answers more than 30 s later: not flagged") {
        h.Tick(31);
        const std::vector<bool> later = h.Visit();
        CHECK(std::count(later.begin(), later.end(), true) == 0);
    }
    SUBCASE("the same answers within 30 s of a flagged visit: flagged again") {
        h.Tick(29);
        const std::vector<bool> again = h.Visit();
        CHECK(std::count(again.begin(), again.end(), false) == 0);
    }
}
