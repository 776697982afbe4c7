// The flow's part for a campfire meeting, on a fake clock: set-up, the picker, tap
// votes with their pause, hand counts, the reveal, show-if on the group's answers,
// agreements, the summary and its export, the end, the idle time-out. Pure: no ImGui,
// no SQLite, no files (those are effects).
#include "campfire_states.hpp"
#include "test_packs.hpp"

#include <algorithm>
#include <limits>

using namespace kiosk;

namespace {

// Every effect of the whole test: never one that stores a walk-in answer.
void CheckNoWalkInAnswers(const CampfireHarness& h) {
    for (const Effect& e : h.All)
        CHECK(!Is(e, VisitEffectKind::CommitAnswers));
}

const CampfireCount& CountOf(const CampfireHarness& h, const std::string& answer_id, const std::string& option) {
    static const CampfireCount none;
    auto a = h.S.Campfire.Counts.find(answer_id);
    if (a == h.S.Campfire.Counts.end())
        return none;
    auto o = a->second.find(option);
    return o == a->second.end() ? none : o->second;
}

} // namespace

TEST_CASE("campfire set-up: only from the admin screen; defaults from the edge; date, present, name") {
    CampfireHarness h(PraatplaatPack());
    h.Do(CampfireKind::Start, "11111111-1111-4111-8111-111111111111");
    CHECK(h.S.Screen == Screen::Attract); // not without the PIN

    h.Setup("Selwerd", "2026-02-28");
    CHECK(ScreenName(h.S.Screen) == std::string("campfire-setup"));
    CHECK(h.S.Campfire.Id == "11111111-1111-4111-8111-111111111111");
    CHECK(h.S.Campfire.Wijk == "Selwerd");
    CHECK(h.S.Campfire.Date == "2026-02-28");
    h.Do(CampfireKind::Date, "+1");
    CHECK(h.S.Campfire.Date == "2026-03-01");
    h.Do(CampfireKind::Date, "-1");
    h.Do(CampfireKind::Date, "-1");
    CHECK(h.S.Campfire.Date == "2026-02-27");
    const int start = h.S.Campfire.Present;
    h.Do(CampfireKind::Present, "+1");
    CHECK(h.S.Campfire.Present == start + 1);
    for (int i = 0; i < 200; i++)
        h.Do(CampfireKind::Present, "-1");
    CHECK(h.S.Campfire.Present == 1);
    for (int i = 0; i < 200; i++)
        h.Do(CampfireKind::Present, "+1");
    CHECK(h.S.Campfire.Present == 99);

    // No name: refused, in words.
    h.Do(CampfireKind::SetupDone);
    CHECK(h.S.Screen == Screen::CampfireSetup);
    CHECK(h.S.Campfire.Message == "campfire.need_name");
    CHECK(h.Effects.empty());

    // The name on the keyboard: cleaned when "Klaar" is tapped, capped.
    h.Do(CampfireKind::Edit, "name");
    CHECK(h.S.Campfire.Editing == CampfireField::Name);
    h.Do(CampfireKind::SetupDone); // the keyboard is up: nothing else happens
    CHECK(h.S.Screen == Screen::CampfireSetup);
    for (char c : std::string("  Buurtavond x"))
        h.Do(CampfireKind::TypeText, std::string(1, c));
    h.Do(CampfireKind::Backspace);
    h.Do(CampfireKind::Backspace);
    h.Do(CampfireKind::Next);
    CHECK(h.S.Campfire.Editing == CampfireField::None);
    CHECK(h.S.Campfire.Name == "Buurtavond");
    h.Do(CampfireKind::Edit, "wijk");
    for (int i = 0; i < 100; i++)
        h.Do(CampfireKind::TypeText, "a");
    h.Do(CampfireKind::Next);
    CHECK(h.S.Campfire.Wijk.size() == 60); // "Selwerd" and then a's up to the cap

    h.Do(CampfireKind::SetupDone);
    CHECK(h.S.Screen == Screen::CampfirePick);
    const auto* save = h.Find(CampfireEffectKind::SaveSession);
    REQUIRE(save);
    CHECK(save->SessionId == h.S.Campfire.Id);
    CHECK(save->Campfire.Name == "Buurtavond");
    CHECK(save->Campfire.Date == "2026-02-27");
    CHECK(save->Campfire.Present == 99);
    CheckNoWalkInAnswers(h);

    SUBCASE("cancel before it is stored: back to the admin screen, its figures loaded") {
        CampfireHarness c(PraatplaatPack());
        c.Setup();
        c.Do(CampfireKind::Cancel);
        CHECK(c.S.Screen == Screen::Admin);
        CHECK(c.Find(AdminEffectKind::LoadFigures));
        CHECK(c.S.Campfire.Id.empty());
    }
}

TEST_CASE("campfire picker: supported questions only, a matrix as one step per row") {
    const content::Pack& pack = PraatplaatPack();
    const content::Poll* rol = pack.FindPoll("rolverdeling");
    REQUIRE(rol);
    std::vector<CampfireItem> items = CampfireItems(*rol);
    REQUIRE(items.size() == 4); // wie-beslist's three rows, then hoeveel-zeggenschap
    CHECK(CampfireAnswerId(items[0]) == "wie-beslist.groen");
    CHECK(CampfireAnswerId(items[3]) == "hoeveel-zeggenschap");
    CHECK(CampfireQuestionCount(*rol) == 2);
    const content::Poll* leren = pack.FindPoll("samen-leren"); // yes_no, single, budget, top, multiple, smiley, text
    REQUIRE(leren);
    // Issue 14: a group answers budget, top 3 and multiple choice too; free text only is left out.
    CHECK(CampfireQuestionCount(*leren) == 6);
    CHECK(CampfireSupports(content::QuestionType::Agree));
    CHECK(CampfireSupports(content::QuestionType::Budget));
    CHECK(CampfireSupports(content::QuestionType::Top));
    CHECK(CampfireSupports(content::QuestionType::Multiple));
    CHECK_FALSE(CampfireSupports(content::QuestionType::Text));

    CampfireHarness h(pack);
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "no-such-zone");
    CHECK(h.S.Screen == Screen::CampfirePick);
    h.Do(CampfireKind::OpenPoll, "rolverdeling");
    CHECK(h.S.Screen == Screen::CampfireQuestion);
    CHECK(CampfireQuestion(h.Ctx, h.S)->Id == "wie-beslist");
    CHECK(h.S.Campfire.Mode == CountMode::Taps);
    CHECK_FALSE(h.S.Campfire.Revealed);
}

TEST_CASE("campfire tap votes: one tap one vote, 'Stem geteld' for 1.5 s, a double tap is one vote") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    REQUIRE(CampfireQuestion(h.Ctx, h.S)->Id == "stem-iedereen");

    h.Do(CampfireKind::Vote, "ja");
    CHECK(CountOf(h, "stem-iedereen", "ja").Count == 1);
    const auto* save = h.Find(CampfireEffectKind::SaveCounts);
    REQUIRE(save);
    REQUIRE(save->Rows.size() == 1);
    CHECK(save->Rows[0].AnswerId == "stem-iedereen");
    CHECK(save->Rows[0].Option == "ja");
    CHECK(save->Rows[0].Count == 1); // the new total, so a repeat of the effect changes nothing
    CHECK_FALSE(save->Rows[0].Hands);
    CHECK(h.S.Campfire.ConfirmUntil == doctest::Approx(h.Now + 1.5));
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + 1.5)); // the loop wakes to end it

    h.Do(CampfireKind::Vote, "ja");          // the double tap
    h.Tick(1.0);
    h.Do(CampfireKind::Vote, "nee");         // still during the confirmation
    CHECK(CountOf(h, "stem-iedereen", "ja").Count == 1);
    CHECK(CountOf(h, "stem-iedereen", "nee").Count == 0);
    CHECK(h.Effects.empty());
    h.Tick(0.5);                             // 1.5 s after the vote
    CHECK(h.S.Campfire.ConfirmUntil == -std::numeric_limits<double>::infinity());
    CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.S.LastInput + h.Ctx.Config.CampfireIdleTimeout));
    h.Do(CampfireKind::Vote, "nee");
    CHECK(CountOf(h, "stem-iedereen", "nee").Count == 1);
    h.Do(CampfireKind::Vote, "no-such-option");
    CHECK(CampfireTotal(h.S.Campfire, "stem-iedereen") == 2);
    // + and - mean nothing while tapping.
    h.Tick(2);
    h.Do(CampfireKind::HandUp, "ja");
    CHECK(CountOf(h, "stem-iedereen", "ja").Count == 1);
    CheckNoWalkInAnswers(h);
}

TEST_CASE("campfire hands: + and - per option, never below 0, stored as hands; the reveal") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.TapVotes({2}); // two taps for "ja" first
    h.Do(CampfireKind::Mode, "hands");
    CHECK(h.S.Campfire.Mode == CountMode::Hands);
    h.Do(CampfireKind::Vote, "nee"); // a tap means nothing while counting hands
    CHECK(CountOf(h, "stem-iedereen", "nee").Count == 0);
    h.Do(CampfireKind::HandDown, "nee");
    CHECK(CountOf(h, "stem-iedereen", "nee").Count == 0);
    CHECK(h.Effects.empty()); // nothing to store
    for (int i = 0; i < 3; i++)
        h.Do(CampfireKind::HandUp, "nee");
    h.Do(CampfireKind::HandDown, "nee");
    CHECK(CountOf(h, "stem-iedereen", "nee").Count == 2);
    CHECK(CountOf(h, "stem-iedereen", "nee").Hands);
    h.Do(CampfireKind::HandUp, "ja"); // the taps' count, corrected by hand
    CHECK(CountOf(h, "stem-iedereen", "ja").Count == 3);
    CHECK(CountOf(h, "stem-iedereen", "ja").Hands);
    const auto* save = h.Find(CampfireEffectKind::SaveCounts);
    REQUIRE(save);
    CHECK(save->Rows[0].Count == 3);
    CHECK(save->Rows[0].Hands);

    CHECK_FALSE(h.S.Campfire.Revealed);
    h.Do(CampfireKind::Reveal);
    CHECK(h.S.Campfire.Revealed);
    h.Do(CampfireKind::Reveal);
    CHECK_FALSE(h.S.Campfire.Revealed);
    h.Do(CampfireKind::Reveal);
    h.Do(CampfireKind::Next); // the next question starts hidden again, in the same mode
    CHECK(CampfireQuestion(h.Ctx, h.S)->Id == "toegankelijk");
    CHECK_FALSE(h.S.Campfire.Revealed);
    CHECK(h.S.Campfire.Mode == CountMode::Hands);
    h.Do(CampfireKind::Next);
    CHECK(h.S.Screen == Screen::CampfirePick); // past the last: the zone is done
    CHECK(h.S.Campfire.DonePolls == std::vector<std::string>{"ieders-stem"});
    h.Do(CampfireKind::OpenPoll, "ieders-stem"); // again: the counts are still there
    CHECK(CountOf(h, "stem-iedereen", "ja").Count == 3);
}

TEST_CASE("campfire show-if reads the group's answer (the most votes)") {
    for (bool ja : {true, false}) {
        CAPTURE(ja);
        CampfireHarness h(PraatplaatPack());
        h.Pick();
        h.Do(CampfireKind::OpenPoll, "samen-leren");
        REQUIRE(CampfireQuestion(h.Ctx, h.S)->Id == "wijkpanel");
        h.TapVotes(ja ? std::vector<int>{3, 1} : std::vector<int>{1, 3});
        h.Do(CampfireKind::Next);
        // Without "ja", wijkpanel-vaak stays hidden: the next question a group answers is the
        // budget (a group answers it since issue 14).
        CHECK(CampfireQuestion(h.Ctx, h.S)->Id == (ja ? "wijkpanel-vaak" : "wijkbudget"));
    }
}

TEST_CASE("the group's outcome: the archetype it leans to, its witte vlekken") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "rolverdeling");
    for (int row = 0; row < 3; row++) { // wie-beslist: the wijk decides, row after row
        h.TapVotes({0, 1, 4});
        h.Do(CampfireKind::Next);
    }
    h.TapVotes({0, 1, 3}); // hoeveel-zeggenschap: besluiten
    h.Do(CampfireKind::Next);
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.TapVotes({1, 4}); // stem-iedereen: nee (strength 0), a witte vlek for verdelen
    content::Outcome o = CampfireOutcome(h.Ctx, h.S.Campfire);
    REQUIRE(o.Lean);
    CHECK(o.Lean->Id == "verdelen");
    REQUIRE(o.WitteVlekken.size() == 1);
    CHECK(o.WitteVlekken[0]->Id == "stem-iedereen");
}

TEST_CASE("campfire agreements: what, who, by when, what it answers, status; stored, changed") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireKind::OpenAgreements);
    CHECK(ScreenName(h.S.Screen) == std::string("campfire-agreements"));
    h.Do(CampfireKind::AgreementNew, h.NewId());
    CHECK(ScreenName(h.S.Screen) == std::string("campfire-agreement"));
    h.Do(CampfireKind::AgreementSave);
    CHECK(h.S.Campfire.Message == "agreement.need_what");
    h.Do(CampfireKind::Edit, "what");
    h.Type("Een wijkpanel samenstellen");
    h.Do(CampfireKind::AgreementSave);
    CHECK(h.S.Campfire.Message == "agreement.need_who");
    h.Do(CampfireKind::AgreementWho, "iedereen"); // not a choice
    CHECK(h.S.Campfire.Draft.Who.empty());
    h.Do(CampfireKind::Edit, "who-group");
    h.Type("wijkpanel");
    CHECK(h.S.Campfire.Draft.Who == "wijkpanel");
    h.Do(CampfireKind::AgreementDue, "-7"); // no date yet: stays none
    CHECK(h.S.Campfire.Draft.Due.empty());
    h.Do(CampfireKind::AgreementDue, "+7");
    h.Do(CampfireKind::AgreementDue, "+7");
    CHECK(h.S.Campfire.Draft.Due == "2026-12-12");
    h.Do(CampfireKind::AgreementDue, "-7");
    CHECK(h.S.Campfire.Draft.Due == "2026-12-05");
    h.Do(CampfireKind::AgreementDue, "-7"); // not before the meeting: no date
    CHECK(h.S.Campfire.Draft.Due.empty());
    h.Do(CampfireKind::AgreementDue, "+7");
    h.Do(CampfireKind::AgreementAnswers, "wie-beslist"); // not a kompas point, not a witte vlek
    CHECK(h.S.Campfire.Draft.Answers.empty());
    h.Do(CampfireKind::AgreementAnswers, "ieders-stem");
    CHECK(h.S.Campfire.Draft.Answers == "ieders-stem");
    h.Do(CampfireKind::AgreementStatus, "later");
    CHECK(h.S.Campfire.Draft.Status == "open");
    h.Do(CampfireKind::AgreementSave);
    CHECK(h.S.Screen == Screen::CampfireAgreements);
    const auto* save = h.Find(CampfireEffectKind::SaveAgreement);
    REQUIRE(save);
    CHECK(save->SessionId == h.S.Campfire.Id);
    CHECK(save->Campfire.Wijk == "Oosterpark");
    CHECK(save->Agreement.What == "Een wijkpanel samenstellen");
    CHECK(save->Agreement.Who == "wijkpanel");
    CHECK(save->Agreement.Due == "2026-12-05");
    CHECK(save->Agreement.Answers == "ieders-stem");
    CHECK(save->Agreement.Status == "open");
    REQUIRE(h.S.Campfire.Agreements.size() == 1);

    // Later in the evening: under way. The same id, changed; no second agreement.
    h.Do(CampfireKind::AgreementOpen, "3");
    CHECK(h.S.Screen == Screen::CampfireAgreements);
    h.Do(CampfireKind::AgreementOpen, "0");
    CHECK(h.S.Campfire.Draft.Who == "wijkpanel");
    h.Do(CampfireKind::Edit, "who-group"); // the group's name comes back to be changed
    CHECK(h.S.Campfire.Typing == "wijkpanel");
    h.Do(CampfireKind::Next);
    h.Do(CampfireKind::AgreementStatus, "bezig");
    h.Do(CampfireKind::AgreementSave);
    REQUIRE(h.S.Campfire.Agreements.size() == 1);
    CHECK(h.S.Campfire.Agreements[0].Status == "bezig");
    CHECK(h.Find(CampfireEffectKind::SaveAgreement)->Agreement.Id == save->Agreement.Id);

    h.Do(CampfireKind::AgreementNew, h.NewId());
    h.Do(CampfireKind::AgreementCancel);
    CHECK(h.S.Campfire.Agreements.size() == 1);
    h.Do(CampfireKind::Back);
    CHECK(h.S.Screen == Screen::CampfirePick);
    CheckNoWalkInAnswers(h);
}

TEST_CASE("campfire summary: pages of charts, export to a chosen folder, page by page, the end") {
    CampfireHarness h(BundledPack());
    h.Pick("Buurtavond Oosterpark!");
    CHECK(SummaryPages(h.Ctx, h.S.Campfire) == 1); // no votes: one page, no charts
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    for (int i = 0; i < 5; i++) {
        h.TapVotes({2, 1, 1, 1, 1});
        h.Do(CampfireKind::Next);
    }
    REQUIRE(h.S.Screen == Screen::CampfirePick);
    CHECK(SummaryCharts(h.Ctx, h.S.Campfire).size() == 5);
    const std::vector<SummaryPage> layout = SummaryLayout(h.Ctx, h.S.Campfire);
    const int pages = int(layout.size());
    CHECK(pages >= 2);
    for (const SummaryPage& p : layout) {
        CHECK(p.size() <= 2);
        for (const auto& column : p) {
            float used = 0;
            for (const std::string& id : column)
                used += SummaryChartPx(*content::QuestionOfAnswer(*h.Ctx.Pack, id));
            CHECK((used <= kSummaryColumnPx || column.size() == 1));
        }
    }

    h.Do(CampfireKind::OpenSummary);
    CHECK(ScreenName(h.S.Screen) == std::string("campfire-summary"));
    h.Do(CampfireKind::Page, "-1");
    CHECK(h.S.Campfire.SummaryPage == 0);
    for (int i = 0; i < 10; i++)
        h.Do(CampfireKind::Page, "+1");
    CHECK(h.S.Campfire.SummaryPage == pages - 1);
    h.Do(CampfireKind::OpenAgreements);
    h.Do(CampfireKind::Back); // back where it came from
    CHECK(h.S.Screen == Screen::CampfireSummary);

    h.Do(CampfireKind::Export, "/tmp/x"); // not offered: nothing
    CHECK(h.Effects.empty());
    h.Do(CampfireKind::ExportChoose);
    CHECK(h.Find(CampfireEffectKind::LoadExportTargets));
    CampfireAction targets{CampfireKind::TargetsLoaded};
    targets.Values = {"/media/kiosk/STICK", "/tmp/x"};
    h.Do(targets);
    h.Do(CampfireKind::Export, "/tmp/elsewhere");
    CHECK(h.Effects.empty());
    h.Do(CampfireKind::Export, "/tmp/x");
    CHECK(h.S.Campfire.Exporting);
    const auto* csv = h.Find(CampfireEffectKind::ExportCsv);
    REQUIRE(csv);
    CHECK(csv->Path == "/tmp/x/kampvuur-2026-11-28-buurtavond-oosterpark.csv");
    CHECK(csv->Campfire.Counts.size() == 5);
    CHECK(NextDeadline(h.Ctx, h.S) == std::numeric_limits<double>::infinity()); // no time-out mid-export
    h.Do(CampfireKind::Page, "+1"); // taps wait while the files are written
    CHECK(h.S.Campfire.SummaryPage == 0);
    std::vector<std::string> pngs;
    for (int i = 0; i < 20 && h.S.Campfire.Exporting; i++) {
        h.Do(CampfireKind::ExportDone);
        if (const auto* png = h.Find(CampfireEffectKind::CaptureSummary)) {
            pngs.push_back(png->Path);
            CHECK(h.S.Campfire.SummaryPage == int(pngs.size()) - 1); // the page the next frame draws
        }
    }
    REQUIRE(int(pngs.size()) == pages);
    CHECK(pngs[0] == "/tmp/x/kampvuur-2026-11-28-buurtavond-oosterpark.png");
    CHECK(pngs[1] == "/tmp/x/kampvuur-2026-11-28-buurtavond-oosterpark-2.png");
    CHECK_FALSE(h.S.Campfire.Exporting);
    CHECK(h.S.Campfire.SummaryPage == 0);
    CHECK(h.S.Campfire.Message == "campfire.exported");
    CHECK(h.S.Campfire.Detail == "/tmp/x");

    SUBCASE("a failed step stops the export and says why") {
        h.Do(CampfireKind::ExportChoose);
        h.Do(targets);
        h.Do(CampfireKind::Export, "/tmp/x");
        h.Do(CampfireKind::ExportDone, "cannot write in /tmp/x: No space left on device");
        CHECK_FALSE(h.S.Campfire.Exporting);
        CHECK(h.S.Campfire.Message == "campfire.export_failed");
        CHECK(h.S.Campfire.Detail.find("No space") != std::string::npos);
    }
    SUBCASE("the end: the session ends in the journal, back to the admin screen") {
        const std::string id = h.S.Campfire.Id;
        h.Do(CampfireKind::End);
        const auto* end = h.Find(CampfireEffectKind::EndSession);
        REQUIRE(end);
        CHECK(end->SessionId == id);
        CHECK(h.S.Screen == Screen::Admin);
        CHECK(h.Find(AdminEffectKind::LoadFigures));
        CHECK(h.S.Campfire.Counts.empty());
    }
    CheckNoWalkInAnswers(h);
}

TEST_CASE("campfire: a long quiet talk keeps the screen, half an hour of nothing ends at the attract screen") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.Tick(600); // ten minutes of talking
    CHECK(h.S.Screen == Screen::CampfireQuestion);
    h.Do(CampfireKind::Defaults); // an edge's answer is not a touch
    h.Tick(h.Ctx.Config.CampfireIdleTimeout - 600);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.Campfire.Id.empty());
    CHECK(h.S.Campfire.Counts.empty());
}

TEST_CASE("campfire: A+ and contrast work on its screens; a save that failed is said") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CommonKind::ToggleLargeText);
    CHECK(h.S.LargeText);
    h.Do(CampfireKind::SaveFailed, "the group's votes could not be stored: disk I/O error");
    CHECK(h.S.Campfire.Message == "campfire.save_failed");
    CHECK(h.S.Campfire.Detail.find("disk I/O") != std::string::npos);
}

TEST_CASE("campfire dates and file names") {
    CHECK(AddDays("2026-12-31", 1) == "2027-01-01");
    CHECK(AddDays("2024-02-28", 1) == "2024-02-29");
    CHECK(AddDays("2026-03-01", -1) == "2026-02-28");
    CHECK(AddDays("28-11-2026", 1).empty());
    CHECK(ShowDate("2026-11-28") == "28-11-2026");
    CampfireState g;
    g.Date = "2026-11-28";
    g.Name = "Buurtavond: Oosterpark / Linde ë!";
    CHECK(ExportBaseName(g) == "kampvuur-2026-11-28-buurtavond-oosterpark-linde");
    CHECK(ExportPngName(g, 0) == "kampvuur-2026-11-28-buurtavond-oosterpark-linde.png");
    CHECK(ExportPngName(g, 2) == "kampvuur-2026-11-28-buurtavond-oosterpark-linde-3.png");
    g.Name = "!!!";
    CHECK(ExportBaseName(g) == "kampvuur-2026-11-28");
}
