// The page Gebruikers (admins only): who may use the console, their role and wijken;
// add a user, remove one (asks first). An admin cannot remove themselves.
#include "store/console/pages.hpp"

#include <set>

namespace console {

namespace {

std::string RoleWords(const std::string& role) { return role == "admin" ? "beheerder (alle wijken)" : "gebiedsteam"; }

// The wijken ticked, and those typed (separated by commas), each once.
std::vector<std::string> WijkenOf(const Form& f) {
    std::vector<std::string> out = f.All("wijken");
    std::string typed = f.Get("nieuwe_wijken");
    size_t start = 0;
    while (start <= typed.size()) {
        size_t end = typed.find(',', start);
        if (end == std::string::npos)
            end = typed.size();
        std::string w = typed.substr(start, end - start);
        w.erase(0, w.find_first_not_of(' '));
        w.erase(w.find_last_not_of(' ') + 1);
        if (!w.empty())
            out.push_back(w);
        start = end + 1;
    }
    std::set<std::string> seen;
    std::vector<std::string> unique;
    for (const std::string& w : out)
        if (seen.insert(w).second)
            unique.push_back(w);
    return unique;
}

std::string AddUser(Ctx& x, int* status) {
    store::ConsoleUser u;
    u.Name = x.Post.Get("naam");
    u.Role = x.Post.Get("rol");
    u.Wijken = WijkenOf(x.Post);
    const std::string password = x.Post.Get("wachtwoord");
    std::string problem;
    if (!ValidName(u.Name))
        problem = "Een naam heeft 1 tot 64 tekens, zonder spatie aan begin of eind.";
    else if (!ValidRole(u.Role))
        problem = "Kies een rol.";
    else if (u.Role == "gebiedsteam" && u.Wijken.empty())
        problem = "Een gebruiker van het gebiedsteam heeft minstens één wijk.";
    else if (password != x.Post.Get("wachtwoord2"))
        problem = "De twee wachtwoorden zijn niet gelijk.";
    else if (!PasswordProblem(password).empty())
        problem = "Een wachtwoord heeft minstens " + std::to_string(kMinPasswordLength) + " tekens.";
    for (const std::string& w : u.Wijken)
        if (problem.empty() && !ValidName(w))
            problem = "Een wijknaam heeft 1 tot 64 tekens.";
    std::string error;
    if (problem.empty() && !HashPassword(password, &u.PasswordHash, &error))
        problem = "Het wachtwoord kan niet worden opgeslagen: " + error;
    if (problem.empty() && !x.C.Store.AddUser(u, &error))
        problem = "Niet toegevoegd: er is al een gebruiker met deze naam.";
    if (!problem.empty()) {
        *status = 400;
        return Notice("fout", Esc(problem) + " Er is niets veranderd.");
    }
    fprintf(stderr, "wijkstem-store: console: '%s' added user '%s' (%s)\n", x.S.User.Name.c_str(), u.Name.c_str(),
            u.Role.c_str());
    x.Post = {}; // an empty form again
    return Notice("ok", "Gebruiker " + Esc(u.Name) + " is toegevoegd.");
}

} // namespace

void UsersPage(Ctx& x) {
    std::string notice;
    int status = 200;
    const bool post = x.Req.Method == "POST";
    const std::string remove = post ? x.Post.Get("verwijder") : x.Query.Get("verwijder");
    if (!remove.empty()) {
        if (remove == x.S.User.Name)
            notice = Notice("fout", "U kunt uzelf niet verwijderen; vraag een andere beheerder.");
        else if (!post)
            return SendPage(x, "gebruikers", "Gebruiker verwijderen",
                            "<p>Wilt u gebruiker <strong>" + Esc(remove) +
                                "</strong> verwijderen? Deze kan daarna niet meer inloggen.</p><form method=\"post\" "
                                "action=\"/console/gebruikers\">" + CsrfField(x) +
                                "<input type=\"hidden\" name=\"verwijder\"" + Attr("value", remove) +
                                "><button type=\"submit\" class=\"danger\">Ja, verwijderen</button><a class=\"button "
                                "secondary\" href=\"/console/gebruikers\">Nee, terug</a></form>");
        else {
            std::string error;
            if (x.C.Store.RemoveUser(remove, &error)) {
                fprintf(stderr, "wijkstem-store: console: '%s' removed user '%s'\n", x.S.User.Name.c_str(),
                        remove.c_str());
                notice = Notice("ok", "Gebruiker " + Esc(remove) + " is verwijderd.");
            } else
                notice = Notice("fout", "Niet verwijderd: er is geen gebruiker " + Esc(remove) + ".");
        }
    } else if (post)
        notice = AddUser(x, &status);

    std::vector<store::ConsoleUser> users;
    std::string error;
    x.C.Store.Users(&users, &error);
    std::string rows;
    for (const store::ConsoleUser& u : users) {
        std::string wijken;
        for (const std::string& w : u.Wijken)
            wijken += (wijken.empty() ? "" : ", ") + Esc(w);
        rows += "<tr><td>" + Esc(u.Name) + "</td><td>" + RoleWords(u.Role) + "</td><td>" +
                (u.Role == "admin" ? std::string("alle") : wijken) + "</td><td>" + Esc(FormatTime(u.CreatedAt)) +
                "</td><td>" +
                (u.Name == x.S.User.Name ? std::string("<span class=\"muted\">uzelf</span>")
                                         : "<a href=\"/console/gebruikers?verwijder=" + UrlEncode(u.Name) +
                                               "\">Verwijderen<span class=\"skip\"> " + Esc(u.Name) + "</span></a>") +
                "</td></tr>";
    }
    std::vector<std::string> all;
    x.C.Store.Wijken(&all, &error);
    std::string boxes;
    for (size_t i = 0; i < all.size(); i++)
        boxes += "<div class=\"check\"><input type=\"checkbox\" name=\"wijken\" id=\"w" + std::to_string(i) + "\"" + Attr("value", all[i]) +
                 "> <label for=\"w" + std::to_string(i) + "\">" +
                 Esc(all[i]) + "</label></div>";
    const std::string body =
        notice + "<table><thead><tr><th scope=\"col\">Naam</th><th scope=\"col\">Rol</th><th scope=\"col\">Wijken</th>"
                 "<th scope=\"col\">Sinds</th><th scope=\"col\">Actie</th></tr></thead><tbody>" + rows +
        "</tbody></table><h2>Gebruiker toevoegen</h2><form method=\"post\" action=\"/console/gebruikers\">" +
        CsrfField(x) +
        "<label for=\"naam\">Naam</label><input type=\"text\" id=\"naam\" name=\"naam\" maxlength=\"64\" required"
        " autocomplete=\"off\"" + Attr("value", x.Post.Get("naam")) +
        "><label for=\"rol\">Rol</label><select id=\"rol\" name=\"rol\"><option value=\"gebiedsteam\">gebiedsteam: "
        "alleen de gekozen wijken</option><option value=\"admin\">beheerder: alle wijken en de gebruikers</option>"
        "</select><fieldset><legend>Wijken (voor het gebiedsteam)</legend>" + boxes +
        "<label for=\"nieuwe_wijken\">Andere wijken</label><p class=\"hint\" id=\"nw-hint\">Gescheiden door komma's."
        "</p><input type=\"text\" id=\"nieuwe_wijken\" name=\"nieuwe_wijken\" aria-describedby=\"nw-hint\"></fieldset>"
        "<label for=\"wachtwoord\">Wachtwoord</label><p class=\"hint\" id=\"pw-hint\">Minstens " +
        std::to_string(kMinPasswordLength) +
        " tekens. Geef het persoonlijk door.</p><input type=\"password\" id=\"wachtwoord\" name=\"wachtwoord\" "
        "autocomplete=\"new-password\" aria-describedby=\"pw-hint\" required><label for=\"wachtwoord2\">Wachtwoord "
        "nog een keer</label><input type=\"password\" id=\"wachtwoord2\" name=\"wachtwoord2\" "
        "autocomplete=\"new-password\" required><div><button type=\"submit\" id=\"add-user\">Toevoegen</button></div>"
        "</form>";
    SendPage(x, "gebruikers", "Gebruikers", body, status);
}

} // namespace console
