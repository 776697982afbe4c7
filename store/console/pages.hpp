// Inside the console: what a page handler gets, and the shared page layout.
#pragma once
#include "store/console/console.hpp"
#include "store/console/forms.hpp"

#include <string>

namespace console {

// One request on its way through the console.
struct Ctx {
    Console& C;
    const ConsoleRequest& Req;
    ConsoleResponse* Res;
    Session S;       // the logged-in user (pages only run with a valid session)
    std::string Sub; // the path after /console/, e.g. "kiosks/intrekken"
    Form Query;      // the query string
    Form Post;       // a POST's form (its CSRF token already checked)
};

std::string Esc(const std::string& text); // HTML text and attribute values
std::string Attr(const std::string& name, const std::string& value); // ` name="value"`

// The whole page: head, the navigation with `active` marked, a heading, the body.
void SendPage(Ctx& x, const std::string& active, const std::string& title, const std::string& body, int status = 200);
void SendForbidden(Ctx& x, const std::string& why);
void SendRedirect(ConsoleResponse* res, const std::string& location);
std::string CsrfField(const Ctx& x);
// A notice under the heading: kind "ok", "fout" or "info"; role=status/alert for screen readers.
std::string Notice(const std::string& kind, const std::string& html);
// <select name=NAME> of the wijken the user may see, with `chosen` selected.
std::string WijkSelect(const Ctx& x, const std::string& id, const std::string& chosen);
std::vector<std::string> MyWijken(Ctx& x);
// The wijk named by ?wijk= (or the form), checked against the user's role: "" and a 403
// page sent when the user may not see it; the first of the user's wijken when none is named.
bool PickWijk(Ctx& x, const std::string& named, std::string* wijk);
std::string FormatTime(const std::string& iso);
// Any text as a safe file name: its bytes in hex (report folders per wijk or user).
std::string HexName(const std::string& s); // "2026-12-04T10:31:05Z" -> "4 dec 2026 10:31 UTC"

// The pages (page_*.cpp).
void KiosksPage(Ctx& x);
void RevokePage(Ctx& x);
void EnrolPage(Ctx& x);
void ContentPage(Ctx& x);
void PollsPage(Ctx& x);
void ResultsPage(Ctx& x);
void ReportFile(Ctx& x);
void CsvDownload(Ctx& x);
void ZipDownload(Ctx& x);
void UsersPage(Ctx& x);
void AgreementsPage(Ctx& x); // page_agreements.cpp
void NewsPage(Ctx& x); // page_news.cpp
void YearReportPage(Ctx& x); // page_year_report.cpp
void YearReportFile(Ctx& x);
void YearReportZip(Ctx& x);
void LaterPage(Ctx& x, const std::string& active, const std::string& title);

} // namespace console
