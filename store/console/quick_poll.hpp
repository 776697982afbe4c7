// A quick poll made in the console, added to a wijk's pack as a new pack version. Pure:
// the pack's text in, the new pack's text out; the caller validates it as check-content
// does and publishes it. The new poll becomes the pack's start poll: the kiosk offers one
// quick poll to walk-in residents (content/pack.hpp StartPoll), and this is the one the
// gebiedsteam wants answered now. The earlier polls stay in the pack, so the answers
// stored under them keep their meaning.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace console {

constexpr int kMaxQuickQuestions = 5;
constexpr int kMaxQuickOptions = 6;

// The kiosk's simple types, by their name in pack.json.
const std::vector<std::pair<std::string, std::string>>& QuickTypes(); // {"smiley", "Smiley (5 gezichtjes)"}, ...

using Texts = std::map<std::string, std::string>; // language -> text; "" or absent: not given

struct QuickQuestion {
    std::string Type; // "smiley", "yes_no", "single", "multiple"
    Texts Prompt;
    std::vector<Texts> Options; // single and multiple: 2 to 6
};

struct QuickPoll {
    Texts Title;
    std::vector<QuickQuestion> Questions;
};

struct BuiltPack {
    std::string Body;    // the new pack.json
    std::string PollId;  // the new poll's id
    std::string Version; // the new pack version
    std::vector<std::string> QuestionIds;
};

// The problems of the form in Dutch (an empty list when there are none); the pack's first
// language is the one every text needs.
std::vector<std::string> CheckQuickPoll(const QuickPoll& poll, const std::string& first_language);
// Adds the poll to pack_body. A text missing in a language gets the first language's text,
// and a title or question says so in that language (UntranslatedNote). false with
// *error when pack_body is not a pack.
bool AddQuickPoll(const std::string& pack_body, const QuickPoll& poll, BuiltPack* out, std::string* error);

std::string UntranslatedNote(const std::string& language); // "(not translated yet: in Dutch)"
std::string NextVersion(const std::string& version);      // "2.4.0" -> "2.5.0"
std::string Slug(const std::string& text, size_t max);     // an id made of a text

} // namespace console
