// The flow is pure: every transition here runs on a fake clock, without ImGui or SQLite.
#include "content/pack_loader.hpp"
#include "kiosk/flow.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

const content::Pack& BundledPack() {
    static content::LoadResult r = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model");
    REQUIRE(r.Ok());
    return r.Pack;
}

struct Harness {
    FlowContext Ctx;
    FlowState S;
    double Now = 1000.0;
    std::vector<Effect> Effects;

    Harness() {
        Ctx.Pack = &BundledPack();
        S = InitialState(Ctx, "nl", Now);
    }
    void Do(ActionKind kind, std::string value = {}) {
        Effects.clear();
        S = Step(Ctx, S, {kind, std::move(value)}, Now, &Effects);
    }
    void Tick(double seconds) {
        Now += seconds;
        Do(ActionKind::Tick);
    }
    // Answers the current question with its first option and lets the journal commit.
    void AnswerAndCommit() {
        const content::Question* q = CurrentQuestion(Ctx, S);
        REQUIRE(q);
        Do(ActionKind::Answer, q->Options.front().Id);
        REQUIRE(Effects.size() == 1);
        Do(ActionKind::Committed);
    }
    size_t QuestionCount() const { return CurrentPoll(Ctx, S)->Questions.size(); }
};

} // namespace

TEST_CASE("a visit: attract, every question, thanks, and back to attract") {
    Harness h;
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.SessionId.empty());

    h.Do(ActionKind::Start, "session-1");
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
    REQUIRE(h.Effects.size() == 1);
    CHECK(h.Effects[0].Kind == EffectKind::EndSession);
    CHECK(h.Effects[0].SessionId == "session-1");
}

TEST_CASE("an answer moves on only after its commit") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    const content::Question* q = CurrentQuestion(h.Ctx, h.S);
    h.Do(ActionKind::Answer, q->Options[1].Id);

    REQUIRE(h.Effects.size() == 1);
    CHECK(h.Effects[0].Kind == EffectKind::CommitAnswers);
    CHECK(h.Effects[0].SessionId == "s");
    REQUIRE(h.Effects[0].Answers.size() == 1);
    CHECK(h.Effects[0].Answers[0].QuestionId == q->Id);
    CHECK(h.Effects[0].Answers[0].Value == q->Options[1].Id);
    CHECK(h.Effects[0].Lang == "nl");
    // Still the same question while the journal writes.
    CHECK(h.S.Screen == Screen::Question);
    CHECK(h.S.QuestionIndex == 0);
    CHECK(h.S.Saving);

    SUBCASE("a second tap while saving is ignored") {
        h.Do(ActionKind::Answer, q->Options[0].Id);
        CHECK(h.Effects.empty());
        h.Do(ActionKind::Skip);
        CHECK(h.S.QuestionIndex == 0);
    }
    SUBCASE("the idle timer does not fire while saving") {
        h.Tick(h.Ctx.Config.IdleTimeout + 1);
        CHECK(h.S.Screen == Screen::Question);
    }
    h.Do(ActionKind::Committed);
    CHECK(h.S.QuestionIndex == 1);
    CHECK_FALSE(h.S.Saving);
}

TEST_CASE("a failed commit shows the error screen, never thanks") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    const size_t n = h.QuestionCount();
    for (size_t i = 0; i + 1 < n; i++)
        h.AnswerAndCommit();
    // The last answer fails: no thanks.
    h.Do(ActionKind::Answer, CurrentQuestion(h.Ctx, h.S)->Options.front().Id);
    h.Do(ActionKind::CommitFailed, "database or disk is full");
    CHECK(h.S.Screen == Screen::Error);
    CHECK(h.S.ErrorDetail == "database or disk is full");
    CHECK(h.S.Answered == int(n - 1));

    SUBCASE("a late Committed does not turn the error into thanks") {
        h.Do(ActionKind::Committed);
        CHECK(h.S.Screen == Screen::Error);
    }
    SUBCASE("the error screen returns to attract by itself") {
        h.Tick(h.Ctx.Config.ErrorDuration);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.ErrorDetail.empty());
    }
    SUBCASE("or with its button") {
        h.Do(ActionKind::Done);
        CHECK(h.S.Screen == Screen::Attract);
    }
}

TEST_CASE("answers that are not options of the question are ignored") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    h.Do(ActionKind::Answer, "no-such-option");
    CHECK(h.Effects.empty());
    CHECK_FALSE(h.S.Saving);
    h.Do(ActionKind::Answer, "");
    CHECK(h.Effects.empty());
}

TEST_CASE("skip moves on without storing anything") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    for (size_t i = 0; i < h.QuestionCount(); i++) {
        h.Do(ActionKind::Skip);
        CHECK(h.Effects.empty());
    }
    CHECK(h.S.Screen == Screen::Thanks);
    CHECK(h.S.Answered == 0);
}

TEST_CASE("stop ends the visit: thanks after an answer, attract without one") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    SUBCASE("no answer yet") {
        h.Do(ActionKind::Stop);
        CHECK(h.S.Screen == Screen::Attract);
        CHECK(h.S.SessionId.empty());
    }
    SUBCASE("one answer") {
        h.AnswerAndCommit();
        h.Do(ActionKind::Stop);
        CHECK(h.S.Screen == Screen::Thanks);
    }
}

TEST_CASE("idle time-out: the warning after 60 s, attract 20 s later") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    h.AnswerAndCommit();

    h.Tick(59.5); // binary fractions keep the fake clock exact
    CHECK(h.S.Screen == Screen::Question);
    h.Tick(0.5);
    CHECK(h.S.Screen == Screen::StillThere);
    CHECK(StillThereSecondsLeft(h.Ctx, h.S, h.Now) == doctest::Approx(20.0));
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 20.0));

    SUBCASE("one tap continues where the resident was") {
        h.Tick(15);
        h.Do(ActionKind::Continue);
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
        REQUIRE(h.Effects.size() == 1);
        CHECK(h.Effects[0].Kind == EffectKind::EndSession);
        // The next visit is a new session from the first question.
        h.Do(ActionKind::Start, "s2");
        CHECK(h.S.SessionId == "s2");
        CHECK(h.S.QuestionIndex == 0);
    }
}

TEST_CASE("any touch resets the idle timer") {
    Harness h;
    h.Do(ActionKind::Start, "s");
    h.Tick(50);
    h.Do(ActionKind::Input);
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
    h.Do(ActionKind::Start, "s");
    h.Tick(100);
    CHECK(h.S.Screen == Screen::Question);
    h.Tick(20);
    CHECK(h.S.Screen == Screen::StillThere);
}

TEST_CASE("language: chosen on the attract screen, reset for the next visitor") {
    Harness h;
    CHECK(h.S.Lang == "nl");
    h.Do(ActionKind::SetLanguage, "xx"); // not in the pack
    CHECK(h.S.Lang == "nl");
    h.Do(ActionKind::SetLanguage, "en");
    CHECK(h.S.Lang == "en");
    h.Do(ActionKind::Start, "s");
    h.Do(ActionKind::SetLanguage, "nl"); // not during a visit
    CHECK(h.S.Lang == "en");
    h.Do(ActionKind::Answer, CurrentQuestion(h.Ctx, h.S)->Options.front().Id);
    REQUIRE(h.Effects.size() == 1);
    CHECK(h.Effects[0].Lang == "en");
    h.Do(ActionKind::Committed);
    h.Do(ActionKind::Stop);
    h.Do(ActionKind::Done);
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
    h.Do(ActionKind::Answer, "4");
    h.Do(ActionKind::Skip);
    h.Do(ActionKind::Continue);
    h.Do(ActionKind::Committed);
    h.Do(ActionKind::Done);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.Effects.empty());
    h.Do(ActionKind::Start, ""); // a start without a session id is refused
    CHECK(h.S.Screen == Screen::Attract);
}
