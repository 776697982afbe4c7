// The pages Inhoud (the pack of each wijk; upload and publish one) and Snelle peilingen
// (a quick poll made in the browser, previewed, published as a new pack version). Every
// pack goes through the same validator as `wijkstem check-content`; with any problem
// nothing is published.
#include "content/pack_loader.hpp"
#include "store/console/pages.hpp"
#include "store/console/quick_poll.hpp"

namespace console {

namespace {

std::string Problems(const std::vector<std::string>& lines) {
    std::string html = "<pre class=\"problems\" id=\"problems\">";
    for (const std::string& l : lines)
        html += Esc(l) + "\n";
    return html + "</pre>";
}

std::vector<std::string> Formatted(const std::vector<content::Problem>& problems) {
    std::vector<std::string> out;
    for (const content::Problem& p : problems)
        out.push_back(p.Format());
    return out;
}

std::string PackTable(Ctx& x) {
    std::vector<store::PublishedPack> packs;
    std::string error;
    x.C.Store.Packs(&packs, &error);
    std::string rows;
    for (const std::string& w : MyWijken(x)) {
        const store::PublishedPack* p = nullptr;
        for (const auto& q : packs)
            if (q.Wijk == w)
                p = &q;
        rows += "<tr><td>" + Esc(w) + "</td>" +
                (p ? "<td>" + Esc(p->PackId) + "</td><td>" + Esc(p->Version) + "</td><td>" + Esc(FormatTime(p->PublishedAt)) + "</td>"
                   : std::string("<td colspan=\"3\" class=\"muted\">nog geen pakket: de kiosks gebruiken het pakket "
                                 "waarmee ze zijn geïnstalleerd</td>")) +
                "</tr>";
    }
    return "<table><thead><tr><th scope=\"col\">Wijk</th><th scope=\"col\">Pakket</th><th scope=\"col\">Versie</th>"
           "<th scope=\"col\">Gepubliceerd</th></tr></thead><tbody>" + rows + "</tbody></table>";
}

} // namespace

void ContentPage(Ctx& x) {
    std::string notice;
    int status = 200;
    if (x.Req.Method == "POST") {
        std::string wijk = x.Post.Get("wijk");
        if (IsAdmin(x.S.User) && !x.Post.Get("nieuwe_wijk").empty())
            wijk = x.Post.Get("nieuwe_wijk");
        std::string body = x.Post.Get("pack");
        if (body.empty())
            body = x.Post.Get("pack_text");
        if (!ValidName(wijk)) {
            notice = Notice("fout", "Kies een wijk.");
            status = 400;
        } else if (!MaySee(x.S.User, wijk))
            return SendForbidden(x, "U hebt geen toegang tot de wijk \u201c" + wijk + "\u201d.");
        else if (body.empty()) {
            notice = Notice("fout", "Kies een bestand pack.json of plak de inhoud ervan; er is niets gepubliceerd.");
            status = 400;
        } else {
            content::LoadResult pack = content::LoadPackText(body, "pack.json");
            std::string error;
            if (!pack.Ok()) {
                notice = Notice("fout", "Het pakket heeft " + std::to_string(pack.Problems.size()) +
                                            (pack.Problems.size() == 1 ? " probleem" : " problemen") +
                                            "; er is niets gepubliceerd. Per probleem: BESTAND:REGEL:KOLOM.") +
                         Problems(Formatted(pack.Problems));
                status = 422;
            } else if (!x.C.Store.Publish(wijk, pack.Pack.Id, pack.Pack.Version, body, &error)) {
                notice = Notice("fout", "Niet gepubliceerd: " + Esc(error));
                status = 500;
            } else {
                fprintf(stderr, "wijkstem-store: console: '%s' published %s %s for %s\n", x.S.User.Name.c_str(),
                        pack.Pack.Id.c_str(), pack.Pack.Version.c_str(), wijk.c_str());
                notice = Notice("ok", "Gepubliceerd: " + Esc(pack.Pack.Id) + " versie " + Esc(pack.Pack.Version) +
                                          " voor " + Esc(wijk) +
                                          ". De kiosks van deze wijk krijgen het bij hun volgende synchronisatie en "
                                          "gebruiken het vanaf hun volgende start.");
            }
        }
    }
    std::string body = notice + "<h2>Pakket per wijk</h2>" + PackTable(x) +
                       "<h2>Een pakket publiceren</h2><p>Een pakket is een map met <code>pack.json</code> "
                       "(<code>docs/content-format.md</code>). De store controleert het zoals "
                       "<code>wijkstem check-content</code>; bij een probleem wordt niets gepubliceerd.</p>"
                       "<form method=\"post\" action=\"/console/inhoud\" enctype=\"multipart/form-data\">" +
                       CsrfField(x) + "<label for=\"wijk\">Wijk</label>" + WijkSelect(x, "wijk", x.Post.Get("wijk"));
    if (IsAdmin(x.S.User))
        body += "<label for=\"nieuwe_wijk\">Of een nieuwe wijk</label><input type=\"text\" id=\"nieuwe_wijk\" "
                "name=\"nieuwe_wijk\" maxlength=\"64\">";
    body += "<label for=\"pack\">Bestand pack.json</label><input type=\"file\" id=\"pack\" name=\"pack\" "
            "accept=\".json,application/json\">"
            "<label for=\"pack_text\">Of plak de inhoud van pack.json</label><textarea id=\"pack_text\" "
            "name=\"pack_text\" spellcheck=\"false\"></textarea>"
            "<div><button type=\"submit\" id=\"publish-pack\">Controleren en publiceren</button></div></form>";
    SendPage(x, "inhoud", "Inhoud", body, status);
}

//-----------------------------------------------------------------------------
// Snelle peilingen
//-----------------------------------------------------------------------------

namespace {

std::string LangName(const std::string& l) {
    static const std::map<std::string, std::string> names = {
        {"nl", "Nederlands"}, {"en", "Engels"}, {"pl", "Pools"}, {"tr", "Turks"},
        {"uk", "Oekraïens"},  {"ar", "Arabisch"}, {"de", "Duits"}, {"fr", "Frans"}};
    auto it = names.find(l);
    return it == names.end() ? l : it->second;
}

std::string Input(const Ctx& x, const std::string& name, const std::string& label, const std::string& lang,
                  const std::string& hint = "") {
    const std::string id = "f-" + name;
    std::string html = "<label for=\"" + Esc(id) + "\">" + Esc(label) + "</label>";
    if (!hint.empty())
        html += "<p class=\"hint\" id=\"" + Esc(id) + "-hint\">" + Esc(hint) + "</p>";
    return html + "<input type=\"text\"" + Attr("id", id) + Attr("name", name) + Attr("lang", lang) +
           (lang == "ar" ? " dir=\"rtl\"" : "") + (hint.empty() ? "" : " aria-describedby=\"" + Esc(id) + "-hint\"") +
           Attr("value", x.Post.Get(name)) + " maxlength=\"200\">";
}

std::string QuestionBlock(const Ctx& x, int i, const std::vector<std::string>& langs) {
    const std::string q = "q" + std::to_string(i);
    const std::string first = langs.front();
    std::string html = "<fieldset class=\"question\"><legend>Vraag " + std::to_string(i) + "</legend>"
                       "<label for=\"f-" + q + ".type\">Soort vraag</label><select id=\"f-" + q + ".type\" name=\"" + q +
                       ".type\">";
    for (const auto& [id, words] : QuickTypes())
        html += "<option" + Attr("value", id) + (x.Post.Get(q + ".type") == id ? " selected" : "") + ">" + Esc(words) +
                "</option>";
    html += "</select>" + Input(x, q + ".prompt." + first, "De vraag (" + LangName(first) + ")", first);
    html += "<div class=\"cols opt\">";
    for (int o = 1; o <= kMaxQuickOptions; o++)
        html += "<div>" + Input(x, q + ".opt" + std::to_string(o) + "." + first, "Optie " + std::to_string(o), first,
                                o == 1 ? "Alleen bij één of meer keuzes; 2 tot 6 opties." : "") + "</div>";
    html += "</div>";
    for (size_t l = 1; l < langs.size(); l++) {
        html += "<details><summary>Vertaling " + Esc(LangName(langs[l])) + " (optioneel)</summary>" +
                Input(x, q + ".prompt." + langs[l], "De vraag (" + LangName(langs[l]) + ")", langs[l]) +
                "<div class=\"cols opt\">";
        for (int o = 1; o <= kMaxQuickOptions; o++)
            html += "<div>" + Input(x, q + ".opt" + std::to_string(o) + "." + langs[l],
                                    "Optie " + std::to_string(o) + " (" + LangName(langs[l]) + ")", langs[l]) + "</div>";
        html += "</div></details>";
    }
    return html + "</fieldset>";
}

QuickPoll ReadPoll(const Form& f, const std::vector<std::string>& langs) {
    QuickPoll p;
    for (const std::string& l : langs)
        p.Title[l] = f.Get("title." + l);
    for (int i = 1; i <= kMaxQuickQuestions; i++) {
        const std::string q = "q" + std::to_string(i);
        if (f.Get(q + ".prompt." + langs.front()).empty())
            continue; // an empty block is not a question
        QuickQuestion qq;
        qq.Type = f.Get(q + ".type");
        for (const std::string& l : langs)
            qq.Prompt[l] = f.Get(q + ".prompt." + l);
        for (int o = 1; o <= kMaxQuickOptions; o++) {
            const std::string key = q + ".opt" + std::to_string(o) + ".";
            if (f.Get(key + langs.front()).empty())
                continue;
            Texts t;
            for (const std::string& l : langs)
                t[l] = f.Get(key + l);
            qq.Options.push_back(t);
        }
        if (qq.Type != "single" && qq.Type != "multiple")
            qq.Options.clear(); // the scale types have their own answers
        p.Questions.push_back(qq);
    }
    return p;
}

std::string Preview(const content::Pack& pack, const std::string& poll_id) {
    const content::Poll* poll = pack.FindPoll(poll_id);
    if (!poll)
        return "";
    std::string html = "<h2 id=\"preview\">Voorbeeld</h2><p>Zo verschijnt de peiling op de kiosk, in elke taal van het "
                       "pakket. Een ontbrekende vertaling toont de Nederlandse tekst en zegt dat in die taal.</p>";
    for (const std::string& l : pack.Languages) {
        auto t = [&](const content::Text& text) {
            auto it = text.find(l);
            return it == text.end() ? std::string() : it->second;
        };
        html += "<div class=\"preview\"" + Attr("lang", l) + (l == "ar" ? " dir=\"rtl\"" : "") +
                "><p class=\"lang\" lang=\"nl\" dir=\"ltr\">" + Esc(LangName(l)) + "</p><h3>" + Esc(t(poll->Title)) +
                "</h3><ol>";
        for (const content::Question& q : poll->Questions) {
            html += "<li>" + Esc(t(q.Prompt)) + "<ul>";
            for (const content::Option& o : q.Options)
                html += "<li>" + Esc(t(o.Label)) + "</li>";
            html += "</ul></li>";
        }
        html += "</ol></div>";
    }
    return html;
}

} // namespace

void PollsPage(Ctx& x) {
    std::string wijk;
    if (!PickWijk(x, x.Req.Method == "POST" ? x.Post.Get("wijk") : x.Query.Get("wijk"), &wijk))
        return;
    std::string body = "<form method=\"get\" action=\"/console/peilingen\" class=\"filters\"><div><label "
                       "for=\"kies-wijk\">Wijk</label>" + WijkSelect(x, "kies-wijk", wijk) +
                       "</div><div><button type=\"submit\" class=\"secondary\">Kies wijk</button></div></form>";
    store::PublishedPack current;
    if (wijk.empty() || !x.C.Store.PackOf(wijk, &current))
        return SendPage(x, "peilingen", "Snelle peilingen",
                        body + Notice("info", "Deze wijk heeft nog geen gepubliceerd pakket. Een snelle peiling komt "
                                              "erbij in het pakket van de wijk: publiceer eerst een pakket onder "
                                              "<a href=\"/console/inhoud\">Inhoud</a>."));
    content::LoadResult base = content::LoadPackText(current.Body, "pack.json");
    if (!base.Ok() || base.Pack.Languages.empty())
        return SendPage(x, "peilingen", "Snelle peilingen",
                        body + Notice("fout", "Het pakket van deze wijk is niet geldig; publiceer eerst een goed pakket."));
    const std::vector<std::string>& langs = base.Pack.Languages;
    std::string result;
    int status = 200;
    if (x.Req.Method == "POST") {
        const QuickPoll poll = ReadPoll(x.Post, langs);
        std::vector<std::string> problems = CheckQuickPoll(poll, langs.front());
        BuiltPack built;
        std::string error;
        if (problems.empty() && !AddQuickPoll(current.Body, poll, &built, &error))
            problems.push_back(error);
        content::LoadResult next;
        if (problems.empty()) {
            next = content::LoadPackText(built.Body, "pack.json");
            problems = Formatted(next.Problems);
        }
        const bool publish = x.Post.Get("actie") == "publiceren";
        if (!problems.empty()) {
            result = Notice("fout", "De peiling kan zo niet op de kiosk; er is niets gepubliceerd.") + Problems(problems);
            status = 422;
        } else if (publish) {
            if (!x.C.Store.Publish(wijk, next.Pack.Id, next.Pack.Version, built.Body, &error))
                return SendPage(x, "peilingen", "Snelle peilingen", Notice("fout", "Niet gepubliceerd: " + Esc(error)), 500);
            fprintf(stderr, "wijkstem-store: console: '%s' published quick poll %s (%s %s) for %s\n",
                    x.S.User.Name.c_str(), built.PollId.c_str(), next.Pack.Id.c_str(), next.Pack.Version.c_str(),
                    wijk.c_str());
            std::string ids;
            for (const std::string& q : built.QuestionIds)
                ids += "<li><code>" + Esc(q) + "</code></li>";
            return SendPage(x, "peilingen", "Snelle peilingen",
                            Notice("ok", "De peiling is gepubliceerd voor " + Esc(wijk) + " in pakketversie " +
                                             Esc(next.Pack.Version) +
                                             ". De kiosks van deze wijk krijgen haar bij hun volgende synchronisatie; "
                                             "vanaf hun volgende start is zij de peiling achter de startknop.") +
                                "<p>Peiling <code id=\"poll-id\">" + Esc(built.PollId) +
                                "</code>, met de vragen (zo staan ze in de CSV):</p><ul>" + ids + "</ul>" +
                                Preview(next.Pack, built.PollId) +
                                "<p><a class=\"button secondary\" href=\"/console/peilingen?wijk=" + UrlEncode(wijk) +
                                "\">Nog een peiling maken</a></p>");
        } else
            result = Notice("info", "Dit is een voorbeeld; er is nog niets gepubliceerd.") + Preview(next.Pack, built.PollId);
    }
    body += "<p>Het pakket van " + Esc(wijk) + ": " + Esc(current.PackId) + " versie " + Esc(current.Version) +
            ". Een nieuwe peiling komt erbij als nieuwe pakketversie en wordt de peiling achter de startknop van de "
            "kiosk. De Nederlandse teksten zijn verplicht, de vertalingen niet.</p>" + result +
            "<form method=\"post\" action=\"/console/peilingen\">" + CsrfField(x) + "<input type=\"hidden\" name=\"wijk\"" +
            Attr("value", wijk) + "><fieldset><legend>Peiling</legend>" +
            Input(x, "title." + langs.front(), "Titel (" + LangName(langs.front()) + ")", langs.front());
    if (langs.size() > 1) {
        body += "<details><summary>Vertalingen van de titel (optioneel)</summary>";
        for (size_t l = 1; l < langs.size(); l++)
            body += Input(x, "title." + langs[l], "Titel (" + LangName(langs[l]) + ")", langs[l]);
        body += "</details>";
    }
    body += "</fieldset>";
    for (int i = 1; i <= kMaxQuickQuestions; i++)
        body += QuestionBlock(x, i, langs);
    body += "<button type=\"button\" class=\"secondary\" id=\"more-question\" hidden>Nog een vraag</button><div>"
            "<button type=\"submit\" name=\"actie\" value=\"voorbeeld\" class=\"secondary\" id=\"preview-poll\">"
            "Voorbeeld bekijken</button><button type=\"submit\" name=\"actie\" value=\"publiceren\" "
            "id=\"publish-poll\">Publiceren</button></div></form>";
    SendPage(x, "peilingen", "Snelle peilingen", body, status);
}

} // namespace console
