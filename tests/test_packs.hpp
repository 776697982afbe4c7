// Small packs for unit tests, built in code so each test can see the whole of it.
#pragma once
#include "content/pack_loader.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

// The pack that ships with the kiosk.
inline const content::Pack& BundledPack() {
    static content::LoadResult r = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model");
    REQUIRE(r.Ok());
    return r.Pack;
}

// Every interface text a pack with a praatplaat needs, each as its own key.
inline nlohmann::json TestUi() {
    nlohmann::json ui = nlohmann::json::object();
    for (const auto* keys : {&content::RequiredUiKeys(), &content::PraatplaatUiKeys(), &content::TextUiKeys()})
        for (const std::string& k : *keys)
            ui[k] = {{"nl", k}};
    return ui;
}

inline nlohmann::json Opt(const std::string& id, int level = 0, int strength = -1) {
    nlohmann::json o = {{"id", id}, {"label", {{"nl", id}}}};
    if (level)
        o["level"] = level;
    if (strength >= 0)
        o["strength"] = strength;
    return o;
}

inline nlohmann::json Q(const std::string& id, const std::string& type) {
    return {{"id", id}, {"type", type}, {"prompt", {{"nl", id + "?"}}}};
}

// A praatplaat with two kompas zones and two bouwstenen, every question type, and a show-if.
inline nlohmann::json PraatplaatPackJson() {
    using nlohmann::json;
    json scales = {
        {"smiley", {Opt("1"), Opt("2"), Opt("3"), Opt("4"), Opt("5")}},
        {"agree", {Opt("1", 0, 0), Opt("2", 0, 0), Opt("3", 0, 1), Opt("4", 0, 2), Opt("5", 0, 2)}},
        {"yes_no", {Opt("ja", 0, 2), Opt("nee", 0, 0), Opt("weet-niet", 0, 0)}},
        {"who_decides", {Opt("gemeente", 1), Opt("samen", 2), Opt("wijk", 3)}},
    };
    json matrix = Q("wie-beslist", "matrix");
    matrix["rows"] = {Opt("groen"), Opt("spelen"), Opt("verkeer")};
    json how_much = Q("hoeveel-zeggenschap", "single");
    how_much["options"] = {Opt("advies", 1), Opt("samen", 2), Opt("besluiten", 3)};
    json often = Q("wijkpanel-vaak", "single");
    often["options"] = {Opt("maand"), Opt("jaar")};
    often["show_if"] = {{"question", "wijkpanel"}, {"is", {"ja"}}};
    json budget = Q("wijkbudget", "budget");
    budget["options"] = {Opt("a"), Opt("b"), Opt("c")};
    budget["total"] = 10;
    budget["unit"] = {{"nl", "munten"}};
    json top = Q("prioriteiten", "top");
    top["options"] = {Opt("x"), Opt("y"), Opt("z")};
    top["pick"] = 2;
    json multiple = Q("meedoen", "multiple");
    multiple["options"] = {Opt("p"), Opt("q"), Opt("r")};
    multiple["max"] = 2;
    json remark = Q("opmerking", "text");
    remark["max_length"] = 20;
    json poll_q = Q("peiling-vraag", "single");
    poll_q["options"] = {Opt("een"), Opt("twee")};

    auto zone = [](const std::string& id, const std::string& kind, json questions) {
        return json{{"id", id}, {"kind", kind}, {"title", {{"nl", id}}}, {"explain", {{"nl", id}}},
                    {"questions", std::move(questions)}};
    };
    auto archetype = [](const std::string& id) {
        return json{{"id", id}, {"label", {{"nl", id}}}, {"explain", {{"nl", id}}}};
    };
    return {
        {"pack", "test"},
        {"version", "1"},
        {"languages", {"nl"}},
        {"ui", TestUi()},
        {"scales", scales},
        {"polls", {{{"id", "peiling"}, {"title", {{"nl", "peiling"}}}, {"questions", {poll_q}}}}},
        {"praatplaat",
         {{"archetypes", {archetype("adviseren"), archetype("aanjagen"), archetype("verdelen")}},
          {"required_strength", {{"adviseren", 0}, {"aanjagen", 1}, {"verdelen", 2}}},
          {"zones",
           {zone("ieders-stem", "kompas", {Q("stem-iedereen", "yes_no"), Q("toegankelijk", "agree")}),
            zone("transparantie", "kompas", {Q("wie-beslist-duidelijk", "yes_no"), Q("begroting-zichtbaar", "yes_no")}),
            zone("rolverdeling", "bouwsteen", {matrix, how_much}),
            zone("samen-leren", "bouwsteen",
                 {Q("wijkpanel", "yes_no"), often, budget, top, multiple, Q("tevreden", "smiley"), remark})}}}},
    };
}

inline const content::Pack& PraatplaatPack() {
    static content::LoadResult r = content::LoadPackText(PraatplaatPackJson().dump(2), "test.json");
    if (!r.Ok())
        for (const auto& p : r.Problems)
            MESSAGE(p.Format());
    REQUIRE(r.Ok());
    return r.Pack;
}
