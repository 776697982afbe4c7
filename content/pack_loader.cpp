#include "content/pack_loader.hpp"
#include "content/free_text.hpp"
#include "content/json_tree.hpp"
#include "content/pack_logo.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace content {

std::string Problem::Format() const {
    return File + ":" + std::to_string(Line) + ":" + std::to_string(Col) + ": " + Message;
}

namespace {

// "'中' (U+4E2D)": the character itself and its number, for a message a person can act on.
std::string CharName(char32_t c) {
    std::string utf8;
    if (c < 0x80) {
        utf8 += char(c);
    } else if (c < 0x800) {
        utf8 += char(0xC0 | (c >> 6));
        utf8 += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        utf8 += char(0xE0 | (c >> 12));
        utf8 += char(0x80 | ((c >> 6) & 0x3F));
        utf8 += char(0x80 | (c & 0x3F));
    } else {
        utf8 += char(0xF0 | (c >> 18));
        utf8 += char(0x80 | ((c >> 12) & 0x3F));
        utf8 += char(0x80 | ((c >> 6) & 0x3F));
        utf8 += char(0x80 | (c & 0x3F));
    }
    char code[16];
    snprintf(code, sizeof code, "U+%04X", unsigned(c));
    return "'" + utf8 + "' (" + code + ")";
}

struct Checker {
    std::string File;
    std::vector<Problem>* Problems;
    std::vector<std::string> Languages;
    const LoadOptions* Options = nullptr;
    const std::map<std::string, PlaceWord>* PlaceWords = nullptr; // read before any other text

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
            if (Options && Options->MissingGlyphs)
                for (char32_t c : Options->MissingGlyphs(value.String))
                    Report(value.Pos, what + " in '" + lang + "' has a character the kiosk's fonts cannot show: " +
                                          CharName(c));
            CheckPlaceWords(value, what, lang);
            text[lang] = value.String;
        }
        for (const auto& l : Languages)
            if (!seen.count(l))
                Report(n.Pos, "missing translation in '" + l + "' for " + what);
        return text;
    }

    // Every {@word} in a text must be one of the pack's place_words.
    void CheckPlaceWords(const JsonNode& value, const std::string& what, const std::string& lang) {
        const std::string& v = value.String;
        for (size_t at = v.find("{@"); at != std::string::npos; at = v.find("{@", at + 2)) {
            const size_t close = v.find('}', at);
            const std::string word = close == std::string::npos ? v.substr(at) : v.substr(at + 2, close - at - 2);
            if (close == std::string::npos || !PlaceWords || !PlaceWords->count(word)) {
                std::string known;
                if (PlaceWords)
                    for (const auto& [name, forms] : *PlaceWords)
                        known += (known.empty() ? "" : ", ") + ("{@" + name + "}");
                Report(value.Pos, what + " in '" + lang + "' names the place word '" +
                                      (close == std::string::npos ? word : "{@" + word + "}") +
                                      "', which the pack's place_words do not spell" +
                                      (known.empty() ? std::string() : " (it has: " + known + ")"));
            }
        }
    }

    // A required Text field: "missing field" when absent, else read as a Text.
    Text RequireText(const JsonNode& obj, const char* key, const std::string& text_what, const std::string& owner) {
        if (const JsonNode* n = obj.Find(key))
            return ReadText(*n, text_what);
        Report(obj.Pos, "missing field '" + std::string(key) + "' in " + owner);
        return {};
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
            CheckFields(item, {"id", "label", "level", "strength"}, "an option of " + what);
            Option opt;
            if (!Id(item, "an option of " + what, &opt.Id))
                continue;
            if (!ids.insert(opt.Id).second)
                Report(item.Find("id")->Pos, "duplicate option id '" + opt.Id + "' in " + what);
            opt.Label = RequireText(item, "label", "the label of option '" + opt.Id + "'", "option '" + opt.Id + "'");
            options.push_back(std::move(opt));
        }
        return options;
    }
};

struct ScaleSpec {
    QuestionType Type;
    const char* Name;
    size_t Count;
    const char* Extra = nullptr; // may have one more option: this id, last, without a strength
};
const ScaleSpec kScales[] = {
    {QuestionType::Smiley, "smiley", 5},
    {QuestionType::Agree, "agree", 5, "weet-niet"}, // "weet ik niet" apart from neutral (pack 2.5.0)
    {QuestionType::YesNo, "yes_no", 3},
    {QuestionType::Matrix, "who_decides", 3},
};

const ScaleSpec* ScaleFor(QuestionType type) {
    for (const ScaleSpec& s : kScales)
        if (s.Type == type)
            return &s;
    return nullptr;
}

struct PackReader {
    Checker& C;
    Pack& P;
    std::map<QuestionType, std::vector<Option>> Scales;
    std::set<std::string> PollIds, QuestionIds;
    // Show-if conditions are checked once every question is known.
    struct PendingShowIf {
        JsonPos Pos;
        std::string Owner;
        std::vector<std::string> EarlierInPoll;
    };
    std::vector<PendingShowIf> ShowIfs;

    bool Int(const JsonNode& obj, const char* key, const std::string& what, int lo, int hi, int* out) {
        const JsonNode* n = C.Optional(obj, key, JsonNode::Kind::Number, what);
        if (!n)
            return false;
        if (!n->IsInteger || n->Number < lo || n->Number > hi) {
            C.Report(n->Pos, "field '" + std::string(key) + "' in " + what + " must be a whole number from " +
                                 std::to_string(lo) + " to " + std::to_string(hi));
            return false;
        }
        *out = int(n->Number);
        return true;
    }

    // Options may carry how much say they ask for (level) and how strong the process is (strength).
    void ReadOptionWeights(const JsonNode& list, std::vector<Option>* options, const std::string& what) {
        size_t k = 0;
        for (const JsonNode& item : list.Items) {
            if (!item.IsObject() || k >= options->size())
                continue;
            Option& o = (*options)[k++];
            Int(item, "level", "option '" + o.Id + "' of " + what, 1, 3, &o.Level);
            Int(item, "strength", "option '" + o.Id + "' of " + what, 0, 2, &o.Strength);
        }
    }

    std::vector<Option> Options(const JsonNode& list, const std::string& what) {
        std::vector<Option> opts = C.ReadOptions(list, what);
        ReadOptionWeights(list, &opts, what);
        return opts;
    }

    void ReadScales(const JsonNode& root) {
        const JsonNode* scales = C.Optional(root, "scales", JsonNode::Kind::Object, "the pack");
        if (!scales)
            return;
        C.CheckFields(*scales, {"smiley", "agree", "yes_no", "who_decides"}, "the scales");
        for (const ScaleSpec& s : kScales) {
            const JsonNode* n = C.Optional(*scales, s.Name, JsonNode::Kind::Array, "the scales");
            if (!n)
                continue;
            std::vector<Option> opts = Options(*n, std::string("the scale '") + s.Name + "'");
            const bool extra = s.Extra && opts.size() == s.Count + 1 && opts.back().Id == s.Extra;
            if (!n->Items.empty() && n->Items.size() != s.Count && !extra)
                C.Report(n->Pos, std::string("the scale '") + s.Name + "' needs exactly " + std::to_string(s.Count) +
                                     " options" + (s.Extra ? std::string(" (and may end with '") + s.Extra + "')" : "") +
                                     ", it has " + std::to_string(n->Items.size()));
            if (extra && opts.back().Strength >= 0) // not knowing says nothing about the process
                C.Report(n->Items.back().Pos, std::string("the option '") + s.Extra + "' of the scale '" + s.Name +
                                                  "' must not have a strength");
            Scales[s.Type] = std::move(opts);
        }
    }

    // "follow_up": {"text": {...}, "url": "https://..."}: words, and an address for a QR code.
    void ReadFollowUp(const JsonNode& fu, const std::string& qwhat, FollowUp* out) {
        const std::string what = "the follow_up of " + qwhat;
        C.CheckFields(fu, {"text", "url"}, what);
        out->Words = C.RequireText(fu, "text", what, what);
        if (const JsonNode* url = C.Optional(fu, "url", JsonNode::Kind::String, what)) {
            const std::string& u = url->String;
            const bool shaped = u.rfind("https://", 0) == 0 && u.size() > 8 && u.size() <= 200 &&
                                std::none_of(u.begin(), u.end(), [](char c) {
                                    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' ||
                                           c == '\\' || static_cast<unsigned char>(c) >= 0x7f;
                                });
            if (shaped)
                out->Url = u;
            else
                C.Report(url->Pos, "the url of " + what + " must be an https:// address of at most 200 characters, "
                                   "without spaces");
        }
    }

    bool ReadQuestion(const JsonNode& qn, const std::string& poll_what, std::vector<std::string>* earlier,
                      Question* out) {
        Question& q = *out;
        if (!C.Id(qn, "a question of " + poll_what, &q.Id))
            return false;
        const std::string qwhat = "question '" + q.Id + "'";
        C.CheckFields(qn,
                      {"id", "type", "prompt", "options", "rows", "max", "pick", "total", "step", "unit", "max_length",
                       "show_if", "follow_up"},
                      qwhat);
        if (!QuestionIds.insert(q.Id).second)
            C.Report(qn.Find("id")->Pos, "duplicate question id '" + q.Id + "'");
        q.Prompt = C.RequireText(qn, "prompt", "the prompt of " + qwhat, qwhat);

        const JsonNode* type = C.Require(qn, "type", JsonNode::Kind::String, qwhat);
        if (type && !ParseQuestionType(type->String, &q.Type)) {
            C.Report(type->Pos, "unknown question type '" + type->String +
                                    "' (known types: single, multiple, smiley, agree, yes_no, matrix, budget, top, text)");
            type = nullptr;
        }
        const JsonNode* opts = C.Optional(qn, "options", JsonNode::Kind::Array, qwhat);
        if (type && UsesScale(q.Type)) {
            if (qn.Find("options"))
                C.Report(qn.Find("options")->Pos,
                         qwhat + " of type '" + type->String + "' takes its options from the pack's scale");
            const ScaleSpec* scale = ScaleFor(q.Type);
            if (!Scales.count(q.Type))
                C.Report(type->Pos, qwhat + " needs the scale '" + scale->Name + "' under \"scales\" in the pack");
            else
                q.Options = Scales[q.Type];
        } else if (type && q.Type == QuestionType::Text) {
            if (qn.Find("options"))
                C.Report(qn.Find("options")->Pos, qwhat + " is a free-text question: it has no options");
            q.Max = kDefaultTextMax;
            if (qn.Find("max_length"))
                Int(qn, "max_length", qwhat, 1, 2000, &q.Max);
        } else if (type) {
            if (!qn.Find("options"))
                C.Report(qn.Pos, "missing field 'options' in " + qwhat);
            if (opts) {
                q.Options = Options(*opts, qwhat);
                if (opts->Items.size() == 1 || opts->Items.size() > 8)
                    C.Report(opts->Pos, qwhat + " needs 2 to 8 options, it has " + std::to_string(opts->Items.size()));
            }
        }

        const int n = int(q.Options.size());
        if (type && q.Type == QuestionType::Matrix) {
            const JsonNode* rows = C.Require(qn, "rows", JsonNode::Kind::Array, qwhat);
            if (rows && rows->Items.empty())
                C.Report(rows->Pos, "a matrix without rows: " + qwhat + " needs at least one topic under \"rows\"");
            else if (rows)
                q.Rows = C.ReadOptions(*rows, "the rows of " + qwhat);
        }
        if (type && q.Type == QuestionType::Multiple) {
            q.Max = n;
            if (qn.Find("max"))
                Int(qn, "max", qwhat, 1, std::max(1, n), &q.Max);
        }
        if (type && q.Type == QuestionType::Top) {
            q.Max = std::min(3, n);
            if (qn.Find("pick"))
                Int(qn, "pick", qwhat, 1, std::max(1, n), &q.Max);
        }
        if (type && q.Type == QuestionType::Budget) {
            const JsonNode* total = C.Require(qn, "total", JsonNode::Kind::Number, qwhat);
            if (total && (!total->IsInteger || total->Number <= 0 || total->Number > 1e9))
                C.Report(total->Pos, "a budget's total must be a positive whole number, " + qwhat + " has " +
                                         (total->IsInteger ? std::to_string((long long)total->Number) : "a fraction"));
            else if (total)
                q.Total = int(total->Number);
            if (qn.Find("step"))
                Int(qn, "step", qwhat, 1, std::max(1, q.Total), &q.Step);
            if (q.Total > 0 && q.Step > 0 && q.Total % q.Step != 0)
                C.Report(qn.Find("step")->Pos, "the step of " + qwhat + " must divide its total " +
                                                   std::to_string(q.Total));
            q.Unit = C.RequireText(qn, "unit", "the unit of " + qwhat, qwhat);
        }
        for (const char* key : {"rows", "max", "pick", "total", "step", "unit", "max_length"}) {
            const JsonNode* f = qn.Find(key);
            bool belongs = (q.Type == QuestionType::Matrix && std::string(key) == "rows") ||
                           (q.Type == QuestionType::Multiple && std::string(key) == "max") ||
                           (q.Type == QuestionType::Top && std::string(key) == "pick") ||
                           (q.Type == QuestionType::Text && std::string(key) == "max_length") ||
                           (q.Type == QuestionType::Budget &&
                            (std::string(key) == "total" || std::string(key) == "step" || std::string(key) == "unit"));
            if (f && type && !belongs)
                C.Report(f->Pos, "field '" + std::string(key) + "' does not belong to a question of type '" +
                                     type->String + "'");
        }

        if (const JsonNode* si = C.Optional(qn, "show_if", JsonNode::Kind::Object, qwhat)) {
            C.CheckFields(*si, {"question", "is"}, "the show_if of " + qwhat);
            const JsonNode* ref = C.Require(*si, "question", JsonNode::Kind::String, "the show_if of " + qwhat);
            const JsonNode* is = C.Require(*si, "is", JsonNode::Kind::Array, "the show_if of " + qwhat);
            if (ref && is) {
                ShowIf cond{ref->String, {}};
                for (const JsonNode& v : is->Items) {
                    if (v.IsString())
                        cond.Values.push_back(v.String);
                    else
                        C.Report(v.Pos, "the values under \"is\" must be option ids (texts)");
                }
                if (cond.Values.empty())
                    C.Report(is->Pos, "the show_if of " + qwhat + " lists no values");
                q.Show = cond;
                ShowIfs.push_back({ref->Pos, q.Id, *earlier});
            }
        }
        if (const JsonNode* fu = C.Optional(qn, "follow_up", JsonNode::Kind::Object, qwhat))
            ReadFollowUp(*fu, qwhat, &q.Follow);
        earlier->push_back(q.Id);
        return true;
    }

    void ReadPolls(const JsonNode& list, PollKind default_kind, std::vector<Poll>* out) {
        for (const JsonNode& pn : list.Items) {
            if (!pn.IsObject()) {
                C.Report(pn.Pos, "each poll must be an object, not " + std::string(JsonKindName(pn.Type)));
                continue;
            }
            Poll poll;
            poll.Kind = default_kind;
            const bool zone = default_kind != PollKind::Poll;
            if (!C.Id(pn, zone ? "a zone" : "a poll", &poll.Id))
                continue;
            const std::string what = (zone ? "zone '" : "poll '") + poll.Id + "'";
            if (zone)
                C.CheckFields(pn, {"id", "kind", "title", "explain", "questions"}, what);
            else
                C.CheckFields(pn, {"id", "title", "questions"}, what);
            if (!PollIds.insert(poll.Id).second)
                C.Report(pn.Find("id")->Pos, "duplicate poll id '" + poll.Id + "'");
            poll.Title = C.RequireText(pn, "title", "the title of " + what, what);
            if (zone) {
                if (const JsonNode* k = C.Require(pn, "kind", JsonNode::Kind::String, what)) {
                    if (k->String == "kompas")
                        poll.Kind = PollKind::Kompas;
                    else if (k->String == "bouwsteen")
                        poll.Kind = PollKind::Bouwsteen;
                    else
                        C.Report(k->Pos, "the kind of " + what + " must be \"kompas\" or \"bouwsteen\"");
                }
                if (const JsonNode* e = pn.Find("explain"))
                    poll.Explain = C.ReadText(*e, "the explanation of " + what);
            }
            const JsonNode* qs = C.Require(pn, "questions", JsonNode::Kind::Array, what);
            if (qs && qs->Items.empty())
                C.Report(qs->Pos, what + " has no questions");
            std::vector<std::string> earlier;
            for (const JsonNode& qn : qs ? qs->Items : std::vector<JsonNode>{}) {
                if (!qn.IsObject()) {
                    C.Report(qn.Pos, "each question must be an object, not " + std::string(JsonKindName(qn.Type)));
                    continue;
                }
                Question q;
                if (ReadQuestion(qn, what, &earlier, &q))
                    poll.Questions.push_back(std::move(q));
            }
            out->push_back(std::move(poll));
        }
    }

    void ReadPraatplaat(const JsonNode& root) {
        const JsonNode* pp = C.Optional(root, "praatplaat", JsonNode::Kind::Object, "the pack");
        if (!pp)
            return;
        C.CheckFields(*pp, {"archetypes", "required_strength", "zones"}, "the praatplaat");
        if (const JsonNode* arch = C.Require(*pp, "archetypes", JsonNode::Kind::Array, "the praatplaat")) {
            if (arch->Items.size() != 3)
                C.Report(arch->Pos, "the praatplaat needs exactly 3 archetypes (adviseren, aanjagen, verdelen), it has " +
                                        std::to_string(arch->Items.size()));
            for (const JsonNode& an : arch->Items) {
                if (!an.IsObject()) {
                    C.Report(an.Pos, "each archetype must be an object");
                    continue;
                }
                Archetype a;
                if (!C.Id(an, "an archetype", &a.Id))
                    continue;
                C.CheckFields(an, {"id", "label", "explain"}, "archetype '" + a.Id + "'");
                const std::string what = "archetype '" + a.Id + "'";
                a.Label = C.RequireText(an, "label", "the label of " + what, what);
                a.Explain = C.RequireText(an, "explain", "the explanation of " + what, what);
                P.Archetypes.push_back(std::move(a));
            }
        }
        if (const JsonNode* req = C.Require(*pp, "required_strength", JsonNode::Kind::Object, "the praatplaat")) {
            for (const Archetype& a : P.Archetypes) {
                int v = -1;
                if (!req->Find(a.Id))
                    C.Report(req->Pos, "required_strength has no value for archetype '" + a.Id + "'");
                else
                    Int(*req, a.Id.c_str(), "required_strength", 0, 3, &v);
                P.RequiredStrength.push_back(v);
            }
            for (size_t i = 0; i < req->Members.size(); i++) {
                bool known = false;
                for (const Archetype& a : P.Archetypes)
                    known = known || a.Id == req->Members[i].first;
                if (!known)
                    C.Report(req->KeyPos[i], "required_strength names '" + req->Members[i].first +
                                                 "', which is not an archetype");
            }
        }
        if (const JsonNode* zones = C.Require(*pp, "zones", JsonNode::Kind::Array, "the praatplaat")) {
            if (zones->Items.empty())
                C.Report(zones->Pos, "the praatplaat has no zones");
            ReadPolls(*zones, PollKind::Kompas, &P.Zones);
        }
    }

    // A show-if must name an earlier question of the same poll, and values it can have.
    void CheckShowIfs() {
        for (const PendingShowIf& si : ShowIfs) {
            const Question* owner = P.FindQuestion(si.Owner);
            if (!owner || !owner->Show)
                continue;
            const ShowIf& cond = *owner->Show;
            bool earlier = false;
            for (const std::string& id : si.EarlierInPoll)
                earlier = earlier || id == cond.Question;
            const Question* ref = P.FindQuestion(cond.Question);
            if (!ref) {
                C.Report(si.Pos, "the show_if of question '" + si.Owner + "' refers to question '" + cond.Question +
                                     "', which does not exist");
                continue;
            }
            if (!earlier) {
                C.Report(si.Pos, "the show_if of question '" + si.Owner + "' refers to question '" + cond.Question +
                                     "', which does not come before it in the same poll");
                continue;
            }
            if (ref->Type == QuestionType::Matrix) { // its answers are stored per row
                C.Report(si.Pos, "the show_if of question '" + si.Owner + "' refers to matrix question '" +
                                     cond.Question + "'; a show_if can only wait for a question with one answer");
                continue;
            }
            for (const std::string& v : cond.Values) {
                bool known = false;
                for (const Option& o : ref->Options)
                    known = known || o.Id == v;
                if (!known)
                    C.Report(si.Pos, "the show_if of question '" + si.Owner + "' waits for '" + v +
                                         "', which is not an option of question '" + cond.Question + "'");
            }
        }
    }
};

// "place_words": {"de-wijk": {"wijk": {"nl": "de wijk", ...}, "dorp": {"nl": "het dorp", ...}}}
void ReadPlaceWords(Checker& c, const JsonNode& root, std::map<std::string, PlaceWord>* out) {
    const JsonNode* words = c.Optional(root, "place_words", JsonNode::Kind::Object, "the pack");
    if (!words)
        return;
    for (size_t i = 0; i < words->Members.size(); i++) {
        const auto& [name, forms] = words->Members[i];
        const bool valid = !name.empty() && name.size() <= 40 &&
                           name.find_first_of("{}@ \t\n") == std::string::npos;
        if (!valid) {
            c.Report(words->KeyPos[i], "place word '" + name + "' may not be empty, nor hold spaces, '{', '}' or '@'");
            continue;
        }
        if (out->count(name)) {
            c.Report(words->KeyPos[i], "duplicate place word '" + name + "'");
            continue;
        }
        if (!forms.IsObject()) {
            c.Report(forms.Pos, "place word '" + name + "' must be {\"wijk\": {...}, \"dorp\": {...}}");
            continue;
        }
        c.CheckFields(forms, {"wijk", "dorp"}, "place word '" + name + "'");
        PlaceWord w;
        w.Wijk = c.RequireText(forms, "wijk", "place word '" + name + "' for a wijk", "place word '" + name + "'");
        w.Dorp = c.RequireText(forms, "dorp", "place word '" + name + "' for a dorp", "place word '" + name + "'");
        (*out)[name] = w;
    }
}

} // namespace

LoadResult LoadPackText(std::string_view text, const std::string& file_name, const LoadOptions& options) {
    LoadResult result;
    Checker c{file_name, &result.Problems, {}, &options};
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
    c.CheckFields(root,
                  {"pack", "version", "languages", "start_poll", "closing_poll", "logo", "place_words", "ui", "scales",
                   "polls", "praatplaat"},
                  "the pack");

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
    ReadPlaceWords(c, root, &pack.PlaceWords); // before every other text: they name them
    c.PlaceWords = &pack.PlaceWords;

    const JsonNode* ui = c.Require(root, "ui", JsonNode::Kind::Object, "the pack");
    if (ui) {
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

    PackReader r{c, pack, {}, {}, {}, {}};
    r.ReadScales(root);
    if (const JsonNode* polls = c.Require(root, "polls", JsonNode::Kind::Array, "the pack")) {
        if (polls->Items.empty())
            c.Report(polls->Pos, "the pack has no polls");
        r.ReadPolls(*polls, PollKind::Poll, &pack.Polls);
    }
    r.ReadPraatplaat(root);
    r.CheckShowIfs();
    if (ui && pack.HasPraatplaat())
        for (const std::string& key : PraatplaatUiKeys())
            if (!ui->Find(key))
                c.Report(ui->Pos, "missing interface text '" + key + "' (needed by the praatplaat)");
    if (ui && HasTextQuestion(pack))
        for (const std::string& key : TextUiKeys()) // the keyboard's words: required of every pack now (campfire)
            if (!ui->Find(key) &&
                std::find(RequiredUiKeys().begin(), RequiredUiKeys().end(), key) == RequiredUiKeys().end())
                c.Report(ui->Pos, "missing interface text '" + key + "' (needed by the keyboard of a text question)");

    if (const JsonNode* s = c.Optional(root, "start_poll", JsonNode::Kind::String, "the pack")) {
        bool is_poll = false;
        for (const Poll& p : pack.Polls)
            is_poll = is_poll || p.Id == s->String;
        if (!is_poll)
            c.Report(s->Pos, "start_poll '" + s->String + "' is not a poll of this pack");
        pack.StartPoll = s->String;
    } else if (!pack.Polls.empty()) {
        pack.StartPoll = pack.Polls.front().Id;
    }
    if (const JsonNode* s = c.Optional(root, "closing_poll", JsonNode::Kind::String, "the pack")) {
        bool is_poll = false;
        for (const Poll& p : pack.Polls)
            is_poll = is_poll || p.Id == s->String;
        if (!is_poll)
            c.Report(s->Pos, "closing_poll '" + s->String + "' is not a poll of this pack");
        else if (!pack.HasPraatplaat())
            c.Report(s->Pos, "closing_poll is asked after the praatplaat, and this pack has none");
        pack.ClosingPoll = s->String;
    }
    if (const JsonNode* s = c.Optional(root, "logo", JsonNode::Kind::String, "the pack")) {
        std::string error;
        if (!ReadLogo(s->String, &pack.Logo, &error))
            c.Report(s->Pos, error);
    }
    if (result.Ok())
        ApplyPlace(&pack, options.Place);
    return result;
}

LoadResult LoadPack(const std::string& dir, const LoadOptions& options) {
    std::string path = dir + "/pack.json";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadResult r;
        r.Problems.push_back({path, 1, 1, "cannot open the pack file (is this a content pack folder?)"});
        return r;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    LoadResult r = LoadPackText(ss.str(), path, options);
    r.Pack.Dir = dir;
    return r;
}

} // namespace content
