// [SECTION] Helpers: escaping, shares, words; say per theme and witte vlekken (also for the overview)
// [SECTION] The page's parts: summary, reach, answers, say, agreements, meetings, about
// [SECTION] RenderHtml
#include "store/report/html.hpp"
#include "store/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace report {

//-----------------------------------------------------------------------------
// [SECTION] Helpers: escaping, shares, words
//-----------------------------------------------------------------------------

std::string EscapeHtml(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    return out;
}

std::string Percent(long long count, long long whole) {
    return std::to_string(whole > 0 ? std::lround(100.0 * double(count) / double(whole)) : 0L) + "%";
}

std::string Deelnemers(long long n) { return std::to_string(n) + (n == 1 ? " deelnemer" : " deelnemers"); }

// 15400 -> "15.400": thousands grouped the Dutch way.
std::string DutchNumber(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t i = 0; i < digits.size(); i++) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += '.';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

std::string BarFigure(const Chart& c, const Bar& b) {
    return Percent(b.Count, c.Whole) + " (" + DutchNumber(b.Count) + (c.Unit.empty() ? "" : " " + c.Unit) + ")";
}

std::string ChartInWords(const Chart& c) {
    std::string out;
    for (const Bar& b : c.Bars)
        out += (out.empty() ? "" : "; ") + b.Label + ": " + BarFigure(c, b);
    return out;
}

namespace {

using E = std::string;
E Esc(const std::string& s) { return EscapeHtml(s); }
E Num(long long n) { return std::to_string(n); }

E Plural(long long n, const char* one, const char* many) { return Num(n) + " " + (n == 1 ? one : many); }

// A share as a bar a person sees at a glance, with the number beside it (never the bar alone).
E ShareBar(double share, const std::string& words) {
    char width[32];
    snprintf(width, sizeof width, "%.1f", std::max(0.0, std::min(1.0, share)) * 100.0);
    return "<span class=\"meter\"><span style=\"width:" + E(width) + "%\"></span></span> " + Esc(words);
}

// How a group's share at the kiosk compares with its share in the wijk, in words.
E Compare(double kiosk, double wijk) {
    const long pts = std::lround((kiosk - wijk) * 100.0);
    if (pts <= -10) return "veel minder";
    if (pts <= -3) return "minder";
    if (pts < 3) return "ongeveer gelijk";
    if (pts < 10) return "meer";
    return "veel meer";
}

E Points(double kiosk, double wijk) {
    const long pts = std::lround((kiosk - wijk) * 100.0);
    return (pts > 0 ? "+" : pts < 0 ? "\u2212" : "") + std::to_string(std::labs(pts)) + " procentpunt";
}

E StatusWords(const std::string& s) {
    if (s == "open") return "\u25CB open";
    if (s == "bezig") return "\u25D0 bezig";
    if (s == "klaar") return "\u25CF klaar";
    if (s == "gedaan") return "\u25CF gedaan";
    if (s == "lukt-niet") return "\u2715 lukt niet";
    return Esc(s);
}

} // namespace

std::string AgreementStatusWords(const std::string& status) { return StatusWords(status); }

std::string SayExplained() {
    return "Op de praatplaat zeggen bewoners per thema wie erover moet beslissen: de gemeente, samen, of de wijk. "
           "Per thema staat hier hoeveel bezoekers welk antwoord gaven, en naar welke vorm van zeggenschap de "
           "antwoorden neigen: het gemiddelde, afgerond, zoals de kiosk het voor één bezoeker ook rekent. "
           "&ldquo;Weet ik niet&rdquo; telt niet mee.";
}

std::string VlekkenExplained() {
    return "Hoe meer zeggenschap een wijk wil, hoe sterker het democratisch proces moet zijn (het kompas). Na de "
           "praatplaat laat de kiosk elke bezoeker de witte vlekken zien: vragen van het kompas waarop het antwoord "
           "zwakker is dan nodig is voor de zeggenschap die de bezoeker wil. Hier staat hoe vaak elke witte vlek voorkwam, uit de bezoekers "
           "die de vraag beantwoordden en zeiden hoeveel zeggenschap ze willen.";
}

std::string SayThemesTable(const SayFigures& s) {
    if (s.Themes.empty())
        return "<p>De praatplaat van deze wijk heeft geen vraag wie er beslist.</p>\n";
    E h = "<table>\n<tr><th scope=\"col\">Thema</th>";
    for (const std::string& answer : s.LevelAnswers)
        h += "<th scope=\"col\" class=\"n\">" + Esc(answer) + "</th>";
    h += "<th scope=\"col\" class=\"n\">Bezoekers</th><th scope=\"col\">De antwoorden neigen naar</th></tr>\n";
    for (const ThemeSay& t : s.Themes) {
        h += "<tr><th scope=\"row\">" + Esc(t.Label) + "</th>";
        if (!t.Shown) {
            h += "<td colspan=\"" + Num(long(s.LevelAnswers.size() + 2)) + "\" class=\"muted\">" +
                 (t.Respondents == 0 ? E("Nog geen antwoorden.")
                                     : "Minder dan " + Num(kMinGroup) + " antwoorden: niet getoond.") +
                 "</td></tr>\n";
            continue;
        }
        for (long long n : t.PerLevel)
            h += "<td class=\"n\">" + Percent(n, t.Respondents) + " (" + Num(n) + ")</td>";
        h += "<td class=\"n\">" + Num(t.Respondents) + "</td><td><b>" + Esc(s.Levels[size_t(t.Lean - 1)]) +
             "</b></td></tr>\n";
    }
    return h + "</table>\n";
}

std::string VlekkenTable(const SayFigures& s, size_t max_rows) {
    const std::vector<const VlekCount*> ranked = RankedVlekken(s);
    long long hidden = 0;
    for (const VlekCount& v : s.Vlekken)
        hidden += !v.Shown && v.Asked > 0;
    E h;
    if (ranked.empty())
        h += "<p>Geen witte vlekken om te tonen.</p>\n";
    else {
        h += "<table>\n<tr><th scope=\"col\" class=\"n\">Plaats</th><th scope=\"col\">Vraag van het kompas</th>"
             "<th scope=\"col\">Kompaspunt</th><th scope=\"col\" class=\"n\">Hoe vaak een witte vlek</th></tr>\n";
        for (size_t i = 0; i < ranked.size() && (max_rows == 0 || i < max_rows); i++)
            h += "<tr><td class=\"n\">" + Num(long(i + 1)) + "</td><td>" + Esc(ranked[i]->Prompt) + "</td><td>" +
                 Esc(ranked[i]->Point) + "</td><td class=\"n\">" + Num(ranked[i]->Listed) + " van " +
                 Num(ranked[i]->Asked) + " (" + Percent(ranked[i]->Listed, ranked[i]->Asked) + ")</td></tr>\n";
        h += "</table>\n";
        if (max_rows > 0 && ranked.size() > max_rows)
            h += "<p class=\"muted\">En nog " + Num(long(ranked.size() - max_rows)) + " andere.</p>\n";
    }
    if (hidden > 0)
        h += "<p class=\"muted\">" + Plural(hidden, "vraag", "vragen") + " van het kompas met minder dan " +
             Num(kMinGroup) + " antwoorden: niet getoond.</p>\n";
    return h;
}

namespace {

const char* kStyle = R"css(
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1a1a1a; background: #faf7f0; margin: 0; line-height: 1.5; }
main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 2.2rem; margin: 0.5rem 0 0; } h2 { margin-top: 2.5rem; border-bottom: 3px solid #104682; }
h3 { margin-top: 2rem; } h4 { margin: 1.5rem 0 0.5rem; }
.sub, .muted { color: #464646; }
.kerncijfers { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.kerncijfers li { background: #fff; border: 1px solid #3c3c3c; border-radius: 6px; padding: 0.6rem 1rem; }
.kerncijfers b { font-size: 1.6rem; display: block; }
.regel { background: #fff; border-left: 6px solid #104682; padding: 0.6rem 1rem; }
figure { margin: 0.5rem 0 1.5rem; }
figure svg { display: block; width: 100%; max-width: 760px; height: auto; border: 1px solid #8c8c8c; background: #fff; }
figcaption { font-size: 0.9rem; color: #464646; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; background: #fff; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; white-space: nowrap; }
.meter { display: inline-block; width: 6rem; height: 0.8rem; border: 1px solid #3c3c3c; vertical-align: middle; }
.meter span { display: block; height: 100%; background: #104682; }
.verlopen { font-weight: bold; color: #961e14; }
nav ul { columns: 2; }
@media print { body { background: #fff; } h2 { page-break-before: always; } figure { page-break-inside: avoid; }
  figcaption { display: none; } }
)css";

//-----------------------------------------------------------------------------
// [SECTION] The page's parts: summary, reach, answers, agreements, meetings, about
//-----------------------------------------------------------------------------

E RuleText() {
    return "<p class=\"regel\"><b>Kleine groepen blijven onzichtbaar.</b> Een vraag met minder dan " + Num(kMinGroup) +
           " antwoorden laat geen cijfers zien, net als een periode of een vraag van een bijeenkomst met minder dan " +
           Num(kMinGroup) + " deelnemers. In de tabel met het bereik staat bij een groep van minder dan " + Num(kMinGroup) +
           " alleen &ldquo;&lt; " + Num(kMinGroup) +
           "&rdquo;; waar zo&rsquo;n kleine groep uit het totaal terug te rekenen zou zijn, staat ook bij de kleinste "
           "andere groep &ldquo;&lt; " + Num(kMinGroup) + "&rdquo;. Zo is niemand in het rapport terug te vinden.</p>\n";
}

E Summary(const Report& r) {
    E h = "<section id=\"samenvatting\">\n<h2>Samenvatting</h2>\n<ul class=\"kerncijfers\">\n";
    h += "<li><b>" + Num(r.Answers) + "</b> antwoorden bij de kiosk</li>\n";
    h += "<li><b>" + Num(r.Visits) + "</b> " + (r.Visits == 1 ? "bezoek" : "bezoeken") + "</li>\n";
    h += "<li><b>" + Num(r.Kiosks) + "</b> " + (r.Kiosks == 1 ? "kiosk" : "kiosken") + "</li>\n";
    h += "<li><b>" + Num(long(r.Agreements.size())) + "</b> " + (r.Agreements.size() == 1 ? "afspraak" : "afspraken") +
         "</li>\n";
    h += "<li><b>" + Num(long(r.Sessions.size())) + "</b> " +
         (r.Sessions.size() == 1 ? "kampvuurbijeenkomst" : "kampvuurbijeenkomsten") + "</li>\n</ul>\n";
    if (!r.FirstDay.empty())
        h += "<p>Antwoorden van " + Esc(DutchDate(r.FirstDay)) + " tot en met " + Esc(DutchDate(r.LastDay)) + ".</p>\n";
    if (r.FlaggedAnswers > 0)
        h += "<p><b>Niet meegeteld:</b> " + Plural(r.FlaggedAnswers, "antwoord", "antwoorden") + " uit " +
             Plural(r.FlaggedVisits, "bezoek", "bezoeken") +
             " die binnen een halve minuut precies het bezoek ervoor herhaalden (de kiosk markeert die; zie "
             "&ldquo;Over dit rapport&rdquo;).</p>\n";
    else
        h += "<p>Geen bezoek herhaalde het bezoek ervoor: alle antwoorden tellen mee.</p>\n";
    h += "<p>Vragen en antwoorden uit het pakket: " + Esc(r.PackLine) + ".";
    if (r.PackVersions.size() > 1) {
        h += " De antwoorden zijn gegeven onder meer versies:";
        for (size_t i = 0; i < r.PackVersions.size(); i++)
            h += E(i ? "," : "") + " " + Esc(r.PackVersions[i].first) + " (" + Num(r.PackVersions[i].second) + ")";
        h += ".";
    }
    h += "</p>\n" + RuleText() + "</section>\n";
    return h;
}

E Contents(const Report& r) {
    E h = "<nav><h2>Inhoud</h2>\n<ul>\n";
    h += "<li><a href=\"#samenvatting\">Samenvatting</a></li>\n";
    h += "<li><a href=\"#bereik\">Wie bereikt de kiosk?</a></li>\n";
    for (size_t i = 0; i < r.Sections.size(); i++)
        h += "<li><a href=\"#deel-" + Num(long(i + 1)) + "\">" + Esc(r.Sections[i].Title) + "</a></li>\n";
    h += "<li><a href=\"#zeggenschap\">Zeggenschap per thema en witte vlekken</a></li>\n";
    h += "<li><a href=\"#afspraken\">Afspraken</a></li>\n";
    h += "<li><a href=\"#kampvuur\">Kampvuurbijeenkomsten</a></li>\n";
    h += "<li><a href=\"#over\">Over dit rapport</a></li>\n</ul></nav>\n";
    return h;
}

E ReachTableHtml(const ReachTable& t) {
    E h = "<h3>" + Esc(t.Title) + "</h3>\n";
    if (t.TooFew)
        h += "<p>Minder dan " + Num(kMinGroup) + " deelnemers gaven hier een antwoord" +
             (t.HasResidents ? " dat met de wijk te vergelijken is" : "") + ": de kiosk-kant blijft leeg.</p>\n";
    h += "<table>\n<tr><th>Groep</th><th class=\"n\">Bij de kiosk</th><th>Aandeel bij de kiosk</th>";
    if (t.HasResidents)
        h += "<th>Aandeel in de wijk</th><th>Verschil</th>";
    h += "</tr>\n";
    for (const ReachRow& row : t.Rows) {
        h += "<tr><td>" + Esc(row.Label) + "</td>";
        if (row.Hidden)
            h += "<td class=\"n\">&lt; " + Num(kMinGroup) + "</td><td>&mdash;</td>";
        else
            h += "<td class=\"n\">" + Num(row.Kiosk) + "</td><td>" +
                 ShareBar(row.KioskShare, Percent(row.Kiosk, t.KioskTotal)) + "</td>";
        if (t.HasResidents) {
            h += "<td>" + ShareBar(row.ResidentsShare, Percent(row.Residents, t.ResidentsTotal)) + "</td><td>";
            h += row.Hidden ? E("&mdash;")
                            : Esc(Compare(row.KioskShare, row.ResidentsShare)) + " (" +
                                  Points(row.KioskShare, row.ResidentsShare) + ")";
            h += "</td>";
        }
        h += "</tr>\n";
    }
    h += "<tr><th>Samen</th><th class=\"n\">" + (t.TooFew ? "&lt; " + Num(kMinGroup) : Num(t.KioskTotal)) +
         "</th><th>100%</th>" + (t.HasResidents ? "<th>100% (" + Num(t.ResidentsTotal) + " inwoners)</th><th></th>" : "") +
         "</tr>\n</table>\n";
    if (!t.NotCompared.empty()) {
        h += "<p class=\"muted\">Niet vergeleken (geen cijfer voor de wijk):";
        for (size_t i = 0; i < t.NotCompared.size(); i++)
            h += E(i ? "," : "") + " " + Esc(t.NotCompared[i].Label) + " " +
                 (t.NotCompared[i].Hidden ? "&lt; " + Num(kMinGroup) : Num(t.NotCompared[i].Count));
        h += ".</p>\n";
    }
    return h;
}

E ReachSection(const Report& r) {
    E h = "<section id=\"bereik\">\n<h2>Wie bereikt de kiosk?</h2>\n";
    h += "<p>De vragen over de deelnemer zelf (die iedereen mag overslaan), per groep";
    if (r.HasPopulation)
        h += ", naast de bevolkingscijfers uit <code>" + Esc(r.PopulationFile) +
             "</code>. Een groep die bij de kiosk veel minder voorkomt dan in de wijk, bereikt de kiosk slecht: daar is "
             "een andere aanpak nodig (een kampvuurbijeenkomst, een andere plek, een andere tijd). Het aandeel bij de "
             "kiosk is van wie een groep met een cijfer voor de wijk koos; de rest (zoals &ldquo;zeg ik liever "
             "niet&rdquo;) staat onder de tabel.";
    else
        h += ". Met de bevolkingscijfers van de wijk erbij (<code>--population BESTAND</code>, uit de wijkkompas; zie "
             "docs/report.md) staat hier ook wie er in de wijk woont, en dus wie de kiosk niet bereikt.";
    h += " Deze vragen staan alleen hier, met de regel voor kleine groepen per cel.</p>\n";
    if (r.Reach.empty())
        h += "<p>Nog geen antwoorden op de vragen over de deelnemer.</p>\n";
    for (const ReachTable& t : r.Reach)
        h += ReachTableHtml(t);
    return h + "</section>\n";
}

E Trend(const Chart& c, const std::string& period_word) {
    E h = "<p>Per " + Esc(period_word) + ":</p>\n<table>\n<tr><th>Periode</th><th class=\"n\">Deelnemers</th>";
    for (const Bar& b : c.Bars)
        h += "<th class=\"n\">" + Esc(b.Label) + "</th>";
    h += "</tr>\n";
    for (const TrendRow& row : c.Trend) {
        h += "<tr><td>" + Esc(row.Period) + "</td>";
        if (!row.Shown) {
            h += "<td class=\"n\">&lt; " + Num(kMinGroup) + "</td><td colspan=\"" + Num(long(c.Bars.size())) +
                 "\" class=\"muted\">te weinig antwoorden om te tonen</td></tr>\n";
            continue;
        }
        h += "<td class=\"n\">" + Num(row.Respondents) + "</td>";
        for (long long n : row.Counts)
            h += "<td class=\"n\">" + Percent(n, row.Whole) + " (" + Num(n) + ")</td>";
        h += "</tr>\n";
    }
    return h + "</table>\n";
}

E ChartFigure(const Chart& c, const std::string& subtitle, const std::string& period_word,
              const std::string& too_few = "Minder dan " + Num(kMinGroup) + " antwoorden: niet getoond.") {
    E h = "<h4 id=\"" + Esc(c.Slug) + "\">" + Esc(c.Title) + "</h4>\n";
    if (c.FreeText)
        return h + "<p class=\"muted\">" +
               (c.Respondents < kMinGroup ? "Minder dan " + Num(kMinGroup) + " deelnemers"
                                          : Num(c.Respondents) + " deelnemers") +
               " schreven hier iets. Wat iemand zelf schrijft staat niet in dit rapport (het kan iemand herkenbaar "
               "maken); het gebiedsteam leest het in <code>wijkstem-store export --csv</code>.</p>\n";
    if (!c.Shown)
        return h + "<p class=\"muted\">" + too_few + "</p>\n";
    // The chart's own <title> and <desc> carry the question and the figures in words.
    h += "<figure>\n" + ChartSvg(c, subtitle) + "<figcaption>Ook als los bestand: <a href=\"charts/" + Esc(c.Slug) +
         ".svg\">charts/" + Esc(c.Slug) + ".svg</a></figcaption></figure>\n";
    if (!c.Trend.empty())
        h += Trend(c, period_word);
    return h;
}

E Answers(const Report& r) {
    E h = "<section id=\"antwoorden\">\n<h2>Antwoorden bij de kiosk</h2>\n";
    if (r.Sections.empty())
        h += "<p>Nog geen antwoorden uit deze wijk.</p>\n";
    else
        h += "<p>Per vraag hoe de bezoekers van de kiosk antwoordden. Bij elk antwoord staat het percentage en tussen "
             "haakjes het aantal. Een vraag die iemand oversloeg, telt voor die persoon niet mee.</p>\n";
    for (size_t i = 0; i < r.Sections.size(); i++) {
        const Section& s = r.Sections[i];
        h += "<h3 id=\"deel-" + Num(long(i + 1)) + "\">" + Esc(s.Title) + "</h3>\n";
        for (const Chart& c : s.Charts)
            h += ChartFigure(c, Deelnemers(c.Respondents), r.PeriodWord);
    }
    if (!r.Unanswered.empty()) {
        h += "<p class=\"muted\">Nog geen antwoorden op:";
        for (size_t i = 0; i < r.Unanswered.size(); i++)
            h += E(i ? ";" : "") + " " + Esc(r.Unanswered[i]);
        h += ".</p>\n";
    }
    return h + "</section>\n";
}

E SaySection(const Report& r) {
    E h = "<section id=\"zeggenschap\">\n<h2>Zeggenschap per thema en witte vlekken</h2>\n";
    if (!r.Say.HasPraatplaat())
        return h + "<p>Het pakket van deze wijk heeft geen praatplaat: hier is niets te tellen.</p>\n</section>\n";
    h += "<p>" + SayExplained() + "</p>\n<h3>Wie moet beslissen, per thema?</h3>\n" + SayThemesTable(r.Say);
    h += "<h3>Witte vlekken, de vaakste eerst</h3>\n<p>" + VlekkenExplained() + "</p>\n" + VlekkenTable(r.Say, 0);
    return h + "</section>\n";
}

// Every change of an agreement's status (stap 3), oldest first, folded away.
E History(const AgreementRow& a) {
    if (a.History.empty())
        return "";
    E h = "<details><summary>Wat er veranderde (" + Num(long(a.History.size())) + ")</summary><ul>";
    for (const std::string& line : a.History)
        h += "<li>" + Esc(line) + "</li>";
    return h + "</ul></details>";
}

E AgreementsSection(const Report& r) {
    E h = "<section id=\"afspraken\">\n<h2>Afspraken</h2>\n";
    if (r.Agreements.empty())
        return h + "<p>Er zijn nog geen afspraken vastgelegd.</p>\n</section>\n";
    int open = 0, busy = 0, done = 0, late = 0, failed = 0;
    for (const AgreementRow& a : r.Agreements) {
        open += a.Status == "open";
        busy += a.Status == "bezig";
        done += a.Status == "klaar" || a.Status == "gedaan";
        failed += a.Status == "lukt-niet";
        late += a.Late;
    }
    h += "<p>Stap 2 en 3 van het Gronings model: wie doet wat, en is het gedaan? " + Num(open) + " open, " + Num(busy) +
         " bezig, " + Num(done) + " klaar" + (failed ? ", " + Num(failed) + " lukt niet" : E("")) +
         (late ? ", waarvan " + Num(late) + " over de datum" : "") + ".</p>\n";
    h += "<table>\n<tr><th>Afspraak</th><th>Wie</th><th>Klaar op</th><th>Hoort bij</th><th>Status</th></tr>\n";
    for (const AgreementRow& a : r.Agreements) {
        h += "<tr><td>" + Esc(a.What) + (a.Meeting.empty() ? "" : "<br><span class=\"muted\">gemaakt in " + Esc(a.Meeting) + "</span>") +
             "</td><td>" + Esc(a.Who) + "</td><td>" + (a.Due.empty() ? "&mdash;" : Esc(a.Due)) +
             (a.Late ? " <span class=\"verlopen\">(over de datum)</span>" : "") + "</td><td>" +
             (a.Answers.empty() ? "&mdash;" : Esc(a.Answers)) + "</td><td>" + StatusWords(a.Status) +
             (a.Note.empty() ? "" : "<br>" + Esc(a.Note)) + History(a) + "</td></tr>\n";
    }
    return h + "</table>\n</section>\n";
}

E Meetings(const Report& r) {
    E h = "<section id=\"kampvuur\">\n<h2>Kampvuurbijeenkomsten</h2>\n";
    if (r.Sessions.empty())
        return h + "<p>Er zijn nog geen bijeenkomsten vastgelegd.</p>\n</section>\n";
    h += "<p>Wat groepen samen met een begeleider besloten. Deze cijfers staan apart van de antwoorden bij de kiosk en "
         "tellen daar niet in mee.</p>\n";
    for (const SessionReport& s : r.Sessions) {
        h += "<h3>" + Esc(s.Session.Name) + " &mdash; " + Esc(DutchDate(s.Session.HeldOn)) + "</h3>\n<p>" +
             Num(s.Session.Present) + " aanwezig" + (s.Method.empty() ? "" : "; " + Esc(s.Method)) + ".</p>\n";
        if (s.Charts.empty())
            h += "<p class=\"muted\">Geen uitkomsten vastgelegd.</p>\n";
        if (!s.Notes.empty()) { // what was said: arguments for and against, other views
            h += "<h4>Wat er gezegd is</h4>\n<dl class=\"notities\">\n";
            for (const auto& [question, note] : s.Notes)
                h += "<dt>" + Esc(question) + "</dt><dd>" + Esc(note) + "</dd>\n";
            h += "</dl>\n";
        }
        for (const Chart& c : s.Charts)
            h += ChartFigure(c, Plural(c.Respondents, "stem", "stemmen") + ", " + Num(s.Session.Present) + " aanwezig", "",
                             "Minder dan " + Num(kMinGroup) + " stemmen of aanwezigen: niet getoond.");
    }
    return h + "</section>\n";
}

E About(const Report& r) {
    E h = "<section id=\"over\">\n<h2>Over dit rapport</h2>\n";
    h += "<p>Gemaakt door <code>wijkstem-store report</code> op " + Esc(DutchDate(r.Today)) +
         " uit de database van de store. De getallen per vraag staan ook in <code>counts.csv</code> naast deze "
         "pagina.</p>\n<ul>\n";
    h += "<li>Elk antwoord telt één keer, ook als het via een USB-stick en via het netwerk binnenkwam.</li>\n";
    h += "<li>Herhaalde bezoeken: als een bezoek binnen een halve minuut precies dezelfde antwoorden geeft als het "
         "bezoek ervoor, markeert de kiosk het. Die antwoorden zijn bewaard maar tellen hier niet mee; hun aantal "
         "staat in de samenvatting.</li>\n";
    h += "<li>Trends: een vraag met antwoorden uit meer dan één " + Esc(r.PeriodWord) +
         " krijgt een tabel per " + Esc(r.PeriodWord) + " (naar de datum van het antwoord, UTC).</li>\n";
    h += "<li>Wat iemand zelf schrijft (vrije tekst) staat niet in dit rapport.</li>\n";
    h += "<li>Kleine groepen: minder dan " + Num(kMinGroup) + " deelnemers geeft geen cijfers (zie de samenvatting).</li>\n";
    return h + "</ul>\n</section>\n";
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] RenderHtml
//-----------------------------------------------------------------------------

std::string RenderHtml(const Report& r) {
    E h = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"wijkstem-store report\">\n<title>Wijkstem: " +
          Esc(r.Wijk) + " (" + Esc(DutchDate(r.Today)) + ")</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
    h += "<header><p class=\"sub\">Wijkstem &middot; rapport voor het gebiedsteam</p>\n<h1>Wat " + Esc(r.Wijk) +
         " zegt</h1>\n<p class=\"sub\">Gemaakt op " + Esc(DutchDate(r.Today)) + "</p></header>\n";
    h += Summary(r) + Contents(r) + ReachSection(r) + Answers(r) + SaySection(r) + AgreementsSection(r) + Meetings(r) + About(r);
    return h + "</main>\n</body>\n</html>\n";
}

} // namespace report
