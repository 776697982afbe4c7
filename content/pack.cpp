#include "content/pack.hpp"

namespace content {

namespace {

struct TypeName {
    QuestionType Type;
    const char* Name;
};
const TypeName kTypeNames[] = {
    {QuestionType::Single, "single"}, {QuestionType::Multiple, "multiple"}, {QuestionType::Smiley, "smiley"},
    {QuestionType::Agree, "agree"},   {QuestionType::YesNo, "yes_no"},      {QuestionType::Matrix, "matrix"},
    {QuestionType::Budget, "budget"}, {QuestionType::Top, "top"},       {QuestionType::Text, "text"},
};

} // namespace

const char* QuestionTypeName(QuestionType type) {
    for (const TypeName& t : kTypeNames)
        if (t.Type == type)
            return t.Name;
    return "?";
}

bool ParseQuestionType(std::string_view name, QuestionType* out) {
    for (const TypeName& t : kTypeNames)
        if (name == t.Name) {
            *out = t.Type;
            return true;
        }
    return false;
}

bool UsesScale(QuestionType type) {
    return type == QuestionType::Smiley || type == QuestionType::Agree || type == QuestionType::YesNo ||
           type == QuestionType::Matrix;
}

const Poll* Pack::FindPoll(std::string_view id) const {
    for (const auto* list : {&Polls, &Zones})
        for (const Poll& p : *list)
            if (p.Id == id)
                return &p;
    return nullptr;
}

const Question* Pack::FindQuestion(std::string_view id) const {
    for (const auto* list : {&Polls, &Zones})
        for (const Poll& p : *list)
            for (const Question& q : p.Questions)
                if (q.Id == id)
                    return &q;
    return nullptr;
}

// A data table: every ui key a pack must have (the validator names the missing ones).
const std::vector<std::string>& RequiredUiKeys() {
    static const std::vector<std::string> keys = {
        "language.name",     // the language's own name, on the language buttons
        "attract.title",     // "Praat mee over uw wijk"
        "attract.subtitle",
        "attract.start",     // the big start button
        "attract.result",    // "{percent}% van de wijk koos \"{option}\" bij: {question}"
        "attract.advice",    // what the answers are for (issue 15)
        "attract.start_time", // "{n} vragen, ongeveer 1 minuut"
        "sender",            // who is asking: "Gemeente Groningen · gebiedsteam"

        "question.progress", // "Vraag {n} van {total}"
        "question.skip",
        "question.stop",
        "question.back",
        "zone.start",        // a zone's explanation: on to its questions
        "zone.back",         // a zone's explanation: back to the poster
        "zone.questions",    // "{n} vragen"
        "question.next",     // confirms a multiple choice, budget, top or matrix answer
        "question.choose_max", // "Kies er hoogstens {max}"
        "question.left",     // budget: "Nog te verdelen: {left} {unit}"
        "thanks.title",
        "thanks.body",
        "thanks.done",
        "thanks.results",    // "Zo antwoordde de wijk"
        "results.title",     // "Zo antwoordde de wijk tot nu toe"
        "results.too_few",   // fewer than 5 answers: nothing shown
        "results.next",
        "still_there.title", // "Bent u er nog?"
        "still_there.body",  // "Over {seconds} seconden ..."
        "still_there.continue",
        "error.title",       // "Er ging iets mis, uw antwoord is niet opgeslagen"
        "error.body",
        "error.done",
        "corner.larger",     // A+: larger text, top right on every screen
        "corner.smaller",    // A-: back to normal text
        "corner.contrast",   // the high-contrast theme
        // speech (issue 5): the top-left corner of every screen
        "speech.read",         // "Lees voor": reads the screen once
        "speech.on",           // turns reading aloud on for the whole visit
        "speech.is_on",        // the same button while it is on (a tap turns it off)
        "speech.louder",
        "speech.softer",
        "speech.budget_total", // spoken on a budget question: "U verdeelt {total} {unit}."
        // The facilitator's screens and the gap between visits (kiosk/screen_admin.cpp).
        "attract.wait",      // "Een moment alstublieft. Over {seconds} seconden ..."
        "admin.corner",      // the hidden corner's name in the target list (never drawn)
        "pin.title",
        "pin.clear",
        "pin.ok",
        "pin.cancel",
        "pin.wrong",
        "pin.locked",        // "... Probeer het over {seconds} seconden opnieuw."
        "pin.too_short",
        "pin.unset",         // no PIN yet: set one with wijkstem set-pin
        "pin.checking",
        "admin.title",
        "admin.device",      // {id}
        "admin.store",       // {url} {wijk}
        "admin.not_enrolled",
        "admin.answers",     // {n}
        "admin.waiting",     // {n}
        "admin.last_sync",   // {when}
        "admin.never",
        "admin.last_error",  // {error}
        "admin.none",
        "admin.visits",      // {counted} {flagged}
        "admin.pin_attempts", // {n} {wrong}
        "admin.opening_hours", // {hours} {now}
        "admin.open_now",
        "admin.closed_now",
        "admin.always_open",
        "admin.sync",
        "admin.syncing",
        "admin.sync_off",
        "admin.back",
        "admin.quit",
        // The campfire meeting's screens (kiosk/screen_campfire.cpp, docs/campfire.md): every
        // pack, since the admin screen can start one; and the keyboard they type on (the
        // same keys a free-text question needs).
        "campfire.start",
        "campfire.setup_title",
        "campfire.name",
        "campfire.name_empty",
        "campfire.wijk",
        "campfire.wijk_empty",
        "campfire.date",
        "campfire.present",
        "campfire.present_n",
        "campfire.cancel",
        "campfire.setup_next",
        "campfire.need_name",
        "campfire.need_wijk",
        "campfire.type_name",
        "campfire.type_wijk",
        "campfire.pick_title",
        "campfire.session_line",
        "campfire.questions_n",
        "campfire.polls",
        "campfire.done",
        "campfire.agreements",
        "campfire.summary",
        "campfire.no_questions",
        "campfire.progress",
        "campfire.mode_taps",
        "campfire.mode_hands",
        "campfire.votes",
        "campfire.vote_counted",
        "campfire.tap_hint",
        "campfire.hands_hint",
        "campfire.hidden",
        "campfire.reveal",
        "campfire.hide",
        "campfire.result",
        "campfire.next",
        "campfire.last",
        "campfire.back",
        "campfire.save_failed",
        "campfire.exported",
        "campfire.export_failed",
        // The campfire as a conversation, and stap 3 (issue 14).
        "campfire.skipped_text_note",
        "campfire.multi_hint",
        "campfire.top_hint",
        "campfire.budget_hint",
        "campfire.budget_left",
        "campfire.note",
        "campfire.noted",
        "campfire.type_note",
        "campfire.note_hint",
        "summary.notes",
        "previous.title",
        "previous.intro",
        "previous.open",
        "previous.made",
        "previous.status_open",
        "previous.status_bezig",
        "previous.status_gedaan",
        "previous.status_lukt-niet",
        "previous.change_title",
        "previous.how",
        "previous.note",
        "previous.note_empty",
        "previous.type_note",
        "previous.save",
        "previous.saved",
        "previous.done",
        "agreement.list_title",
        "agreement.none",
        "agreement.more",
        "agreement.new",
        "agreement.back",
        "agreement.title",
        "agreement.what",
        "agreement.what_empty",
        "agreement.type_what",
        "agreement.who",
        "agreement.who_wijk",
        "agreement.who_gemeente",
        "agreement.who_samen",
        "agreement.who_group",
        "agreement.type_group",
        "agreement.when",
        "agreement.week_earlier",
        "agreement.week_later",
        "agreement.due",
        "agreement.no_due",
        "agreement.answers",
        "agreement.vlek",
        "agreement.status_open",
        "agreement.status_bezig",
        "agreement.status_klaar",
        "agreement.save",
        "agreement.cancel",
        "agreement.need_what",
        "agreement.need_who",
        "summary.title",
        "summary.lean",
        "summary.no_lean",
        "summary.vlekken",
        "summary.no_vlekken",
        "summary.agreements",
        "summary.no_agreements",
        "summary.no_charts",
        "summary.more",
        "summary.page",
        "summary.back",
        "summary.export",
        "summary.choose_target",
        "summary.no_target",
        "summary.retry",
        "summary.cancel",
        "summary.end",
        "keyboard.space",
        "keyboard.backspace",
        "keyboard.shift",
        "keyboard.accents",
        "keyboard.letters",
        "keyboard.done",
    };
    return keys;
}

const std::vector<std::string>& PraatplaatUiKeys() {
    static const std::vector<std::string> keys = {
        "attract.praatplaat", // the second start button
        "attract.praatplaat_time", // "Ongeveer {n} vragen, ..."
        "intro.title",        // the three archetypes
        "intro.next",
        "poster.title",
        "poster.kompas",      // heading over the four kompas points
        "poster.bouwstenen",  // heading over the five bouwstenen
        "poster.done_zone",   // the word on a finished zone
        "poster.outcome",     // to the outcome
        "outcome.title",
        "outcome.lean",       // "Uw antwoorden passen het best bij:"
        "outcome.no_lean",
        "outcome.vlekken",    // "Witte vlekken: hier is het proces nog niet sterk genoeg"
        "outcome.no_vlekken",
        "outcome.per_theme",   // the lean per who-decides theme (content/outcome.hpp OutcomeByTheme)
        "outcome.theme_vlekken", // "{n}": how many witte vlekken that much say has
        "outcome.done",
        "speech.outcome_private", // spoken on the outcome instead of the outcome itself
    };
    return keys;
}

const std::vector<std::string>& TextUiKeys() {
    static const std::vector<std::string> keys = {
        "text.privacy",       // "Schrijf geen namen of telefoonnummers op."
        "text.count",         // "{count} van {max} tekens"
        "text.empty",         // in the empty text box: "Tik op de letters hieronder"
        "keyboard.space",     // the space bar
        "keyboard.backspace", // removes the last letter
        "keyboard.shift",     // one capital letter
        "keyboard.accents",   // to the letters with accents (é, ł, ş ...)
        "keyboard.letters",   // back to the plain letters
        "keyboard.done",      // "Klaar": stores the text
    };
    return keys;
}

bool HasTextQuestion(const Pack& pack) {
    for (const auto* list : {&pack.Polls, &pack.Zones})
        for (const Poll& p : *list)
            for (const Question& q : p.Questions)
                if (q.Type == QuestionType::Text)
                    return true;
    return false;
}

const std::string& Tr(const Text& text, const std::string& lang, const std::string& fallback_lang) {
    static const std::string empty;
    auto it = text.find(lang);
    if (it != text.end())
        return it->second;
    it = text.find(fallback_lang);
    return it != text.end() ? it->second : empty;
}

const std::string& Ui(const Pack& pack, std::string_view key, const std::string& lang) {
    static const std::string empty;
    auto it = pack.Ui.find(std::string(key));
    if (it == pack.Ui.end())
        return empty;
    return Tr(it->second, lang, pack.Languages.empty() ? lang : pack.Languages.front());
}

namespace {

// Every Text of the pack a person can read, for f.
template <class P, class F> void ForEachText(P& pack, F&& f) {
    for (auto& [key, text] : pack.Ui)
        f(text);
    for (auto* polls : {&pack.Polls, &pack.Zones})
        for (auto& p : *polls) {
            f(p.Title);
            f(p.Explain);
            for (auto& q : p.Questions) {
                f(q.Prompt);
                f(q.Unit);
                f(q.Follow.Words);
                for (auto& o : q.Options)
                    f(o.Label);
                for (auto& r : q.Rows)
                    f(r.Label);
            }
        }
    for (auto& a : pack.Archetypes) {
        f(a.Label);
        f(a.Explain);
    }
}

} // namespace

std::vector<std::string> AllTexts(const Pack& pack) {
    std::vector<std::string> out;
    ForEachText(pack, [&](const Text& t) {
        for (const auto& [lang, text] : t)
            out.push_back(text);
    });
    return out;
}

const char* PlaceKindName(PlaceKind kind) { return kind == PlaceKind::Dorp ? "dorp" : "wijk"; }

bool ParsePlaceKind(std::string_view name, PlaceKind* out) {
    if (name != "wijk" && name != "dorp")
        return false;
    *out = name == "dorp" ? PlaceKind::Dorp : PlaceKind::Wijk;
    return true;
}

void ApplyPlace(Pack* pack, PlaceKind kind) {
    const std::string fallback = pack->Languages.empty() ? std::string() : pack->Languages.front();
    ForEachText(*pack, [&](Text& t) {
        for (auto& [lang, text] : t)
            for (size_t at = text.find("{@"); at != std::string::npos; at = text.find("{@", at)) {
                const size_t close = text.find('}', at);
                auto word = close == std::string::npos ? pack->PlaceWords.end()
                                                       : pack->PlaceWords.find(text.substr(at + 2, close - at - 2));
                if (word == pack->PlaceWords.end()) {
                    at += 2;
                    continue;
                }
                const std::string& spelled = Tr(kind == PlaceKind::Dorp ? word->second.Dorp : word->second.Wijk, lang,
                                                fallback);
                text.replace(at, close + 1 - at, spelled);
                at += spelled.size();
            }
    });
    pack->Place = kind;
}

bool IsRightToLeft(std::string_view lang) {
    // ISO 639-1/-3 codes of languages written in the Arabic or Hebrew script.
    for (const char* rtl : {"ar", "fa", "he", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"})
        if (lang == rtl)
            return true;
    return false;
}

} // namespace content
