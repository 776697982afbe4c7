#include "kiosk/campfire_export.hpp"
#include "sync/private_file.hpp"
#include "kiosk/flow_campfire.hpp"
#include "sync/atomic_file.hpp"
#include "sync/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace kiosk {

using wsync::CsvRow;

std::string CampfireCsv(const FlowContext& ctx, const CampfireState& g, const std::string& lang) {
    const content::Pack& pack = *ctx.Pack;
    const std::string& fallback = pack.Languages.empty() ? lang : pack.Languages.front();
    auto tr = [&](const content::Text& t) { return content::Tr(t, lang, fallback); };

    std::string csv = "session,wijk,held_on,present,pack_id,pack_version\n";
    csv += CsvRow({g.Name, g.Wijk, g.Date, std::to_string(g.Present), pack.Id, pack.Version});

    csv += "\nquestion_id,question,option_id,option,count,method\n";
    for (const std::string& id : SummaryCharts(ctx, g)) {
        const content::Question* q = content::QuestionOfAnswer(pack, id);
        if (!q)
            continue;
        std::string question = tr(q->Prompt);
        for (const content::Option& row : q->Rows)
            if (content::MatrixAnswerId(*q, row.Id) == id)
                question += " - " + tr(row.Label);
        const auto& counts = g.Counts.at(id);
        for (const content::Option& o : q->Options) {
            auto c = counts.find(o.Id);
            const bool counted = c != counts.end();
            csv += CsvRow({id, question, o.Id, tr(o.Label), std::to_string(counted ? c->second.Count : 0),
                        counted ? (c->second.Hands ? "hands" : "taps") : ""});
        }
    }

    csv += "\noutcome,id,text\n";
    const content::Outcome outcome = CampfireOutcome(ctx, g);
    if (outcome.Lean)
        csv += CsvRow({"archetype", outcome.Lean->Id, tr(outcome.Lean->Label)});
    for (const content::Question* q : outcome.WitteVlekken)
        csv += CsvRow({"witte_vlek", q->Id, tr(q->Prompt)});

    csv += "\nagreement_id,what,who,due,answers,status\n";
    for (const Agreement& a : g.Agreements)
        csv += CsvRow({a.Id, a.What, a.Who, a.Due, a.Answers, a.Status});

    // What was said per question, and the agreements from before with their status now:
    // parts of their own, only when there are some (a file without them reads as before).
    const std::vector<std::string> noted = SummaryNotes(ctx, g);
    if (!noted.empty()) {
        csv += "\nnote_question_id,question,note\n";
        for (const std::string& id : noted) {
            const content::Question* q = content::QuestionOfAnswer(pack, id);
            csv += CsvRow({id, q ? tr(q->Prompt) : std::string(), g.Notes.at(id)});
        }
    }
    if (!g.Previous.empty()) {
        csv += "\nprevious_agreement_id,what,who,status,note\n";
        for (const Agreement& a : g.Previous)
            csv += CsvRow({a.Id, a.What, a.Who, a.Status, a.Note});
    }
    return csv;
}

// One sequence for every such file: sync/atomic_file.cpp.
bool WriteFileAtomic(const std::string& path, const std::string& data, std::string* error) {
    return wsync::WriteFileAtomically(path, data, error);
}

std::vector<std::string> UsbFolders(const std::vector<std::string>& roots) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    std::error_code ec;
    for (const std::string& root : roots)
        for (fs::directory_iterator user(root, ec), end; !ec && user != end; user.increment(ec)) {
            if (!user->is_directory(ec))
                continue;
            std::error_code inner;
            for (fs::directory_iterator stick(user->path(), inner); !inner && stick != end; stick.increment(inner))
                if (stick->is_directory(inner) && access(stick->path().c_str(), W_OK) == 0)
                    out.push_back(stick->path().string());
        }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace kiosk
