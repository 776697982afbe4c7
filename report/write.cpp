#include "report/write.hpp"
#include "report/charts.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace report {

namespace fs = std::filesystem;

namespace {

const char* kMarker = "<!-- wijkstem-store report -->";

std::string Html(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string Csv(const std::string& s) {
    std::string v = s;
    if (!v.empty() && std::string("=+-@").find(v[0]) != std::string::npos)
        v = "'" + v; // never a formula in a spreadsheet
    if (v.find_first_of(",\"\n") == std::string::npos)
        return v;
    std::string out = "\"";
    for (char c : v)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string Percent(double share) { return std::to_string(int(std::lround(share * 100.0))) + "%"; }

std::string FileName(const std::string& id) {
    std::string out;
    for (char c : id)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '_';
    return out;
}

bool WriteText(const fs::path& path, const std::string& text, std::string* error) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.close();
    if (!f) {
        *error = "cannot write " + path.string();
        return false;
    }
    return true;
}

std::string CountsTable(const Figures& f) {
    if (f.Suppressed)
        return "<p class=\"muted\">Minder dan " + std::to_string(kMinGroup) +
               " antwoorden: niet getoond (kleine groepen blijven onherkenbaar).</p>\n";
    std::ostringstream h;
    h << "<table><tr><th>Antwoord</th><th>Aantal</th><th>Deel</th></tr>\n";
    long long total = 0;
    for (const OptionCount& c : f.Counts)
        total += c.Count;
    for (const OptionCount& c : f.Counts)
        h << "<tr><td>" << Html(c.Label) << "</td><td>" << c.Count << "</td><td>"
          << (total > 0 ? Percent(double(c.Count) / double(total)) : "-") << "</td></tr>\n";
    h << "</table>\n<p class=\"muted\">" << f.Respondents << " mensen antwoordden.</p>\n";
    return h.str();
}

std::string TrendTable(const QuestionReport& q) {
    if (q.Trend.empty())
        return "";
    std::ostringstream h;
    h << "<h4>Per maand</h4>\n<table><tr><th>Maand</th>";
    for (const OptionCount& c : q.All.Counts)
        h << "<th>" << Html(c.Label) << "</th>";
    h << "<th>Antwoorden</th></tr>\n";
    for (const Period& p : q.Trend) {
        h << "<tr><td>" << Html(p.Name) << "</td>";
        long long total = 0;
        for (const OptionCount& c : p.Counts.Counts)
            total += c.Count;
        for (const OptionCount& c : q.All.Counts) {
            h << "<td>";
            if (p.Counts.Suppressed)
                h << "-";
            else
                for (const OptionCount& pc : p.Counts.Counts)
                    if (pc.OptionId == c.OptionId)
                        h << (total > 0 ? Percent(double(pc.Count) / double(total)) : "-");
            h << "</td>";
        }
        h << "<td>" << (p.Counts.Suppressed ? "minder dan " + std::to_string(kMinGroup) : std::to_string(p.Counts.Respondents))
          << "</td></tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

const char* kStyle = R"(<style>
body { font-family: "DejaVu Sans", sans-serif; max-width: 1100px; margin: 2em auto; color: #1a1a1a;
       background: #faf7f0; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 2em; } h2 { margin-top: 2em; border-bottom: 2px solid #104682; }
table { border-collapse: collapse; margin: 0.5em 0; } th, td { border: 1px solid #999; padding: 0.3em 0.7em; }
th { background: #e8e4dc; text-align: left; } td { background: #fff; }
img { max-width: 100%; border: 1px solid #ccc; } .muted { color: #464646; }
.question { margin: 1.5em 0 2.5em; }
</style>
)";

} // namespace

bool Write(const Report& r, const std::string& out_dir, std::string* error) {
    const fs::path out(out_dir);
    std::error_code ec;
    if (fs::exists(out, ec)) { // only an earlier report is replaced, never someone's folder
        std::ifstream old(out / "index.html");
        std::string first;
        std::getline(old, first);
        std::getline(old, first);
        if (first != kMarker) {
            *error = out_dir + " already exists and is not an earlier report; choose a new folder";
            return false;
        }
    }
    const fs::path tmp = out.parent_path() / (out.filename().string() + ".tmp-" + std::to_string(getpid()));
    fs::remove_all(tmp, ec);
    if (!fs::create_directories(tmp / "charts", ec)) {
        *error = "cannot make " + tmp.string() + ": " + ec.message();
        return false;
    }
    auto fail = [&](const std::string& why) {
        *error = why;
        std::error_code ignore;
        fs::remove_all(tmp, ignore);
        return false;
    };

    std::vector<std::string> texts{r.Wijk};
    for (const QuestionReport& q : r.Questions) {
        texts.push_back(q.Title);
        for (const OptionCount& c : q.All.Counts)
            texts.push_back(c.Label);
    }
    for (const GroupReport& g : r.Groups)
        for (const QuestionReport& q : g.Questions) {
            texts.push_back(q.Title);
            for (const OptionCount& c : q.All.Counts)
                texts.push_back(c.Label);
        }
    auto painter = ChartPainter::Create(texts, error);
    if (!painter)
        return fail(*error);

    std::ostringstream h, csv;
    csv << "kind,question_id,question,option_id,option,count\n";
    h << "<!DOCTYPE html>\n" << kMarker << "\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\n<title>Wijkstem: "
      << Html(r.Wijk) << "</title>\n" << kStyle << "</head><body>\n";
    h << "<h1>Zo antwoordde " << Html(r.Wijk) << "</h1>\n";
    h << "<p>" << r.Answers << " antwoorden van " << r.Visits << " bezoeken aan " << r.Kiosks << " kiosk"
      << (r.Kiosks == 1 ? "" : "s");
    if (!r.First.empty())
        h << ", van " << r.First << " tot en met " << r.Last;
    h << ".</p>\n<p class=\"muted\">Antwoorden van minder dan " << kMinGroup
      << " mensen worden niet getoond, zodat niemand herkenbaar is. " << r.Flagged
      << " antwoorden van bezoeken die het bezoek ervoor herhaalden (binnen seconden dezelfde antwoorden) zijn "
         "bewaard maar niet meegeteld. Open tekst staat niet in dit rapport.</p>\n";
    h << "<ul><li><a href=\"#vragen\">Per vraag</a></li><li><a href=\"#bereik\">Wie bereikt de kiosk?</a></li>"
         "<li><a href=\"#afspraken\">Afspraken</a></li><li><a href=\"#kampvuur\">Kampvuurbijeenkomsten</a></li>"
         "<li><a href=\"counts.csv\">Alle aantallen (CSV)</a></li></ul>\n";

    h << "<h2 id=\"vragen\">Per vraag</h2>\n";
    std::string poll;
    for (const QuestionReport& q : r.Questions) {
        if (q.Poll != poll) {
            poll = q.Poll;
            h << "<h3>" << Html(poll) << "</h3>\n";
        }
        h << "<div class=\"question\" id=\"" << Html(FileName(q.Id)) << "\">\n<h4>" << Html(q.Title) << "</h4>\n";
        if (!q.All.Suppressed) {
            const std::string png = "charts/" + FileName(q.Id) + ".png";
            if (!painter->Write((tmp / png).string(), q.Title, q.All.Counts, error))
                return fail(*error);
            h << "<a href=\"" << png << "\"><img src=\"" << png << "\" alt=\"" << Html(q.Title) << "\"></a>\n";
            for (const OptionCount& c : q.All.Counts)
                csv << "kiosk," << Csv(q.Id) << "," << Csv(q.Title) << "," << Csv(c.OptionId) << "," << Csv(c.Label)
                    << "," << c.Count << "\n";
        }
        h << CountsTable(q.All) << TrendTable(q) << "</div>\n";
    }

    h << "<h2 id=\"bereik\">Wie bereikt de kiosk?</h2>\n";
    if (r.Reach.empty()) {
        h << "<p class=\"muted\">Geen bevolkingscijfers meegegeven (--population FILE).</p>\n";
    } else {
        h << "<p>De vrijwillige vragen over leeftijd en woonduur naast de cijfers van de wijk (wijkkompas). Een groep "
             "die bij de kiosk veel kleiner is dan in de wijk, bereikt de kiosk nog niet.</p>\n";
        std::string question;
        for (const ReachRow& row : r.Reach) {
            if (row.Question != question) {
                if (!question.empty())
                    h << "</table>\n";
                question = row.Question;
                h << "<h3>" << Html(question) << "</h3>\n<table><tr><th>Groep</th><th>Bij de kiosk</th>"
                     "<th>Deel bij de kiosk</th><th>Deel in de wijk</th><th>Verschil</th></tr>\n";
            }
            h << "<tr><td>" << Html(row.Label) << "</td>";
            if (row.Suppressed)
                h << "<td>minder dan " << kMinGroup << "</td><td>-</td>";
            else
                h << "<td>" << row.Kiosk << "</td><td>" << Percent(row.KioskShare) << "</td>";
            h << "<td>" << Percent(row.PopulationShare) << "</td><td>";
            if (!row.Suppressed) {
                const int diff = int(std::lround((row.KioskShare - row.PopulationShare) * 100.0));
                h << (diff > 0 ? "+" : "") << diff << " procentpunt";
            } else {
                h << "-";
            }
            h << "</td></tr>\n";
        }
        h << "</table>\n";
    }

    h << "<h2 id=\"afspraken\">Afspraken</h2>\n";
    if (r.Agreements.empty()) {
        h << "<p class=\"muted\">Nog geen afspraken.</p>\n";
    } else {
        h << "<table><tr><th>Wat</th><th>Wie</th><th>Wanneer klaar</th><th>Voor</th><th>Stand</th>"
             "<th>Bijeenkomst</th></tr>\n";
        for (const AgreementRow& a : r.Agreements)
            h << "<tr><td>" << Html(a.What) << "</td><td>" << Html(a.Who) << "</td><td>" << Html(a.Due) << "</td><td>"
              << Html(a.Answers) << "</td><td>" << Html(a.Status) << "</td><td>" << Html(a.GroupName) << "</td></tr>\n";
        h << "</table>\n";
    }

    h << "<h2 id=\"kampvuur\">Kampvuurbijeenkomsten</h2>\n";
    if (r.Groups.empty())
        h << "<p class=\"muted\">Nog geen bijeenkomsten.</p>\n";
    for (size_t gi = 0; gi < r.Groups.size(); gi++) {
        const GroupReport& g = r.Groups[gi];
        h << "<h3>" << Html(g.Session.Name) << " (" << Html(g.Session.HeldOn) << ", " << g.Session.Present
          << " aanwezig)</h3>\n<p class=\"muted\">De stemmen van de groep; nooit opgeteld bij de antwoorden van "
             "losse bezoekers hierboven.</p>\n";
        for (const QuestionReport& q : g.Questions) {
            h << "<h4>" << Html(q.Title) << "</h4>\n";
            if (!q.All.Suppressed) {
                const std::string png = "charts/groep-" + std::to_string(gi + 1) + "-" + FileName(q.Id) + ".png";
                if (!painter->Write((tmp / png).string(), q.Title, q.All.Counts, error))
                    return fail(*error);
                h << "<a href=\"" << png << "\"><img src=\"" << png << "\" alt=\"" << Html(q.Title) << "\"></a>\n";
                for (const OptionCount& c : q.All.Counts)
                    csv << "groep " << Csv(g.Session.Name) << "," << Csv(q.Id) << "," << Csv(q.Title) << ","
                        << Csv(c.OptionId) << "," << Csv(c.Label) << "," << c.Count << "\n";
            }
            h << CountsTable(q.All);
        }
    }
    h << "</body></html>\n";

    if (!WriteText(tmp / "index.html", h.str(), error) || !WriteText(tmp / "counts.csv", csv.str(), error))
        return fail(*error);
    // Into place: the earlier report goes only once the new one is whole.
    const fs::path old = out.parent_path() / (out.filename().string() + ".old-" + std::to_string(getpid()));
    if (fs::exists(out, ec)) {
        fs::rename(out, old, ec);
        if (ec)
            return fail("cannot move the earlier report " + out_dir + " aside: " + ec.message());
    }
    fs::rename(tmp, out, ec);
    if (ec) {
        std::error_code ignore;
        fs::rename(old, out, ignore);
        return fail("cannot put the report in " + out_dir + ": " + ec.message());
    }
    fs::remove_all(old, ec);
    return true;
}

} // namespace report
