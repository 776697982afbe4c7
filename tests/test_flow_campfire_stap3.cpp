// The campfire as a conversation and stap 3, through the pure flow (kiosk/flow_campfire.cpp):
// a group answers top 3, multiple choice and budget questions; the facilitator notes what
// was said; a meeting opens with the agreements from before and changes their status.
#include "campfire_states.hpp"
#include "test_packs.hpp"
#include "content/free_text.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

// Opens samen-leren (yes_no, single, budget, top, multiple, smiley, text) at the question id.
void OpenAt(CampfireHarness& h, const std::string& id) {
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "samen-leren");
    for (int i = 0; i < 10 && CampfireQuestion(h.Ctx, h.S) && CampfireQuestion(h.Ctx, h.S)->Id != id; i++)
        h.Do(CampfireKind::Next);
    REQUIRE(CampfireQuestion(h.Ctx, h.S));
    REQUIRE(CampfireQuestion(h.Ctx, h.S)->Id == id);
}

long long CountOf(const CampfireHarness& h, const std::string& q, const std::string& option) {
    auto a = h.S.Campfire.Counts.find(q);
    if (a == h.S.Campfire.Counts.end())
        return 0;
    auto o = a->second.find(option);
    return o == a->second.end() ? 0 : o->second.Count;
}

} // namespace

TEST_CASE("a group divides a budget together: + and - by the step, never past the total or below 0") {
    CampfireHarness h(PraatplaatPack());
    OpenAt(h, "wijkbudget");
    const content::Question& q = *CampfireQuestion(h.Ctx, h.S);
    CHECK(BudgetLeft(q, h.S.Campfire, "wijkbudget") == 10);
    h.Do(CampfireKind::Vote, "a"); // a budget has no tap votes
    CHECK(CountOf(h, "wijkbudget", "a") == 0);
    for (int i = 0; i < 7; i++)
        h.Do(CampfireKind::HandUp, "a"); // in taps mode too: the group divides together
    for (int i = 0; i < 5; i++)
        h.Do(CampfireKind::HandUp, "b");
    CHECK(CountOf(h, "wijkbudget", "a") == 7);
    CHECK(CountOf(h, "wijkbudget", "b") == 3); // the last two found nothing left
    CHECK(BudgetLeft(q, h.S.Campfire, "wijkbudget") == 0);
    const CampfireEffect* save = h.Find(CampfireEffectKind::SaveCounts);
    CHECK(save == nullptr); // the refused + stored nothing
    h.Do(CampfireKind::HandDown, "b");
    REQUIRE(h.Has(CampfireEffectKind::SaveCounts));
    CHECK(h.Find(CampfireEffectKind::SaveCounts)->Rows[0].Count == 2);
    CHECK(h.Find(CampfireEffectKind::SaveCounts)->Rows[0].Hands); // stored as set by hand
    CHECK(BudgetLeft(q, h.S.Campfire, "wijkbudget") == 1);
    for (int i = 0; i < 5; i++)
        h.Do(CampfireKind::HandDown, "c");
    CHECK(CountOf(h, "wijkbudget", "c") == 0);
    h.Do(CampfireKind::HandUp, "nope");
    CHECK(BudgetLeft(q, h.S.Campfire, "wijkbudget") == 1);
}

TEST_CASE("top 3 and multiple choice as a group: a tap per dot or per option chosen, each counted") {
    CampfireHarness h(PraatplaatPack());
    OpenAt(h, "prioriteiten");
    // Two people, two dots each (this top asks for 2): x y, then x z.
    for (const char* o : {"x", "y", "x", "z"}) {
        h.Do(CampfireKind::Vote, o);
        h.Do(CampfireKind::Vote, o); // a double tap within "Stem geteld" is one dot
        h.Tick(h.Ctx.Config.VoteConfirm);
    }
    CHECK(CountOf(h, "prioriteiten", "x") == 2);
    CHECK(CountOf(h, "prioriteiten", "y") == 1);
    CHECK(CountOf(h, "prioriteiten", "z") == 1);
    CHECK(CampfireTotal(h.S.Campfire, "prioriteiten") == 4);
    h.Do(CampfireKind::Next);
    REQUIRE(CampfireQuestion(h.Ctx, h.S)->Id == "meedoen");
    h.Do(CampfireKind::Mode, "hands");
    h.Do(CampfireKind::HandUp, "p");
    h.Do(CampfireKind::HandUp, "p");
    h.Do(CampfireKind::HandUp, "r");
    CHECK(CountOf(h, "meedoen", "p") == 2);
    CHECK(CountOf(h, "meedoen", "r") == 1);
    // Both show on the summary, with the budget's chart when it has amounts.
    const std::vector<std::string> charts = SummaryCharts(h.Ctx, h.S.Campfire);
    CHECK(std::find(charts.begin(), charts.end(), "prioriteiten") != charts.end());
    CHECK(std::find(charts.begin(), charts.end(), "meedoen") != charts.end());
}

TEST_CASE("the facilitator notes what was said, per question, on the keyboard; kept, stored, on the summary") {
    CampfireHarness h(PraatplaatPack());
    OpenAt(h, "wijkpanel");
    h.Do(CampfireKind::Edit, "note");
    CHECK(h.S.Campfire.Editing == CampfireField::Note);
    h.Do(CampfireKind::Vote, "ja"); // no vote while typing
    CHECK(CampfireTotal(h.S.Campfire, "wijkpanel") == 0);
    for (char c : std::string("Voor: \x01samen. Tegen: tijd."))
        h.Do(CampfireKind::TypeText, std::string(1, c));
    h.Do(CampfireKind::Next); // "Klaar": cleaned, kept and stored
    CHECK(h.S.Campfire.Editing == CampfireField::None);
    CHECK(h.S.Screen == Screen::CampfireQuestion);
    REQUIRE(h.Has(CampfireEffectKind::SaveNote));
    const CampfireEffect* e = h.Find(CampfireEffectKind::SaveNote);
    CHECK(e->Path == "wijkpanel");
    CHECK(e->Note == "Voor: samen. Tegen: tijd.");
    CHECK(e->SessionId == h.S.Campfire.Id);
    CHECK(h.S.Campfire.Notes["wijkpanel"] == "Voor: samen. Tegen: tijd.");
    // Opening it again starts from the note; Klaar without a change stores nothing.
    h.Do(CampfireKind::Edit, "note");
    CHECK(h.S.Campfire.Typing == "Voor: samen. Tegen: tijd.");
    h.Do(CampfireKind::Next);
    CHECK_FALSE(h.Has(CampfireEffectKind::SaveNote));
    // A long note stops at 500 characters.
    h.Do(CampfireKind::Edit, "note");
    for (int i = 0; i < 600; i++)
        h.Do(CampfireKind::TypeText, "x");
    CHECK(content::Utf8Length(h.S.Campfire.Typing) == 500);
    h.Do(CampfireKind::Next);
    h.Do(CampfireKind::Next); // on to the next question, the note stays with its own
    CHECK(SummaryNotes(h.Ctx, h.S.Campfire) == std::vector<std::string>{"wijkpanel"});
}

TEST_CASE("stap 3: the meeting opens with the agreements from before; a status and note set, once") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    REQUIRE(h.Has(CampfireEffectKind::LoadPrevious));
    CHECK(h.Find(CampfireEffectKind::LoadPrevious)->Campfire.Wijk == "Oosterpark");
    CampfireAction loaded{CampfireKind::PreviousLoaded};
    loaded.List = {{"a1", "Meer bankjes", "gemeente", "", "", "open", "", "Buurtavond een", "2026-10-30"},
                   {"a2", "Een buurtfeest", "wijk", "", "", "klaar", "", "Buurtavond een", "2026-10-30"}};
    h.Do(loaded);
    CHECK(h.S.Screen == Screen::CampfirePrevious);
    h.Do(loaded); // a second answer from the edge changes nothing
    CHECK(h.S.Campfire.Previous.size() == 2);

    h.Do(CampfireKind::PreviousOpen, "7"); // not in the list
    CHECK(h.S.Campfire.PreviousIndex == -1);
    h.Do(CampfireKind::PreviousOpen, "0");
    CHECK(h.S.Campfire.PreviousIndex == 0);
    h.Do(CampfireKind::PreviousStatus, "klaar"); // not a status of stap 3
    CHECK(h.S.Campfire.PreviousStatus == "open");
    h.Do(CampfireKind::PreviousStatus, "bezig");
    h.Do(CampfireKind::Edit, "previous-note");
    h.Type("Offerte gevraagd");
    h.Do(CampfireKind::PreviousSave);
    REQUIRE(h.Has(CampfireEffectKind::SaveChange));
    const CampfireEffect* e = h.Find(CampfireEffectKind::SaveChange);
    CHECK(e->Agreement.Id == "a1");
    CHECK(e->Agreement.Status == "bezig");
    CHECK(e->Agreement.Note == "Offerte gevraagd");
    CHECK(h.S.Campfire.Previous[0].Status == "bezig");
    CHECK(h.S.Campfire.Message == "previous.saved");

    // The second says gedaan already (klaar from an older kiosk): saving it unchanged stores nothing.
    h.Do(CampfireKind::PreviousOpen, "1");
    h.Do(CampfireKind::PreviousStatus, "gedaan");
    h.Do(CampfireKind::PreviousSave);
    CHECK_FALSE(h.Has(CampfireEffectKind::SaveChange));
    h.Do(CampfireKind::PreviousOpen, "1");
    h.Do(CampfireKind::PreviousStatus, "lukt-niet");
    h.Do(CampfireKind::PreviousCancel);
    CHECK_FALSE(h.Has(CampfireEffectKind::SaveChange));
    CHECK(h.S.Campfire.Previous[1].Status == "klaar");

    h.Do(CampfireKind::PreviousDone);
    CHECK(h.S.Screen == Screen::CampfirePick);
    // Back to them from the agreements.
    h.Do(CampfireKind::OpenAgreements);
    h.Do(CampfireKind::OpenPrevious);
    CHECK(h.S.Screen == Screen::CampfirePrevious);
}

TEST_CASE("stap 3: with nothing from before the meeting goes straight to the topics") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    h.Do(CampfireAction{CampfireKind::PreviousLoaded});
    CHECK(h.S.Screen == Screen::CampfirePick);
    h.Do(CampfireKind::OpenAgreements);
    h.Do(CampfireKind::OpenPrevious);
    CHECK(h.S.Screen == Screen::CampfireAgreements);
}

TEST_CASE("stap 3: the list arriving from the edge is not a touch (the idle time-out runs on)") {
    CampfireHarness h(PraatplaatPack());
    h.Pick();
    const double touched = h.S.LastInput;
    h.Tick(60);
    h.Do(CampfireAction{CampfireKind::PreviousLoaded});
    CHECK(h.S.LastInput == touched);
}
