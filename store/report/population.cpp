#include "store/report/population.hpp"

#include <algorithm>
#include <map>

namespace report {

namespace {

std::string Trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
    std::string out(s.substr(b, e - b));
    if (out.size() >= 2 && out.front() == '"' && out.back() == '"') // a spreadsheet's quotes
        out = out.substr(1, out.size() - 2);
    return out;
}

std::vector<std::string> Split(std::string_view line, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t at = line.find(sep, start);
        out.push_back(Trim(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos)
            return out;
        start = at + 1;
    }
}

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

std::string Where(const std::string& file, int line) { return file + ":" + std::to_string(line) + ": "; }

} // namespace

std::vector<std::string> Population::Kenmerken() const {
    std::vector<std::string> out;
    for (const PopulationRow& r : Rows)
        if (std::find(out.begin(), out.end(), r.Kenmerk) == out.end())
            out.push_back(r.Kenmerk);
    return out;
}

std::vector<std::string> ParsePopulation(std::string_view text, const std::string& file, Population* out) {
    *out = {};
    out->File = file;
    std::vector<std::string> problems;
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    char sep = 0;
    std::map<std::pair<std::string, std::string>, int> seen; // (kenmerk, groep) -> line
    int line_no = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        line_no++;
        std::string bare = Trim(line);
        if (bare.empty() || bare[0] == '#')
            continue;
        if (!sep) { // the header: it names the columns and shows the separator
            sep = bare.find(';') != std::string::npos ? ';' : ',';
            std::vector<std::string> head = Split(bare, sep);
            for (std::string& h : head)
                h = Lower(h);
            if (head != std::vector<std::string>{"kenmerk", "groep", "aantal"}) {
                problems.push_back(Where(file, line_no) + "the first line must be the header 'kenmerk,groep,aantal', not '" +
                                   bare + "'");
                return problems;
            }
            continue;
        }
        std::vector<std::string> f = Split(bare, sep);
        if (f.size() != 3) {
            problems.push_back(Where(file, line_no) + "expected 3 fields (kenmerk" + std::string(1, sep) + "groep" +
                               std::string(1, sep) + "aantal), found " + std::to_string(f.size()));
            continue;
        }
        if (f[0].empty() || f[1].empty()) {
            problems.push_back(Where(file, line_no) + "kenmerk and groep may not be empty");
            continue;
        }
        const std::string& n = f[2];
        if (n.empty() || n.size() > 12 || n.find_first_not_of("0123456789") != std::string::npos) {
            problems.push_back(Where(file, line_no) + "aantal must be a whole number of residents, digits only (no dots, " +
                               "spaces or %), not '" + n + "'");
            continue;
        }
        auto key = std::make_pair(f[0], f[1]);
        if (auto it = seen.find(key); it != seen.end()) {
            problems.push_back(Where(file, line_no) + "'" + f[0] + "," + f[1] + "' is there twice (also on line " +
                               std::to_string(it->second) + ")");
            continue;
        }
        seen[key] = line_no;
        out->Rows.push_back({f[0], f[1], std::stoll(n), line_no});
    }
    if (!sep)
        problems.push_back(Where(file, std::max(1, line_no)) + "no header 'kenmerk,groep,aantal' and no figures");
    else if (out->Rows.empty() && problems.empty())
        problems.push_back(Where(file, std::max(1, line_no)) + "the header is there, but no figures under it");
    // A kenmerk whose groups add up to nobody cannot give shares.
    for (const std::string& k : out->Kenmerken()) {
        long long total = 0;
        int first = 0;
        for (const PopulationRow& r : out->Rows)
            if (r.Kenmerk == k) {
                total += r.Count;
                first = first ? first : r.Line;
            }
        if (total == 0)
            problems.push_back(Where(file, first) + "the groups of '" + k + "' add up to 0 residents");
    }
    if (!problems.empty())
        out->Rows.clear();
    return problems;
}

std::vector<std::string> CheckPopulation(const Population& p, const content::Pack& pack) {
    std::vector<std::string> problems;
    for (const PopulationRow& r : p.Rows) {
        const content::Question* q = pack.FindQuestion(r.Kenmerk);
        if (!q) {
            problems.push_back(Where(p.File, r.Line) + "kenmerk '" + r.Kenmerk + "' is not a question of the pack " +
                               pack.Id + " " + pack.Version + " (use the question's id, e.g. leeftijd or woonduur)");
            continue;
        }
        if (q->Type != content::QuestionType::Single) {
            problems.push_back(Where(p.File, r.Line) + "kenmerk '" + r.Kenmerk + "' is a " +
                               content::QuestionTypeName(q->Type) + " question; only single-choice questions have groups");
            continue;
        }
        bool known = false;
        std::string ids;
        for (const content::Option& o : q->Options) {
            known = known || o.Id == r.Groep;
            ids += (ids.empty() ? "" : ", ") + o.Id;
        }
        if (!known)
            problems.push_back(Where(p.File, r.Line) + "groep '" + r.Groep + "' is not an answer to '" + r.Kenmerk +
                               "' (its answers: " + ids + ")");
    }
    return problems;
}

} // namespace report
