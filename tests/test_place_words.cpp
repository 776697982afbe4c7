// Place words (content/pack.hpp): a wijk can be a dorp. The bundled pack spells its Dutch
// and English texts for both; a text naming a word the pack does not spell is a problem
// at its place; ApplyPlace spells every text.
#include "content/pack_loader.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace content;

namespace {

std::string BundledText() {
    std::ifstream in(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

LoadResult Bundled(PlaceKind kind) {
    LoadOptions o;
    o.Place = kind;
    return LoadPackText(BundledText(), "pack.json", o);
}

} // namespace

TEST_CASE("place words: the bundled pack for a dorp says dorp, never wijk, in Dutch and English") {
    LoadResult wijk = Bundled(PlaceKind::Wijk), dorp = Bundled(PlaceKind::Dorp);
    REQUIRE(wijk.Ok());
    REQUIRE(dorp.Ok());
    CHECK(wijk.Pack.Place == PlaceKind::Wijk);
    CHECK(dorp.Pack.Place == PlaceKind::Dorp);
    CHECK(Ui(wijk.Pack, "attract.title", "nl") == "Praat mee over uw wijk");
    CHECK(Ui(dorp.Pack, "attract.title", "nl") == "Praat mee over uw dorp");
    CHECK(Ui(dorp.Pack, "attract.title", "en") == "Have your say about your village");
    CHECK(Ui(dorp.Pack, "results.title", "nl") == "Zo antwoordde het dorp tot nu toe");
    CHECK(Ui(dorp.Pack, "news.empty", "nl") == "Er is nog geen nieuws voor dit dorp.");
    CHECK(dorp.Pack.Archetypes.at(0).Label.at("nl") == "Het dorp geeft advies");

    // No Dutch text of a dorp names a wijk (compounds like wijkpanel are names of things),
    // and none keeps a {@word}; the same texts for a wijk keep them spelled as a wijk.
    const std::regex wijk_word("(^|[^[:alpha:]])[Ww]ijk([^[:alpha:]-]|$)");
    const std::regex neighbourhood("[Nn]eighbourhood");
    int dutch = 0;
    for (const auto& [key, text] : dorp.Pack.Ui) {
        CAPTURE(key);
        if (key == "campfire.session_line" || key == "admin.store") // {wijk}: the wijk's name
            continue;
        CHECK_FALSE(std::regex_search(text.at("nl"), wijk_word));
        CHECK_FALSE(std::regex_search(text.at("en"), neighbourhood));
        dutch++;
    }
    for (const std::string& t : AllTexts(dorp.Pack)) {
        CAPTURE(t);
        CHECK(t.find("{@") == std::string::npos);
        if (t.find("{wijk}") == std::string::npos)
            CHECK_FALSE(std::regex_search(t, wijk_word));
    }
    for (const std::string& t : AllTexts(wijk.Pack))
        CHECK(t.find("{@") == std::string::npos);
    CHECK(dutch > 100);
    CHECK(AllTexts(wijk.Pack).size() == AllTexts(dorp.Pack).size());
}

TEST_CASE("place words: a word the pack does not spell is a problem at its text; a bad place_words too") {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(BundledText());
    j["ui"]["attract.title"]["nl"] = "Praat mee over {@uw-stad}";
    LoadResult r = LoadPackText(j.dump(1), "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("names the place word '{@uw-stad}'") != std::string::npos);
    CHECK(r.Problems[0].Message.find("{@uw-wijk}") != std::string::npos); // says which there are
    CHECK(r.Problems[0].Line > 1);

    j = nlohmann::ordered_json::parse(BundledText());
    j["place_words"]["de-wijk"].erase("dorp");
    r = LoadPackText(j.dump(1), "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("missing field 'dorp' in place word 'de-wijk'") != std::string::npos);

    j = nlohmann::ordered_json::parse(BundledText());
    j["place_words"]["de-wijk"]["dorp"].erase("uk");
    r = LoadPackText(j.dump(1), "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("missing translation in 'uk'") != std::string::npos);

    j = nlohmann::ordered_json::parse(BundledText());
    j["ui"]["attract.title"]["nl"] = "Praat mee over {@uw-wijk";
    r = LoadPackText(j.dump(1), "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("'{@uw-wijk'") != std::string::npos);
}

TEST_CASE("place words: ApplyPlace spells each word in each language, others untouched") {
    Pack p;
    p.Languages = {"nl", "en"};
    p.PlaceWords["de-wijk"] = {{{"nl", "de wijk"}, {"en", "the neighbourhood"}},
                               {{"nl", "het dorp"}, {"en", "the village"}}};
    p.Ui["a"] = {{"nl", "In {@de-wijk} en {@de-wijk}: {n} keer {@onbekend}"}, {"en", "In {@de-wijk}"}};
    ApplyPlace(&p, PlaceKind::Dorp);
    CHECK(p.Ui["a"]["nl"] == "In het dorp en het dorp: {n} keer {@onbekend}");
    CHECK(p.Ui["a"]["en"] == "In the village");
    PlaceKind k = PlaceKind::Wijk;
    CHECK(ParsePlaceKind("dorp", &k));
    CHECK(k == PlaceKind::Dorp);
    CHECK_FALSE(ParsePlaceKind("stad", &k));
    CHECK(std::string(PlaceKindName(PlaceKind::Wijk)) == "wijk");
}
