// The kiosk's data path (kiosk/action_queue.hpp): an action is stepped, the effects of
// that step run in order after it, and what an effect reports is stepped only after every
// other effect of the same step has run, never in a nested step. A fake edge stands in
// for the journal and the speaker: it logs each effect and what the state was then.
#include "fixtures_kiosk.hpp"
#include "kiosk/action_queue.hpp"

#include <string>
#include <vector>

using namespace kiosk;

namespace {

struct QueueHarness : FlowHarness {
    ActionQueue Queue;
    std::vector<std::string> Log; // "effect NAME (state as the effect saw it)"

    void Drain() {
        Queue.Drain(Ctx, &S, [this] { return Now; }, [this](const Effect& e) { Run(e); });
    }
    // The fake edge: a commit succeeds, highlights arrive, speech is only logged.
    void Run(const Effect& e) {
        if (Is(e, VisitEffectKind::CommitAnswers)) {
            Log.push_back("commit (question " + std::to_string(S.QuestionIndex) + ")");
            Queue.Push(VisitAction{VisitKind::Committed});
        } else if (Is(e, VisitEffectKind::LoadHighlights)) {
            Log.push_back("load highlights (" + std::to_string(S.Highlights.size()) + " shown)");
            VisitAction loaded{VisitKind::HighlightsLoaded};
            loaded.Highlights = {{"q", "ja", 80, 12}};
            Queue.Push(loaded);
            Drain(); // an edge that dispatches at once: only queued, never a nested step
        } else if (Is(e, VisitEffectKind::EndSession)) {
            Log.push_back("end session");
        } else if (Is(e, SpeechEffectKind::Stop)) {
            Log.push_back("stop speech (" + std::to_string(S.Highlights.size()) + " shown)");
        } else if (Is(e, SpeechEffectKind::Speak)) {
            Log.push_back("speak (question " + std::to_string(S.QuestionIndex) + ")");
        }
    }
};

} // namespace

TEST_CASE("an effect's answer is stepped after every other effect of the same step") {
    QueueHarness h;
    h.Do(VisitKind::Start, "v");
    h.Do(SpeechKind::On); // so that the visit's end also stops speech: a third effect
    while (h.S.Screen == Screen::Question) {
        h.Do(VisitKind::Skip);
    }
    REQUIRE(h.S.Screen == Screen::Thanks);
    REQUIRE(h.S.Highlights.empty());

    // "Klaar": the session ends, the highlights load, speech stops, in that order; the
    // highlights' answer is stepped only after the stop has run.
    h.Queue.Push(VisitAction{VisitKind::Done});
    h.Drain();
    CHECK(h.Log == std::vector<std::string>{"end session", "load highlights (0 shown)", "stop speech (0 shown)"});
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Highlights.size() == 1); // and then it was stepped
    CHECK(h.Queue.Empty());
}

TEST_CASE("a commit's answer waits behind the actions queued before it") {
    QueueHarness h;
    h.Do(VisitKind::Start, "v");
    REQUIRE(h.S.Screen == Screen::Question);
    REQUIRE(h.S.QuestionIndex == 0);
    const content::Question* q = CurrentQuestion(h.Ctx, h.S);
    REQUIRE(q);

    // A tap on an answer and "lees voor" in the same frame: the commit runs after the
    // answer's step, the reading after its own step, and only then is the commit's
    // answer (Committed) stepped, which moves on to the next question.
    h.Queue.Push(VisitAction{VisitKind::Answer, q->Options.front().Id});
    h.Queue.Push(SpeechAction{SpeechKind::ReadAloud});
    h.Drain();
    CHECK(h.Log == std::vector<std::string>{"commit (question 0)", "speak (question 0)"});
    CHECK(h.S.QuestionIndex == 1);
    CHECK_FALSE(h.S.Saving);
    CHECK(h.S.Answered == 1);
    CHECK(h.Queue.Empty());
}

TEST_CASE("a drain with nothing queued steps nothing") {
    QueueHarness h;
    const FlowState before = h.S;
    h.Drain();
    CHECK(h.Log.empty());
    CHECK(h.S.Screen == before.Screen);
    CHECK(h.S.LastInput == before.LastInput);
}
