// The report as data (report/model): counts per question as the kiosk counts them, the
// rule for small groups, trends per period, the reach table, agreements and meetings.
// No files and no database: rows in, a Report out.
#include "store/report/model.hpp"
#include "test_packs.hpp"

using namespace report;

namespace {

Input WithPack() {
    Input in;
    in.Wijk = "Voorbeeldwijk";
    in.Today = "2026-11-28";
    in.Pack = BundledPack();
    return in;
}

const Chart* Find(const Report& r, const std::string& answer_id) {
    for (const Section& s : r.Sections)
        for (const Chart& c : s.Charts)
            if (c.AnswerId == answer_id)
                return &c;
    return nullptr;
}

long long BarCount(const Chart& c, const std::string& id) {
    for (const Bar& b : c.Bars)
        if (b.Id == id)
            return b.Count;
    return -1;
}

const ReachTable* FindReach(const Report& r, const std::string& kenmerk) {
    for (const ReachTable& t : r.Reach)
        if (t.Kenmerk == kenmerk)
            return &t;
    return nullptr;
}

const ReachRow* Row(const ReachTable& t, const std::string& groep) {
    for (const ReachRow& row : t.Rows)
        if (row.Groep == groep)
            return &row;
    return nullptr;
}

Population Figures(const std::string& csv) {
    Population p;
    std::vector<std::string> problems = ParsePopulation(csv, "wijk.csv", &p);
    REQUIRE(problems.empty());
    return p;
}

} // namespace

TEST_CASE("report model: a question's counts, in the pack's order and words") {
    Input in = WithPack();
    in.Answers = {{"prettig-wonen", "4", "2026-11", 4}, {"prettig-wonen", "5", "2026-11", 1},
                  {"prettig-wonen", "2", "2026-11", 2}};
    Report r = BuildReport(in);
    CHECK(r.Answers == 7);
    const Chart* c = Find(r, "prettig-wonen");
    REQUIRE(c);
    CHECK(c->Title == "Hoe prettig woont u in uw wijk?");
    CHECK(c->Shown);
    CHECK(c->Respondents == 7);
    CHECK(c->Whole == 7);
    REQUIRE(c->Bars.size() == 5);
    CHECK(c->Bars[0].Label == "Heel slecht");
    CHECK(c->Bars[0].Count == 0);
    CHECK(c->Bars[3].Label == "Goed");
    CHECK(c->Bars[3].Count == 4);
    CHECK(c->Trend.empty()); // one month only
    CHECK(c->Slug == "kiosk-prettig-wonen");
    CHECK(r.Sections.front().Title == "Snelle peiling: Hoe gaat het in uw wijk?");
    // The polls without any answer are named, not drawn.
    CHECK(std::find(r.Unanswered.begin(), r.Unanswered.end(), "Peiling: Veiligheid in de wijk") != r.Unanswered.end());
}

TEST_CASE("report model: fewer than 5 respondents shows no figures at all") {
    Input in = WithPack();
    in.Answers = {{"meer-zeggenschap", "ja", "2026-10", 3}, {"meer-zeggenschap", "nee", "2026-11", 1},
                  {"weet-wie-beslist", "ja", "2026-11", 5}};
    Report r = BuildReport(in);
    const Chart* small = Find(r, "meer-zeggenschap");
    REQUIRE(small);
    CHECK_FALSE(small->Shown);
    CHECK(small->Respondents == 4); // known to the writer, never drawn
    CHECK(small->Bars.empty());
    CHECK(small->Trend.empty());
    const Chart* five = Find(r, "weet-wie-beslist");
    REQUIRE(five);
    CHECK(five->Shown);
    CHECK(BarCount(*five, "ja") == 5);
}

TEST_CASE("report model: several answers, a top, a budget and a matrix row, counted as the kiosk counts") {
    Input in = WithPack();
    in.Answers = {
        {"dna-sterk", "buren,groen", "2026-11", 3},
        {"dna-sterk", "groen", "2026-11", 2},
        {"dna-kansen", "jongeren,buurthuis,lege-plekken", "2026-11", 5},
        {"wijkbudget-verdelen", "groen:600,spelen:400", "2026-11", 4},
        {"wijkbudget-verdelen", "verkeer:1000", "2026-11", 1},
        {"wie-beslist.groen", "wijk", "2026-11", 4},
        {"wie-beslist.groen", "samen", "2026-11", 2},
    };
    Report r = BuildReport(in);
    const Chart* multiple = Find(r, "dna-sterk");
    REQUIRE(multiple);
    CHECK(multiple->Respondents == 5);
    CHECK(multiple->Whole == 5); // the share is of the people, so "groen" is 100%
    CHECK(BarCount(*multiple, "groen") == 5);
    CHECK(BarCount(*multiple, "buren") == 3);
    CHECK(multiple->TypeNote.find("Meer antwoorden mogelijk") != std::string::npos);
    const Chart* top = Find(r, "dna-kansen");
    REQUIRE(top);
    CHECK(BarCount(*top, "jongeren") == 5);
    CHECK(top->Whole == 5);
    CHECK(top->TypeNote.find("top 3") != std::string::npos);
    const Chart* budget = Find(r, "wijkbudget-verdelen");
    REQUIRE(budget);
    CHECK(budget->Respondents == 5);
    CHECK(budget->Whole == 5000); // the share is of everything divided
    CHECK(BarCount(*budget, "groen") == 2400);
    CHECK(BarCount(*budget, "verkeer") == 1000);
    CHECK(budget->TypeNote.find("1000 euro") != std::string::npos);
    const Chart* row = Find(r, "wie-beslist.groen");
    REQUIRE(row);
    CHECK(row->Title == "Wie moet hierover beslissen? — Groen en bomen");
    CHECK(BarCount(*row, "wijk") == 4);
    CHECK(BarCount(*row, "gemeente") == 0);
    CHECK(row->Slug == "kiosk-wie-beslist.groen");
}

TEST_CASE("report model: free text is counted, never shown; values the pack lost are kept by id") {
    Input in = WithPack();
    in.Answers = {{"nog-kwijt", "Meer bankjes graag", "2026-11", 1}, {"nog-kwijt", "Fijne wijk", "2026-11", 6},
                  {"prettig-wonen", "4", "2026-11", 5}, {"prettig-wonen", "9", "2026-11", 1},
                  {"oude-vraag", "a", "2026-11", 5}, {"oude-vraag", "b", "2026-11", 1}};
    Report r = BuildReport(in);
    const Chart* text = Find(r, "nog-kwijt");
    REQUIRE(text);
    CHECK(text->FreeText);
    CHECK_FALSE(text->Shown);
    CHECK(text->Bars.empty());
    CHECK(text->Respondents == 7);
    const Chart* q = Find(r, "prettig-wonen");
    REQUIRE(q);
    CHECK(q->Bars.size() == 6);
    CHECK(q->Bars.back().Label == "9");
    CHECK(q->Bars.back().Count == 1);
    CHECK(r.Sections.back().Title == "Vragen die niet in het gepubliceerde pakket staan");
    REQUIRE(Find(r, "oude-vraag"));
    CHECK(BarCount(*Find(r, "oude-vraag"), "a") == 5);
}

TEST_CASE("report model: without a pack, questions go by id; text and budgets are recognised") {
    Input in;
    in.Today = "2026-11-28";
    in.PackNote = "no pack";
    in.Answers = {{"prettig-wonen", "4", "2026-11", 5},
                  {"geld", "groen:600,spelen:400", "2026-11", 5},
                  {"meer", "a,b", "2026-11", 5},
                  {"tekst", "Een bank in het park", "2026-11", 5}};
    Report r = BuildReport(in);
    CHECK(r.PackLine == "no pack");
    REQUIRE(r.Sections.size() == 1);
    CHECK(r.Sections[0].Title.find("geen pakket") != std::string::npos);
    const Chart* plain = Find(r, "prettig-wonen");
    REQUIRE(plain);
    CHECK(plain->Title == "prettig-wonen");
    CHECK(BarCount(*plain, "4") == 5);
    CHECK(Find(r, "geld")->Whole == 5000);
    CHECK(BarCount(*Find(r, "geld"), "groen") == 3000);
    CHECK(BarCount(*Find(r, "meer"), "b") == 5);
    CHECK(Find(r, "tekst")->FreeText);
    CHECK(Find(r, "tekst")->Bars.empty());
}

TEST_CASE("report model: a trend per month, small months hidden; quarters merge months") {
    Input in = WithPack();
    in.Answers = {{"prettig-wonen", "2", "2026-09", 5}, {"prettig-wonen", "4", "2026-09", 1},
                  {"prettig-wonen", "4", "2026-10", 3}, {"prettig-wonen", "4", "2026-11", 8}};
    Report r = BuildReport(in);
    const Chart* c = Find(r, "prettig-wonen");
    REQUIRE(c);
    REQUIRE(c->Trend.size() == 3);
    CHECK(c->Trend[0].Period == "september 2026");
    CHECK(c->Trend[0].Shown);
    CHECK(c->Trend[0].Respondents == 6);
    REQUIRE(c->Trend[0].Counts.size() == c->Bars.size());
    CHECK(c->Trend[0].Counts[1] == 5); // "2" is the second option
    CHECK(c->Trend[1].Period == "oktober 2026");
    CHECK_FALSE(c->Trend[1].Shown); // 3 answers
    CHECK(c->Trend[1].Counts.empty());
    CHECK(c->Trend[2].Counts[3] == 8);

    in.Per = Period::Quarter;
    r = BuildReport(in);
    CHECK(r.PeriodWord == "kwartaal");
    REQUIRE(Find(r, "prettig-wonen")->Trend.size() == 2); // September; October and November together
    CHECK(Find(r, "prettig-wonen")->Trend[0].Period == "3e kwartaal 2026");
    CHECK(Find(r, "prettig-wonen")->Trend[1].Period == "4e kwartaal 2026");
    CHECK(Find(r, "prettig-wonen")->Trend[1].Key == "2026-K4");
    CHECK(Find(r, "prettig-wonen")->Trend[1].Respondents == 11);
    in.Answers = {{"prettig-wonen", "4", "2026-10", 3}, {"prettig-wonen", "4", "2026-12", 3}};
    r = BuildReport(in);
    CHECK(Find(r, "prettig-wonen")->Trend.empty()); // all in one quarter: no trend
    CHECK(PeriodKey("2026-11", Period::Quarter) == "2026-K4");
    CHECK(PeriodKey("2026-01", Period::Quarter) == "2026-K1");
    CHECK(PeriodLabel("2026-03") == "maart 2026");
    CHECK(DutchDate("2026-11-08") == "8 november 2026");
    CHECK(DutchDate("later") == "later");
}

TEST_CASE("report model: reach, the kiosk beside the wijk, small cells as '< 5'") {
    Input in = WithPack();
    in.Residents = Figures("kenmerk,groep,aantal\nleeftijd,tot-18,200\nleeftijd,18-30,200\nleeftijd,30-45,200\n"
                           "leeftijd,45-65,200\nleeftijd,65-80,150\nleeftijd,80-plus,50\n"
                           "woonduur,tot-1,100\nwoonduur,1-5,300\nwoonduur,5-15,300\nwoonduur,15-plus,300\n");
    in.Answers = {{"leeftijd", "65-80", "2026-11", 10}, {"leeftijd", "45-65", "2026-11", 6},
                  {"leeftijd", "18-30", "2026-11", 3},  {"leeftijd", "zeg-niet", "2026-11", 2},
                  {"woonduur", "tot-1", "2026-11", 2},  {"woonduur", "1-5", "2026-11", 8},
                  {"woonduur", "5-15", "2026-11", 12},  {"woonduur", "15-plus", "2026-11", 20},
                  {"woonduur", "niet-hier", "2026-11", 6}, {"wijkdeel", "noord", "2026-11", 7},
                  {"wijkdeel", "zuid", "2026-11", 1}};
    Report r = BuildReport(in);
    CHECK(r.HasPopulation);
    // The questions about the resident are in the reach tables only, never as charts.
    CHECK_FALSE(Find(r, "leeftijd"));
    CHECK_FALSE(Find(r, "wijkdeel"));

    const ReachTable* age = FindReach(r, "leeftijd");
    REQUIRE(age);
    CHECK(age->Title == "Hoe oud bent u?");
    CHECK(age->HasResidents);
    CHECK(age->KioskTotal == 19); // the groups with a figure; "zeg ik liever niet" apart
    CHECK(age->ResidentsTotal == 1000);
    REQUIRE(age->Rows.size() == 6);
    CHECK(age->Rows[0].Label == "Jonger dan 18 jaar");
    CHECK(Row(*age, "tot-18")->Hidden); // 0
    CHECK(Row(*age, "18-30")->Hidden);  // 3
    CHECK(Row(*age, "18-30")->Kiosk == 0); // the number is not even in the model
    CHECK_FALSE(Row(*age, "45-65")->Hidden); // two hidden: none can be worked out
    CHECK(Row(*age, "65-80")->Kiosk == 10);
    CHECK(Row(*age, "65-80")->KioskShare == doctest::Approx(10.0 / 19.0));
    CHECK(Row(*age, "65-80")->ResidentsShare == doctest::Approx(0.15));
    REQUIRE(age->NotCompared.size() == 1);
    CHECK(age->NotCompared[0].Label == "Zeg ik liever niet");
    CHECK(age->NotCompared[0].Hidden);
    CHECK(age->NotCompared[0].Count == 0);

    // One small cell of 1-4 would follow from the total: the smallest other one hides too.
    const ReachTable* stay = FindReach(r, "woonduur");
    REQUIRE(stay);
    CHECK(Row(*stay, "tot-1")->Hidden);
    CHECK(Row(*stay, "1-5")->Hidden);
    CHECK_FALSE(Row(*stay, "5-15")->Hidden);
    CHECK(Row(*stay, "5-15")->Kiosk == 12);
    REQUIRE(stay->NotCompared.size() == 1);
    CHECK(stay->NotCompared[0].Label == "Ik woon niet in deze wijk");
    CHECK(stay->NotCompared[0].Count == 6);

    // The closing poll's other question, without population figures: the kiosk side only.
    const ReachTable* part = FindReach(r, "wijkdeel");
    REQUIRE(part);
    CHECK_FALSE(part->HasResidents);
    CHECK(part->Rows.size() == 6); // every answer, "zeg ik liever niet" too
    CHECK(part->KioskTotal == 8);
    CHECK(Row(*part, "zuid")->Hidden);
    CHECK_FALSE(Row(*part, "noord")->Hidden); // 1 person in one of five hidden cells: which, nobody can tell
}

TEST_CASE("report model: reach with a single hidden 0 hides nothing more; too few hides all") {
    Input in = WithPack();
    in.Residents = Figures("kenmerk,groep,aantal\nleeftijd,18-30,10\nleeftijd,30-45,10\nleeftijd,45-65,10\n"
                           "woonduur,tot-1,10\nwoonduur,1-5,10\n");
    in.Answers = {{"leeftijd", "30-45", "2026-11", 6}, {"leeftijd", "45-65", "2026-11", 9},
                  {"woonduur", "tot-1", "2026-11", 2}, {"woonduur", "1-5", "2026-11", 1}};
    Report r = BuildReport(in);
    const ReachTable* age = FindReach(r, "leeftijd");
    REQUIRE(age);
    CHECK(Row(*age, "18-30")->Hidden);
    CHECK_FALSE(Row(*age, "30-45")->Hidden);
    CHECK_FALSE(Row(*age, "45-65")->Hidden);
    const ReachTable* stay = FindReach(r, "woonduur");
    REQUIRE(stay);
    CHECK(stay->TooFew);
    CHECK(Row(*stay, "tot-1")->Hidden);
    CHECK(Row(*stay, "1-5")->Hidden);
}

TEST_CASE("report model: agreements in order of what needs doing, late ones marked") {
    Input in = WithPack();
    in.Sessions = {{"s1", "Kampvuur over het groen", "2026-10-08", 11}};
    in.Agreements = {
        {"", "Klaar ding", "wijk", "2026-10-01", "", "klaar", ""},
        {"s1", "Later ding", "samen", "2027-03-01", "rolverdeling", "bezig", ""},
        {"", "Geen datum", "Jongerenraad", "", "ieders-stem", "open", ""},
        {"s1", "Te laat", "gemeente", "2026-11-15", "transparantie", "open", ""},
    };
    Report r = BuildReport(in);
    REQUIRE(r.Agreements.size() == 4);
    CHECK(r.Agreements[0].What == "Te laat");
    CHECK(r.Agreements[0].Late);
    CHECK(r.Agreements[0].Who == "de gemeente");
    CHECK(r.Agreements[0].Due == "15 november 2026");
    CHECK(r.Agreements[0].Answers == "Kompas: Open en duidelijk");
    CHECK(r.Agreements[0].Meeting == "Kampvuur over het groen (8 oktober 2026)");
    CHECK(r.Agreements[1].What == "Geen datum");
    CHECK(r.Agreements[1].Who == "Jongerenraad");
    CHECK(r.Agreements[1].Meeting.empty());
    CHECK(r.Agreements[2].What == "Later ding");
    CHECK(r.Agreements[2].Answers == "Bouwsteen: Wie beslist wat?");
    CHECK_FALSE(r.Agreements[2].Late);
    CHECK(r.Agreements[3].What == "Klaar ding");
    CHECK_FALSE(r.Agreements[3].Late); // done: never late
}

TEST_CASE("report model: campfire meetings apart from walk-in answers, small meetings hidden") {
    Input in = WithPack();
    in.Answers = {{"hoeveel-zeggenschap", "advies", "2026-11", 5}};
    in.Sessions = {{"s2", "Jongerenraad", "2026-11-12", 4}, {"s1", "Groen", "2026-10-08", 11}};
    in.CampfireResults = {{"s1", "hoeveel-zeggenschap", "voortouw", 6, "hands"},
                       {"s1", "hoeveel-zeggenschap", "besluiten", 5, "hands"},
                       {"s1", "dna-sterk", "buren", 8, "hands"},
                       {"s1", "dna-sterk", "groen", 7, "hands"},
                       {"s2", "hoeveel-zeggenschap", "voortouw", 4, "taps"},
                       {"s2", "hoeveel-zeggenschap", "besluiten", 2, "taps"}};
    Report r = BuildReport(in);
    // The walk-in chart holds only the walk-in answers.
    CHECK(BarCount(*Find(r, "hoeveel-zeggenschap"), "voortouw") == 0);
    CHECK(BarCount(*Find(r, "hoeveel-zeggenschap"), "advies") == 5);
    REQUIRE(r.Sessions.size() == 2);
    const SessionReport& first = r.Sessions[0]; // by date
    CHECK(first.Session.Name == "Groen");
    CHECK(first.Method == "handen geteld");
    REQUIRE(first.Charts.size() == 2);
    CHECK(first.Charts[0].AnswerId == "dna-sterk"); // the pack's order: DNA before Wie beslist wat?
    CHECK(first.Charts[0].Whole == 11);              // several answers: the share is of those present
    CHECK(first.Charts[1].AnswerId == "hoeveel-zeggenschap");
    CHECK(first.Charts[1].Shown);
    CHECK(first.Charts[1].Respondents == 11);
    CHECK(BarCount(first.Charts[1], "voortouw") == 6);
    CHECK(first.Charts[1].Slug == "kampvuur-1-hoeveel-zeggenschap");
    const SessionReport& second = r.Sessions[1];
    CHECK(second.Method == "getikt op het scherm");
    REQUIRE(second.Charts.size() == 1);
    CHECK_FALSE(second.Charts[0].Shown); // 6 votes, but only 4 present
    CHECK(second.Charts[0].Bars.empty());
}

TEST_CASE("report model: the summary figures pass through") {
    Input in = WithPack();
    in.Answers = {{"prettig-wonen", "4", "2026-11", 5}};
    in.Kiosks = 2;
    in.Visits = 5;
    in.FlaggedAnswers = 4;
    in.FlaggedVisits = 1;
    in.FirstDay = "2026-11-01";
    in.LastDay = "2026-11-27";
    Report r = BuildReport(in);
    CHECK(r.Answers == 5);
    CHECK(r.Kiosks == 2);
    CHECK(r.FlaggedAnswers == 4);
    CHECK(r.FlaggedVisits == 1);
    CHECK(r.PackLine == "gronings-model " + BundledPack().Version);
    CHECK(r.PeriodWord == "maand");
}
