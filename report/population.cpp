// The wijkkompas CSV: "vraag,antwoord,inwoners", one group of residents per line.
#include "report/report.hpp"

#include <cstdlib>
#include <set>

namespace report {

namespace {

std::string Trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Fields(std::string_view line) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); i++)
        if (i == line.size() || line[i] == ',') {
            out.push_back(Trim(line.substr(start, i - start)));
            start = i + 1;
        }
    return out;
}

} // namespace

bool ParsePopulation(std::string_view text, const std::string& file, const content::Pack* pack,
                     std::vector<PopulationRow>* out, std::string* error) {
    std::vector<PopulationRow> rows;
    std::set<std::pair<std::string, std::string>> seen;
    bool header = false;
    int number = 0;
    auto fail = [&](const std::string& why) {
        *error = file + ":" + std::to_string(number) + ": " + why;
        return false;
    };
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        const std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        number++;
        const std::string line = Trim(raw);
        if (line.empty() || line[0] == '#')
            continue;
        const std::vector<std::string> f = Fields(line);
        if (!header) {
            if (f.size() != 3 || f[0] != "vraag" || f[1] != "antwoord" || f[2] != "inwoners")
                return fail("the first line must be the header vraag,antwoord,inwoners (found: " + line + ")");
            header = true;
            continue;
        }
        if (f.size() != 3)
            return fail("a line needs three fields (vraag,antwoord,inwoners), this one has " +
                        std::to_string(f.size()));
        char* end = nullptr;
        const long long n = strtoll(f[2].c_str(), &end, 10);
        if (f[2].empty() || *end != '\0' || n < 0)
            return fail("'" + f[2] + "' is not a number of residents (a whole number, 0 or more)");
        if (pack) { // the groups must be the pack's, or nothing can be compared
            const content::Question* q = pack->FindQuestion(f[0]);
            if (!q)
                return fail("'" + f[0] + "' is not a question of the pack (the age question is 'leeftijd', how long "
                            "in the wijk 'woonduur')");
            bool known = false;
            std::string options;
            for (const content::Option& o : q->Options) {
                known = known || o.Id == f[1];
                options += (options.empty() ? "" : ", ") + o.Id;
            }
            if (!known)
                return fail("'" + f[1] + "' is not an answer of question '" + f[0] + "' (it has: " + options + ")");
        }
        if (!seen.insert({f[0], f[1]}).second)
            return fail("the group " + f[0] + "," + f[1] + " comes twice");
        rows.push_back({f[0], f[1], n, number});
    }
    if (!header) {
        number = 1;
        return fail("the file is empty (it needs the header vraag,antwoord,inwoners and a line per group)");
    }
    *out = std::move(rows);
    return true;
}

} // namespace report
