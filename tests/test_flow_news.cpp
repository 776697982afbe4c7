// The wijk's updates in the kiosk's flow (kiosk/flow.cpp, flow_speech.cpp, screen_speech.cpp):
// in turn on the attract screen, the news screen and back, each update read aloud.
#include "fixtures_kiosk.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/screen_news.hpp"
#include "kiosk/screen_speech.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

wsync::NewsItem Item(const std::string& id, const std::string& title) {
    return {id, "", title, "De gemeente doet het in maart.", "2026-12-04", ""};
}

void LoadNews(FlowHarness& h, std::vector<wsync::NewsItem> news, std::vector<Highlight> highlights = {}) {
    VisitAction loaded{VisitKind::HighlightsLoaded};
    loaded.News = std::move(news);
    loaded.Highlights = std::move(highlights);
    h.Do(loaded);
}

} // namespace

TEST_CASE("news: the attract screen shows the results, then the updates, each in turn with the invitation") {
    FlowHarness h;
    LoadNews(h, {Item("00000001", "Bankjes"), Item("00000002", "Bomen")}, {{"prettig-wonen", "4", 60, 10}});
    CHECK(AttractItems(h.S) == 3);
    CHECK(h.S.HighlightShown == -1);
    std::vector<int> shown;
    for (int i = 0; i < 6; i++) {
        CHECK(NextDeadline(h.Ctx, h.S) == doctest::Approx(h.Now + h.Ctx.Config.AttractRotate));
        h.Tick(h.Ctx.Config.AttractRotate);
        shown.push_back(h.S.HighlightShown);
    }
    CHECK(shown == std::vector<int>{0, -1, 1, -1, 2, -1}); // the result, then the updates (index 1 and 2)
    // Updates alone (no results yet) rotate too; none at all: nothing to wait for.
    FlowHarness only;
    LoadNews(only, {Item("00000001", "Bankjes")});
    only.Tick(only.Ctx.Config.AttractRotate);
    CHECK(only.S.HighlightShown == 0);
    FlowHarness none;
    CHECK(AttractItems(none.S) == 0);
    // Fewer updates than the one shown (one was removed at the store): back to the invitation.
    only.Tick(only.Ctx.Config.AttractRotate);
    only.Tick(only.Ctx.Config.AttractRotate);
    CHECK(only.S.HighlightShown == 0);
    LoadNews(only, {});
    CHECK(only.S.HighlightShown == -1);
}

TEST_CASE("news: the button opens the news screen without a visit; Terug and the idle time go back") {
    FlowHarness h;
    LoadNews(h, {Item("00000001", "Bankjes")});
    h.Do(VisitKind::OpenNews);
    CHECK(h.S.Screen == Screen::News);
    CHECK(std::string(ScreenName(h.S.Screen)) == "news");
    CHECK(h.S.SessionId.empty()); // reading news is not a visit: nothing is stored
    CHECK(h.All.empty());
    h.Do(VisitKind::Done);
    CHECK(h.S.Screen == Screen::Attract);
    CHECK(h.S.News.size() == 1); // kept for the next time
    h.Do(VisitKind::OpenNews);
    h.Tick(h.Ctx.Config.IdleTimeout - 1);
    CHECK(h.S.Screen == Screen::News);
    h.Tick(1);
    CHECK(h.S.Screen == Screen::Attract); // straight back, no "Bent u er nog?"
    // Only from the attract screen.
    h.Do(VisitKind::Start, "session-1");
    h.Do(VisitKind::OpenNews);
    CHECK(h.S.Screen == Screen::Question);
}

TEST_CASE("news: Lees voor reads the whole screen, or one update in Dutch from its own button") {
    FlowHarness h(BundledPack(), "en");
    LoadNews(h, {Item("00000001", "Bankjes"), Item("00000002", "Bomen")});
    h.Do(VisitKind::OpenNews);
    const std::vector<std::string> screen = ScreenSpeech(h.Ctx, h.S, h.Now);
    CHECK(screen.front() == content::Ui(*h.Ctx.Pack, "news.title", "en"));
    CHECK(std::find(screen.begin(), screen.end(), "Bankjes") != screen.end());
    CHECK(std::find(screen.begin(), screen.end(), "Bomen") != screen.end());
    SpeechAction one{SpeechKind::ReadAloud};
    one.Item = 1;
    h.Do(one);
    const SpeechEffect* said = h.Find(SpeechEffectKind::Speak);
    REQUIRE(said);
    CHECK(said->Texts == std::vector<std::string>{"Bomen", "De gemeente doet het in maart."});
    CHECK(said->Lang == "nl");
    one.Item = 7; // no such update: the whole screen
    h.Do(one);
    REQUIRE(h.Find(SpeechEffectKind::Speak));
    CHECK(h.Find(SpeechEffectKind::Speak)->Lang == "en");
}

TEST_CASE("news: the public page's address from the enrolment, and in words") {
    CHECK(PublicPageUrl("https://wijkstem.groningen.nl/", "Oud Zuid") == "https://wijkstem.groningen.nl/wijk/Oud%20Zuid");
    CHECK(PublicPageUrl("", "Oosterpark") == "");
    CHECK(ShortAddress("https://wijkstem.groningen.nl/wijk/Oud%20Zuid") == "wijkstem.groningen.nl/wijk/Oud Zuid");
    CHECK(ShortAddress("http://127.0.0.1:8480/wijk/Selwerd") == "127.0.0.1:8480/wijk/Selwerd");
}
