#include "store/console/quick_poll.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace console {

using Json = nlohmann::ordered_json; // keeps the pack's order of fields

const std::vector<std::pair<std::string, std::string>>& QuickTypes() {
    static const std::vector<std::pair<std::string, std::string>> types = {
        {"smiley", "Smiley (5 gezichtjes, van heel slecht tot heel goed)"},
        {"yes_no", "Ja / nee / weet ik niet"},
        {"single", "Eén keuze uit de opties"},
        {"multiple", "Meer keuzes uit de opties"},
    };
    return types;
}

std::string UntranslatedNote(const std::string& lang) {
    static const std::map<std::string, std::string> notes = {
        {"en", "(not translated yet: in Dutch)"},
        {"pl", "(jeszcze nieprzetłumaczone: po niderlandzku)"},
        {"tr", "(henüz çevrilmedi: Felemenkçe)"},
        {"uk", "(ще не перекладено: нідерландською)"},
        {"ar", "(لم تترجم بعد: بالهولندية)"},
        {"de", "(noch nicht übersetzt: auf Niederländisch)"},
        {"fr", "(pas encore traduit : en néerlandais)"},
    };
    auto it = notes.find(lang);
    return it == notes.end() ? notes.at("en") : it->second;
}

std::string NextVersion(const std::string& v) {
    int a, b, c;
    char tail;
    if (sscanf(v.c_str(), "%d.%d.%d%c", &a, &b, &c, &tail) == 3)
        return std::to_string(a) + "." + std::to_string(b + 1) + ".0";
    if (sscanf(v.c_str(), "%d.%d%c", &a, &b, &tail) == 2)
        return std::to_string(a) + "." + std::to_string(b + 1);
    return v + ".1";
}

std::string Slug(const std::string& text, size_t max) {
    // Latin-1 letters of two-byte UTF-8 (U+00C0-U+00FF) lose their accents; other characters go.
    static const char* latin1 = "aaaaaaaceeeeiiiidnooooo-ouuuuytsaaaaaaaceeeeiiiidnooooo-ouuuuyty";
    std::string out;
    for (size_t i = 0; i < text.size() && out.size() < max; i++) {
        unsigned char c = text[i];
        char ch = 0;
        if (c == 0xC3 && i + 1 < text.size()) {
            unsigned char d = text[++i];
            if (d >= 0x80 && d <= 0xBF)
                ch = latin1[(d - 0x80) % 64];
        } else if (c < 0x80)
            ch = char(std::tolower(c));
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
            ch = '-';
        if (ch == '-' && (out.empty() || out.back() == '-'))
            continue;
        out += ch;
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::vector<std::string> CheckQuickPoll(const QuickPoll& poll, const std::string& first) {
    std::vector<std::string> p;
    auto given = [&](const Texts& t) {
        auto it = t.find(first);
        return it != t.end() && it->second.find_first_not_of(" \t") != std::string::npos;
    };
    if (!given(poll.Title))
        p.push_back("Geef de peiling een titel in het Nederlands.");
    if (poll.Questions.empty())
        p.push_back("Een peiling heeft minstens één vraag.");
    if (poll.Questions.size() > size_t(kMaxQuickQuestions))
        p.push_back("Een snelle peiling heeft hoogstens " + std::to_string(kMaxQuickQuestions) + " vragen.");
    for (size_t i = 0; i < poll.Questions.size(); i++) {
        const QuickQuestion& q = poll.Questions[i];
        const std::string which = "Vraag " + std::to_string(i + 1) + ": ";
        bool known = false;
        for (const auto& [id, words] : QuickTypes())
            known = known || id == q.Type;
        if (!known)
            p.push_back(which + "kies een soort vraag.");
        if (!given(q.Prompt))
            p.push_back(which + "de vraag zelf ontbreekt in het Nederlands.");
        const bool options = q.Type == "single" || q.Type == "multiple";
        if (options && (q.Options.size() < 2 || q.Options.size() > size_t(kMaxQuickOptions)))
            p.push_back(which + "geef 2 tot " + std::to_string(kMaxQuickOptions) + " opties.");
        if (!options && !q.Options.empty())
            p.push_back(which + "dit soort vraag heeft vaste antwoorden; laat de opties leeg.");
        for (size_t o = 0; o < q.Options.size(); o++)
            if (!given(q.Options[o]))
                p.push_back(which + "optie " + std::to_string(o + 1) + " heeft geen Nederlandse tekst.");
    }
    return p;
}

namespace {

// A Text for every language of the pack: missing ones get the first language's text, with
// the note in that language when `note`.
Json MakeText(const Texts& t, const std::vector<std::string>& langs, bool note) {
    Json j = Json::object();
    const std::string base = t.count(langs.front()) ? t.at(langs.front()) : "";
    for (const std::string& l : langs) {
        auto it = t.find(l);
        if (it != t.end() && it->second.find_first_not_of(" \t") != std::string::npos)
            j[l] = it->second;
        else
            j[l] = l == langs.front() || !note ? base : base + " " + UntranslatedNote(l);
    }
    return j;
}

std::string Unique(const std::string& want, const std::set<std::string>& taken) {
    if (!taken.count(want))
        return want;
    for (int n = 2;; n++)
        if (!taken.count(want + "-" + std::to_string(n)))
            return want + "-" + std::to_string(n);
}

void CollectIds(const Json& polls, std::set<std::string>* poll_ids, std::set<std::string>* question_ids) {
    if (!polls.is_array())
        return;
    for (const Json& p : polls) {
        if (p.is_object() && p.contains("id") && p["id"].is_string())
            poll_ids->insert(p["id"].get<std::string>());
        if (p.is_object() && p.contains("questions") && p["questions"].is_array())
            for (const Json& q : p["questions"])
                if (q.is_object() && q.contains("id") && q["id"].is_string())
                    question_ids->insert(q["id"].get<std::string>());
    }
}

} // namespace

bool AddQuickPoll(const std::string& pack_body, const QuickPoll& poll, BuiltPack* out, std::string* error) {
    Json pack = Json::parse(pack_body, nullptr, false);
    if (pack.is_discarded() || !pack.is_object() || !pack.contains("languages") || !pack["languages"].is_array() ||
        pack["languages"].empty() || !pack.contains("polls") || !pack["polls"].is_array()) {
        *error = "het pakket van deze wijk is geen geldig pakket (languages en polls ontbreken)";
        return false;
    }
    std::vector<std::string> langs;
    for (const Json& l : pack["languages"])
        if (l.is_string())
            langs.push_back(l.get<std::string>());
    if (langs.empty()) {
        *error = "het pakket van deze wijk heeft geen talen";
        return false;
    }
    std::set<std::string> poll_ids, question_ids;
    CollectIds(pack["polls"], &poll_ids, &question_ids);
    if (pack.contains("praatplaat") && pack["praatplaat"].is_object() && pack["praatplaat"].contains("zones"))
        CollectIds(pack["praatplaat"]["zones"], &poll_ids, &question_ids);

    const std::string title = poll.Title.count(langs.front()) ? poll.Title.at(langs.front()) : "";
    std::string base = Slug(title, 40);
    out->PollId = Unique("peiling" + (base.empty() ? std::string() : "-" + base), poll_ids);
    out->QuestionIds.clear();
    Json p = Json::object();
    p["id"] = out->PollId;
    p["title"] = MakeText(poll.Title, langs, true);
    p["questions"] = Json::array();
    for (size_t i = 0; i < poll.Questions.size(); i++) {
        const QuickQuestion& q = poll.Questions[i];
        const std::string qid = Unique(out->PollId + "-" + std::to_string(i + 1), question_ids);
        question_ids.insert(qid);
        out->QuestionIds.push_back(qid);
        Json jq = Json::object();
        jq["id"] = qid;
        jq["type"] = q.Type;
        jq["prompt"] = MakeText(q.Prompt, langs, true);
        if (q.Type == "single" || q.Type == "multiple") {
            jq["options"] = Json::array();
            std::set<std::string> option_ids;
            for (size_t o = 0; o < q.Options.size(); o++) {
                const std::string& label = q.Options[o].count(langs.front()) ? q.Options[o].at(langs.front()) : "";
                std::string oid = Slug(label, 32);
                oid = Unique(oid.empty() ? "optie-" + std::to_string(o + 1) : oid, option_ids);
                option_ids.insert(oid);
                jq["options"].push_back({{"id", oid}, {"label", MakeText(q.Options[o], langs, false)}});
            }
        }
        p["questions"].push_back(jq);
    }
    pack["polls"].push_back(p);
    pack["start_poll"] = out->PollId;
    out->Version = NextVersion(pack.contains("version") && pack["version"].is_string()
                                   ? pack["version"].get<std::string>() : "1.0.0");
    pack["version"] = out->Version;
    out->Body = pack.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    return true;
}

} // namespace console
