#include "content/pack_loader.hpp"
#include "content/json_tree.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace content {

std::string Problem::Format() const {
    return File + ":" + std::to_string(Line) + ":" + std::to_string(Col) + ": " + Message;
}

namespace {

struct Checker {
    std::string File;
    std::vector<Problem>* Problems;
    std::vector<std::string> Languages;

    void Report(JsonPos pos, std::string message) {
        Problems->push_back({File, pos.Line, pos.Col, std::move(message)});
    }

    // Flags duplicate keys and keys this format does not know (usually a typo).
    void CheckFields(const JsonNode& obj, std::initializer_list<const char*> known, const std::string& what) {
        std::set<std::string> seen;
        for (size_t i = 0; i < obj.Members.size(); i++) {
            const std::string& key = obj.Members[i].first;
            if (!seen.insert(key).second)
                Report(obj.KeyPos[i], "duplicate field '" + key + "' in " + what);
            bool is_known = false;
            for (const char* k : known)
                is_known = is_known || key == k;
            if (!is_known)
                Report(obj.KeyPos[i], "unknown field '" + key + "' in " + what);
        }
    }

    const JsonNode* Require(const JsonNode& obj, const char* key, JsonNode::Kind kind, const std::string& what) {
        const JsonNode* n = obj.Find(key);
        if (!n) {
            Report(obj.Pos, "missing field '" + std::string(key) + "' in " + what);
            return nullptr;
        }
        if (n->Type != kind) {
            Report(n->Pos, "field '" + std::string(key) + "' in " + what + " must be " + JsonKindName(kind) +
                               ", not " + JsonKindName(n->Type));
            return nullptr;
        }
        return n;
    }

    const JsonNode* Optional(const JsonNode& obj, const char* key, JsonNode::Kind kind, const std::string& what) {
        return obj.Find(key) ? Require(obj, key, kind, what) : nullptr;
    }

    static bool IsValidId(const std::string& id) {
        if (id.empty() || id.size() > 64)
            return false;
        for (char c : id) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok)
                return false;
        }
        return id[0] != '_' && id[0] != '-';
    }

    bool Id(const JsonNode& obj, const std::string& what, std::string* out) {
        const JsonNode* n = Require(obj, "id", JsonNode::Kind::String, what);
        if (!n)
            return false;
        if (!IsValidId(n->String)) {
            Report(n->Pos, "id '" + n->String + "' of " + what +
                               " may only hold a-z, 0-9, '-' and '_' (at most 64 characters)");
            return false;
        }
        *out = n->String;
        return true;
    }

    // A Text: {"nl": "...", "en": "..."} with every language of the pack.
    Text ReadText(const JsonNode& n, const std::string& what) {
        Text text;
        if (!n.IsObject()) {
            Report(n.Pos, what + " must be an object with one text per language, like {\"nl\": \"...\"}");
            return text;
        }
        std::set<std::string> seen;
        for (size_t i = 0; i < n.Members.size(); i++) {
            const auto& [lang, value] = n.Members[i];
            if (!seen.insert(lang).second) {
                Report(n.KeyPos[i], "duplicate language '" + lang + "' in " + what);
                continue;
            }
            bool known = false;
            for (const auto& l : Languages)
                known = known || l == lang;
            if (!known) {
                Report(n.KeyPos[i], "language '" + lang + "' in " + what + " is not in the pack's languages");
                continue;
            }
            if (!value.IsString()) {
                Report(value.Pos, what + " in '" + lang + "' must be a text, not " + JsonKindName(value.Type));
                continue;
            }
            if (value.String.find_first_not_of(" \t\r\n") == std::string::npos) {
                Report(value.Pos, what + " in '" + lang + "' is empty");
                continue;
            }
            text[lang] = value.String;
        }
        for (const auto& l : Languages)
            if (!seen.count(l))
                Report(n.Pos, "missing translation in '" + l + "' for " + what);
        return text;
    }

    std::vector<Option> ReadOptions(const JsonNode& list, const std::string& what) {
        std::vector<Option> options;
        std::set<std::string> ids;
        if (list.Items.empty())
            Report(list.Pos, "empty option list in " + what);
        for (const JsonNode& item : list.Items) {
            if (!item.IsObject()) {
                Report(item.Pos, "each option in " + what + " must be an object, not " + JsonKindName(item.Type));
                continue;
            }
            CheckFields(item, {"id", "label"}, "an option of " + what);
            Option opt;
            if (!Id(item, "an option of " + what, &opt.Id))
                continue;
            if (!ids.insert(opt.Id).second)
                Report(item.Find("id")->Pos, "duplicate option id '" + opt.Id + "' in " + what);
            if (const JsonNode* label = item.Find("label"))
                opt.Label = ReadText(*label, "the label of option '" + opt.Id + "'");
            else
                Report(item.Pos, "missing field 'label' in option '" + opt.Id + "'");
            options.push_back(std::move(opt));
        }
        return options;
    }
};

struct ScaleSpec {
    QuestionType Type;
    const char* Name;
    size_t Count;
};
const ScaleSpec kScales[] = {
    {QuestionType::Smiley, "smiley", 5},
    {QuestionType::YesNo, "yes_no", 3},
};

bool ParseType(const std::string& s, QuestionType* out) {
    for (QuestionType t : {QuestionType::Single, QuestionType::Smiley, QuestionType::YesNo})
        if (s == QuestionTypeName(t)) {
            *out = t;
            return true;
        }
    return false;
}

} // namespace

LoadResult LoadPackText(std::string_view text, const std::string& file_name) {
    LoadResult result;
    Checker c{file_name, &result.Problems, {}};
    Pack& pack = result.Pack;

    JsonNode root;
    JsonError err;
    if (!ParseJson(text, &root, &err)) {
        c.Report(err.Pos, err.Message);
        return result;
    }
    if (!root.IsObject()) {
        c.Report(root.Pos, "a pack file must hold one JSON object");
        return result;
    }
    c.CheckFields(root, {"pack", "version", "languages", "start_poll", "ui", "scales", "polls"}, "the pack");

    if (const JsonNode* n = c.Require(root, "pack", JsonNode::Kind::String, "the pack")) {
        if (Checker::IsValidId(n->String))
            pack.Id = n->String;
        else
            c.Report(n->Pos, "pack id '" + n->String + "' may only hold a-z, 0-9, '-' and '_'");
    }
    if (const JsonNode* n = c.Require(root, "version", JsonNode::Kind::String, "the pack")) {
        pack.Version = n->String;
        if (pack.Version.empty())
            c.Report(n->Pos, "the pack's version is empty");
    }

    // Languages come first: every text is checked against them.
    if (const JsonNode* langs = c.Require(root, "languages", JsonNode::Kind::Array, "the pack")) {
        if (langs->Items.empty())
            c.Report(langs->Pos, "the pack needs at least one language");
        for (const JsonNode& l : langs->Items) {
            if (!l.IsString() || l.String.size() < 2 || l.String.size() > 3) {
                c.Report(l.Pos, "a language must be a code like \"nl\" or \"en\"");
                continue;
            }
            bool dup = false;
            for (const auto& have : pack.Languages)
                dup = dup || have == l.String;
            if (dup)
                c.Report(l.Pos, "duplicate language '" + l.String + "'");
            else
                pack.Languages.push_back(l.String);
        }
    }
    c.Languages = pack.Languages;

    if (const JsonNode* ui = c.Require(root, "ui", JsonNode::Kind::Object, "the pack")) {
        for (size_t i = 0; i < ui->Members.size(); i++) {
            const auto& [key, value] = ui->Members[i];
            if (pack.Ui.count(key)) {
                c.Report(ui->KeyPos[i], "duplicate interface text '" + key + "'");
                continue;
            }
            pack.Ui[key] = c.ReadText(value, "interface text '" + key + "'");
        }
        for (const std::string& key : RequiredUiKeys())
            if (!ui->Find(key))
                c.Report(ui->Pos, "missing interface text '" + key + "'");
    }

    std::map<QuestionType, std::vector<Option>> scales;
    const JsonNode* scales_node = c.Optional(root, "scales", JsonNode::Kind::Object, "the pack");
    if (scales_node) {
        c.CheckFields(*scales_node, {"smiley", "yes_no"}, "the scales");
        for (const ScaleSpec& s : kScales) {
            const JsonNode* n = c.Optional(*scales_node, s.Name, JsonNode::Kind::Array, "the scales");
            if (!n)
                continue;
            std::vector<Option> opts = c.ReadOptions(*n, std::string("the scale '") + s.Name + "'");
            if (!n->Items.empty() && n->Items.size() != s.Count)
                c.Report(n->Pos, std::string("the scale '") + s.Name + "' needs exactly " + std::to_string(s.Count) +
                                     " options, it has " + std::to_string(n->Items.size()));
            scales[s.Type] = std::move(opts);
        }
    }

    std::set<std::string> poll_ids, question_ids;
    if (const JsonNode* polls = c.Require(root, "polls", JsonNode::Kind::Array, "the pack")) {
        if (polls->Items.empty())
            c.Report(polls->Pos, "the pack has no polls");
        for (const JsonNode& pn : polls->Items) {
            if (!pn.IsObject()) {
                c.Report(pn.Pos, "each poll must be an object, not " + std::string(JsonKindName(pn.Type)));
                continue;
            }
            Poll poll;
            if (!c.Id(pn, "a poll", &poll.Id))
                continue;
            const std::string what = "poll '" + poll.Id + "'";
            c.CheckFields(pn, {"id", "title", "questions"}, what);
            if (!poll_ids.insert(poll.Id).second)
                c.Report(pn.Find("id")->Pos, "duplicate poll id '" + poll.Id + "'");
            if (const JsonNode* t = pn.Find("title"))
                poll.Title = c.ReadText(*t, "the title of " + what);
            else
                c.Report(pn.Pos, "missing field 'title' in " + what);

            const JsonNode* qs = c.Require(pn, "questions", JsonNode::Kind::Array, what);
            if (qs && qs->Items.empty())
                c.Report(qs->Pos, what + " has no questions");
            for (const JsonNode& qn : qs ? qs->Items : std::vector<JsonNode>{}) {
                if (!qn.IsObject()) {
                    c.Report(qn.Pos, "each question must be an object, not " + std::string(JsonKindName(qn.Type)));
                    continue;
                }
                Question q;
                if (!c.Id(qn, "a question of " + what, &q.Id))
                    continue;
                const std::string qwhat = "question '" + q.Id + "'";
                c.CheckFields(qn, {"id", "type", "prompt", "options"}, qwhat);
                if (!question_ids.insert(q.Id).second)
                    c.Report(qn.Find("id")->Pos, "duplicate question id '" + q.Id + "'");
                if (const JsonNode* p = qn.Find("prompt"))
                    q.Prompt = c.ReadText(*p, "the prompt of " + qwhat);
                else
                    c.Report(qn.Pos, "missing field 'prompt' in " + qwhat);

                const JsonNode* type = c.Require(qn, "type", JsonNode::Kind::String, qwhat);
                if (type && !ParseType(type->String, &q.Type)) {
                    c.Report(type->Pos, "unknown question type '" + type->String +
                                            "' (known types: single, smiley, yes_no)");
                    type = nullptr;
                }
                const JsonNode* opts = c.Optional(qn, "options", JsonNode::Kind::Array, qwhat);
                if (type && q.Type == QuestionType::Single) {
                    if (!qn.Find("options"))
                        c.Report(qn.Pos, "missing field 'options' in " + qwhat);
                    if (opts) {
                        q.Options = c.ReadOptions(*opts, qwhat);
                        if (opts->Items.size() == 1 || opts->Items.size() > 8)
                            c.Report(opts->Pos, qwhat + " needs 2 to 8 options, it has " +
                                                    std::to_string(opts->Items.size()));
                    }
                } else if (type) {
                    if (qn.Find("options"))
                        c.Report(qn.Find("options")->Pos, qwhat + " of type '" + type->String +
                                                              "' takes its options from the pack's scale");
                    if (!scales.count(q.Type))
                        c.Report(type->Pos, qwhat + " needs the scale '" + type->String +
                                                "' under \"scales\" in the pack");
                    else
                        q.Options = scales[q.Type];
                }
                poll.Questions.push_back(std::move(q));
            }
            pack.Polls.push_back(std::move(poll));
        }
    }

    if (const JsonNode* s = c.Optional(root, "start_poll", JsonNode::Kind::String, "the pack")) {
        if (!poll_ids.count(s->String))
            c.Report(s->Pos, "start_poll '" + s->String + "' is not a poll of this pack");
        pack.StartPoll = s->String;
    } else if (!pack.Polls.empty()) {
        pack.StartPoll = pack.Polls.front().Id;
    }
    return result;
}

LoadResult LoadPack(const std::string& dir) {
    std::string path = dir + "/pack.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult r;
        r.Problems.push_back({path, 1, 1, "cannot open the pack file (is this a content pack folder?)"});
        return r;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    LoadResult r = LoadPackText(ss.str(), path);
    r.Pack.Dir = dir;
    return r;
}

} // namespace content
