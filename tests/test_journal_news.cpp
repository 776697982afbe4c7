// The journal's updates for residents (sync/journal_news.cpp) on a real SQLite file.
#include "fixtures_store.hpp"
#include "sync/journal.hpp"
#include "sync/news.hpp"

#include <doctest/doctest.h>

using namespace wsync;

TEST_CASE("journal news: the store's list replaces the last one whole and keeps its order") {
    fixtures::TempDir d("journal-news");
    std::string error;
    auto j = Journal::Open(JournalPath(d.Dir), &error);
    REQUIRE_MESSAGE(j, error);
    std::vector<NewsItem> got;
    REQUIRE(j->News(&got, &error));
    CHECK(got.empty());
    std::vector<NewsItem> first = {{"00000002", "", "Nieuw", "Tekst twee.", "2026-12-04", "prettig-wonen"},
                                   {"00000001", "", "Oud", "Tekst een.", "2026-01-05", ""}};
    REQUIRE_MESSAGE(j->SetNews(first, &error), error);
    j.reset();
    j = Journal::Open(JournalPath(d.Dir), &error); // survives a restart
    REQUIRE(j->News(&got, &error));
    REQUIRE(got.size() == 2);
    CHECK(got[0].Title == "Nieuw");
    CHECK(got[0].Answers == "prettig-wonen");
    CHECK(got[1].Title == "Oud");
    REQUIRE(j->SetNews({first[1]}, &error)); // one removed at the store
    REQUIRE(j->News(&got, &error));
    REQUIRE(got.size() == 1);
    CHECK(got[0].Id == "00000001");
    REQUIRE(j->SetNews({}, &error));
    REQUIRE(j->News(&got, &error));
    CHECK(got.empty());
}
