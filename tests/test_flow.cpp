// The flow is pure: every transition here runs on a fake clock, without ImGui or SQLite.
#include "content/pack_loader.hpp"
#include "content/free_text.hpp"
#include "fixtures_kiosk.hpp"
#include "kiosk/flow.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

struct Harness : FlowHarness {
    // Answers the current question with its first option and lets the journal commit.
    void AnswerAndCommit() {
        const content::Question* q = CurrentQuestion(Ctx, S);
        REQUIRE(q);
        Do(VisitKind::Answer, q->Options.front().Id);
        REQUIRE(Effects.size() == 1);
        Do(VisitKind::Committed);
    }
    size_t QuestionCount() const { return CurrentPoll(Ctx, S)->Questions.size(); }
};

} // namespace

TEST_CASE("a visit: attract, every question, thanks, and back to attract") {
    Harness h;
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.SessionId.empty());

    h.Do(VisitKind::Start, "session-1");
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.SessionId == "session-1");
    CHECK(h.S.PollId == h.Ctx.Pack->StartPoll);

    const size_t n = h.QuestionCount();
    for (size_t i = 0; i < n; i++) {
        CHECK(h.S.Screen == Screen::Question);
        CHECK(h.S.QuestionIndex == int(i));
        h.AnswerAndCommit();
    }
    CHECK(h.S.Screen == Screen::Thanks);
    CHECK(h.S.Answered == int(n));

    h.Tick(h.Ctx.Config.ThanksDuration - 0.5);
    CHECK(h.S.Screen == Screen::Thanks);
    h.Tick(0.5);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.SessionId.empty());
    CHECK(h.S.Answered == 0);
    REQUIRE(h.Effects.size() == 2); // the session ends; the attract screen's results are renewed
    CHECK(Is(h.Effects[0], VisitEffectKind::EndSession));
    CHECK(As<VisitEffect>(h.Effects[0]).SessionId == "session-1");
    CHECK(Is(h.Effects[1], VisitEffectKind::LoadHighlights));
}

TEST_CASE("an answer moves on only after its commit") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    const content::Question* q = CurrentQuestion(h.Ctx, h.S);
    h.Do(VisitKind::Answer, q->Options[1].Id);

    REQUIRE(h.Effects.size() == 1);
    CHECK(Is(h.Effects[0], VisitEffectKind::CommitAnswers));
    CHECK(As<VisitEffect>(h.Effects[0]).SessionId == "s");
    REQUIRE(As<VisitEffect>(h.Effects[0]).Answers.size() == 1);
    CHECK(As<VisitEffect>(h.Effects[0]).Answers[0].QuestionId == q->Id);
    CHECK(As<VisitEffect>(h.Effects[0]).Answers[0].Value == q->Options[1].Id);
    CHECK(As<VisitEffect>(h.Effects[0]).Lang == "nl");
    // Still the same question while the journal writes.
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.QuestionIndex == 0);
    CHECK(h.S.Saving);

    SUBCASE("a second tap while saving is ignored") {
        h.Do(VisitKind::Answer, q->Options[0].Id);
        CHECK(h.Effects.empty());
        h.Do(VisitKind::Skip);
        CHECK(h.S.QuestionIndex == 0);
    }
    SUBCASE("the idle timer does not fire while saving") {
        h.Tick(h.Ctx.Config.IdleTimeout + 1);
        CHECK(h.S.Screen == Screen::Question);
    }
    h.Do(VisitKind::Committed);
    CHECK(h.S.QuestionIndex == 1);
    CHECK_FALSE(h.S.Saving);
}

TEST_CASE("a failed commit shows the error screen, never thanks") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    const size_t n = h.QuestionCount();
    for (size_t i = 0; i + 1 < n; i++)
        h.AnswerAndCommit();
    // The last answer fails: no thanks.
    h.Do(VisitKind::Answer, CurrentQuestion(h.Ctx, h.S)->Options.front().Id);
    h.Do(VisitKind::CommitFailed, "database or disk is full");
    CHECK(h.S.Screen == Screen::Error);
    CHECK(h.S.ErrorDetail == "database or disk is full");
    CHECK(h.S.Answered == int(n - 1));

    SUBCASE("a late Committed does not turn the error into thanks") {
        h.Do(VisitKind::Committed);
        CHECK(h.S.Screen == Screen::Error);
    }
    SUBCASE("the error screen returns to attract by itself") {
        h.Tick(h.Ctx.Config.ErrorDuration);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.ErrorDetail.empty());
    }
    SUBCASE("or with its button") {
        h.Do(VisitKind::Done);
        CHECK(h.S.Screen == Screen::Attract);
    }
}

TEST_CASE("answers that are not options of the question are ignored") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    h.Do(VisitKind::Answer, "no-such-option");
    CHECK(h.Effects.empty());
    CHECK_FALSE(h.S.Saving);
    h.Do(VisitKind::Answer, "");
    CHECK(h.Effects.empty());
}

TEST_CASE("skip moves on without storing anything") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    for (size_t i = 0; i < h.QuestionCount(); i++) {
        h.Do(VisitKind::Skip);
        CHECK(h.Effects.empty());
    }
    CHECK(h.S.Screen == Screen::Thanks);
    CHECK(h.S.Answered == 0);
}

TEST_CASE("stop ends the visit: thanks after an answer, attract without one") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    SUBCASE("no answer yet") {
        h.Do(VisitKind::Stop);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.SessionId.empty());
    }
    SUBCASE("one answer") {
        h.AnswerAndCommit();
        h.Do(VisitKind::Stop);
        CHECK(h.S.Screen == Screen::Thanks);
    }
}

TEST_CASE("idle time-out: the warning after 60 s, attract 20 s later") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    h.AnswerAndCommit();

    h.Tick(59.5); // binary fractions keep the fake clock exact
    CHECK(h.S.Screen == Screen::Question);
    h.Tick(0.5);
    CHECK(h.S.Screen == Screen::StillThere);
    CHECK(StillThereSecondsLeft(h.Ctx, h.S, h.Now) == doctest::Approx(20.0));
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 20.0));

    SUBCASE("one tap continues where the resident was") {
        h.Tick(15);
        h.Do(VisitKind::Continue);
        CHECK(h.S.Screen == Screen::Question);
        CHECK(h.S.QuestionIndex == 1);
        CHECK(h.S.SessionId == "s");
        // And the timer starts again from the tap.
        h.Tick(59);
        CHECK(h.S.Screen == Screen::Question);
        h.Tick(1);
        CHECK(h.S.Screen == Screen::StillThere);
    }
    SUBCASE("nobody answers: back to attract, nothing of the visit left") {
        h.Tick(19.5);
        CHECK(h.S.Screen == Screen::StillThere);
        CHECK(StillThereSecondsLeft(h.Ctx, h.S, h.Now) == doctest::Approx(0.5));
        h.Tick(0.5);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.SessionId.empty());
        CHECK(h.S.QuestionIndex == 0);
        CHECK(h.S.Answered == 0);
        REQUIRE(h.Effects.size() == 2);
        CHECK(Is(h.Effects[0], VisitEffectKind::EndSession));
        // The next visit is a new session from the first question.
        h.Do(VisitKind::Start, "s2");
        CHECK(h.S.SessionId == "s2");
        CHECK(h.S.QuestionIndex == 0);
    }
}

TEST_CASE("any touch resets the idle timer") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    h.Tick(50);
    h.Do(CommonKind::Input);
    h.Tick(50);
    CHECK(h.S.Screen == Screen::Question);
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 10));
    h.Tick(10);
    CHECK(h.S.Screen == Screen::StillThere);
}

TEST_CASE("the attract screen never times out") {
    Harness h;
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity());
    h.Tick(24 * 3600);
    CHECK(h.S.Screen == Screen::Attract);
}

TEST_CASE("the idle time-out is configurable") {
    Harness h;
    h.Ctx.Config.IdleTimeout = 120;
    h.Do(VisitKind::Start, "s");
    h.Tick(100);
    CHECK(h.S.Screen == Screen::Question);
    h.Tick(20);
    CHECK(h.S.Screen == Screen::StillThere);
}

TEST_CASE("language: chosen on the attract screen, reset for the next visitor") {
    Harness h;
    CHECK(h.S.Lang == "nl");
    h.Do(VisitKind::SetLanguage, "xx"); // not in the pack
    CHECK(h.S.Lang == "nl");
    h.Do(VisitKind::SetLanguage, "en");
    CHECK(h.S.Lang == "en");
    h.Do(VisitKind::Start, "s");
    h.Do(VisitKind::SetLanguage, "nl"); // not during a visit
    CHECK(h.S.Lang == "en");
    h.Do(VisitKind::Answer, CurrentQuestion(h.Ctx, h.S)->Options.front().Id);
    REQUIRE(h.Effects.size() == 1);
    CHECK(As<VisitEffect>(h.Effects[0]).Lang == "en");
    h.Do(VisitKind::Committed);
    h.Do(VisitKind::Stop);
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Lang == "nl");
}

TEST_CASE("an unknown start language falls back to the pack's first") {
    Harness h;
    FlowState s = InitialState(h.Ctx, "tlh", 0);
    CHECK(s.Lang == "nl");
    CHECK(InitialState(h.Ctx, "en", 0).Lang == "en");
}

TEST_CASE("actions that do not belong to the screen change nothing") {
    Harness h;
    h.Do(VisitKind::Answer, "4");
    h.Do(VisitKind::Skip);
    h.Do(VisitKind::Continue);
    h.Do(VisitKind::Committed);
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.Effects.empty());
    h.Do(VisitKind::Start, ""); // a start without a session id is refused
    CHECK(h.S.Screen == Screen::Attract);
}

//-----------------------------------------------------------------------------
// The praatplaat: intro, poster, zones, drafts, results, outcome
//-----------------------------------------------------------------------------


namespace {

struct PraatHarness : Harness {
    PraatHarness() {
        Ctx.Pack = &PraatplaatPack();
        S = InitialState(Ctx, "nl", Now);
        Do(VisitKind::StartPraatplaat, "visit");
        REQUIRE(S.Screen == Screen::Intro);
        Do(VisitKind::Next);
        REQUIRE(S.Screen == Screen::Poster);
    }
    // Lets the journal commit whatever the last step asked for; returns what it stored.
    std::vector<content::GivenAnswer> Commit() {
        REQUIRE(Effects.size() == 1);
        REQUIRE(Is(Effects[0], VisitEffectKind::CommitAnswers));
        std::vector<content::GivenAnswer> stored = As<VisitEffect>(Effects[0]).Answers;
        Do(VisitKind::Committed);
        return stored;
    }
    void Load(std::vector<Chart> charts) {
        VisitAction a{VisitKind::ResultsLoaded};
        a.Charts = std::move(charts);
        Effects.clear();
        S = Step(Ctx, S, a, Now, &Effects);
    }
    std::string QuestionId() { return CurrentQuestion(Ctx, S) ? CurrentQuestion(Ctx, S)->Id : ""; }
    // A zone from the poster: first what it is about, then "Beginnen" to its questions.
    void Open(const std::string& zone) {
        Do(VisitKind::OpenZone, zone);
        REQUIRE(S.Screen == Screen::Zone);
        Do(VisitKind::Next);
    }
};

} // namespace

TEST_CASE("praatplaat: a zone from the poster, then its results, then the poster with the zone marked") {
    PraatHarness h;
    h.Open("ieders-stem");
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.QuestionId() == "stem-iedereen");
    h.Do(VisitKind::Answer, "ja");
    h.Commit();
    CHECK(h.QuestionId() == "toegankelijk");
    h.Do(VisitKind::Answer, "4");
    h.Commit();

    CHECK(h.S.Screen == Screen::Results);
    REQUIRE(h.Effects.size() == 1);
    CHECK(Is(h.Effects[0], VisitEffectKind::LoadResults));
    CHECK(As<VisitEffect>(h.Effects[0]).PollId == "ieders-stem");
    CHECK(h.S.DoneZones == std::vector<std::string>{"ieders-stem"});

    // Fewer than 5 answers on a question: not shown.
    h.Load({{"stem-iedereen", {{"ja", 3}, {"nee", 1}}, 4}, {"toegankelijk", {{"4", 5}}, 5}});
    REQUIRE(h.S.Charts.size() == 1);
    CHECK(h.S.Charts[0].AnswerId == "toegankelijk");
    h.Do(VisitKind::Next);
    CHECK(h.S.Screen == Screen::Poster);
    CHECK(h.S.Answered == 2);
}

TEST_CASE("praatplaat: stopping half-way keeps every answer given") {
    PraatHarness h;
    h.Open("transparantie");
    h.Do(VisitKind::Answer, "nee");
    auto stored = h.Commit();
    CHECK(stored.size() == 1);
    h.Do(VisitKind::Stop); // in a zone: back to the poster, the zone not finished
    CHECK(h.S.Screen == Screen::Poster);
    CHECK(h.S.DoneZones.empty());
    CHECK(h.S.Given.size() == 1);
    h.Do(VisitKind::Stop); // on the poster: the visit ends with thanks
    CHECK(h.S.Screen == Screen::Thanks);
}

TEST_CASE("praatplaat: a matrix stores one answer per row set, in one commit") {
    PraatHarness h;
    h.Open("rolverdeling");
    CHECK(h.QuestionId() == "wie-beslist");
    h.Do(VisitKind::Next); // nothing set: nothing to store
    CHECK(h.Effects.empty());
    h.Do(VisitKind::SetCell, "verkeer=gemeente");
    h.Do(VisitKind::SetCell, "groen=samen");
    h.Do(VisitKind::SetCell, "groen=wijk"); // a row holds one choice: the last
    h.Do(VisitKind::SetCell, "nope=wijk");
    h.Do(VisitKind::SetCell, "spelen=nope");
    h.Do(VisitKind::Next);
    auto stored = h.Commit();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].QuestionId == "wie-beslist.groen"); // rows in pack order
    CHECK(stored[0].Value == "wijk");
    CHECK(stored[1].QuestionId == "wie-beslist.verkeer");
    CHECK(stored[1].Value == "gemeente");
    CHECK(h.QuestionId() == "hoeveel-zeggenschap");
    CHECK(h.S.Draft.Cells.empty()); // the next question starts clean
}

TEST_CASE("praatplaat: show-if, budget, top, multiple") {
    PraatHarness h;
    h.Open("samen-leren");
    CHECK(h.QuestionId() == "wijkpanel");

    SUBCASE("no wijkpanel: its follow-up question is passed over") {
        h.Do(VisitKind::Answer, "nee");
        h.Commit();
        CHECK(h.QuestionId() == "wijkbudget");
    }
    SUBCASE("a wijkpanel: the follow-up shows") {
        h.Do(VisitKind::Answer, "ja");
        h.Commit();
        CHECK(h.QuestionId() == "wijkpanel-vaak");
        h.Do(VisitKind::Skip); // every question can be skipped
        CHECK(h.QuestionId() == "wijkbudget");
    }

    // Budget: 10 munten, one a tap; never more than the total, never below zero.
    for (int i = 0; i < 7; i++)
        h.Do(VisitKind::Increase, "a");
    for (int i = 0; i < 5; i++)
        h.Do(VisitKind::Increase, "c");
    const content::Question* budget = CurrentQuestion(h.Ctx, h.S);
    CHECK(BudgetLeft(*budget, h.S.Draft) == 0);
    CHECK(h.S.Draft.Amounts["c"] == 3);
    h.Do(VisitKind::Decrease, "b");
    CHECK(h.S.Draft.Amounts["b"] == 0);
    h.Do(VisitKind::Decrease, "a");
    CHECK(BudgetLeft(*budget, h.S.Draft) == 1);
    h.Do(VisitKind::Next);
    auto stored = h.Commit();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].Value == "a:6,c:3");

    // Top 2: the order of tapping is the rank; a third pick is refused, a tap again removes.
    CHECK(h.QuestionId() == "prioriteiten");
    h.Do(VisitKind::Toggle, "z");
    h.Do(VisitKind::Toggle, "x");
    h.Do(VisitKind::Toggle, "y");
    CHECK(h.S.Draft.Chosen == std::vector<std::string>{"z", "x"});
    h.Do(VisitKind::Toggle, "z");
    h.Do(VisitKind::Toggle, "y");
    h.Do(VisitKind::Next);
    CHECK(h.Commit()[0].Value == "x,y");

    // Multiple, at most 2: stored in option order.
    CHECK(h.QuestionId() == "meedoen");
    h.Do(VisitKind::Answer, "p"); // a one-tap answer does not apply here
    CHECK(h.Effects.empty());
    h.Do(VisitKind::Toggle, "r");
    h.Do(VisitKind::Toggle, "p");
    h.Do(VisitKind::Next);
    CHECK(h.Commit()[0].Value == "p,r");
}

TEST_CASE("praatplaat: the outcome screen, then thanks; idle on the poster warns too") {
    PraatHarness h;
    h.Do(VisitKind::ShowOutcome);
    CHECK(h.S.Screen == Screen::Outcome);
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Thanks);

    PraatHarness idle;
    idle.Tick(60);
    CHECK(idle.S.Screen == Screen::StillThere);
    idle.Do(VisitKind::Continue);
    CHECK(idle.S.Screen == Screen::Poster);
}

TEST_CASE("the results of a quick poll are asked for from the thanks screen") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    for (size_t i = 0; i < h.QuestionCount(); i++)
        h.AnswerAndCommit();
    REQUIRE(h.S.Screen == Screen::Thanks);
    h.Do(VisitKind::ShowResults);
    CHECK(h.S.Screen == Screen::Results);
    REQUIRE(h.Effects.size() == 1);
    CHECK(Is(h.Effects[0], VisitEffectKind::LoadResults));
    CHECK(As<VisitEffect>(h.Effects[0]).PollId == h.Ctx.Pack->StartPoll);
    h.Do(VisitKind::Next); // no charts: next ends the visit
    CHECK(h.S.Screen == Screen::Attract);
}

TEST_CASE("a visit's answers are gone when the next visitor starts") {
    PraatHarness h;
    h.Open("ieders-stem");
    h.Do(VisitKind::Answer, "ja");
    h.Commit();
    CHECK_FALSE(h.S.Given.empty());
    h.Tick(60);
    h.Tick(20);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Given.empty());
    CHECK(h.S.DoneZones.empty());
    CHECK(h.S.Draft.Chosen.empty());
    CHECK_FALSE(h.S.Praatplaat);
}

TEST_CASE("after the praatplaat's outcome: the closing questions about the resident, then thanks") {
    nlohmann::json j = PraatplaatPackJson();
    j["closing_poll"] = "peiling";
    content::LoadResult r = content::LoadPackText(j.dump(), "closing.json");
    REQUIRE(r.Ok());
    Harness h;
    h.Ctx.Pack = &r.Pack;
    h.S = InitialState(h.Ctx, "nl", h.Now);
    h.Do(VisitKind::StartPraatplaat, "v");
    h.Do(VisitKind::Next);
    h.Do(VisitKind::ShowOutcome);
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.PollId == "peiling");
    SUBCASE("answered") {
        h.Do(VisitKind::Answer, "een");
        REQUIRE(h.Effects.size() == 1);
        h.Do(VisitKind::Committed);
        CHECK(h.S.Screen == Screen::Thanks); // not the results, not the poster
    }
    SUBCASE("stopped: thanks, not the poster") {
        h.Do(VisitKind::Stop);
        CHECK(h.S.Screen == Screen::Attract); // nothing answered in this visit
    }
}

namespace {

// The praatplaat's test pack has a text question "opmerking" (max 20) in samen-leren.
Harness AtTextQuestion() {
    Harness h;
    h.Ctx.Pack = &PraatplaatPack();
    h.S = InitialState(h.Ctx, "nl", h.Now);
    h.Do(VisitKind::StartPraatplaat, "s");
    h.Do(VisitKind::Next);
    h.Do(VisitKind::OpenZone, "samen-leren");
    h.Do(VisitKind::Next); // past what the zone is about
    for (int guard = 0; guard < 20 && CurrentQuestion(h.Ctx, h.S)->Id != "opmerking"; guard++)
        h.Do(VisitKind::Skip);
    REQUIRE(CurrentQuestion(h.Ctx, h.S)->Id == "opmerking");
    return h;
}

} // namespace

TEST_CASE("typing on the keyboard builds the text; klaar stores it cleaned") {
    Harness h = AtTextQuestion();
    for (const char* c : {"W", "ë", "l", "k", " ", "ł"})
        h.Do(VisitKind::TypeText, c);
    CHECK(h.S.Draft.Text == "Wëlk ł");
    h.Do(VisitKind::Backspace);
    h.Do(VisitKind::Backspace);
    CHECK(h.S.Draft.Text == "Wëlk");
    h.Do(VisitKind::TypeText, "ab"); // one key is one character
    CHECK(h.S.Draft.Text == "Wëlk");

    h.Do(VisitKind::ToggleShift);
    CHECK(h.S.Draft.Shift);
    h.Do(VisitKind::TypeText, "!");
    CHECK_FALSE(h.S.Draft.Shift); // one capital, then back
    h.Do(VisitKind::ToggleAccents);
    CHECK(h.S.Draft.Accents);

    h.Do(VisitKind::Next);
    REQUIRE(h.Effects.size() == 1);
    CHECK(Is(h.Effects[0], VisitEffectKind::CommitAnswers));
    REQUIRE(As<VisitEffect>(h.Effects[0]).Answers.size() == 1);
    CHECK(As<VisitEffect>(h.Effects[0]).Answers[0].QuestionId == "opmerking");
    CHECK(As<VisitEffect>(h.Effects[0]).Answers[0].Value == "Wëlk!");
}

TEST_CASE("the text stops at its cap, and a phone number is masked before it is stored") {
    Harness h = AtTextQuestion();
    for (int i = 0; i < 30; i++)
        h.Do(VisitKind::TypeText, "ę");
    CHECK(content::Utf8Length(h.S.Draft.Text) == 20);

    Harness p = AtTextQuestion();
    for (char c : std::string("bel 0612345678"))
        p.Do(VisitKind::TypeText, std::string(1, c));
    p.Do(VisitKind::Next);
    REQUIRE(p.Effects.size() == 1);
    CHECK(As<VisitEffect>(p.Effects[0]).Answers[0].Value == "bel [tel]");
}

TEST_CASE("klaar with nothing typed moves on without an answer; keys do nothing elsewhere") {
    Harness h = AtTextQuestion();
    h.Do(VisitKind::TypeText, " ");
    h.Do(VisitKind::Next);
    CHECK(h.Effects.empty() == false);
    for (const Effect& e : h.Effects)
        CHECK(!Is(e, VisitEffectKind::CommitAnswers));
    CHECK(h.S.Screen == Screen::Results); // the zone's end

    Harness other; // a quick poll question takes no typing
    other.Do(VisitKind::Start, "s");
    other.Do(VisitKind::TypeText, "a");
    CHECK(other.S.Draft.Text.empty());
}

TEST_CASE("typed text never outlives the visit") {
    Harness h = AtTextQuestion();
    h.Do(VisitKind::TypeText, "x");
    h.Tick(h.Ctx.Config.IdleTimeout + 1);
    CHECK(h.S.Screen == Screen::StillThere);
    h.Tick(h.Ctx.Config.StillThereTimeout + 1);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Draft.Text.empty());
}

TEST_CASE("A+ and contrast: for this visitor only") {
    Harness h;
    h.Do(CommonKind::ToggleLargeText);
    h.Do(CommonKind::ToggleContrast);
    CHECK(h.S.LargeText);
    CHECK(h.S.HighContrast);
    h.Do(VisitKind::Start, "s");
    CHECK(h.S.LargeText); // chosen on the attract screen, kept into the visit
    h.Do(VisitKind::Stop);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK_FALSE(h.S.LargeText);
    CHECK_FALSE(h.S.HighContrast);

    // Chosen, then nobody starts: after the idle time-out the defaults return.
    h.Do(CommonKind::ToggleLargeText);
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + h.Ctx.Config.IdleTimeout));
    h.Tick(h.Ctx.Config.IdleTimeout + 1);
    CHECK_FALSE(h.S.LargeText);
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity());
}

TEST_CASE("the idle warning comes 20 s before the reset and one tap extends it, again and again") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    for (int i = 0; i < 12; i++) {
        CAPTURE(i);
        h.Tick(h.Ctx.Config.IdleTimeout + 0.1);
        REQUIRE(h.S.Screen == Screen::StillThere);
        CHECK(StillThereSecondsLeft(h.Ctx, h.S, h.Now) >= 20.0 - 1e-9);
        h.Tick(19.0);
        REQUIRE(h.S.Screen == Screen::StillThere); // still time to answer
        h.Do(VisitKind::Continue);
        CHECK(h.S.Screen == Screen::Question);
    }
    h.Tick(h.Ctx.Config.IdleTimeout + 0.1);
    h.Tick(h.Ctx.Config.StillThereTimeout + 0.1);
    CHECK(h.S.Screen == Screen::Attract);
}

TEST_CASE("the attract screen alternates the invitation with the wijk's results") {
    Harness h;
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity()); // nothing to show: it sleeps
    VisitAction loaded{VisitKind::HighlightsLoaded};
    loaded.Highlights = {{"prettig-wonen", "4", 60, 10}, {"weet-wie-beslist", "ja", 50, 6}, {"x", "y", 90, 4}};
    h.S = Step(h.Ctx, h.S, loaded, h.Now, &h.Effects);
    REQUIRE(h.S.Highlights.size() == 2); // fewer than 5 answers never shows
    CHECK(h.S.HighlightShown == -1);
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + h.Ctx.Config.AttractRotate));
    h.Tick(h.Ctx.Config.AttractRotate);
    CHECK(h.S.HighlightShown == 0);
    h.Tick(h.Ctx.Config.AttractRotate);
    CHECK(h.S.HighlightShown == -1);
    h.Tick(h.Ctx.Config.AttractRotate);
    CHECK(h.S.HighlightShown == 1);
    h.Tick(h.Ctx.Config.AttractRotate / 2);
    CHECK(h.S.HighlightShown == 1); // not before its time

    // A visit, then back: the results stay, and new figures are asked for.
    h.Do(VisitKind::Start, "s");
    h.AnswerAndCommit();
    h.Do(VisitKind::Stop);
    CHECK(h.S.Screen == Screen::Thanks);
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Highlights.size() == 2);
    bool asked = false;
    for (const Effect& e : h.Effects)
        asked = asked || Is(e, VisitEffectKind::LoadHighlights);
    CHECK(asked);
}

//-----------------------------------------------------------------------------
// "Terug": back to the question before, with the answer given
//-----------------------------------------------------------------------------

namespace {

// Lets the journal commit the last step's answers under these ids.
void CommitAs(Harness& h, std::vector<std::string> ids) {
    REQUIRE(h.Has(VisitEffectKind::CommitAnswers));
    VisitAction done{VisitKind::Committed};
    done.Ids = std::move(ids);
    h.Do(done);
}

} // namespace

TEST_CASE("Terug: the question before shows the answer given; another answer replaces it, never deletes it") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    const content::Question* first = CurrentQuestion(h.Ctx, h.S);
    CHECK_FALSE(CanGoBack(h.S)); // the first question has no way back
    h.Do(VisitKind::Answer, first->Options[0].Id);
    CHECK(As<VisitEffect>(h.Effects[0]).Replaces == std::vector<std::string>{""}); // a first answer replaces nothing
    CommitAs(h, {"id-first"});
    REQUIRE(h.S.QuestionIndex == 1);
    CHECK(CanGoBack(h.S));

    h.Do(VisitKind::Back);
    CHECK(h.Effects.empty()); // going back stores nothing
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.QuestionIndex == 0);
    CHECK(h.S.Draft.Chosen == std::vector<std::string>{first->Options[0].Id}); // shown as chosen
    CHECK_FALSE(CanGoBack(h.S));

    SUBCASE("another answer: stored, naming the one it replaces") {
        h.Do(VisitKind::Answer, first->Options[2].Id);
        const VisitEffect* commit = h.Find(VisitEffectKind::CommitAnswers);
        REQUIRE(commit);
        CHECK(commit->Answers[0].Value == first->Options[2].Id);
        CHECK(commit->Replaces == std::vector<std::string>{"id-first"});
        CommitAs(h, {"id-second"});
        CHECK(h.S.QuestionIndex == 1);
        CHECK(h.S.Draft.Chosen.empty()); // the next question was never answered
        REQUIRE(h.S.Given.size() == 1);  // show-if and the outcome see the latest answer only
        CHECK(h.S.Given[0].Value == first->Options[2].Id);
        CHECK(h.S.GivenIds.at(first->Id) == "id-second");
        h.Do(VisitKind::Back); // and changed once more: it replaces the latest
        h.Do(VisitKind::Answer, first->Options[1].Id);
        CHECK(h.Find(VisitEffectKind::CommitAnswers)->Replaces == std::vector<std::string>{"id-second"});
    }
    SUBCASE("the same answer, or Verder: on, with nothing stored") {
        h.Do(VisitKind::Answer, first->Options[0].Id);
        CHECK(h.Effects.empty());
        CHECK(h.S.QuestionIndex == 1);
        h.Do(VisitKind::Back);
        h.Do(VisitKind::Next);
        CHECK(h.Effects.empty());
        CHECK(h.S.QuestionIndex == 1);
        CHECK(h.S.Given.size() == 1);
    }
}

TEST_CASE("Terug: a skipped question can be answered on the way back") {
    Harness h;
    h.Do(VisitKind::Start, "s");
    const content::Question* first = CurrentQuestion(h.Ctx, h.S);
    h.Do(VisitKind::Skip);
    h.Do(VisitKind::Back);
    CHECK(h.S.QuestionIndex == 0);
    CHECK(h.S.Draft.Chosen.empty());
    h.Do(VisitKind::Answer, first->Options[1].Id);
    CHECK(h.Find(VisitEffectKind::CommitAnswers)->Replaces == std::vector<std::string>{""});
}

TEST_CASE("Terug: goes back over questions a show-if passed over, and not while an answer is saved") {
    PraatHarness h;
    h.Open("samen-leren");
    h.Do(VisitKind::Answer, "nee"); // no wijkpanel: its follow-up is passed over
    CHECK(h.S.Saving);
    CHECK_FALSE(CanGoBack(h.S));
    h.Do(VisitKind::Back);
    CHECK(h.S.Saving); // ignored while the journal writes
    CHECK(h.Effects.empty());
    h.Do(VisitKind::Committed);
    REQUIRE(h.QuestionId() == "wijkbudget");
    h.Do(VisitKind::Back);
    CHECK(h.QuestionId() == "wijkpanel");
}

TEST_CASE("Terug: a budget, a top and a matrix come back as they were given") {
    PraatHarness h;
    h.Open("samen-leren");
    h.Do(VisitKind::Skip);
    h.Do(VisitKind::Increase, "a");
    h.Do(VisitKind::Increase, "c");
    h.Do(VisitKind::Next);
    h.Commit();
    h.Do(VisitKind::Toggle, "y");
    h.Do(VisitKind::Toggle, "x");
    h.Do(VisitKind::Next);
    h.Commit();
    REQUIRE(h.QuestionId() == "meedoen");
    h.Do(VisitKind::Back);
    CHECK(h.QuestionId() == "prioriteiten");
    CHECK(h.S.Draft.Chosen == std::vector<std::string>{"y", "x"}); // the rank kept
    h.Do(VisitKind::Back);
    CHECK(h.QuestionId() == "wijkbudget");
    CHECK(h.S.Draft.Amounts == std::map<std::string, int>{{"a", 1}, {"c", 1}});

    PraatHarness m;
    m.Open("rolverdeling");
    m.Do(VisitKind::SetCell, "groen=wijk");
    m.Do(VisitKind::Next);
    m.Commit();
    m.Do(VisitKind::Back);
    CHECK(m.QuestionId() == "wie-beslist");
    CHECK(m.S.Draft.Cells == std::map<std::string, std::string>{{"groen", "wijk"}});
}

TEST_CASE("praatplaat: a zone first says what it is about; Beginnen starts it, back returns to the poster") {
    PraatHarness h;
    h.Do(VisitKind::OpenZone, "ieders-stem");
    CHECK(h.S.Screen == Screen::Zone);
    CHECK(h.S.PollId == "ieders-stem");
    CHECK(h.Effects.empty()); // nothing stored by looking
    h.Do(VisitKind::Stop);
    CHECK(h.S.Screen == Screen::Poster);
    h.Do(VisitKind::OpenZone, "ieders-stem");
    h.Do(VisitKind::Next);
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.QuestionIndex == 0);
    CHECK_FALSE(CanGoBack(h.S));
}
