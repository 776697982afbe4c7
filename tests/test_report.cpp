// The report's figures: counts per option from both kiosks, the small-group rule, months,
// the reach table, flagged visits left out, meetings apart from walk-in answers.
#include "report/report.hpp"
#include "test_packs.hpp"

#include <doctest/doctest.h>

using namespace report;

namespace {

AnswerRow A(const std::string& device, const std::string& q, const std::string& v, const std::string& at = "2026-11-02T10:00:00Z",
            bool flagged = false) {
    static int session = 0;
    return {device, "s" + std::to_string(++session), q, v, at, flagged};
}

const OptionCount* Find(const Figures& f, const std::string& option) {
    for (const OptionCount& c : f.Counts)
        if (c.OptionId == option)
            return &c;
    return nullptr;
}

const QuestionReport* Question(const Report& r, const std::string& id) {
    for (const QuestionReport& q : r.Questions)
        if (q.Id == id)
            return &q;
    return nullptr;
}

} // namespace

TEST_CASE("report: both kiosks count, in the pack's order and words") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 3; i++)
        in.Answers.push_back(A("kiosk-a", "prettig-wonen", "4"));
    for (int i = 0; i < 2; i++)
        in.Answers.push_back(A("kiosk-b", "prettig-wonen", i == 0 ? "4" : "1"));
    Report r = Build(in);
    CHECK(r.Answers == 5);
    CHECK(r.Kiosks == 2);
    CHECK(r.Visits == 5);
    const QuestionReport* q = Question(r, "prettig-wonen");
    REQUIRE(q);
    CHECK(q->Title == "Hoe prettig woont u in uw wijk?");
    CHECK_FALSE(q->All.Suppressed); // 3 + 2: only together do they reach 5
    CHECK(q->All.Respondents == 5);
    REQUIRE(q->All.Counts.size() == 5);
    CHECK(q->All.Counts.front().OptionId == "1");
    CHECK(q->All.Counts.front().Label == "Heel slecht");
    CHECK(Find(q->All, "4")->Count == 4);
    CHECK(Find(q->All, "1")->Count == 1);
    CHECK(Find(q->All, "3")->Count == 0);
    CHECK(Question(r, "veilig-avond") == nullptr); // never answered: not listed
}

TEST_CASE("report: fewer than 5 respondents shows no counts; flagged visits are not counted") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 4; i++)
        in.Answers.push_back(A("k", "weet-wie-beslist", "ja"));
    in.Answers.push_back(A("k", "weet-wie-beslist", "ja", "2026-11-02T10:00:00Z", true)); // a rapid repeat
    Report r = Build(in);
    CHECK(r.Answers == 4);
    CHECK(r.Flagged == 1);
    const QuestionReport* q = Question(r, "weet-wie-beslist");
    REQUIRE(q);
    CHECK(q->All.Suppressed);
    CHECK(q->All.Counts.empty());
    in.Answers.push_back(A("k", "weet-wie-beslist", "nee"));
    q = Question(Build(in), "weet-wie-beslist");
    REQUIRE(q);
    CHECK_FALSE(q->All.Suppressed);
}

TEST_CASE("report: multiple choice and matrix rows are counted like the kiosk counts them") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 5; i++) {
        in.Answers.push_back(A("k", "onveilig-plek", i < 3 ? "straat,park" : "park"));
        in.Answers.push_back(A("k", "wie-beslist.groen", i < 4 ? "wijk" : "gemeente"));
    }
    Report r = Build(in);
    const QuestionReport* m = Question(r, "onveilig-plek");
    REQUIRE(m);
    CHECK(m->All.Respondents == 5);
    CHECK(Find(m->All, "park")->Count == 5);   // each chosen option once per answer
    CHECK(Find(m->All, "straat")->Count == 3);
    const QuestionReport* row = Question(r, "wie-beslist.groen");
    REQUIRE(row);
    CHECK(row->Title.find("(") != std::string::npos); // the row's name after the question
    CHECK(Find(row->All, "wijk")->Count == 4);
    CHECK(Find(row->All, "gemeente")->Count == 1);
}

TEST_CASE("report: a question asked in more than one month gets a trend, months under 5 left out") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 6; i++)
        in.Answers.push_back(A("k", "prettig-wonen", "2", "2026-10-0" + std::to_string(i + 1) + "T09:00:00Z"));
    for (int i = 0; i < 5; i++)
        in.Answers.push_back(A("k", "prettig-wonen", "4", "2026-11-0" + std::to_string(i + 1) + "T09:00:00Z"));
    in.Answers.push_back(A("k", "prettig-wonen", "5", "2026-12-01T09:00:00Z"));
    for (int i = 0; i < 5; i++)
        in.Answers.push_back(A("k", "weet-wie-beslist", "ja", "2026-11-03T09:00:00Z"));
    Report r = Build(in);
    const QuestionReport* q = Question(r, "prettig-wonen");
    REQUIRE(q);
    REQUIRE(q->Trend.size() == 3);
    CHECK(q->Trend[0].Name == "2026-10");
    CHECK(Find(q->Trend[0].Counts, "2")->Count == 6);
    CHECK(Find(q->Trend[1].Counts, "4")->Count == 5);
    CHECK(q->Trend[2].Counts.Suppressed); // one answer in December
    CHECK(Question(r, "weet-wie-beslist")->Trend.empty()); // one month: no trend
    CHECK(r.First == "2026-10-01");
    CHECK(r.Last == "2026-12-01");
}

TEST_CASE("report: the reach table sets the kiosk's respondents beside the wijk's residents") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 6; i++)
        in.Answers.push_back(A("k", "leeftijd", "65-80"));
    for (int i = 0; i < 2; i++)
        in.Answers.push_back(A("k", "leeftijd", "18-30"));
    for (int i = 0; i < 3; i++)
        in.Answers.push_back(A("k", "leeftijd", "zeg-niet")); // not a group of the CSV: not in the shares
    in.Population = {{"leeftijd", "18-30", 300, 2}, {"leeftijd", "65-80", 100, 3}, {"leeftijd", "80-plus", 100, 4}};
    Report r = Build(in);
    REQUIRE(r.Reach.size() == 3);
    CHECK(r.Reach[0].OptionId == "18-30");
    CHECK(r.Reach[0].Suppressed); // 2 at the kiosk
    CHECK(r.Reach[0].Kiosk == 0);
    CHECK(r.Reach[0].PopulationShare == doctest::Approx(0.6));
    CHECK(r.Reach[1].OptionId == "65-80");
    CHECK_FALSE(r.Reach[1].Suppressed);
    CHECK(r.Reach[1].Kiosk == 6);
    CHECK(r.Reach[1].KioskShare == doctest::Approx(6.0 / 8.0));
    CHECK(r.Reach[1].PopulationShare == doctest::Approx(0.2));
    CHECK(r.Reach[1].Question == "Hoe oud bent u?");
    CHECK(r.Reach[2].Suppressed); // nobody of 80 or over: nobody reached, and that shows
    CHECK(r.Reach[2].PopulationShare == doctest::Approx(0.2));
}

TEST_CASE("report: meetings have their own figures, a meeting of fewer than 5 shows none") {
    Input in;
    in.Pack = &BundledPack();
    for (int i = 0; i < 5; i++)
        in.Answers.push_back(A("k", "weet-wie-beslist", "ja"));
    in.Groups = {{"g1", "Kampvuur", "2026-11-20", 9}, {"g2", "Klein", "2026-11-21", 3}};
    in.GroupResults = {{"g1", "weet-wie-beslist", "nee", "hands", 7},
                       {"g1", "weet-wie-beslist", "ja", "hands", 2},
                       {"g2", "weet-wie-beslist", "ja", "taps", 3}};
    in.Agreements = {{"Later", "wijk", "", "", "open", ""}, {"Eerst", "samen", "2027-01-31", "transparantie", "bezig", "Kampvuur"}};
    Report r = Build(in);
    const QuestionReport* walk_in = Question(r, "weet-wie-beslist");
    REQUIRE(walk_in);
    CHECK(Find(walk_in->All, "ja")->Count == 5);
    CHECK(Find(walk_in->All, "nee")->Count == 0); // the group's 7 never added here
    REQUIRE(r.Groups.size() == 2);
    REQUIRE(r.Groups[0].Questions.size() == 1);
    CHECK(Find(r.Groups[0].Questions[0].All, "nee")->Count == 7);
    CHECK(r.Groups[1].Questions[0].All.Suppressed);
    REQUIRE(r.Agreements.size() == 2);
    CHECK(r.Agreements[0].What == "Eerst"); // by date; without a date last
}
