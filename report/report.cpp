#include "report/report.hpp"
#include "content/answer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace report {

namespace {

const std::string& First(const content::Pack* pack, const content::Text& t) {
    static const std::string empty;
    if (!pack || pack->Languages.empty())
        return t.empty() ? empty : t.begin()->second;
    return content::Tr(t, pack->Languages.front(), pack->Languages.front());
}

using Tally = std::vector<std::pair<std::string, long long>>;

Tally TallyOf(const std::vector<const AnswerRow*>& rows) {
    std::map<std::string, long long> by_value;
    for (const AnswerRow* r : rows)
        by_value[r->Value]++;
    return Tally(by_value.begin(), by_value.end());
}

// Per option in pack order (multiple and top count each chosen option, budget adds up).
Figures Count(const content::Pack* pack, const content::Question* q, const Tally& tally) {
    Figures f;
    if (q) {
        for (const auto& [option, n] : content::CountOptions(*q, tally, &f.Respondents)) {
            std::string label = option;
            for (const content::Option& o : q->Options)
                if (o.Id == option)
                    label = First(pack, o.Label);
            f.Counts.push_back({option, label, n});
        }
    } else { // no pack to read the question from: the values as they are
        for (const auto& [value, n] : tally) {
            f.Counts.push_back({value, value, n});
            f.Respondents += n;
        }
    }
    if (f.Respondents < kMinGroup) {
        f.Suppressed = true;
        f.Counts.clear();
    }
    return f;
}

struct Asked {
    std::string AnswerId, Title, Poll;
    const content::Question* Question = nullptr;
};

// Every question a chart can be made of, in the pack's order; then answers the pack does
// not know (a newer or older pack), by id.
std::vector<Asked> Questions(const content::Pack* pack, const std::map<std::string, std::vector<const AnswerRow*>>& by_q) {
    std::vector<Asked> out;
    std::set<std::string> known;
    if (pack)
        for (const std::vector<content::Poll>* polls : {&pack->Polls, &pack->Zones})
            for (const content::Poll& p : *polls)
                for (const content::Question& q : p.Questions) {
                    if (q.Type == content::QuestionType::Text) // free text is read, never counted
                        continue;
                    if (q.Type == content::QuestionType::Matrix) {
                        for (const content::Option& row : q.Rows) {
                            const std::string id = content::MatrixAnswerId(q, row.Id);
                            out.push_back({id, First(pack, q.Prompt) + " (" + First(pack, row.Label) + ")",
                                           First(pack, p.Title), &q});
                            known.insert(id);
                        }
                    } else {
                        out.push_back({q.Id, First(pack, q.Prompt), First(pack, p.Title), &q});
                        known.insert(q.Id);
                    }
                }
    for (const auto& [id, rows] : by_q)
        if (!known.count(id) && !(pack && content::QuestionOfAnswer(*pack, id)))
            out.push_back({id, id, "", nullptr});
    return out;
}

QuestionReport Report1(const content::Pack* pack, const Asked& a, const std::vector<const AnswerRow*>& rows) {
    QuestionReport r;
    r.Id = a.AnswerId;
    r.Title = a.Title;
    r.Poll = a.Poll;
    r.All = Count(pack, a.Question, TallyOf(rows));
    std::map<std::string, std::vector<const AnswerRow*>> by_month;
    for (const AnswerRow* row : rows)
        by_month[row->AnsweredAt.substr(0, 7)].push_back(row);
    if (by_month.size() > 1) // asked in more than one period: stap 3, evaluate
        for (const auto& [month, in_month] : by_month)
            r.Trend.push_back({month, Count(pack, a.Question, TallyOf(in_month))});
    return r;
}

} // namespace

Report Build(const Input& in) {
    Report rep;
    rep.Wijk = in.Wijk;
    std::map<std::string, std::vector<const AnswerRow*>> by_q;
    std::set<std::string> kiosks, visits;
    for (const AnswerRow& a : in.Answers) {
        if (a.Flagged) {
            rep.Flagged++;
            continue;
        }
        rep.Answers++;
        by_q[a.QuestionId].push_back(&a);
        kiosks.insert(a.DeviceId);
        visits.insert(a.SessionId);
        const std::string day = a.AnsweredAt.substr(0, 10);
        if (rep.First.empty() || day < rep.First)
            rep.First = day;
        if (day > rep.Last)
            rep.Last = day;
    }
    rep.Kiosks = (long long)kiosks.size();
    rep.Visits = (long long)visits.size();

    for (const Asked& a : Questions(in.Pack, by_q)) {
        auto it = by_q.find(a.AnswerId);
        if (it != by_q.end())
            rep.Questions.push_back(Report1(in.Pack, a, it->second));
    }

    // Reach: per demographic question of the CSV, the kiosk's respondents next to the wijk.
    std::vector<std::string> order;
    std::map<std::string, long long> residents_total;
    for (const PopulationRow& p : in.Population) {
        if (std::find(order.begin(), order.end(), p.QuestionId) == order.end())
            order.push_back(p.QuestionId);
        residents_total[p.QuestionId] += p.Residents;
    }
    for (const std::string& qid : order) {
        const content::Question* q = in.Pack ? in.Pack->FindQuestion(qid) : nullptr;
        std::map<std::string, long long> kiosk;
        long long kiosk_total = 0; // those who named a group that is in the CSV
        std::set<std::string> groups;
        for (const PopulationRow& p : in.Population)
            if (p.QuestionId == qid)
                groups.insert(p.OptionId);
        if (auto it = by_q.find(qid); it != by_q.end())
            for (const AnswerRow* a : it->second)
                if (groups.count(a->Value)) {
                    kiosk[a->Value]++;
                    kiosk_total++;
                }
        for (const PopulationRow& p : in.Population) {
            if (p.QuestionId != qid)
                continue;
            ReachRow r;
            r.QuestionId = qid;
            r.Question = q ? First(in.Pack, q->Prompt) : qid;
            r.OptionId = p.OptionId;
            r.Label = p.OptionId;
            if (q)
                for (const content::Option& o : q->Options)
                    if (o.Id == p.OptionId)
                        r.Label = First(in.Pack, o.Label);
            r.Kiosk = kiosk[p.OptionId];
            r.Suppressed = r.Kiosk < kMinGroup;
            r.KioskShare = kiosk_total > 0 ? double(r.Kiosk) / double(kiosk_total) : 0.0;
            r.PopulationShare = residents_total[qid] > 0 ? double(p.Residents) / double(residents_total[qid]) : 0.0;
            if (r.Suppressed) {
                r.Kiosk = 0;
                r.KioskShare = 0;
            }
            rep.Reach.push_back(r);
        }
    }

    rep.Agreements = in.Agreements;
    std::stable_sort(rep.Agreements.begin(), rep.Agreements.end(), [](const AgreementRow& a, const AgreementRow& b) {
        return (a.Due.empty() ? "9999" : a.Due) < (b.Due.empty() ? "9999" : b.Due);
    });

    // Campfire meetings: their own charts, never added to the walk-in answers.
    for (const GroupSessionRow& g : in.Groups) {
        GroupReport gr;
        gr.Session = g;
        std::map<std::string, Tally> by_question;
        for (const GroupResultRow& r : in.GroupResults)
            if (r.GroupSessionId == g.Id)
                by_question[r.QuestionId].push_back({r.Value, r.Count});
        for (const auto& [qid, tally] : by_question) {
            const content::Question* q = in.Pack ? content::QuestionOfAnswer(*in.Pack, qid) : nullptr;
            QuestionReport qr;
            qr.Id = qid;
            qr.Title = q ? First(in.Pack, q->Prompt) : qid;
            if (q && q->Type == content::QuestionType::Matrix)
                for (const content::Option& row : q->Rows)
                    if (content::MatrixAnswerId(*q, row.Id) == qid)
                        qr.Title += " (" + First(in.Pack, row.Label) + ")";
            qr.All = Count(in.Pack, q, tally);
            if (g.Present < kMinGroup) { // a meeting of fewer than five: its votes are not shown
                qr.All.Suppressed = true;
                qr.All.Counts.clear();
            }
            gr.Questions.push_back(qr);
        }
        rep.Groups.push_back(gr);
    }
    return rep;
}

} // namespace report
