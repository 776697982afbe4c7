// Speech in the flow, on a fake clock: what "lees voor" says, that speech-on reads each
// new screen, that a chosen answer is never spoken, and that speech resets per visit.
#include "content/outcome.hpp"
#include "kiosk/flow.hpp"
#include "fixtures_kiosk.hpp"
#include "kiosk/screen_speech.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace kiosk;

namespace {

struct SpeechHarness : FlowHarness {
    explicit SpeechHarness(const content::Pack& pack = BundledPack(), const std::string& lang = "nl")
        : FlowHarness(pack, lang) {}
    // Every Speak effect of the last step.
    std::vector<const SpeechEffect*> Spoken() const {
        std::vector<const SpeechEffect*> out;
        for (const Effect& e : Effects)
            if (Is(e, SpeechEffectKind::Speak))
                out.push_back(&std::get<SpeechEffect>(e));
        return out;
    }
    bool Stopped() const {
        return std::any_of(Effects.begin(), Effects.end(), [](const Effect& e) { return Is(e, SpeechEffectKind::Stop); });
    }
    const content::Question& Q() const {
        const content::Question* q = CurrentQuestion(Ctx, S);
        REQUIRE(q);
        return *q;
    }
    std::string Ui(const char* key) const { return content::Ui(*Ctx.Pack, key, S.Lang); }
    std::string Label(const content::Option& o) const { return content::Tr(o.Label, S.Lang, "nl"); }
};

bool Contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

} // namespace

TEST_CASE("lees voor: the question, then every option in order, then the buttons, in the visit's language") {
    for (const std::string lang : {"nl", "en"}) {
        CAPTURE(lang);
        SpeechHarness h;
        h.Do(VisitKind::SetLanguage, lang);
        h.Do(VisitKind::Start, "v");
        REQUIRE(h.S.Screen == Screen::Question);
        CHECK(h.Spoken().empty()); // speech is off by default: nothing is read by itself

        h.Do(SpeechKind::ReadAloud);
        REQUIRE(h.Spoken().size() == 1);
        const SpeechEffect& e = *h.Spoken()[0];
        CHECK(e.Lang == lang);
        CHECK(e.Volume == 100);
        const content::Question& q = h.Q();
        std::vector<std::string> want = {content::Tr(q.Prompt, lang, "nl")};
        for (const content::Option& o : q.Options)
            want.push_back(h.Label(o));
        // "Vraag 1 van 4", the prompt, the options, then skip and stop.
        REQUIRE(e.Texts.size() == want.size() + 3);
        CHECK(e.Texts[0] == (lang == "nl" ? "Vraag 1 van 4" : "Question 1 of 4"));
        for (size_t i = 0; i < want.size(); i++)
            CHECK(e.Texts[1 + i] == want[i]);
        CHECK(e.Texts[want.size() + 1] == h.Ui("question.skip"));
        CHECK(e.Texts[want.size() + 2] == h.Ui("question.stop"));
        CHECK(h.S.Screen == Screen::Question); // reading changes nothing else
    }
}

TEST_CASE("choosing an answer is never spoken; after it only the next screen's own texts") {
    for (bool speech_on : {false, true}) {
        CAPTURE(speech_on);
        SpeechHarness h;
        h.Do(VisitKind::Start, "v");
        if (speech_on)
            h.Do(SpeechKind::On);
        const size_t n = CurrentPoll(h.Ctx, h.S)->Questions.size();
        for (size_t i = 0; i < n; i++) {
            const content::Question& q = h.Q();
            const content::Option& chosen = q.Options.back();
            h.Do(VisitKind::Answer, chosen.Id);
            CHECK(h.Spoken().empty()); // the tap itself says nothing
            h.Do(VisitKind::Committed);
            if (!speech_on) {
                CHECK(h.Spoken().empty());
                continue;
            }
            // Exactly what "lees voor" on the new screen says, and nothing else.
            REQUIRE(h.Spoken().size() == 1);
            CHECK(h.Spoken()[0]->Texts == ScreenSpeech(h.Ctx, h.S, h.Now));
            if (h.S.Screen == Screen::Question) { // the chosen label only if the next question offers it too
                const content::Question& next = h.Q();
                bool offered = std::any_of(next.Options.begin(), next.Options.end(),
                                           [&](const content::Option& o) { return h.Label(o) == h.Label(chosen); });
                if (!offered)
                    CHECK_FALSE(Contains(h.Spoken()[0]->Texts, h.Label(chosen)));
            } else {
                CHECK_FALSE(Contains(h.Spoken()[0]->Texts, h.Label(chosen)));
            }
        }
        CHECK(h.S.Screen == Screen::Thanks);
    }
}

TEST_CASE("a draft answer (multiple, top, budget, matrix) is never read: the selection changes nothing spoken") {
    SpeechHarness h(BundledPack());
    h.Do(VisitKind::StartPraatplaat, "v");
    h.Do(VisitKind::Next);
    h.Do(SpeechKind::On);
    for (const char* zone : {"dna", "rolverdeling", "realisatiekracht"}) {
        CAPTURE(zone);
        h.Do(VisitKind::OpenZone, zone);
        h.Do(VisitKind::Next); // past what the zone is about
        REQUIRE(h.S.Screen == Screen::Question);
        h.Do(SpeechKind::ReadAloud);
        REQUIRE(h.Spoken().size() == 1);
        const std::vector<std::string> before = h.Spoken()[0]->Texts;
        const content::Question& q = h.Q();
        switch (q.Type) {
        case content::QuestionType::Multiple:
        case content::QuestionType::Top: h.Do(VisitKind::Toggle, q.Options[0].Id); break;
        case content::QuestionType::Budget: h.Do(VisitKind::Increase, q.Options[0].Id); break;
        case content::QuestionType::Single: h.Do(VisitKind::Answer, q.Options[0].Id); break;
        default: FAIL("unexpected first question type");
        }
        CHECK(h.Spoken().empty());
        if (q.Type == content::QuestionType::Single) {
            h.Do(VisitKind::Committed);
        } else {
            CHECK_FALSE((h.S.Draft.Chosen.empty() && h.S.Draft.Amounts.empty()));
            h.Do(SpeechKind::ReadAloud);
            REQUIRE(h.Spoken().size() == 1);
            CHECK(h.Spoken()[0]->Texts == before); // the draft is not looked at
        }
        h.Do(VisitKind::Stop); // back to the poster
        REQUIRE(h.S.Screen == Screen::Poster);
    }
}

TEST_CASE("budget and matrix questions: the total and the topics, never what is left") {
    SpeechHarness h;
    h.Do(VisitKind::StartPraatplaat, "v");
    h.Do(VisitKind::Next);
    h.Do(VisitKind::OpenZone, "realisatiekracht");
    h.Do(VisitKind::Next); // past what the zone is about
    const content::Question& q = h.Q();
    REQUIRE(q.Type == content::QuestionType::Budget);
    h.Do(VisitKind::Increase, q.Options[0].Id);
    h.Do(SpeechKind::ReadAloud);
    const std::vector<std::string>& said = h.Spoken().at(0)->Texts;
    const std::string total = "U verdeelt " + std::to_string(q.Total) + " " + content::Tr(q.Unit, "nl", "nl") + ".";
    CHECK(Contains(said, total));
    for (const std::string& text : said)
        CHECK(text.find("Nog te verdelen") == std::string::npos);

    h.Do(VisitKind::Stop);
    h.Do(VisitKind::OpenZone, "rolverdeling");
    h.Do(VisitKind::Next); // past what the zone is about
    h.Do(VisitKind::Skip);
    const content::Question& m = h.Q();
    REQUIRE(m.Type == content::QuestionType::Matrix);
    h.Do(SpeechKind::ReadAloud);
    const std::vector<std::string>& matrix = h.Spoken().at(0)->Texts;
    for (const content::Option& row : m.Rows)
        CHECK(Contains(matrix, h.Label(row)));
    for (const content::Option& col : m.Options)
        CHECK(Contains(matrix, h.Label(col)));
}

TEST_CASE("speech on reads every new screen, in the visit's language, until turned off") {
    SpeechHarness h;
    h.Do(VisitKind::SetLanguage, "en");
    h.Do(SpeechKind::On); // on the attract screen: it reads the attract screen at once
    REQUIRE(h.Spoken().size() == 1);
    CHECK(h.Spoken()[0]->Texts.front() == content::Ui(*h.Ctx.Pack, "attract.title", "en"));
    h.Do(VisitKind::Start, "v");
    REQUIRE(h.Spoken().size() == 1);
    CHECK(h.Spoken()[0]->Lang == "en");
    CHECK(Contains(h.Spoken()[0]->Texts, content::Tr(h.Q().Prompt, "en", "nl")));
    h.Do(VisitKind::Skip);
    REQUIRE(h.Spoken().size() == 1);
    CHECK(Contains(h.Spoken()[0]->Texts, content::Tr(h.Q().Prompt, "en", "nl")));
    h.Do(CommonKind::Input); // a touch that changes no screen says nothing
    CHECK(h.Spoken().empty());

    h.Do(SpeechKind::Off);
    CHECK(h.Stopped());
    CHECK_FALSE(h.S.SpeechOn);
    h.Do(VisitKind::Skip);
    CHECK(h.Spoken().empty());
}

TEST_CASE("the idle warning is spoken with the seconds left when speech is on, not when off") {
    for (bool speech_on : {false, true}) {
        CAPTURE(speech_on);
        SpeechHarness h;
        h.Do(VisitKind::Start, "v");
        if (speech_on)
            h.Do(SpeechKind::On);
        h.Tick(60);
        REQUIRE(h.S.Screen == Screen::StillThere);
        // The warning comes at least 20 s before the reset.
        CHECK(NextDeadline(h.Ctx, h.S) - h.Now >= 20.0);
        if (!speech_on) {
            CHECK(h.Spoken().empty());
            continue;
        }
        REQUIRE(h.Spoken().size() == 1);
        const std::vector<std::string>& said = h.Spoken()[0]->Texts;
        REQUIRE(said.size() == 3);
        CHECK(said[0] == "Bent u er nog?");
        CHECK(said[1] == "Over 20 seconden begint de kiosk opnieuw.");
        CHECK(said[2] == h.Ui("still_there.continue"));
        h.Tick(5);
        CHECK(h.Spoken().empty()); // said once, not every second
        h.Do(SpeechKind::ReadAloud); // a tap asks again: the seconds left now
        CHECK(h.Spoken().at(0)->Texts[1] == "Over 15 seconden begint de kiosk opnieuw.");
        h.Do(VisitKind::Continue); // back to the question, read again
        REQUIRE(h.Spoken().size() == 1);
        CHECK(Contains(h.Spoken()[0]->Texts, content::Tr(h.Q().Prompt, "nl", "nl")));
    }
}

TEST_CASE("speech and volume go back to the defaults for the next visitor, however the visit ends") {
    enum End { Thanks, TimeOut, Stop };
    for (End end : {Thanks, TimeOut, Stop}) {
        CAPTURE(int(end));
        SpeechHarness h;
        h.Do(VisitKind::Start, "v");
        h.Do(SpeechKind::On);
        h.Do(SpeechKind::Louder);
        REQUIRE(h.Spoken().size() == 1);
        CHECK(h.Spoken()[0]->Texts == std::vector<std::string>{"Harder"}); // heard at the new volume
        CHECK(h.Spoken()[0]->Volume > 100);
        REQUIRE(h.S.SpeechOn);
        REQUIRE(h.S.SpeechVolume == 1);
        switch (end) {
        case Thanks:
            while (h.S.Screen == Screen::Question) {
                h.Do(VisitKind::Answer, h.Q().Options[0].Id);
                h.Do(VisitKind::Committed);
            }
            REQUIRE(h.S.Screen == Screen::Thanks);
            h.Tick(10);
            break;
        case TimeOut:
            h.Tick(60);
            h.Tick(20);
            break;
        case Stop: h.Do(VisitKind::Stop); break;
        }
        REQUIRE(h.S.Screen == Screen::Attract);
        CHECK(h.Stopped());            // silence at once
        CHECK(h.Spoken().empty());     // and the attract screen is not read to nobody
        CHECK_FALSE(h.S.SpeechOn);
        CHECK(h.S.SpeechVolume == 0);
        h.Do(VisitKind::Start, "w");
        CHECK(h.Spoken().empty());     // the next visitor starts without speech
        h.Do(SpeechKind::ReadAloud);
        CHECK(h.Spoken().at(0)->Volume == 100);
    }
}

TEST_CASE("speech set on at the attract screen by someone who walks away resets after the idle time") {
    SpeechHarness h;
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity());
    h.Do(SpeechKind::On);
    h.Do(SpeechKind::Softer);
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 60));
    h.Tick(59);
    CHECK(h.S.SpeechOn);
    h.Tick(1);
    CHECK_FALSE(h.S.SpeechOn);
    CHECK(h.S.SpeechVolume == 0);
    CHECK(h.Stopped());
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity());
}

TEST_CASE("volume: two steps each way, within a visit") {
    SpeechHarness h;
    h.Do(VisitKind::Start, "v");
    std::vector<int> volumes;
    for (int i = 0; i < 3; i++) {
        h.Do(SpeechKind::Louder);
        volumes.push_back(h.Spoken().at(0)->Volume);
    }
    CHECK(h.S.SpeechVolume == 2);
    CHECK(volumes[0] < volumes[1]);
    CHECK(volumes[1] == volumes[2]); // no louder than two steps
    for (int i = 0; i < 5; i++)
        h.Do(SpeechKind::Softer);
    CHECK(h.S.SpeechVolume == -2);
    CHECK(h.Spoken().at(0)->Volume == SpeechVolumePercent(-2));
    CHECK(SpeechVolumePercent(-2) > 0);
    h.Do(SpeechKind::ReadAloud);
    CHECK(h.Spoken().at(0)->Volume == SpeechVolumePercent(-2));
}

TEST_CASE("the outcome is not read by itself, and a tap reads neither the lean nor the witte vlekken") {
    SpeechHarness h;
    h.Do(VisitKind::StartPraatplaat, "v");
    h.Do(VisitKind::Next);
    // Every zone answered: the most say, and weak spots.
    for (const content::Poll& zone : h.Ctx.Pack->Zones) {
        h.Do(VisitKind::OpenZone, zone.Id);
        h.Do(VisitKind::Next); // past what the zone is about
        while (h.S.Screen == Screen::Question) {
            const content::Question& q = h.Q();
            if (q.Type == content::QuestionType::Multiple || q.Type == content::QuestionType::Top ||
                q.Type == content::QuestionType::Budget || q.Type == content::QuestionType::Matrix) {
                h.Do(VisitKind::Skip);
                continue;
            }
            // The most say where an option says how much, else the last (weet ik niet: weak).
            const content::Option* pick = &q.Options.back();
            for (const content::Option& o : q.Options)
                if (o.Level > pick->Level)
                    pick = &o;
            h.Do(VisitKind::Answer, pick->Id);
            h.Do(VisitKind::Committed);
        }
        REQUIRE(h.S.Screen == Screen::Results);
        h.Do(VisitKind::Next);
        while (h.S.Screen == Screen::Results)
            h.Do(VisitKind::Next);
        REQUIRE(h.S.Screen == Screen::Poster);
    }
    const content::Outcome outcome = content::ComputeOutcome(*h.Ctx.Pack, h.S.Given);
    REQUIRE(outcome.Lean);
    REQUIRE_FALSE(outcome.WitteVlekken.empty());

    h.Do(SpeechKind::On); // reads the poster
    REQUIRE(h.Spoken().size() == 1);
    h.Do(VisitKind::ShowOutcome);
    REQUIRE(h.S.Screen == Screen::Outcome);
    CHECK(h.Spoken().empty()); // derived from the answers: not read by itself

    h.Do(SpeechKind::ReadAloud);
    REQUIRE(h.Spoken().size() == 1);
    const std::vector<std::string>& said = h.Spoken()[0]->Texts;
    CHECK(said == std::vector<std::string>{h.Ui("outcome.title"), h.Ui("speech.outcome_private"), h.Ui("outcome.done")});
    for (const std::string& text : said) {
        for (const content::Archetype& a : h.Ctx.Pack->Archetypes) {
            CHECK(text.find(content::Tr(a.Label, "nl", "nl")) == std::string::npos);
            CHECK(text.find(content::Tr(a.Explain, "nl", "nl")) == std::string::npos);
        }
        for (const content::Question* q : outcome.WitteVlekken)
            CHECK(text.find(content::Tr(q->Prompt, "nl", "nl")) == std::string::npos);
    }
}

TEST_CASE("results are read when they arrive: the whole wijk's counts") {
    SpeechHarness h;
    h.Do(VisitKind::Start, "v");
    h.Do(SpeechKind::On);
    while (h.S.Screen == Screen::Question) {
        h.Do(VisitKind::Answer, h.Q().Options[0].Id);
        h.Do(VisitKind::Committed);
    }
    h.Do(VisitKind::ShowResults);
    REQUIRE(h.S.Screen == Screen::Results);
    CHECK(h.Spoken().empty()); // still loading
    const content::Question& q = CurrentPoll(h.Ctx, h.S) ? h.Ctx.Pack->FindPoll(h.S.ResultsPoll)->Questions[0]
                                                         : h.Ctx.Pack->Polls[0].Questions[0];
    VisitAction loaded{VisitKind::ResultsLoaded};
    Chart c;
    c.AnswerId = q.Id;
    c.Respondents = 9;
    for (const content::Option& o : q.Options)
        c.Counts.push_back({o.Id, 2});
    c.Counts[0].second = 1;
    loaded.Charts = {c, c};
    h.Effects.clear();
    h.S = Step(h.Ctx, h.S, loaded, h.Now, &h.Effects);
    REQUIRE(h.Spoken().size() == 1);
    const std::vector<std::string>& said = h.Spoken()[0]->Texts;
    CHECK(said[0] == h.Ui("results.title"));
    CHECK(said[1] == content::Tr(q.Prompt, "nl", "nl"));
    CHECK(said[2] == h.Label(q.Options[0]) + ": 1");
    h.Do(VisitKind::Next); // the next chart: read too
    CHECK(h.Spoken().size() == 1);
}

TEST_CASE("every screen has something to say, with every template filled") {
    SpeechHarness h;
    auto check = [&] {
        std::vector<std::string> said = ScreenSpeech(h.Ctx, h.S, h.Now);
        CAPTURE(ScreenName(h.S.Screen));
        CHECK_FALSE(said.empty());
        for (const std::string& text : said) {
            CHECK_FALSE(text.empty());
            CHECK(text.find('{') == std::string::npos);
        }
    };
    check(); // attract
    h.Do(VisitKind::StartPraatplaat, "v");
    check(); // intro
    h.Do(VisitKind::Next);
    check(); // poster
    for (const content::Poll& zone : h.Ctx.Pack->Zones) {
        h.Do(VisitKind::OpenZone, zone.Id);
        h.Do(VisitKind::Next); // past what the zone is about
        while (h.S.Screen == Screen::Question) {
            check();
            h.Do(VisitKind::Skip);
        }
        check(); // results
        while (h.S.Screen == Screen::Results)
            h.Do(VisitKind::Next);
    }
    h.Do(VisitKind::ShowOutcome);
    check();
    h.Tick(60);
    check(); // still there
    h.Do(VisitKind::Continue);
    h.Do(VisitKind::Done);
    while (h.S.Screen == Screen::Question)
        h.Do(VisitKind::Skip);
    check(); // thanks
}
