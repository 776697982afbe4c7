// The public page of a wijk (store/console/public_page.hpp).
// [SECTION] style and words
// [SECTION] the parts: updates, agreements, results, receipt
// [SECTION] HandlePublic
#include "store/console/public_page.hpp"
#include "store/report/model.hpp"
#include "store/console/forms.hpp"
#include "store/console/pages.hpp"
#include "sync/receipt.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <algorithm>
#include <map>

namespace console {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] style and words
//-----------------------------------------------------------------------------

// The console's colours: text 17:1 on white, links 8.6:1; bars carry their number in words.
const char* kStyle =
    "html{font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;font-size:112%;line-height:1.5;color:#1b1b1b;"
    "background:#fff}body{margin:0 auto;max-width:48rem;padding:1rem 1.2rem 3rem}"
    "h1{font-size:1.7rem;margin:.5rem 0 1rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:3px solid #0b4f8a}"
    "h3{font-size:1.05rem;margin:1.2rem 0 .3rem}.date{color:#4a5562}article{margin:0 0 1.2rem}"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid "
    "#c9d1da;vertical-align:top}th{background:#f2f5f8}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
    "progress{width:60%;height:.8rem;vertical-align:middle;accent-color:#0b4f8a}.muted{color:#4a5562}"
    "label{display:block;font-weight:bold;margin:.6rem 0 .3rem}input{font:inherit;padding:.5rem;border:2px solid "
    "#5b6673;border-radius:4px;min-height:44px;width:12rem;text-transform:uppercase}button{font:inherit;padding:.5rem "
    "1.2rem;min-height:44px;border-radius:4px;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;margin-left:.4rem}"
    ":focus-visible{outline:3px solid #ffbf47;box-shadow:0 0 0 6px #1b1b1b}.answer{padding:.8rem 1rem;border-left:6px "
    "solid #0b4f8a;background:#e8eef5;margin:1rem 0}";

// The style's hash for the Content-Security-Policy: this one inline style and nothing else.
std::string StyleHash() {
    static const std::string hash = [] {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(kStyle), strlen(kStyle));
        char b64[sodium_base64_ENCODED_LEN(sizeof h, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
        return std::string(b64);
    }();
    return hash;
}

std::string StatusWords(const std::string& status) {
    static const std::map<std::string, std::string> kWords = {
        {"open", "nog niet begonnen"}, {"bezig", "bezig"},         {"klaar", "gedaan"},
        {"gedaan", "gedaan"},          {"lukt niet", "lukt niet"}, {"lukt_niet", "lukt niet"},
        {"lukt-niet", "lukt niet"}}; // the store's id (stap 3); the others from older data
    auto it = kWords.find(status);
    return it == kWords.end() ? status : it->second;
}

//-----------------------------------------------------------------------------
// [SECTION] the parts: updates, agreements, results, receipt
//-----------------------------------------------------------------------------

// "deze wijk" or "dit dorp": the page speaks of the place as it is (Store::SetPlace).
std::string Word(const store::Store::PublicWijk& w, const char* wijk, const char* dorp) {
    return w.Place == content::PlaceKind::Dorp ? dorp : wijk;
}

std::string UpdatesPart(const store::Store::PublicWijk& w) {
    std::string html = "<h2 id=\"updates\">Wat de gemeente met uw antwoorden doet</h2>";
    if (w.News.empty())
        return html + "<p class=\"muted\">Er zijn nog geen berichten voor " + Word(w, "deze wijk", "dit dorp") + ".</p>";
    for (const wsync::NewsItem& n : w.News)
        html += "<article><h3>" + Esc(n.Title) + "</h3><p class=\"date\">" + Esc(report::DutchDate(n.Date)) + "</p><p>" +
                Esc(n.Text) + "</p></article>";
    return html;
}

std::string AgreementsPart(const store::Store::PublicWijk& w) {
    std::string html = "<h2 id=\"afspraken\">Afspraken</h2>";
    if (w.Agreements.empty())
        return html + "<p class=\"muted\">Er zijn nog geen afspraken gemaakt in " + Word(w, "deze wijk", "dit dorp") + ".</p>";
    html += "<table><caption class=\"muted\">Afspraken uit de kampvuur-bijeenkomsten</caption><thead><tr>"
            "<th scope=\"col\">Afspraak</th><th scope=\"col\">Wie</th><th scope=\"col\">Wanneer klaar</th>"
            "<th scope=\"col\">Stand</th></tr></thead><tbody>";
    for (const auto& a : w.Agreements)
        html += "<tr><td>" + Esc(a.What) + "</td><td>" + Esc(report::WhoWords(a.Who)) + "</td><td>" +
                (a.Due.empty() ? "<span class=\"muted\">geen datum</span>" : Esc(report::DutchDate(a.Due))) + "</td><td>" +
                Esc(StatusWords(a.Status)) + "</td></tr>";
    return html + "</tbody></table>";
}

// One table per question, in the pack's words (Dutch); counts under 5 never get here.
std::string ResultsPart(const store::Store::PublicWijk& w) {
    std::string html = "<h2 id=\"resultaten\">Wat " + Word(w, "de wijk", "het dorp") + " zei</h2><p>Zo antwoordden bewoners op de kiosk. "
                       "Een vraag met minder dan 5 antwoorden laten we weg: zo blijft niemand herkenbaar.</p>";
    if (w.Results.empty())
        return html + "<p class=\"muted\">Er zijn nog niet genoeg antwoorden om te laten zien.</p>";
    const content::Pack& pack = w.Pack;
    const std::string nl = "nl";
    std::map<std::string, std::vector<const wsync::Tally*>> per_question;
    for (const wsync::Tally& t : w.Results)
        per_question[t.QuestionId].push_back(&t);
    // In the order the kiosk asks them (the pack's), then any the pack no longer has.
    std::vector<std::string> order;
    for (const auto* list : {&pack.Polls, &pack.Zones})
        for (const content::Poll& poll : *list)
            for (const content::Question& q : poll.Questions)
                for (const auto& [id, tallies] : per_question)
                    if (id == q.Id || id.rfind(q.Id + ".", 0) == 0)
                        order.push_back(id);
    for (const auto& [id, tallies] : per_question)
        if (std::find(order.begin(), order.end(), id) == order.end())
            order.push_back(id);
    for (const std::string& id : order) {
        const auto& tallies = per_question[id];
        const size_t dot = id.find('.');
        const content::Question* q = pack.FindQuestion(id.substr(0, dot));
        std::string title = q ? content::Tr(q->Prompt, nl, nl) : id;
        if (q && dot != std::string::npos)
            for (const content::Option& row : q->Rows)
                if (row.Id == id.substr(dot + 1))
                    title += " \u2014 " + content::Tr(row.Label, nl, nl);
        int64_t total = 0;
        for (const wsync::Tally* t : tallies)
            total += t->Count;
        html += "<h3>" + Esc(title) + "</h3><table><thead><tr><th scope=\"col\">Antwoord</th><th scope=\"col\" "
                "class=\"num\">Aantal</th><th scope=\"col\">Deel</th></tr></thead><tbody>";
        for (const wsync::Tally* t : tallies) {
            std::string label = t->Value;
            if (q)
                for (const content::Option& o : q->Options)
                    if (o.Id == t->Value)
                        label = content::Tr(o.Label, nl, nl);
            const int percent = total > 0 ? int((t->Count * 100 + total / 2) / total) : 0;
            html += "<tr><td>" + Esc(label) + "</td><td class=\"num\">" + std::to_string(t->Count) + "</td><td>" +
                    std::to_string(percent) + "% <progress max=\"100\"" + Attr("value", std::to_string(percent)) +
                    " aria-hidden=\"true\"></progress></td></tr>";
        }
        html += "</tbody></table>";
    }
    return html;
}

// The receipt form and, when one was typed, the one thing it may say.
std::string ReceiptPart(PublicPage& page, const ConsoleRequest& req, const std::string& typed, int* status) {
    std::string html = "<h2 id=\"bewijs\">Is mijn bezoek aangekomen?</h2><p>Na uw bezoek aan de kiosk kreeg u een "
                       "bewijsnummer. Vul het hier in.</p><form method=\"get\" action=\"#bewijs\"><label for=\"bon\">"
                       "Uw bewijsnummer</label><input id=\"bon\" name=\"bon\" type=\"text\" inputmode=\"text\" "
                       "autocomplete=\"off\" maxlength=\"12\" placeholder=\"ABCD-1234\"" +
                       Attr("value", typed.substr(0, 12)) + "><button type=\"submit\">Kijk na</button></form>";
    if (typed.empty())
        return html;
    std::string answer;
    const std::string code = wsync::NormalizeReceipt(typed);
    std::string day;
    if (!page.Receipts.Allow(req.RemoteAddr)) {
        *status = 429;
        answer = "U hebt net veel nummers nagekeken. Probeer het over een minuut opnieuw.";
    } else if (code.empty())
        answer = "Dit is geen bewijsnummer. Een bewijsnummer heeft 8 tekens, zoals ABCD-1234.";
    else if (page.Store.ReceiptReceived(code, &day))
        answer = "Ontvangen door de gemeente op " + report::DutchDate(day) + ".";
    else
        answer = "Nog niet ontvangen. De kiosk stuurt uw antwoorden als hij verbinding heeft; kijk later nog eens.";
    return html + "<p class=\"answer\" role=\"status\" id=\"bon-antwoord\">" + Esc(answer) + "</p>";
}

void Send(ConsoleResponse* res, int status, const std::string& title, const std::string& body) {
    res->Status = status;
    res->ContentType = "text/html; charset=utf-8";
    res->Body = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\"><title>" +
                Esc(title) + "</title><style>" + kStyle + "</style></head><body><main>" + body +
                "</main></body></html>";
}

} // namespace

void PublicHeaders(ConsoleResponse* res) {
    res->Headers.emplace_back("Cache-Control", "no-store");
    res->Headers.emplace_back("X-Content-Type-Options", "nosniff");
    res->Headers.emplace_back("Referrer-Policy", "no-referrer");
    res->Headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'sha256-" + StyleHash() +
                                                             "'; img-src 'none'; form-action 'self'; base-uri 'none'; "
                                                             "frame-ancestors 'none'");
}

//-----------------------------------------------------------------------------
// [SECTION] HandlePublic
//-----------------------------------------------------------------------------

void HandlePublic(PublicPage& page, const ConsoleRequest& req, ConsoleResponse* res) {
    *res = {};
    PublicHeaders(res);
    const std::string prefix = "/wijk/";
    const std::string wijk = req.Path.rfind(prefix, 0) == 0 ? UrlDecode(req.Path.substr(prefix.size()), false) : "";
    store::Store::PublicWijk w;
    std::string error;
    if (wijk.empty() || wijk.size() > 200 || !page.Store.PublicData(wijk, &w, &error)) {
        if (error != "unknown wijk" && !error.empty())
            fprintf(stderr, "wijkstem-store: public page: %s\n", error.c_str());
        return Send(res, error.empty() || error == "unknown wijk" ? 404 : 500, "Niet gevonden",
                    "<h1>Deze wijk kennen we niet</h1><p>Kijk of het adres goed is overgenomen van de kiosk.</p>");
    }
    int status = 200;
    const std::string receipt = ReceiptPart(page, req, ParseUrlEncoded(req.Query).Get("bon"), &status);
    const std::string kind = Word(w, "Wijk", "Dorp"), the = Word(w, "de wijk", "het dorp");
    Send(res, status, kind + " " + w.Wijk + " - Wijkstem",
         "<h1>" + kind + " " + Esc(w.Wijk) + ": wat " + the + " zei en wat ermee gebeurt</h1><p>Bewoners gaven hun mening op "
         "de Wijkstem-kiosk. Hun antwoorden zijn advies aan de gemeente. Hier leest u wat de gemeente ermee doet.</p>"
         "<nav aria-label=\"Op deze pagina\"><ul><li><a href=\"#updates\">Wat de gemeente doet</a></li><li><a "
         "href=\"#afspraken\">Afspraken</a></li><li><a href=\"#resultaten\">Wat " + the + " zei</a></li><li><a "
         "href=\"#bewijs\">Is mijn bezoek aangekomen?</a></li></ul></nav>" +
             UpdatesPart(w) + AgreementsPart(w) + ResultsPart(w) + receipt);
}

} // namespace console
