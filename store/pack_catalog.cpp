#include "store/pack_catalog.hpp"
#include "content/answer.hpp"
#include "content/free_text.hpp"
#include "content/pack_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace store {

namespace {

bool HasOption(const std::vector<content::Option>& options, const std::string& id) {
    return std::any_of(options.begin(), options.end(), [&](const content::Option& o) { return o.Id == id; });
}

bool Misfit(std::string* reason, const std::string& why) {
    *reason = why;
    return false;
}

// The value as the kiosk writes it for q's type (content/answer.hpp).
bool ValueFits(const content::Question& q, const std::string& question_id, const std::string& value,
               std::string* reason) {
    using QT = content::QuestionType;
    const std::string where = " for question " + q.Id;
    switch (q.Type) {
    case QT::Single:
    case QT::Smiley:
    case QT::Agree:
    case QT::YesNo:
        return HasOption(q.Options, value) || Misfit(reason, "value is not an option" + where);
    case QT::Matrix: {
        const size_t dot = question_id.find('.');
        if (dot == std::string::npos || !HasOption(q.Rows, question_id.substr(dot + 1)))
            return Misfit(reason, "question_id names no row of the matrix " + q.Id);
        return HasOption(q.Options, value) || Misfit(reason, "value is not a column" + where);
    }
    case QT::Multiple:
    case QT::Top: {
        std::set<std::string> seen;
        for (const std::string& o : content::ChosenOptions(value))
            if (!HasOption(q.Options, o) || !seen.insert(o).second)
                return Misfit(reason, "value holds an unknown or repeated option" + where);
        if (q.Max > 0 && int(seen.size()) > q.Max)
            return Misfit(reason, "value holds more options than the question allows" + where);
        return true;
    }
    case QT::Budget: {
        std::map<std::string, int> amounts;
        if (!content::DecodeBudget(value, &amounts))
            return Misfit(reason, "value is not a budget (id:amount,...)" + where);
        long long sum = 0;
        for (const auto& [id, amount] : amounts) {
            if (!HasOption(q.Options, id) || amount < 0)
                return Misfit(reason, "value holds an unknown option or a negative amount" + where);
            sum += amount;
        }
        return (q.Total <= 0 || sum <= q.Total) || Misfit(reason, "value divides more than the total" + where);
    }
    case QT::Text: {
        const int max = q.Max > 0 ? q.Max : content::kDefaultTextMax;
        return content::Utf8Length(value) <= max || Misfit(reason, "value is longer than the question allows");
    }
    }
    return Misfit(reason, "the question's type is unknown");
}

} // namespace

void PackCatalog::Add(content::Pack pack) {
    auto key = std::make_pair(pack.Id, pack.Version);
    Packs[key] = std::make_shared<const content::Pack>(std::move(pack));
}

bool PackCatalog::AddFolder(const std::string& dir, std::string* error, std::string* skipped) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        *error = "the packs folder " + dir + " does not exist";
        return false;
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!fs::exists(it->path() / "pack.json"))
            continue;
        content::LoadResult r = content::LoadPack(it->path().string());
        if (r.Ok())
            Add(std::move(r.Pack));
        else
            *skipped += (skipped->empty() ? "" : ", ") + it->path().string();
    }
    return true;
}

const content::Pack* PackCatalog::Find(const std::string& id, const std::string& version) const {
    auto it = Packs.find({id, version});
    return it == Packs.end() ? nullptr : it->second.get();
}

PackCheck PackCatalog::CheckAnswer(const std::string& pack_id, const std::string& version,
                                   const std::string& question_id, const std::string& value,
                                   std::string* reason) const {
    const content::Pack* pack = Find(pack_id, version);
    if (!pack)
        return PackCheck::Unknown;
    const content::Question* q = content::QuestionOfAnswer(*pack, question_id);
    if (!q) {
        *reason = "question_id " + question_id + " does not exist in " + pack_id + " " + version;
        return PackCheck::Misfit;
    }
    return ValueFits(*q, question_id, value, reason) ? PackCheck::Fits : PackCheck::Misfit;
}

PackCheck PackCatalog::CheckOption(const std::string& pack_id, const std::string& version,
                                   const std::string& question_id, const std::string& option,
                                   std::string* reason) const {
    const content::Pack* pack = Find(pack_id, version);
    if (!pack)
        return PackCheck::Unknown;
    const content::Question* q = content::QuestionOfAnswer(*pack, question_id);
    if (!q || q->Type == content::QuestionType::Text) {
        *reason = "question_id " + question_id + " is no question with options in " + pack_id + " " + version;
        return PackCheck::Misfit;
    }
    if (q->Type == content::QuestionType::Matrix) {
        const size_t dot = question_id.find('.');
        if (dot == std::string::npos || !HasOption(q->Rows, question_id.substr(dot + 1))) {
            *reason = "question_id names no row of the matrix " + q->Id;
            return PackCheck::Misfit;
        }
    }
    if (!HasOption(q->Options, option)) {
        *reason = "value is not an option of question " + q->Id;
        return PackCheck::Misfit;
    }
    return PackCheck::Fits;
}

bool PackCatalog::IsChoice(const std::string& pack_id, const std::string& version,
                           const std::string& question_id) const {
    const content::Pack* pack = Find(pack_id, version);
    const content::Question* q = pack ? content::QuestionOfAnswer(*pack, question_id) : nullptr;
    return q && q->Type != content::QuestionType::Text;
}

} // namespace store
