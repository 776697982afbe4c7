// wijkstem-store: the municipal store's command line (DESIGN.md).
#include "content/pack_loader.hpp"
#include "store/report/overview.hpp"
#include "store/report/run.hpp"
#include "store/backup.hpp"
#include "store/batch_file_import.hpp"
#include "store/migrate.hpp"
#include "store/store.hpp"
#include "store/http_server.hpp"
#include "store/console/auth.hpp"
#include "store/console/console.hpp"
#include "store/console/public_page.hpp"

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <sys/stat.h>
#include <vector>

namespace {

const char* kUsage = R"(wijkstem-store: the municipality's store for Wijkstem kiosks.

  wijkstem-store serve --db FILE --listen HOST:PORT [--tls-cert F --tls-key F]
      [--max-conns N]                                 open connections in all (default 4096)
      [--max-conns-per-addr N]                        from one address or IPv6 /64 (default 256)
      [--rate-per-addr N]                             requests a second from one address, bursts of 2N
                                                      (default 50; 0: no limit, for tests and benchmarks)
      [--quota N]                                     answers a kiosk may send an hour (default 20000)
      [--workers N]                                   threads that run requests on the database (default 2)
  wijkstem-store enroll-code --db FILE --wijk NAME    print a one-time enrolment code
      [--valid-days N]                                usable for N days (default 7)
  wijkstem-store enroll-codes --db FILE               the open codes: short id, wijk, made, expires
  wijkstem-store cancel-code --db FILE SHORT_ID       a code from that list stops working
  wijkstem-store allow-reenroll --db FILE DEVICE_ID   the device may enrol once more (a reinstalled
      [--valid-days N]                                kiosk), within N days (default 7)
  wijkstem-store publish --db FILE --wijk NAME DIR    the content pack for a wijk's kiosks
  wijkstem-store devices --db FILE                    kiosks, answers, highest seq, gaps, visits counted/flagged
  wijkstem-store revoke --db FILE DEVICE_ID           the device's token stops working
  wijkstem-store export --db FILE --csv               one row per answer, header first
  wijkstem-store import --db FILE BATCHFILE           a kiosk's signed batch file (USB stick)
  wijkstem-store add-user --db FILE NAME --role admin|gebiedsteam [--wijk NAME]...
                                                      a console user; the password is read from stdin
  wijkstem-store users --db FILE                      the console's users, roles and wijken
  wijkstem-store agreement --db FILE ID --status S [--note TEXT]
                                                      stap 3: an agreement's status (open, bezig, gedaan,
                                                      lukt-niet) and note; kept in its history
  wijkstem-store agreement list --db FILE [--wijk NAME]   agreements, status, note and history
  wijkstem-store remove-user --db FILE NAME           the user can no longer log in
  wijkstem-store news add --db FILE --wijk NAME --title TEXT --text-file FILE
      [--date YYYY-MM-DD] [--answers ID]              an update for the wijk's residents (one to three
                                                      sentences); kiosks get it at their next sync
  wijkstem-store news list --db FILE [--wijk NAME]    the updates, newest first, with their ids
  wijkstem-store news remove --db FILE ID             the update goes from kiosks and the public page
  wijkstem-store place --db FILE --wijk NAME [--kind wijk|dorp]
                                                      a wijk or a dorp: the kiosks' texts say which

  serve and import check answers against every pack published and the packs installed
  with the store (--packs DIR; default )" WIJKSTEM_PACKS_DEFAULT R"(, or the source tree's).
  wijkstem-store report --db FILE --wijk NAME --out DIR   charts and tables for the gebiedsteam
      [--population CSV]                              the wijk's population figures (reach table)
      [--period month|quarter]                        trends per month (default) or quarter
      [--today YYYY-MM-DD]                            the report's date (default: today)
  wijkstem-store report --db FILE --all --out DIR     the council's overview of every wijk, each
                                                      linked to its own report (DIR/wijk-NAME/)
  wijkstem-store backup --db FILE --out FILE          a consistent copy (mode 0600) while kiosks sync
  wijkstem-store backup --db FILE --out-dir DIR [--keep N]   a dated copy in DIR, keeping the newest N (14)
  wijkstem-store migrate --from FILE --to postgresql://...    a SQLite store copied into an empty
                                                      PostgreSQL store, then compared table by table

  --db takes a SQLite FILE or a PostgreSQL URL (postgresql://USER@HOST/DB, docs/postgresql.md);
  several `serve` processes may share one PostgreSQL database (docs/operations.md).
)";

struct Args {
    std::vector<std::string> Positional;
    std::string Db, Listen = "127.0.0.1:8480", Wijk, TlsCert, TlsKey, Role;
    std::string From, To; // migrate
    std::vector<std::string> Wijken; // add-user: every --wijk
    std::string Out, Population, Period = "month", Today; // report
    std::string MaxConns, MaxConnsPerAddr, RatePerAddr, Workers; // serve
    std::string Packs;                                    // serve, import: the installed packs
    int ValidDays = 7;                                    // enroll-code, allow-reenroll
    long long Quota = 20000;                              // serve: answers per device an hour
    bool Csv = false;
    bool All = false; // report --all: every wijk, with an overview
    std::string OutDir, Keep = "14"; // backup
    std::string Status, Note; bool HasNote = false; // agreement
    std::string Title, TextFile, Date, Answers; // news add
    std::string Kind;                          // place
};

int Fail(const std::string& msg) {
    fprintf(stderr, "wijkstem-store: %s\n", msg.c_str());
    return 1;
}

// A kiosk's batch file: checked whole (signature, hash, count, range), then stored like a
// network batch. Any mismatch stores nothing.
int Import(store::Store& store, const std::string& path) {
    wsync::Batch batch;
    wsync::CampfireBatch group;
    std::string error;
    if (!store::ReadBatchFile(path, store, &batch, &error, &group))
        return Fail("refused " + path + ", nothing was stored: " + error);
    std::vector<wsync::AnswerResult> results;
    if (!store.StoreBatch(batch, "file", &results, &error))
        return Fail("cannot store " + path + ", nothing was stored: " + error);
    int n[4] = {0, 0, 0, 0};
    for (const wsync::AnswerResult& r : results)
        n[int(r.Status)]++;
    if (!batch.Answers.empty())
        printf("import: %zu answer(s) from kiosk %s (seq %lld to %lld): %d stored, %d already stored, %d conflict(s), "
               "%d invalid\n",
               batch.Answers.size(), batch.DeviceId.c_str(), (long long)batch.Answers.front().Seq,
               (long long)batch.Answers.back().Seq, n[int(wsync::AnswerStatus::Stored)],
               n[int(wsync::AnswerStatus::AlreadyStored)], n[int(wsync::AnswerStatus::Conflict)],
               n[int(wsync::AnswerStatus::Invalid)]);
    for (const wsync::AnswerResult& r : results)
        if (r.Status == wsync::AnswerStatus::Conflict || r.Status == wsync::AnswerStatus::Invalid)
            fprintf(stderr, "  %s: %s%s%s\n", r.Id.c_str(), wsync::AnswerStatusName(r.Status),
                    r.Reason.empty() ? "" : ": ", r.Reason.c_str());
    if (!group.Empty()) { // campfire data: sessions, results, agreements (docs/campfire.md)
        wsync::CampfireReply reply;
        if (!store.StoreCampfireBatch(group, "file", &reply, &error))
            return Fail("the answers of " + path + " were stored, its campfire data not: " + error);
        int g[4] = {0, 0, 0, 0};
        for (const auto* list : {&reply.Sessions, &reply.Results, &reply.Agreements})
            for (const wsync::AnswerResult& r : *list) {
                g[int(r.Status)]++;
                if (r.Status == wsync::AnswerStatus::Conflict || r.Status == wsync::AnswerStatus::Invalid)
                    fprintf(stderr, "  %s: %s%s%s\n", r.Id.c_str(), wsync::AnswerStatusName(r.Status),
                            r.Reason.empty() ? "" : ": ", r.Reason.c_str());
            }
        printf("import: %zu campfire item(s) from kiosk %s: %d stored, %d already stored, %d conflict(s), %d invalid\n",
               group.Size(), group.DeviceId.c_str(), g[int(wsync::AnswerStatus::Stored)],
               g[int(wsync::AnswerStatus::AlreadyStored)], g[int(wsync::AnswerStatus::Conflict)],
               g[int(wsync::AnswerStatus::Invalid)]);
    }
    return 0;
}

// A consistent copy of a live store (store/backup.hpp). Opens the database read-only, so a
// wrong --db never creates an empty store.
int Backup(const Args& a) {
    if (a.Positional.size() != 1)
        return Fail("backup takes no other arguments");
    if (store::db::IsPostgresTarget(a.Db))
        return Fail("backup copies a SQLite store; a PostgreSQL store is backed up with pg_dump "
                    "(docs/operations.md, \"Backups\")");
    if (a.Out.empty() == a.OutDir.empty())
        return Fail("backup needs either --out FILE or --out-dir DIR");
    std::string error, written = a.Out;
    if (!a.Out.empty()) {
        if (!store::BackupTo(a.Db, a.Out, &error))
            return Fail(error + "; no backup was written");
    } else {
        char* end = nullptr;
        long keep = strtol(a.Keep.c_str(), &end, 10);
        if (a.Keep.empty() || *end != '\0' || keep < 1 || keep > 10000)
            return Fail("--keep needs a number of backups (1 to 10000), not '" + a.Keep + "'");
        if (!store::BackupRotate(a.Db, a.OutDir, int(keep), &written, &error))
            return Fail(error);
    }
    printf("backup: %s\n", written.c_str());
    return 0;
}

// A SQLite store into an empty PostgreSQL one (store/migrate.cpp): every table copied in one
// transaction, then counted and checksummed on both sides.
int MigrateCommand(const Args& a) {
    if (a.Positional.size() != 1 || a.From.empty() || a.To.empty() || !a.Db.empty())
        return Fail("migrate needs --from FILE --to postgresql://... (and nothing else)");
    std::vector<store::TableCheck> checks;
    std::string error;
    const bool ok = store::Migrate(a.From, a.To, &checks, &error);
    for (const store::TableCheck& c : checks)
        printf("%-22s %10lld rows  %s  %s\n", c.Table.c_str(), (long long)c.ToRows, c.ToSum.substr(0, 16).c_str(),
               c.FromRows == c.ToRows && c.FromSum == c.ToSum ? "same" : "DIFFERS");
    if (!ok)
        return Fail(error + (checks.empty() ? "; nothing was copied" : ""));
    printf("migrated %s to %s: every table the same\n", a.From.c_str(), store::db::RedactedTarget(a.To).c_str());
    return 0;
}

// Charts and tables for the gebiedsteam (docs/report.md): nothing is written unless all
// of it can be.
int Report(const Args& a) {
    report::Options o;
    o.Db = a.Db;
    o.Wijk = a.Wijk;
    o.Out = a.Out;
    o.PopulationFile = a.Population;
    o.Today = a.Today;
    if (a.Period == "quarter" || a.Period == "kwartaal")
        o.Per = report::Period::Quarter;
    else if (a.Period != "month" && a.Period != "maand")
        return Fail("--period is month or quarter, not '" + a.Period + "'");
    if (a.Positional.size() != 1)
        return Fail("report takes no other arguments (did you mean --out " + a.Positional.back() + "?)");
    if (a.All && !a.Wijk.empty())
        return Fail("report takes --wijk NAME or --all, not both");
    std::string summary;
    std::vector<std::string> problems;
    if (!(a.All ? report::RunAll(o, &summary, &problems) : report::Run(o, &summary, &problems))) {
        for (const std::string& p : problems)
            fprintf(stderr, "%s\n", p.c_str());
        return Fail("no report was made");
    }
    printf("%s\n", summary.c_str());
    return 0;
}

// One line of standard input without its line break; on a terminal without echo.
// Stap 3: the gebiedsteam sets an agreement's status and note, or lists them with their history.
int Place(store::Store& store, const Args& a) {
    if (a.Wijk.empty())
        return Fail("place needs --wijk NAME (and --kind wijk or --kind dorp to set it)");
    if (a.Kind.empty()) {
        printf("%s: %s\n", a.Wijk.c_str(), content::PlaceKindName(store.PlaceOf(a.Wijk)));
        return 0;
    }
    content::PlaceKind kind;
    if (!content::ParsePlaceKind(a.Kind, &kind))
        return Fail("--kind must be wijk or dorp, not \"" + a.Kind + "\"");
    std::string error;
    if (!store.SetPlace(a.Wijk, kind, &error))
        return Fail(error);
    printf("%s is a %s; its kiosks say so from their next sync and start\n", a.Wijk.c_str(), a.Kind.c_str());
    return 0;
}

int Agreement(store::Store& store, const Args& a) {
    std::string error;
    if (a.Positional.size() == 2 && a.Positional[1] == "list") {
        std::vector<wsync::AgreementRecord> list;
        std::vector<wsync::AgreementChangeRecord> history;
        if (!store.Agreements(a.Wijk, &list, &history, &error))
            return Fail(error);
        for (const wsync::AgreementRecord& r : list) {
            printf("%s  %s  %s  %s  (%s, %s)\n", r.Id.c_str(), r.Wijk.c_str(), r.Status.c_str(), r.What.c_str(),
                   r.SessionName.empty() ? "-" : r.SessionName.c_str(), r.HeldOn.empty() ? "-" : r.HeldOn.c_str());
            if (!r.Note.empty())
                printf("    note: %s\n", r.Note.c_str());
            for (const wsync::AgreementChangeRecord& c : history)
                if (c.AgreementId == r.Id)
                    printf("    %s  %-10s %s%s%s\n", c.At.c_str(), c.Status.c_str(), c.Source.c_str(),
                           c.Note.empty() ? "" : "  ", c.Note.c_str());
        }
        printf("%zu agreement(s), %zu change(s)\n", list.size(), history.size());
        return 0;
    }
    if (a.Positional.size() != 2 || a.Status.empty())
        return Fail("agreement needs an id and --status open|bezig|gedaan|lukt-niet (or: agreement list)");
    wsync::AgreementChangeRecord c;
    c.AgreementId = a.Positional[1];
    c.Status = a.Status;
    c.Note = a.Note;
    c.Source = "cli";
    if (!store.ChangeAgreement(c, {}, &error))
        return Fail(error);
    printf("agreement %s: %s%s%s\n", c.AgreementId.c_str(), c.Status.c_str(), c.Note.empty() ? "" : ", ",
           c.Note.c_str());
    return 0;
}

bool ReadSecret(const char* prompt, std::string* out) {
    const bool tty = isatty(0);
    struct termios old {};
    if (tty) {
        fprintf(stderr, "%s", prompt);
        tcgetattr(0, &old);
        struct termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(0, TCSANOW, &quiet);
    }
    const bool ok = bool(std::getline(std::cin, *out));
    if (tty) {
        tcsetattr(0, TCSANOW, &old);
        fprintf(stderr, "\n");
    }
    if (!out->empty() && out->back() == '\r')
        out->pop_back();
    return ok;
}

// A console user (docs/console.md): the password from standard input, twice on a terminal.
int AddUser(store::Store& store, const Args& a) {
    if (a.Positional.size() != 2)
        return Fail("add-user needs one NAME (and --role admin|gebiedsteam)");
    store::ConsoleUser u;
    u.Name = a.Positional[1];
    u.Role = a.Role;
    u.Wijken = a.Wijken;
    if (!console::ValidName(u.Name))
        return Fail("a user name has 1 to 64 characters, no control characters and no space at either end");
    if (!console::ValidRole(u.Role))
        return Fail("--role is admin or gebiedsteam");
    if (u.Role == "gebiedsteam" && u.Wijken.empty())
        return Fail("a gebiedsteam user needs at least one --wijk NAME");
    if (u.Role == "admin" && !u.Wijken.empty())
        return Fail("an admin sees every wijk; leave out --wijk");
    for (const std::string& w : u.Wijken)
        if (!console::ValidName(w))
            return Fail("a wijk name has 1 to 64 characters");
    std::string password, again, error;
    if (!ReadSecret("Password: ", &password))
        return Fail("no password on standard input; nothing was stored");
    if (isatty(0) && (!ReadSecret("Password again: ", &again) || again != password))
        return Fail("the two passwords differ; nothing was stored");
    if (std::string why = console::PasswordProblem(password); !why.empty())
        return Fail(why + "; nothing was stored");
    if (!console::HashPassword(password, &u.PasswordHash, &error) || !store.AddUser(u, &error))
        return Fail(error + "; nothing was stored");
    printf("added %s (%s)\n", u.Name.c_str(), u.Role.c_str());
    return 0;
}

int Users(store::Store& store) {
    std::vector<store::ConsoleUser> users;
    std::string error;
    if (!store.Users(&users, &error))
        return Fail(error);
    printf("%-24s  %-12s  %-20s  %s\n", "name", "role", "since", "wijken");
    for (const store::ConsoleUser& u : users) {
        std::string wijken;
        for (const std::string& w : u.Wijken)
            wijken += (wijken.empty() ? "" : ", ") + w;
        printf("%-24s  %-12s  %-20s  %s\n", u.Name.c_str(), u.Role.c_str(), u.CreatedAt.c_str(),
               u.Role == "admin" ? "(all)" : wijken.c_str());
    }
    return 0;
}

// A whole number in [lo, hi] from an option, or a message.
bool Number(const std::string& option, const std::string& text, long lo, long hi, long* out) {
    char* end = nullptr;
    errno = 0;
    long v = strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || v < lo || v > hi) {
        fprintf(stderr, "wijkstem-store: %s needs a whole number from %ld to %ld, not '%s'\n", option.c_str(), lo, hi,
                text.c_str());
        return false;
    }
    *out = v;
    return true;
}

// serve's limits (docs/sync-protocol.md, "Limits"); the defaults protect a real deployment.
bool ServeLimits(const Args& a, store::ServeOptions* o) {
    store::http::Limits* l = &o->Limit;
    long v = 0;
    if (!a.Workers.empty()) {
        if (!Number("--workers", a.Workers, 1, 64, &v))
            return false;
        o->Workers = int(v);
    }
    if (!a.MaxConns.empty()) {
        if (!Number("--max-conns", a.MaxConns, 16, 1000000, &v))
            return false;
        l->MaxConnections = int(v);
    }
    if (!a.MaxConnsPerAddr.empty()) {
        if (!Number("--max-conns-per-addr", a.MaxConnsPerAddr, 1, 1000000, &v))
            return false;
        l->MaxConnectionsPerAddress = int(v);
    }
    if (!a.RatePerAddr.empty()) {
        if (!Number("--rate-per-addr", a.RatePerAddr, 0, 1000000, &v))
            return false;
        l->RatePerAddress = double(v);
        l->BurstPerAddress = 2.0 * double(v);
    }
    return true;
}

// The packs installed with the store: --packs, else the source tree's (a build run from
// its folder), else the installed location.
std::string PacksDir(const Args& a) {
    if (!a.Packs.empty())
        return a.Packs;
    struct stat st {};
    if (stat(WIJKSTEM_SOURCE_PACKS, &st) == 0 && S_ISDIR(st.st_mode))
        return WIJKSTEM_SOURCE_PACKS;
    return WIJKSTEM_PACKS_DEFAULT;
}

// Loads the installed packs; a missing folder is only a warning (answers for packs the
// store does not know are stored as unverified), an explicit --packs that is missing an error.
bool LoadPacks(store::Store& store, const Args& a) {
    std::string error, skipped;
    const std::string dir = PacksDir(a);
    if (!store.AddPackFolder(dir, &error, &skipped)) {
        if (!a.Packs.empty())
            return Fail(error) == 0;
        fprintf(stderr, "wijkstem-store: note: %s; only published packs are checked\n", error.c_str());
    }
    if (!skipped.empty())
        fprintf(stderr, "wijkstem-store: note: packs with problems are not used to check answers: %s\n",
                skipped.c_str());
    return true;
}

// The command line into *a; false when the program should end at once with *exit_code
// (--help, or an option it does not know or without its value).
bool ParseArgs(int argc, char** argv, Args* a, int* exit_code) {
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc)
                return false;
            *out = argv[++i];
            return true;
        };
        bool ok = true;
        if (arg == "--db")
            ok = value(&a->Db);
        else if (arg == "--from")
            ok = value(&a->From);
        else if (arg == "--to")
            ok = value(&a->To);
        else if (arg == "--listen")
            ok = value(&a->Listen);
        else if (arg == "--wijk") {
            ok = value(&a->Wijk);
            if (ok)
                a->Wijken.push_back(a->Wijk);
        } else if (arg == "--role")
            ok = value(&a->Role);
        else if (arg == "--tls-cert")
            ok = value(&a->TlsCert);
        else if (arg == "--tls-key")
            ok = value(&a->TlsKey);
        else if (arg == "--out")
            ok = value(&a->Out);
        else if (arg == "--population")
            ok = value(&a->Population);
        else if (arg == "--period")
            ok = value(&a->Period);
        else if (arg == "--today")
            ok = value(&a->Today);
        else if (arg == "--max-conns")
            ok = value(&a->MaxConns);
        else if (arg == "--max-conns-per-addr")
            ok = value(&a->MaxConnsPerAddr);
        else if (arg == "--rate-per-addr")
            ok = value(&a->RatePerAddr);
        else if (arg == "--workers")
            ok = value(&a->Workers);
        else if (arg == "--out-dir")
            ok = value(&a->OutDir);
        else if (arg == "--keep")
            ok = value(&a->Keep);
        else if (arg == "--packs")
            ok = value(&a->Packs);
        else if (arg == "--status")
            ok = value(&a->Status);
        else if (arg == "--kind")
            ok = value(&a->Kind);
        else if (arg == "--note")
            ok = a->HasNote = value(&a->Note);
        else if (arg == "--title")
            ok = value(&a->Title);
        else if (arg == "--text-file")
            ok = value(&a->TextFile);
        else if (arg == "--date")
            ok = value(&a->Date);
        else if (arg == "--answers")
            ok = value(&a->Answers);
        else if (arg == "--valid-days" || arg == "--quota") {
            std::string v;
            char* end = nullptr;
            ok = value(&v);
            const long long n = ok ? strtoll(v.c_str(), &end, 10) : 0;
            if (ok && (end == v.c_str() || *end != '\0' || n < 1)) {
                fprintf(stderr, "wijkstem-store: %s needs a whole number above 0, not '%s'\n", arg.c_str(), v.c_str());
                *exit_code = 2;
                return false;
            }
            if (arg == "--quota")
                a->Quota = n;
            else
                a->ValidDays = int(std::min(n, 3650LL));
        } else if (arg == "--csv")
            a->Csv = true;
        else if (arg == "--all")
            a->All = true;
        else if (arg == "--help" || arg == "-h") {
            printf("%s", kUsage);
            *exit_code = 0;
            return false;
        } else if (arg.size() > 1 && arg[0] == '-') {
            fprintf(stderr, "wijkstem-store: unknown option %s\n\n%s", arg.c_str(), kUsage);
            *exit_code = 2;
            return false;
        } else
            a->Positional.push_back(arg);
        if (!ok) {
            fprintf(stderr, "wijkstem-store: %s needs a value\n\n%s", arg.c_str(), kUsage);
            *exit_code = 2;
            return false;
        }
    }
    return true;
}

// news add | list | remove: the updates for residents (store/store_news.cpp).
int News(store::Store& store, const Args& a) {
    const std::string sub = a.Positional.size() > 1 ? a.Positional[1] : "";
    std::string error;
    if (sub == "add" && a.Positional.size() == 2) {
        if (a.Wijk.empty() || a.Title.empty() || a.TextFile.empty())
            return Fail("news add needs --wijk NAME, --title TEXT and --text-file FILE");
        FILE* f = fopen(a.TextFile.c_str(), "rb");
        if (!f)
            return Fail("cannot read " + a.TextFile + ": " + strerror(errno));
        wsync::NewsItem item;
        char buf[4096];
        for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0 && item.Text.size() <= 64 * 1024;)
            item.Text.append(buf, n);
        fclose(f);
        // One paragraph: the file's line breaks become spaces, its ends are trimmed.
        for (char& c : item.Text)
            if (c == '\n' || c == '\r')
                c = ' ';
        while (!item.Text.empty() && item.Text.back() == ' ')
            item.Text.pop_back();
        item.Text.erase(0, item.Text.find_first_not_of(' ') == std::string::npos ? item.Text.size()
                                                                                 : item.Text.find_first_not_of(' '));
        item.Wijk = a.Wijk;
        item.Title = a.Title;
        item.Date = a.Date;
        item.Answers = a.Answers;
        if (!store.AddNews(&item, &error))
            return Fail(error);
        printf("added update %s for %s (%s): %s\n", item.Id.c_str(), item.Wijk.c_str(), item.Date.c_str(),
               item.Title.c_str());
        return 0;
    }
    if (sub == "list" && a.Positional.size() == 2) {
        std::vector<wsync::NewsItem> items;
        if (!store.News(a.Wijk, &items, &error))
            return Fail(error);
        printf("%-8s  %-16s  %-10s  %s\n", "id", "wijk", "date", "title");
        for (const wsync::NewsItem& n : items)
            printf("%-8s  %-16s  %-10s  %s\n", n.Id.c_str(), n.Wijk.c_str(), n.Date.c_str(), n.Title.c_str());
        return 0;
    }
    if (sub == "remove" && a.Positional.size() == 3) {
        if (!store.RemoveNews(a.Positional[2], &error))
            return Fail(error);
        printf("removed update %s\n", a.Positional[2].c_str());
        return 0;
    }
    return Fail("news needs add, list or remove ID (see --help)");
}

// One function per command, chosen by name in kCommands below.
int Serve(store::Store& store, const Args& a) {
    if (!LoadPacks(store, a))
        return 1;
    store.SetQuota(a.Quota);
    store::ServeOptions o;
    size_t colon = a.Listen.rfind(':');
    o.Host = colon == std::string::npos ? a.Listen : a.Listen.substr(0, colon);
    o.Port = colon == std::string::npos ? 0 : atoi(a.Listen.c_str() + colon + 1);
    if (o.Port <= 0 || o.Port > 65535)
        return Fail("--listen needs HOST:PORT, like 127.0.0.1:8480");
    o.TlsCert = a.TlsCert;
    o.TlsKey = a.TlsKey;
    if (!ServeLimits(a, &o))
        return 2;
    console::Console console(store, a.Db);
    o.Console = [&console](const console::ConsoleRequest& req, console::ConsoleResponse* res) {
        console::HandleConsole(console, req, res);
    };
    console::PublicPage public_page(store); // /wijk/NAME, no login (store/console/public_page.hpp)
    o.Public = [&public_page](const console::ConsoleRequest& req, console::ConsoleResponse* res) {
        console::HandlePublic(public_page, req, res);
    };
    return store::Serve(store, o);
}

int EnrollCode(store::Store& store, const Args& a) {
    std::string code, error;
    if (!store.NewEnrollCode(a.Wijk, &code, &error, a.ValidDays))
        return Fail(error);
    printf("%s\n", code.c_str());
    return 0;
}

int EnrollCodes(store::Store& store, const Args&) { // never the codes themselves: only their hashes are kept
    std::vector<store::EnrollCodeInfo> codes;
    std::string error;
    if (!store.EnrollCodes(&codes, &error))
        return Fail(error);
    printf("%-8s  %-16s  %-20s  %-20s\n", "id", "wijk", "made", "expires");
    for (const store::EnrollCodeInfo& c : codes)
        printf("%-8s  %-16s  %-20s  %-20s\n", c.ShortId.c_str(), c.Wijk.c_str(), c.CreatedAt.c_str(),
               c.ExpiresAt.c_str());
    return 0;
}

int CancelCode(store::Store& store, const Args& a) {
    std::string error;
    if (a.Positional.size() != 2)
        return Fail("cancel-code needs the code's id from enroll-codes");
    if (!store.CancelCode(a.Positional[1], &error))
        return Fail(error);
    printf("cancelled code %s\n", a.Positional[1].c_str());
    return 0;
}

int AllowReenroll(store::Store& store, const Args& a) {
    std::string error;
    if (a.Positional.size() != 2)
        return Fail("allow-reenroll needs a device id (see devices)");
    if (!store.AllowReenroll(a.Positional[1], a.ValidDays, &error))
        return Fail(error);
    printf("device %s may enrol once more, within %d day(s), with a new code\n", a.Positional[1].c_str(),
           a.ValidDays);
    return 0;
}

int Publish(store::Store& store, const Args& a) {
    if (a.Positional.size() != 2 || a.Wijk.empty())
        return Fail("publish needs --wijk NAME and a pack folder");
    // Only a pack that passes the validator goes out to kiosks.
    content::LoadResult pack = content::LoadPack(a.Positional[1]);
    for (const content::Problem& p : pack.Problems)
        fprintf(stderr, "%s\n", p.Format().c_str());
    if (!pack.Ok())
        return Fail("the pack has problems; nothing was published");
    FILE* f = fopen((a.Positional[1] + "/pack.json").c_str(), "rb");
    std::string body, error;
    char buf[65536];
    for (size_t n; f && (n = fread(buf, 1, sizeof buf, f)) > 0;)
        body.append(buf, n);
    if (f)
        fclose(f);
    if (!store.Publish(a.Wijk, pack.Pack.Id, pack.Pack.Version, body, &error))
        return Fail(error);
    printf("published %s %s for %s\n", pack.Pack.Id.c_str(), pack.Pack.Version.c_str(), a.Wijk.c_str());
    return 0;
}

int Revoke(store::Store& store, const Args& a) {
    std::string error;
    if (a.Positional.size() != 2)
        return Fail("revoke needs a device id");
    if (!store.Revoke(a.Positional[1], &error))
        return Fail(error);
    printf("revoked %s\n", a.Positional[1].c_str());
    return 0;
}

int Devices(store::Store& store, const Args&) {
    std::vector<store::DeviceInfo> devices;
    std::string error;
    if (!store.Devices(&devices, &error))
        return Fail(error);
    // visits: counted (no flagged answer) and flagged (repeats of the visit before, kept apart)
    printf("%-36s  %-16s  %8s  %8s  %8s  %-8s  %8s  %8s\n", "device", "wijk", "answers", "max seq", "missing",
           "state", "counted", "flagged");
    for (const store::DeviceInfo& d : devices)
        printf("%-36s  %-16s  %8lld  %8lld  %8lld  %-8s  %8lld  %8lld\n", d.Id.c_str(), d.Wijk.c_str(),
               (long long)d.Answers, (long long)d.MaxSeq, (long long)d.Missing, d.Revoked ? "revoked" : "enrolled",
               (long long)(d.Visits - d.VisitsFlagged), (long long)d.VisitsFlagged);
    // Below the table, so scripts reading its columns keep working.
    for (const store::DeviceInfo& d : devices)
        if (d.Unverified > 0)
            printf("unverified: %s: %lld answer(s) for a pack version this store does not know\n", d.Id.c_str(),
                   (long long)d.Unverified);
    return 0;
}

int Export(store::Store& store, const Args& a) {
    if (!a.Csv)
        return Fail("export needs --csv (the only format so far)");
    std::string error;
    const bool ok = store.ExportCsv( // a row at a time: a million answers never sit in memory
        [](const std::string& row) { return fwrite(row.data(), 1, row.size(), stdout) == row.size(); }, &error);
    if (fflush(stdout) != 0 || !ok)
        return Fail(error.empty() ? "the CSV could not be written (disk full, or the pipe closed?)" : error);
    return 0;
}

int RemoveUser(store::Store& store, const Args& a) {
    std::string error;
    if (a.Positional.size() != 2)
        return Fail("remove-user needs a NAME");
    if (!store.RemoveUser(a.Positional[1], &error))
        return Fail(error);
    printf("removed %s\n", a.Positional[1].c_str());
    return 0;
}

int ImportFile(store::Store& store, const Args& a) {
    if (a.Positional.size() != 2)
        return Fail("import needs one batch file");
    if (!LoadPacks(store, a))
        return 1;
    return Import(store, a.Positional[1]);
}

int ListUsers(store::Store& store, const Args&) { return Users(store); }

// The commands that open (and if needed create or migrate) the store. report and backup read
// a store as it is and never create one: main() runs them before this table.
struct Command {
    const char* Name;
    int (*Run)(store::Store& store, const Args& a);
};
const Command kCommands[] = {
    {"serve", Serve},           {"enroll-code", EnrollCode}, {"enroll-codes", EnrollCodes},
    {"cancel-code", CancelCode}, {"allow-reenroll", AllowReenroll}, {"publish", Publish},
    {"revoke", Revoke},         {"devices", Devices},        {"export", Export},
    {"add-user", AddUser},      {"users", ListUsers},        {"remove-user", RemoveUser},
    {"import", ImportFile},     {"agreement", Agreement},   {"news", News},
    {"place", Place},
};

} // namespace

int main(int argc, char** argv) {
    umask(077); // the database, its -wal and -shm, reports: the store's own only (docs/security.md)
    Args a;
    if (int code = 0; !ParseArgs(argc, argv, &a, &code))
        return code;
    if (a.Positional.empty() || (a.Db.empty() && a.Positional[0] != "migrate")) {
        fprintf(stderr, "%s", kUsage);
        return 2;
    }
    const std::string cmd = a.Positional[0];
    if (cmd == "report") // read-only: never creates or migrates a store (report/reader.cpp)
        return Report(a);
    if (cmd == "backup") // reads the store as it is: never creates or migrates one
        return Backup(a);
    if (cmd == "migrate")
        return MigrateCommand(a);
    for (const Command& c : kCommands) {
        if (cmd != c.Name)
            continue;
        std::string error;
        auto store = store::Store::Open(a.Db, &error);
        if (!store)
            return Fail(error);
        return c.Run(*store, a);
    }
    fprintf(stderr, "wijkstem-store: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
}
