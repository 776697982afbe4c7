// The pack loader and validator: the bundled pack loads clean, and each kind of
// mistake in a pack.json is reported once, as FILE:LINE:COL: message, at the place an
// author has to look. Each test breaks a small valid pack (kHead below, whose line
// numbers are written next to it) in one way; the expected positions are counted by
// hand from kHead.
#include "content/pack_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace content;

namespace {

const char* const kFile = "mini.json";

// Lines 1-35 of the template; the interface texts follow from line 36 on.
const std::string kHead = R"({
  "pack": "mini",
  "version": "1",
  "languages": ["nl", "en"],
  "start_poll": "peiling",
  "scales": {
    "smiley": [
      {"id": "1", "label": {"nl": "Heel slecht", "en": "Very bad"}},
      {"id": "2", "label": {"nl": "Slecht", "en": "Bad"}},
      {"id": "3", "label": {"nl": "Gaat wel", "en": "So-so"}},
      {"id": "4", "label": {"nl": "Goed", "en": "Good"}},
      {"id": "5", "label": {"nl": "Heel goed", "en": "Very good"}}
    ],
    "yes_no": [
      {"id": "ja", "label": {"nl": "Ja", "en": "Yes"}},
      {"id": "nee", "label": {"nl": "Nee", "en": "No"}},
      {"id": "weet-niet", "label": {"nl": "Weet niet", "en": "Don't know"}}
    ]
  },
  "polls": [
    {
      "id": "peiling",
      "title": {"nl": "Peiling", "en": "Poll"},
      "questions": [
        {"id": "tevreden", "type": "smiley", "prompt": {"nl": "Tevreden?", "en": "Happy?"}},
        {"id": "mee-eens", "type": "yes_no", "prompt": {"nl": "Mee eens?", "en": "Agree?"}},
        {"id": "geld", "type": "single", "prompt": {"nl": "Waarheen?", "en": "Where to?"},
         "options": [
          {"id": "groen", "label": {"nl": "Groen", "en": "Green"}},
          {"id": "spelen", "label": {"nl": "Spelen", "en": "Play"}},
          {"id": "straat", "label": {"nl": "Straat", "en": "Street"}}
        ]}
      ]
    }
  ],
)";

// Line 36: "ui": {  (the brace at column 9), then one line per required text.
std::string UiBlock(const std::string& leave_out = "") {
    std::string s = "  \"ui\": {\n";
    bool first = true;
    for (const std::string& key : RequiredUiKeys()) {
        if (key == leave_out)
            continue;
        s += first ? "" : ",\n";
        first = false;
        s += "    \"" + key + "\": {\"nl\": \"" + key + " (nl)\", \"en\": \"" + key + " (en)\"}";
    }
    return s + "\n  }\n}\n";
}

std::string Template() { return kHead + UiBlock(); }

// The template with the one occurrence of from replaced by to.
std::string Broken(const std::string& from, const std::string& to, std::string text = Template()) {
    size_t at = text.find(from);
    INFO("looking for: ", from);
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string Joined(const std::vector<Problem>& problems) {
    std::string s;
    for (const Problem& p : problems)
        s += "\n  " + p.Format();
    return s;
}

std::vector<Problem> ProblemsOf(const std::string& text) { return LoadPackText(text, kFile).Problems; }

// The single problem of a pack broken in one way.
Problem Only(const std::string& text) {
    std::vector<Problem> problems = ProblemsOf(text);
    INFO("problems:", Joined(problems));
    REQUIRE(problems.size() == 1);
    return problems[0];
}

} // namespace

// File, line, column, the gist of the message, and the FILE:LINE:COL: form.
#define CHECK_PROBLEM(problem, line, col, gist)                                                                   \
    do {                                                                                                       \
        const Problem& p_ = (problem);                                                                         \
        INFO("problem: ", p_.Format());                                                                        \
        CHECK(p_.File == kFile);                                                                               \
        CHECK(p_.Line == (line));                                                                              \
        CHECK(p_.Col == (col));                                                                                \
        CHECK(p_.Message.find(gist) != std::string::npos);                                                      \
        CHECK(p_.Format() == std::string(kFile) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + \
                                 p_.Message);                                                                  \
    } while (0)

TEST_CASE("pack: the template pack is valid and loads into the model") {
    std::vector<Problem> problems = ProblemsOf(Template());
    INFO("problems:", Joined(problems));
    REQUIRE(problems.empty());

    LoadResult r = LoadPackText(Template(), kFile);
    CHECK(r.Ok());
    const Pack& pack = r.Pack;
    CHECK(pack.Id == "mini");
    CHECK(pack.Version == "1");
    CHECK(pack.Languages == std::vector<std::string>{"nl", "en"});
    CHECK(pack.StartPoll == "peiling");
    CHECK(pack.Ui.size() == RequiredUiKeys().size());
    CHECK(Ui(pack, "thanks.done", "en") == "thanks.done (en)");
    REQUIRE(pack.Polls.size() == 1);
    const Poll& poll = pack.Polls[0];
    CHECK(poll.Id == "peiling");
    CHECK(Tr(poll.Title, "nl", "nl") == "Peiling");
    REQUIRE(poll.Questions.size() == 3);
    CHECK(poll.Questions[0].Type == QuestionType::Smiley);
    CHECK(poll.Questions[0].Options.size() == 5); // copied from the scale
    CHECK(Tr(poll.Questions[0].Options[4].Label, "en", "nl") == "Very good");
    CHECK(poll.Questions[1].Type == QuestionType::YesNo);
    CHECK(poll.Questions[1].Options.size() == 3);
    CHECK(poll.Questions[2].Type == QuestionType::Single);
    REQUIRE(poll.Questions[2].Options.size() == 3);
    CHECK(poll.Questions[2].Options[1].Id == "spelen");
    CHECK(Tr(poll.Questions[2].Prompt, "en", "nl") == "Where to?");
    CHECK(pack.FindPoll("peiling") == &pack.Polls[0]);
    CHECK(pack.FindPoll("nope") == nullptr);
    CHECK_FALSE(pack.HasPraatplaat());
}

TEST_CASE("pack: the bundled Gronings model pack loads with no problems") {
    const std::string dir = WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model";
    LoadResult r = LoadPack(dir);
    INFO("problems:", Joined(r.Problems));
    REQUIRE(r.Ok());
    const Pack& pack = r.Pack;
    CHECK(pack.Dir == dir);
    CHECK_FALSE(pack.Id.empty());
    CHECK_FALSE(pack.Version.empty());
    REQUIRE_FALSE(pack.Languages.empty());
    CHECK(pack.Languages.front() == "nl");
    REQUIRE(pack.Polls.size() >= 1);
    CHECK(pack.FindPoll(pack.StartPoll) != nullptr);

    bool smiley = false, yes_no = false, single = false;
    for (const Poll& poll : pack.Polls)
        for (const Question& q : poll.Questions) {
            CAPTURE(q.Id);
            smiley = smiley || (q.Type == QuestionType::Smiley && q.Options.size() == 5);
            yes_no = yes_no || (q.Type == QuestionType::YesNo && q.Options.size() == 3);
            if (q.Type == QuestionType::Single && q.Options.size() >= 3 && q.Options.size() <= 6)
                single = true;
            for (const std::string& lang : pack.Languages) {
                CHECK_FALSE(Tr(q.Prompt, lang, lang).empty());
                for (const Option& o : q.Options)
                    CHECK_FALSE(Tr(o.Label, lang, lang).empty());
            }
        }
    CHECK(smiley);
    CHECK(yes_no);
    CHECK(single);

    // Every interface text the kiosk draws, in every language of the pack.
    for (const std::string& key : RequiredUiKeys())
        for (const std::string& lang : pack.Languages) {
            CAPTURE(key);
            CAPTURE(lang);
            auto it = pack.Ui.find(key);
            REQUIRE(it != pack.Ui.end());
            CHECK(it->second.count(lang) == 1);
        }
}

TEST_CASE("pack: a folder without pack.json is one problem, not a crash") {
    LoadResult r = LoadPack("/nonexistent/wijkstem-pack");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].File == "/nonexistent/wijkstem-pack/pack.json");
    CHECK(r.Problems[0].Line == 1);
    CHECK(r.Problems[0].Col == 1);
    CHECK(r.Problems[0].Format() ==
          "/nonexistent/wijkstem-pack/pack.json:1:1: cannot open the pack file (is this a content pack folder?)");
}

TEST_CASE("pack: Format() is FILE:LINE:COL: message") {
    Problem p = Only(Broken("\"start_poll\": \"peiling\"", "\"start_poll\": \"onbekend\""));
    CHECK(p.Format() == "mini.json:5:17: start_poll 'onbekend' is not a poll of this pack");
}

TEST_CASE("pack: JSON syntax errors come through with the file's name") {
    SUBCASE("a missing comma between fields") {
        Problem p = Only(Broken("\"version\": \"1\",", "\"version\": \"1\""));
        CHECK(p.Line == 4);
        CHECK(p.File == kFile);
        CHECK(p.Message.find("this is not valid JSON") == 0);
    }
    SUBCASE("a trailing comma") {
        Problem p = Only(Broken("\"en\": \"Street\"}}\n", "\"en\": \"Street\"}},\n"));
        CHECK_PROBLEM(p, 32, 9, "this is not valid JSON (unexpected ']'");
    }
    SUBCASE("truncated") {
        Problem p = Only(kHead);
        CHECK_PROBLEM(p, 36, 1, "unexpected end of input");
    }
    SUBCASE("not an object") {
        Problem p = Only("[1, 2]");
        CHECK_PROBLEM(p, 1, 1, "a pack file must hold one JSON object");
    }
}

TEST_CASE("pack: a missing field is reported at the object that lacks it") {
    SUBCASE("version, at the pack's opening brace") {
        Problem p = Only(Broken("  \"version\": \"1\",\n", ""));
        CHECK_PROBLEM(p, 1, 1, "missing field 'version' in the pack");
    }
    SUBCASE("a question's prompt") {
        Problem p = Only(Broken(", \"prompt\": {\"nl\": \"Tevreden?\", \"en\": \"Happy?\"}", ""));
        CHECK_PROBLEM(p, 25, 9, "missing field 'prompt' in question 'tevreden'");
    }
    SUBCASE("a question's id") {
        Problem p = Only(Broken("{\"id\": \"mee-eens\", ", "{"));
        CHECK_PROBLEM(p, 26, 9, "missing field 'id' in a question of poll 'peiling'");
    }
    SUBCASE("an option's label") {
        Problem p = Only(Broken("{\"id\": \"spelen\", \"label\": {\"nl\": \"Spelen\", \"en\": \"Play\"}}",
                                "{\"id\": \"spelen\"}"));
        CHECK_PROBLEM(p, 30, 11, "missing field 'label' in option 'spelen'");
    }
    SUBCASE("a single-choice question's options") {
        Problem p = Only(Broken(R"(,
         "options": [
          {"id": "groen", "label": {"nl": "Groen", "en": "Green"}},
          {"id": "spelen", "label": {"nl": "Spelen", "en": "Play"}},
          {"id": "straat", "label": {"nl": "Straat", "en": "Street"}}
        ]})",
                                "}"));
        CHECK_PROBLEM(p, 27, 9, "missing field 'options' in question 'geld'");
    }
}

TEST_CASE("pack: a field of the wrong type is reported at its value") {
    SUBCASE("a number where a text belongs") {
        Problem p = Only(Broken("\"version\": \"1\"", "\"version\": 1"));
        CHECK_PROBLEM(p, 3, 14, "field 'version' in the pack must be a text, not a number");
    }
    SUBCASE("a text where a list belongs") {
        std::vector<Problem> problems = ProblemsOf(Broken("[\"nl\", \"en\"]", "\"nl\""));
        REQUIRE(!problems.empty()); // without languages, every text is also in an unknown language
        CHECK_PROBLEM(problems[0], 4, 16, "field 'languages' in the pack must be a list, not a text");
    }
    SUBCASE("a number as an id") {
        Problem p = Only(Broken("{\"id\": \"mee-eens\"", "{\"id\": 7"));
        CHECK_PROBLEM(p, 26, 16, "field 'id' in a question of poll 'peiling' must be a text, not a number");
    }
    SUBCASE("a text where a translated text belongs") {
        Problem p = Only(Broken("\"title\": {\"nl\": \"Peiling\", \"en\": \"Poll\"}", "\"title\": \"Peiling\""));
        CHECK_PROBLEM(p, 23, 16, "the title of poll 'peiling' must be an object with one text per language");
    }
    SUBCASE("a number inside a translated text") {
        Problem p = Only(Broken("{\"nl\": \"Peiling\", \"en\": \"Poll\"}", "{\"nl\": \"Peiling\", \"en\": 5}"));
        CHECK_PROBLEM(p, 23, 40, "the title of poll 'peiling' in 'en' must be a text, not a number");
    }
}

TEST_CASE("pack: duplicate ids are reported at the second id") {
    SUBCASE("poll") {
        Problem p = Only(Broken("    }\n  ],\n", R"(    },
    {"id": "peiling", "title": {"nl": "Nog een", "en": "Another"},
     "questions": [{"id": "nog-een", "type": "smiley", "prompt": {"nl": "En?", "en": "And?"}}]}
  ],
)"));
        CHECK_PROBLEM(p, 35, 12, "duplicate poll id 'peiling'");
    }
    SUBCASE("question") {
        Problem p = Only(Broken("{\"id\": \"mee-eens\"", "{\"id\": \"tevreden\""));
        CHECK_PROBLEM(p, 26, 16, "duplicate question id 'tevreden'");
    }
    SUBCASE("option") {
        Problem p = Only(Broken("{\"id\": \"spelen\"", "{\"id\": \"groen\""));
        CHECK_PROBLEM(p, 30, 18, "duplicate option id 'groen' in question 'geld'");
    }
    SUBCASE("option of a scale") {
        Problem p = Only(Broken("{\"id\": \"2\"", "{\"id\": \"1\""));
        CHECK_PROBLEM(p, 9, 14, "duplicate option id '1' in the scale 'smiley'");
    }
}

TEST_CASE("pack: a duplicate key is reported at the second key") {
    SUBCASE("in the pack") {
        Problem p = Only(Broken("\"version\": \"1\",", "\"version\": \"1\", \"version\": \"2\","));
        CHECK_PROBLEM(p, 3, 19, "duplicate field 'version' in the pack");
    }
    SUBCASE("in a question") {
        Problem p = Only(Broken("\"type\": \"smiley\",", "\"type\": \"smiley\", \"type\": \"yes_no\","));
        CHECK_PROBLEM(p, 25, 46, "duplicate field 'type' in question 'tevreden'");
    }
    SUBCASE("a language twice in one text") {
        Problem p = Only(Broken("{\"nl\": \"Peiling\", \"en\": \"Poll\"}", "{\"nl\": \"Peiling\", \"nl\": \"Peil\", \"en\": \"Poll\"}"));
        CHECK_PROBLEM(p, 23, 34, "duplicate language 'nl' in the title of poll 'peiling'");
    }
    SUBCASE("an interface text twice") {
        const std::string line = "    \"thanks.done\": {\"nl\": \"thanks.done (nl)\", \"en\": \"thanks.done (en)\"},\n";
        std::vector<Problem> problems = ProblemsOf(Broken(line, line + line));
        INFO("problems:", Joined(problems));
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].Col == 5);
        CHECK(problems[0].Message == "duplicate interface text 'thanks.done'");
        // the first copy stands on line 37 + its index; the second, reported, right after it
        size_t index = 0;
        while (RequiredUiKeys()[index] != "thanks.done")
            index++;
        CHECK(problems[0].Line == 37 + int(index) + 1);
    }
}

TEST_CASE("pack: an unknown question type is reported at the type") {
    Problem p = Only(Broken("\"type\": \"yes_no\"", "\"type\": \"ja_nee\""));
    CHECK_PROBLEM(p, 26, 36, "unknown question type 'ja_nee'");
    CHECK(p.Message.find("known types: single") != std::string::npos);
}

TEST_CASE("pack: an empty option list is reported at its bracket") {
    SUBCASE("a question") {
        Problem p = Only(Broken(R"("options": [
          {"id": "groen", "label": {"nl": "Groen", "en": "Green"}},
          {"id": "spelen", "label": {"nl": "Spelen", "en": "Play"}},
          {"id": "straat", "label": {"nl": "Straat", "en": "Street"}}
        ]})",
                                "\"options\": []}"));
        CHECK_PROBLEM(p, 28, 21, "empty option list in question 'geld'");
    }
    SUBCASE("a scale") {
        Problem p = Only(Broken(R"("yes_no": [
      {"id": "ja", "label": {"nl": "Ja", "en": "Yes"}},
      {"id": "nee", "label": {"nl": "Nee", "en": "No"}},
      {"id": "weet-niet", "label": {"nl": "Weet niet", "en": "Don't know"}}
    ])",
                                "\"yes_no\": []"));
        CHECK_PROBLEM(p, 14, 15, "empty option list in the scale 'yes_no'");
    }
    SUBCASE("a single option is too few") {
        Problem p = Only(Broken(R"(,
          {"id": "spelen", "label": {"nl": "Spelen", "en": "Play"}},
          {"id": "straat", "label": {"nl": "Straat", "en": "Street"}})",
                                ""));
        CHECK_PROBLEM(p, 28, 21, "question 'geld' needs 2 to 8 options, it has 1");
    }
}

TEST_CASE("pack: invalid UTF-8 is reported as such, at its line and column") {
    SUBCASE("a 0xFF byte in a prompt") {
        Problem p = Only(Broken("\"Happy?\"", "\"Hap\xFFpy?\""));
        CHECK_PROBLEM(p, 25, 86, "invalid UTF-8");
    }
    SUBCASE("a Latin-1 e-acute in an interface text") {
        Problem p = Only(Broken("\"thanks.title (nl)\"", "\"Bedankt, caf\xE9!\""));
        CHECK(p.File == kFile);
        CHECK(p.Line > 36);
        CHECK(p.Format().find("mini.json:" + std::to_string(p.Line) + ":") == 0);
        CHECK(p.Message.find("invalid UTF-8: the file must be saved as UTF-8 text") == 0);
    }
    SUBCASE("valid UTF-8 is fine") {
        CHECK(ProblemsOf(Broken("\"Happy?\"", "\"H\xC3\xA9\xC3\xA9, \xE2\x82\xAC \xF0\x9F\x98\x80?\"")).empty());
    }
}

TEST_CASE("pack: a missing translation is reported at the text's opening brace") {
    SUBCASE("English left out") {
        Problem p = Only(Broken("{\"nl\": \"Peiling\", \"en\": \"Poll\"}", "{\"nl\": \"Peiling\"}"));
        CHECK_PROBLEM(p, 23, 16, "missing translation in 'en' for the title of poll 'peiling'");
    }
    SUBCASE("in an option label") {
        Problem p = Only(Broken("{\"nl\": \"Straat\", \"en\": \"Street\"}", "{\"nl\": \"Straat\"}"));
        CHECK_PROBLEM(p, 31, 37, "missing translation in 'en' for the label of option 'straat'");
    }
    SUBCASE("a language the pack does not have, instead of one it has") {
        std::vector<Problem> problems =
            ProblemsOf(Broken("{\"nl\": \"Peiling\", \"en\": \"Poll\"}", "{\"nl\": \"Peiling\", \"de\": \"Umfrage\"}"));
        INFO("problems:", Joined(problems));
        REQUIRE(problems.size() == 2);
        CHECK_PROBLEM(problems[0], 23, 34, "language 'de' in the title of poll 'peiling' is not in the pack's languages");
        CHECK_PROBLEM(problems[1], 23, 16, "missing translation in 'en' for the title of poll 'peiling'");
    }
    SUBCASE("an empty text counts as missing") {
        Problem p = Only(Broken("\"en\": \"Poll\"", "\"en\": \"  \""));
        CHECK_PROBLEM(p, 23, 40, "the title of poll 'peiling' in 'en' is empty");
    }
}

TEST_CASE("pack: an unknown field (usually a typo) is reported at its key") {
    SUBCASE("in the pack") {
        Problem p = Only(Broken("\"pack\": \"mini\",", "\"pack\": \"mini\", \"author\": \"gebiedsteam\","));
        CHECK_PROBLEM(p, 2, 19, "unknown field 'author' in the pack");
    }
    SUBCASE("a misspelt field is unknown, and the real one is missing") {
        std::vector<Problem> problems = ProblemsOf(Broken("\"title\": {", "\"titel\": {"));
        INFO("problems:", Joined(problems));
        REQUIRE(problems.size() == 2);
        CHECK_PROBLEM(problems[0], 23, 7, "unknown field 'titel' in poll 'peiling'");
        CHECK_PROBLEM(problems[1], 21, 5, "missing field 'title' in poll 'peiling'");
    }
    SUBCASE("in an option") {
        Problem p = Only(Broken("{\"id\": \"groen\",", "{\"id\": \"groen\", \"colour\": \"green\","));
        CHECK_PROBLEM(p, 29, 27, "unknown field 'colour' in an option of question 'geld'");
    }
    SUBCASE("a scale the kiosk does not know") {
        Problem p = Only(Broken("  \"scales\": {\n", "  \"scales\": {\n    \"stars\": [],\n"));
        CHECK_PROBLEM(p, 7, 5, "unknown field 'stars' in the scales");
    }
}

TEST_CASE("pack: every required interface text must be there") {
    for (const std::string& key : RequiredUiKeys()) {
        CAPTURE(key);
        Problem p = Only(kHead + UiBlock(key));
        CHECK_PROBLEM(p, 36, 9, "missing interface text '" + key + "'");
    }
}

TEST_CASE("pack: a scale with the wrong number of options is reported at its bracket") {
    SUBCASE("a smiley scale of 4") {
        Problem p = Only(Broken(",\n      {\"id\": \"5\", \"label\": {\"nl\": \"Heel goed\", \"en\": \"Very good\"}}", ""));
        CHECK_PROBLEM(p, 7, 15, "the scale 'smiley' needs exactly 5 options, it has 4");
    }
    SUBCASE("a smiley scale of 6") {
        Problem p = Only(Broken("{\"nl\": \"Heel goed\", \"en\": \"Very good\"}}",
                                "{\"nl\": \"Heel goed\", \"en\": \"Very good\"}},\n"
                                "      {\"id\": \"6\", \"label\": {\"nl\": \"Super\", \"en\": \"Great\"}}"));
        CHECK_PROBLEM(p, 7, 15, "the scale 'smiley' needs exactly 5 options, it has 6");
    }
    SUBCASE("a yes/no scale of 2") {
        Problem p = Only(Broken(",\n      {\"id\": \"weet-niet\", \"label\": {\"nl\": \"Weet niet\", \"en\": \"Don't know\"}}", ""));
        CHECK_PROBLEM(p, 14, 15, "the scale 'yes_no' needs exactly 3 options, it has 2");
    }
    SUBCASE("a smiley question without a smiley scale") {
        std::string text = Broken(R"("smiley": [
      {"id": "1", "label": {"nl": "Heel slecht", "en": "Very bad"}},
      {"id": "2", "label": {"nl": "Slecht", "en": "Bad"}},
      {"id": "3", "label": {"nl": "Gaat wel", "en": "So-so"}},
      {"id": "4", "label": {"nl": "Goed", "en": "Good"}},
      {"id": "5", "label": {"nl": "Heel goed", "en": "Very good"}}
    ],
)",
                                  "\n\n\n\n\n\n\n");
        Problem p = Only(text);
        CHECK_PROBLEM(p, 25, 36, "question 'tevreden' needs the scale 'smiley' under \"scales\" in the pack");
    }
}

TEST_CASE("pack: a bad start_poll is reported at its value") {
    SUBCASE("a poll that does not exist") {
        Problem p = Only(Broken("\"start_poll\": \"peiling\"", "\"start_poll\": \"onbekend\""));
        CHECK_PROBLEM(p, 5, 17, "start_poll 'onbekend' is not a poll of this pack");
    }
    SUBCASE("not a text") {
        Problem p = Only(Broken("\"start_poll\": \"peiling\"", "\"start_poll\": [\"peiling\"]"));
        CHECK_PROBLEM(p, 5, 17, "field 'start_poll' in the pack must be a text, not a list");
    }
    SUBCASE("left out: the first poll") {
        LoadResult r = LoadPackText(Broken("  \"start_poll\": \"peiling\",\n", ""), kFile);
        INFO("problems:", Joined(r.Problems));
        CHECK(r.Ok());
        CHECK(r.Pack.StartPoll == "peiling");
    }
}

TEST_CASE("pack: an id with characters outside a-z, 0-9, - and _") {
    Problem p = Only(Broken("{\"id\": \"spelen\"", "{\"id\": \"Spelen!\""));
    CHECK_PROBLEM(p, 30, 18, "id 'Spelen!' of an option of question 'geld' may only hold a-z, 0-9, '-' and '_'");
}

TEST_CASE("pack: every problem is reported, in file order, not only the first") {
    std::string text = Broken("\"version\": \"1\"", "\"version\": 1");
    text = Broken("\"type\": \"yes_no\"", "\"type\": \"ja_nee\"", text);
    text = Broken("{\"id\": \"spelen\"", "{\"id\": \"groen\"", text);
    std::vector<Problem> problems = ProblemsOf(text);
    INFO("problems:", Joined(problems));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].Format() == "mini.json:3:14: field 'version' in the pack must be a text, not a number");
    CHECK(problems[1].Format() ==
          "mini.json:26:36: unknown question type 'ja_nee' (known types: single, multiple, smiley, agree, yes_no, "
          "matrix, budget, top, text)");
    CHECK(problems[2].Format() == "mini.json:30:18: duplicate option id 'groen' in question 'geld'");
}

TEST_CASE("pack: a character the kiosk's fonts lack is reported at its text") {
    // A stand-in for the fonts (widgets::MissingGlyphs, tested in test_fonts.cpp): they
    // lack the snowman.
    LoadOptions options;
    options.MissingGlyphs = [](std::string_view text) {
        std::vector<char32_t> missing;
        if (text.find("\xE2\x98\x83") != std::string_view::npos)
            missing.push_back(0x2603);
        return missing;
    };
    const std::string text = Broken("\"nl\": \"Groen\"", "\"nl\": \"Groen \xE2\x98\x83\"");
    CHECK(LoadPackText(Template(), kFile, options).Ok());
    CHECK(LoadPackText(text, kFile).Ok()); // without the fonts (the store) nothing to say
    LoadResult r = LoadPackText(text, kFile, options);
    INFO("problems:", Joined(r.Problems));
    REQUIRE(r.Problems.size() == 1);
    // Where the text starts: line 29, the opening quote of "Groen ☃".
    const std::string line29 = "          {\"id\": \"groen\", \"label\": {\"nl\": ";
    CHECK(text.find("\n" + line29 + "\"Groen") != std::string::npos);
    CHECK_PROBLEM(r.Problems[0], 29, int(line29.size()) + 1,
                  "the label of option 'groen' in 'nl' has a character the kiosk's fonts cannot show: "
                  "'\xE2\x98\x83' (U+2603)");
}

TEST_CASE("pack: a follow-up route has words in every language and at most an https address") {
    const std::string q = R"({"id": "tevreden", "type": "smiley", "prompt": {"nl": "Tevreden?", "en": "Happy?"}})";
    auto with = [&](const std::string& follow_up) {
        return Broken(q, R"({"id": "tevreden", "type": "smiley", "prompt": {"nl": "Tevreden?", "en": "Happy?"},
         "follow_up": )" + follow_up + "}");
    };
    LoadResult good = LoadPackText(with(R"({"text": {"nl": "Bel 14 050.", "en": "Call 14 050."},
                                            "url": "https://gemeente.example/panel"})"),
                                   kFile);
    INFO("problems:", Joined(good.Problems));
    REQUIRE(good.Ok());
    const Question& tevreden = good.Pack.Polls[0].Questions[0];
    CHECK(tevreden.Follow.Words.at("nl") == "Bel 14 050.");
    CHECK(tevreden.Follow.Url == "https://gemeente.example/panel");

    CHECK_PROBLEM(Only(with(R"({"text": {"nl": "Bel."}, "url": "https://a.example"})")), 26, 32,
                  "missing translation in 'en' for the follow_up of question 'tevreden'");
    CHECK_PROBLEM(Only(with(R"({"text": {"nl": "Bel.", "en": "Call."}, "url": "http://a.example"})")), 26, 70,
                  "must be an https:// address");
    CHECK_PROBLEM(Only(with(R"({"text": {"nl": "Bel.", "en": "Call."}, "url": "https://a.example/x y"})")), 26, 70,
                  "without spaces");
    CHECK_PROBLEM(Only(with(R"({"text": {"nl": "Bel.", "en": "Call."}, "phone": "14 050"})")), 26, 63,
                  "unknown field 'phone' in the follow_up of question 'tevreden'");
    CHECK(Only(with(R"({"url": "https://a.example"})")).Message.find("missing field 'text'") != std::string::npos);
}
