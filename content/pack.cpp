#include "content/pack.hpp"

namespace content {

const char* QuestionTypeName(QuestionType type) {
    switch (type) {
    case QuestionType::Single: return "single";
    case QuestionType::Smiley: return "smiley";
    case QuestionType::YesNo: return "yes_no";
    }
    return "?";
}

const Poll* Pack::FindPoll(std::string_view id) const {
    for (const Poll& p : Polls)
        if (p.Id == id)
            return &p;
    return nullptr;
}

const std::vector<std::string>& RequiredUiKeys() {
    static const std::vector<std::string> keys = {
        "language.name",     // the language's own name, on the language buttons
        "attract.title",     // "Praat mee over uw wijk"
        "attract.subtitle",
        "attract.start",     // the big start button
        "question.progress", // "Vraag {n} van {total}"
        "question.skip",
        "question.stop",
        "thanks.title",
        "thanks.body",
        "thanks.done",
        "still_there.title", // "Bent u er nog?"
        "still_there.body",  // "Over {seconds} seconden ..."
        "still_there.continue",
        "error.title",       // "Er ging iets mis, uw antwoord is niet opgeslagen"
        "error.body",
        "error.done",
    };
    return keys;
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

} // namespace content
