// A quick poll made in the console becomes part of a pack that passes check-content's
// validator (store/console/quick_poll.cpp).
#include "content/pack_loader.hpp"
#include "store/console/quick_poll.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace console;

namespace {
std::string BundledPack() {
    std::ifstream f(std::string(WIJKSTEM_SOURCE_DIR) + "/content/packs/gronings-model/pack.json");
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}
} // namespace

TEST_CASE("quick poll: versions and ids") {
    CHECK(NextVersion("2.4.0") == "2.5.0");
    CHECK(NextVersion("3.9") == "3.10");
    CHECK(NextVersion("beta") == "beta.1");
    CHECK(Slug("Speeltuin Oosterpark!", 40) == "speeltuin-oosterpark");
    CHECK(Slug("Café Één", 40) == "cafe-een");
    CHECK(Slug("???", 40) == "");
    CHECK(Slug("abcdefghij", 4) == "abcd");
}

TEST_CASE("quick poll: the form's problems in Dutch") {
    QuickPoll p;
    CHECK(CheckQuickPoll(p, "nl").size() == 2); // no title, no question
    p.Title["nl"] = "Speeltuin";
    p.Questions.push_back({"single", {{"nl", "Wat mist er?"}}, {{{"nl", "Schommel"}}}});
    p.Questions.push_back({"smiley", {{"en", "Only English"}}, {}});
    const auto problems = CheckQuickPoll(p, "nl");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("Vraag 1: geef 2 tot 6 opties") == 0);
    CHECK(problems[1].find("Vraag 2: de vraag zelf ontbreekt") == 0);
}

TEST_CASE("quick poll: added to the bundled pack as its new start poll, valid in every language") {
    const std::string base = BundledPack();
    content::LoadResult before = content::LoadPackText(base, "pack.json");
    REQUIRE(before.Ok());
    QuickPoll p;
    p.Title = {{"nl", "De nieuwe speeltuin"}, {"en", "The new playground"}};
    p.Questions.push_back({"smiley", {{"nl", "Hoe vindt u de speeltuin?"}}, {}});
    p.Questions.push_back({"yes_no", {{"nl", "Komt u er vaker?"}}, {}});
    p.Questions.push_back({"single", {{"nl", "Wat mist er het meest?"}},
                           {{{"nl", "Een schommel"}, {"en", "A swing"}}, {{"nl", "Bankjes"}}, {{"nl", "Schaduw"}}}});
    p.Questions.push_back({"multiple", {{"nl", "Wie gaan er?"}}, {{{"nl", "Kinderen"}}, {{"nl", "Ouders"}}}});
    REQUIRE(CheckQuickPoll(p, "nl").empty());
    BuiltPack out;
    std::string error;
    REQUIRE(AddQuickPoll(base, p, &out, &error));
    CHECK(out.PollId == "peiling-de-nieuwe-speeltuin");
    CHECK(out.Version == NextVersion(before.Pack.Version));
    CHECK(out.QuestionIds == std::vector<std::string>{"peiling-de-nieuwe-speeltuin-1", "peiling-de-nieuwe-speeltuin-2",
                                                      "peiling-de-nieuwe-speeltuin-3", "peiling-de-nieuwe-speeltuin-4"});
    content::LoadResult after = content::LoadPackText(out.Body, "pack.json");
    for (const auto& problem : after.Problems)
        MESSAGE(problem.Format());
    REQUIRE(after.Ok());
    CHECK(after.Pack.StartPoll == out.PollId);
    CHECK(after.Pack.Polls.size() == before.Pack.Polls.size() + 1); // the earlier polls stay
    CHECK(after.Pack.Zones.size() == before.Pack.Zones.size());
    const content::Poll* poll = after.Pack.FindPoll(out.PollId);
    REQUIRE(poll);
    CHECK(poll->Title.at("en") == "The new playground");
    CHECK(poll->Title.at("pl") == "De nieuwe speeltuin " + UntranslatedNote("pl"));
    const content::Question& q3 = poll->Questions[2];
    CHECK(q3.Prompt.at("nl") == "Wat mist er het meest?");
    CHECK(q3.Prompt.at("en") == "Wat mist er het meest? (not translated yet: in Dutch)");
    CHECK(q3.Options[0].Id == "een-schommel");
    CHECK(q3.Options[0].Label.at("en") == "A swing");
    CHECK(q3.Options[1].Label.at("tr") == "Bankjes");
    CHECK(poll->Questions[0].Options.size() == 5); // the pack's smiley scale
    // a second poll with the same title gets its own ids
    BuiltPack again;
    REQUIRE(AddQuickPoll(out.Body, p, &again, &error));
    CHECK(again.PollId == "peiling-de-nieuwe-speeltuin-2");
    CHECK(content::LoadPackText(again.Body, "pack.json").Ok());
    CHECK_FALSE(AddQuickPoll("{not json", p, &again, &error));
}
