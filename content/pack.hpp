// The content model: a pack holds quick polls and the praatplaat; both are lists of
// questions with options. Every item has a stable id (used in the journal and by
// scripts); every text a person reads is a Text with one entry per pack language.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

using Text = std::map<std::string, std::string>; // language code -> text

enum class QuestionType {
    Single,   // pick one of 2-8 options
    Multiple, // pick up to Max options
    Smiley,   // 5-point scale of faces, from the pack's "smiley" scale
    Agree,    // 5-point agree scale, from the pack's "agree" scale
    YesNo,    // ja / nee / weet niet, from the pack's "yes_no" scale
    Matrix,   // who decides: for each row (topic) one column of the "who_decides" scale
    Budget,   // divide Total (in Step) over the options; the rest stays visible
    Top,      // pick your top Max, in order
    Text,     // free text on the on-screen keyboard, at most Max characters
};

const char* QuestionTypeName(QuestionType type); // as written in pack.json
bool ParseQuestionType(std::string_view name, QuestionType* out);
bool UsesScale(QuestionType type);               // options come from the pack's scale

struct Option {
    std::string Id;
    Text Label;
    int Level = 0;     // 1-3: how much say this answer asks for (adviseren .. verdelen); 0: none
    int Strength = -1; // 0-2: how strong this answer says the process is; -1: none
};

// Show a question only when an earlier answer has one of these values.
struct ShowIf {
    std::string Question;
    std::vector<std::string> Values;
};

// Where a resident can go on after a question (issue 14 item 7): a few words, and an
// address shown as a QR code. Nothing the resident does with it is stored.
struct FollowUp {
    Text Words;      // "Meedoen kan ook later. Bel het gebiedsteam: 14 050."
    std::string Url; // optional: https only
    bool Empty() const { return Words.empty(); }
};

struct Question {
    std::string Id;
    QuestionType Type = QuestionType::Single;
    Text Prompt;
    std::vector<Option> Options; // for scale types: copied from the pack's scale
    std::vector<Option> Rows;    // Matrix: the topics
    int Max = 0;                 // Multiple: at most; Top: how many to pick; Text: characters
    int Total = 0;               // Budget: what to divide
    int Step = 1;                // Budget: one tap moves this much
    Text Unit;                   // Budget: "munten", "euro"
    std::string Kompas;          // the kompas point this question weighs (witte vlekken)
    std::optional<ShowIf> Show;
    FollowUp Follow; // optional: "follow_up"
};

enum class PollKind { Poll, Kompas, Bouwsteen };

// A quick poll, or a zone of the praatplaat (a kompas point or a bouwsteen).
struct Poll {
    std::string Id;
    PollKind Kind = PollKind::Poll;
    Text Title;
    Text Explain; // zones: one sentence under the title on the poster
    std::vector<Question> Questions;
};

struct Archetype {
    std::string Id; // "adviseren", "aanjagen", "verdelen": level 1, 2, 3
    Text Label;
    Text Explain;
};

// A wijk can be a dorp (a village): texts name the place with words like {@de-wijk}, which
// the pack spells per language for each kind ("de wijk" / "het dorp").
enum class PlaceKind { Wijk, Dorp };
const char* PlaceKindName(PlaceKind kind); // "wijk", "dorp": as the store sends it
bool ParsePlaceKind(std::string_view name, PlaceKind* out);

struct PlaceWord {
    Text Wijk, Dorp;
};

// The sender's logo beside their name (optional): a PNG, checked when the pack loads.
struct PackLogo {
    std::string Png; // the file's bytes
    int Width = 0, Height = 0;
    bool Empty() const { return Png.empty(); }
};

struct Pack {
    std::string Id;
    std::string Version;
    std::vector<std::string> Languages; // the first is the default
    std::map<std::string, Text> Ui;     // interface texts by key, e.g. "attract.title"
    std::vector<Poll> Polls;            // quick polls
    std::vector<Poll> Zones;            // the praatplaat: kompas points and bouwstenen
    std::vector<Archetype> Archetypes;  // in order of say; empty without a praatplaat
    std::vector<int> RequiredStrength;  // per archetype: the least strength a kompas answer needs
    std::string StartPoll;              // the quick poll a walk-in resident gets
    std::string ClosingPoll;            // optional: asked after the praatplaat's outcome (about you)
    PackLogo Logo;                      // optional: "logo" in pack.json, the PNG in base64
    std::map<std::string, PlaceWord> PlaceWords; // "place_words": "de-wijk" for {@de-wijk}
    PlaceKind Place = PlaceKind::Wijk;  // the kind its texts were spelled for (ApplyPlace)
    std::string Dir;                    // folder the pack was loaded from

    const Poll* FindPoll(std::string_view id) const; // a quick poll or a zone
    const Question* FindQuestion(std::string_view id) const;
    bool HasPraatplaat() const { return !Zones.empty(); }
};

// The interface texts every pack must provide (the kiosk draws no literal text), and
// those a pack with a praatplaat must provide too.
const std::vector<std::string>& RequiredUiKeys();
const std::vector<std::string>& PraatplaatUiKeys();
const std::vector<std::string>& TextUiKeys(); // a pack with a free-text question (the keyboard)
bool HasTextQuestion(const Pack& pack);

// Every text a person can read, in every language: for the font's glyphs.
std::vector<std::string> AllTexts(const Pack& pack);

// The language is written right to left (Arabic, Hebrew, Persian, Urdu, ...).
bool IsRightToLeft(std::string_view lang);

// Spells every {@word} in every text of the pack for the kind of place (the loader does it
// for LoadOptions::Place). Words the pack does not define stay as they are (the loader
// refuses those).
void ApplyPlace(Pack* pack, PlaceKind kind);

// The text in lang, else in the pack's default language, else "".
const std::string& Tr(const Text& text, const std::string& lang, const std::string& fallback_lang);
const std::string& Ui(const Pack& pack, std::string_view key, const std::string& lang);

} // namespace content
