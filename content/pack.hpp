// The content model: a pack holds polls, polls hold questions, questions hold options.
// Every item has a stable id (used in the journal and by scripts); every text a
// person reads is a Text with one entry per language of the pack.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace content {

using Text = std::map<std::string, std::string>; // language code -> text

enum class QuestionType {
    Single, // pick one of 2-8 options
    Smiley, // 5-point scale of faces, from the pack's "smiley" scale
    YesNo,  // ja / nee / weet niet, from the pack's "yes_no" scale
};

const char* QuestionTypeName(QuestionType type); // as written in pack.json

struct Option {
    std::string Id;
    Text Label;
};

struct Question {
    std::string Id;
    QuestionType Type = QuestionType::Single;
    Text Prompt;
    std::vector<Option> Options; // for Smiley and YesNo: copied from the pack's scale
};

struct Poll {
    std::string Id;
    Text Title;
    std::vector<Question> Questions;
};

struct Pack {
    std::string Id;
    std::string Version;
    std::vector<std::string> Languages; // the first is the default
    std::map<std::string, Text> Ui;     // interface texts by key, e.g. "attract.title"
    std::vector<Poll> Polls;
    std::string StartPoll;              // the quick poll a walk-in resident gets
    std::string Dir;                    // folder the pack was loaded from

    const Poll* FindPoll(std::string_view id) const;
};

// The interface texts every pack must provide (the kiosk draws no literal text).
const std::vector<std::string>& RequiredUiKeys();

// The text in lang, else in the pack's default language, else "".
const std::string& Tr(const Text& text, const std::string& lang, const std::string& fallback_lang);
const std::string& Ui(const Pack& pack, std::string_view key, const std::string& lang);

} // namespace content
