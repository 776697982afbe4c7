// The page Updates: the gebiedsteam writes short updates for the residents of its wijken
// (issue 14). Kiosks get them at their next sync; the public page /wijk/NAME shows them.
#include "store/console/pages.hpp"

#include <cstdio>

namespace console {

namespace {

std::string AddForm(Ctx& x, const std::string& wijk, const std::string& title, const std::string& text) {
    return "<h2>Nieuwe update</h2><form method=\"post\" action=\"/console/updates\">" + CsrfField(x) +
           "<label for=\"wijk\">Wijk</label>" + WijkSelect(x, "wijk", wijk) +
           "<label for=\"title\">Titel</label><p class=\"hint\" id=\"title-hint\">Kort en concreet, zoals "
           "\u201cNieuwe bankjes in het park\u201d.</p><input type=\"text\" id=\"title\" name=\"title\" "
           "maxlength=\"120\" required aria-describedby=\"title-hint\"" +
           Attr("value", title) +
           "><label for=\"text\">Tekst</label><p class=\"hint\" id=\"text-hint\">Een tot drie gewone zinnen: wat "
           "bewoners zeiden en wat de gemeente doet. Taalniveau B1.</p><textarea id=\"text\" name=\"text\" "
           "maxlength=\"600\" required aria-describedby=\"text-hint\" style=\"font-family:inherit;min-height:6rem\">" +
           Esc(text) +
           "</textarea><label for=\"date\">Datum <span class=\"hint\">(leeg: vandaag)</span></label><input "
           "type=\"text\" id=\"date\" name=\"date\" placeholder=\"JJJJ-MM-DD\" maxlength=\"10\"><label "
           "for=\"answers\">Antwoord op vraag of kompaspunt <span class=\"hint\">(id, mag leeg)</span></label><input "
           "type=\"text\" id=\"answers\" name=\"answers\" maxlength=\"64\"><div><button type=\"submit\" "
           "id=\"add-update\">Update plaatsen</button></div></form>";
}

} // namespace

void NewsPage(Ctx& x) {
    std::string body, error;
    const bool post = x.Req.Method == "POST";
    if (post && x.Sub == "updates/verwijderen") {
        const std::string id = x.Post.Get("id");
        std::vector<wsync::NewsItem> all;
        x.C.Store.News("", &all, &error);
        const wsync::NewsItem* found = nullptr;
        for (const auto& n : all)
            if (n.Id == id)
                found = &n;
        if (!found)
            return SendPage(x, "updates", "Updates voor bewoners", Notice("fout", "Deze update bestaat niet (meer)."), 404);
        if (!MaySee(x.S.User, found->Wijk))
            return SendForbidden(x, "Deze update hoort niet bij uw wijken.");
        const std::string wijk = found->Wijk;
        if (!x.C.Store.RemoveNews(id, &error))
            return SendPage(x, "updates", "Updates voor bewoners", Notice("fout", Esc(error)), 500);
        fprintf(stderr, "wijkstem-store: console: '%s' removed update %s\n", x.S.User.Name.c_str(), id.c_str());
        return SendRedirect(x.Res, "/console/updates?verwijderd=1&wijk=" + UrlEncode(wijk));
    }
    std::string wijk;
    if (!PickWijk(x, post ? x.Post.Get("wijk") : x.Query.Get("wijk"), &wijk))
        return;
    std::string title, text;
    if (post) {
        wsync::NewsItem item;
        item.Wijk = wijk;
        item.Title = x.Post.Get("title");
        item.Text = x.Post.Get("text");
        for (char& c : item.Text) // one paragraph
            if (c == '\r' || c == '\n')
                c = ' ';
        item.Date = x.Post.Get("date");
        item.Answers = x.Post.Get("answers");
        if (wijk.empty())
            body += Notice("fout", "Kies een wijk.");
        else if (!x.C.Store.AddNews(&item, &error)) {
            body += Notice("fout", "Niet geplaatst: " + Esc(error));
            title = item.Title, text = item.Text;
        } else {
            fprintf(stderr, "wijkstem-store: console: '%s' added update %s for %s\n", x.S.User.Name.c_str(),
                    item.Id.c_str(), wijk.c_str());
            return SendRedirect(x.Res, "/console/updates?geplaatst=1&wijk=" + UrlEncode(wijk));
        }
    }
    if (x.Query.Has("geplaatst"))
        body += Notice("ok", "De update is geplaatst. Kiosks tonen hem na hun volgende synchronisatie.");
    if (x.Query.Has("verwijderd"))
        body += Notice("ok", "De update is verwijderd.");
    body += "<p>Vertel bewoners wat er met hun antwoorden gebeurt. Een update staat op de kiosks van de wijk "
            "(na hun volgende synchronisatie) en op de openbare pagina van de wijk: <a" +
            Attr("href", "/wijk/" + UrlEncode(wijk)) + ">/wijk/" + Esc(wijk) + "</a>.</p>";
    std::vector<wsync::NewsItem> items;
    if (!wijk.empty() && !x.C.Store.News(wijk, &items, &error))
        body += Notice("fout", "De updates kunnen niet gelezen worden.");
    body += "<h2>Updates voor " + Esc(wijk) + "</h2>";
    if (items.empty())
        body += "<p class=\"muted\">Nog geen updates.</p>";
    else {
        body += "<table><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Titel en tekst</th><th "
                "scope=\"col\">Actie</th></tr></thead><tbody>";
        for (const auto& n : items)
            body += "<tr" + Attr("data-update", n.Id) + "><td>" + Esc(n.Date) + "</td><td><strong>" + Esc(n.Title) +
                    "</strong><br>" + Esc(n.Text) + "</td><td><form class=\"inline\" method=\"post\" "
                    "action=\"/console/updates/verwijderen\">" + CsrfField(x) + "<input type=\"hidden\" name=\"id\"" +
                    Attr("value", n.Id) + "><button type=\"submit\" class=\"secondary\">Verwijderen<span "
                    "class=\"skip\"> " + Esc(n.Title) + "</span></button></form></td></tr>";
        body += "</tbody></table>";
    }
    if (!MyWijken(x).empty())
        body += AddForm(x, wijk, title, text);
    SendPage(x, "updates", "Updates voor bewoners", body);
}

} // namespace console
