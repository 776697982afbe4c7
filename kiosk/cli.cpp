#include "kiosk/cli.hpp"
#include "content/pack_loader.hpp"
#include "kiosk/app.hpp"
#include "kiosk/install_layout.hpp"
#include "kiosk/opening_hours.hpp"
#include "kiosk/pin.hpp"
#include "sync/batch_file.hpp"
#include "sync/client.hpp"
#include "sync/journal.hpp"
#include "widgets/fonts.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <termios.h>
#include <unistd.h>

#ifndef WIJKSTEM_DEFAULT_CONTENT
#define WIJKSTEM_DEFAULT_CONTENT "content/packs/gronings-model"
#endif

namespace kiosk {

namespace {

const char* kUsage = R"(Wijkstem: a touch kiosk for neighbourhood democracy.

  wijkstem [options]                 run the kiosk full screen on the bundled pack
  wijkstem check-content DIR         validate a content pack; exit 1 on any problem
  wijkstem status [--json]           device id, answers stored, waiting for sync
  wijkstem enroll URL [--ca F]       register this kiosk at a municipal store (F: its CA certificate);
                                     reads the code from stdin (or: wijkstem enroll URL CODE)
  wijkstem sync                      one sync round now; exit 0 when nothing is left waiting
  wijkstem export --out DIR          waiting answers as one signed batch file (for a USB stick)
  wijkstem set-pin                   the facilitator's PIN (4-8 digits, read from stdin) for the admin screen

Options (before or after the command):
  --content DIR      content pack folder (default: the bundled Gronings model pack)
  --data DIR         where the journal lives (default: $XDG_DATA_HOME/wijkstem; installed: /var/lib/wijkstem)
  --opening-hours F  the building's opening hours; the screen is dark outside them
                     (installed default: /etc/wijkstem/opening-hours; no file: always open)
  --windowed WxH     a window instead of full screen, e.g. --windowed 1280x720
  --lang CODE        the language the kiosk starts in (default: the pack's first)
  --poll ID          the quick poll behind the start button (default: the pack's start_poll)
  --headless         no window and no GL; needs --script
  --script FILE      drive the kiosk from a script, then exit (0 iff every line held)
  --trace            print screens and committed answers on stdout (for tests)
  --dpi N            the screen's dots per inch (default: from the monitor)
  --idle-timeout S   seconds without input before "Bent u er nog?" (default 60)
  --min-visit-gap S  seconds after a visit before the next may start (default 5; 0: none)
  --repeat-window S  a visit this soon after the last that repeats its answers is flagged (default 30)
  --json             (status) print JSON
  --out DIR          (export) the folder to write the batch file in, e.g. the USB stick
  --export-dir DIR   a folder offered for a campfire summary's PNG and CSV (besides USB sticks under /media)
  --no-sync          do not sync in the background (it runs when enrolled at a store)
  --sync-interval S  seconds between background sync rounds (default 300)
  --sync-debounce S  seconds after a new answer before a round (default 10)
  --test-hang-after S  TEST ONLY: stop feeding systemd's watchdog after S seconds (proves the restart)
)";

struct Args {
    std::vector<std::string> Positional;
    KioskOptions Kiosk;
    std::string Out; // export
    bool Json = false;
    std::string CaFile; // enroll --ca FILE
    bool Help = false;
    bool OpeningHoursGiven = false;
    bool RootOnInstalledData = false; // root, on the package's /var/lib/wijkstem without --data
};

bool ParseNumber(const std::string& s, double* out) {
    char* end = nullptr;
    *out = strtod(s.c_str(), &end);
    return end != s.c_str() && *end == '\0';
}

bool ParseArgs(int argc, char** argv, Args* a, std::string* error) {
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) {
                *error = arg + " needs a value";
                return false;
            }
            *out = argv[++i];
            return true;
        };
        std::string v;
        if (arg == "--help" || arg == "-h") {
            a->Help = true;
        } else if (arg == "--content") {
            if (!value(&a->Kiosk.ContentDir)) return false;
        } else if (arg == "--data") {
            if (!value(&a->Kiosk.DataDir)) return false;
        } else if (arg == "--lang") {
            if (!value(&a->Kiosk.Lang)) return false;
        } else if (arg == "--script") {
            if (!value(&a->Kiosk.ScriptPath)) return false;
        } else if (arg == "--poll") {
            if (!value(&a->Kiosk.StartPoll)) return false;
        } else if (arg == "--out") {
            if (!value(&a->Out)) return false;
        } else if (arg == "--export-dir") {
            if (!value(&a->Kiosk.ExportDir)) return false;
        } else if (arg == "--headless") {
            a->Kiosk.Headless = true;
        } else if (arg == "--trace") {
            a->Kiosk.Trace = true;
        } else if (arg == "--json") {
            a->Json = true;
        } else if (arg == "--ca") {
            if (!value(&a->CaFile)) return false;
        } else if (arg == "--no-sync") {
            a->Kiosk.Sync = false;
        } else if (arg == "--sync-interval" || arg == "--sync-debounce") {
            double d = 0;
            if (!value(&v)) return false;
            if (!ParseNumber(v, &d) || d < 0.1 || d > 86400) {
                *error = arg + " needs a number of seconds (0.1 to 86400), not '" + v + "'";
                return false;
            }
            (arg == "--sync-interval" ? a->Kiosk.SyncInterval : a->Kiosk.SyncDebounce) = d;
        } else if (arg == "--windowed") {
            if (!value(&v)) return false;
            if (sscanf(v.c_str(), "%dx%d", &a->Kiosk.WindowW, &a->Kiosk.WindowH) != 2 || a->Kiosk.WindowW < 320 ||
                a->Kiosk.WindowH < 240) {
                *error = "--windowed needs a size like 1920x1080 (at least 320x240), not '" + v + "'";
                return false;
            }
        } else if (arg == "--dpi") {
            double d = 0;
            if (!value(&v)) return false;
            if (!ParseNumber(v, &d) || d < 20 || d > 1000) {
                *error = "--dpi needs a number between 20 and 1000, not '" + v + "'";
                return false;
            }
            a->Kiosk.Dpi = float(d);
        } else if (arg == "--idle-timeout") {
            double d = 0;
            if (!value(&v)) return false;
            if (!ParseNumber(v, &d) || d < 5) {
                *error = "--idle-timeout needs a number of seconds (at least 5), not '" + v + "'";
                return false;
            }
            a->Kiosk.Flow.IdleTimeout = d;
        } else if (arg == "--min-visit-gap" || arg == "--repeat-window") {
            double d = 0;
            if (!value(&v)) return false;
            if (!ParseNumber(v, &d) || d < 0 || d > 3600) {
                *error = arg + " needs a number of seconds (0 to 3600), not '" + v + "'";
                return false;
            }
            (arg == "--min-visit-gap" ? a->Kiosk.Flow.MinVisitGap : a->Kiosk.Flow.RepeatWindow) = d;
        } else if (arg == "--opening-hours") {
            if (!value(&a->Kiosk.OpeningHoursPath))
                return false;
            a->OpeningHoursGiven = true;
        } else if (arg == "--test-hang-after") {
            double d = 0;
            if (!value(&v) || !ParseNumber(v, &d) || d <= 0 || d > 86400) {
                *error = "--test-hang-after needs a number of seconds (test-only)";
                return false;
            }
            a->Kiosk.TestHangAfter = d;
        } else if (arg.size() > 1 && arg[0] == '-') {
            *error = "unknown option " + arg;
            return false;
        } else {
            a->Positional.push_back(arg);
        }
    }
    // The packaged kiosk's pack, data and opening hours (kiosk/install_layout.hpp).
    const InstallLayout layout = CurrentLayout(WIJKSTEM_DEFAULT_CONTENT);
    a->Kiosk.BundledContentDir = layout.ContentDir; // used when --content is not given
    if (a->Kiosk.DataDir.empty()) {
        a->Kiosk.DataDir = layout.DataDir.empty() ? wsync::DefaultDataDir() : layout.DataDir;
        a->RootOnInstalledData = !layout.DataDir.empty() && geteuid() == 0;
    }
    if (!a->OpeningHoursGiven)
        a->Kiosk.OpeningHoursPath = layout.OpeningHours;
    return true;
}

int CheckContent(const std::string& dir) {
    content::LoadOptions checks; // every character of every text must be in the kiosk's fonts
    checks.MissingGlyphs = widgets::MissingGlyphs;
    content::LoadResult r = content::LoadPack(dir, checks);
    for (const content::Problem& p : r.Problems)
        printf("%s\n", p.Format().c_str());
    if (!r.Ok()) {
        fprintf(stderr, "%zu problem(s) in %s\n", r.Problems.size(), dir.c_str());
        return 1;
    }
    auto count = [](const std::vector<content::Poll>& polls) {
        size_t n = 0;
        for (const content::Poll& p : polls)
            n += p.Questions.size();
        return n;
    };
    printf("%s %s: %zu poll(s) with %zu question(s), praatplaat with %zu zone(s) and %zu question(s), languages:",
           r.Pack.Id.c_str(), r.Pack.Version.c_str(), r.Pack.Polls.size(), count(r.Pack.Polls), r.Pack.Zones.size(),
           count(r.Pack.Zones));
    for (const std::string& l : r.Pack.Languages)
        printf(" %s", l.c_str());
    printf(" - no problems\n");
    return 0;
}

std::unique_ptr<wsync::Journal> OpenJournal(const Args& a) {
    std::string error;
    if (!wsync::MakeDirs(a.Kiosk.DataDir, &error)) {
        fprintf(stderr, "wijkstem: %s\n", error.c_str());
        return nullptr;
    }
    auto journal = wsync::Journal::Open(wsync::JournalPath(a.Kiosk.DataDir), &error);
    if (!journal)
        fprintf(stderr, "wijkstem: %s\n", error.c_str());
    return journal;
}

int Enroll(const Args& a) {
    // The code from stdin (a prompt on a terminal): an argument shows in the process list
    // and the shell's history. CODE as an argument still works for scripts.
    std::string code = a.Positional.size() > 2 ? a.Positional[2] : "";
    if (code.empty()) {
        if (isatty(STDIN_FILENO)) {
            fprintf(stderr, "Enrolment code (from wijkstem-store enroll-code): ");
            fflush(stderr);
        }
        int c;
        while ((c = getchar()) != EOF && c != '\n')
            code += char(c);
        while (!code.empty() && (code.back() == '\r' || code.back() == ' '))
            code.pop_back();
        if (code.empty()) {
            fprintf(stderr, "wijkstem: enroll reads the code from stdin, and it was empty; nothing was changed\n");
            return 2;
        }
    }
    auto journal = OpenJournal(a);
    if (!journal)
        return 1;
    std::string message;
    std::string ca_pem;
    if (!a.CaFile.empty()) { // a store with its own certificate authority
        std::ifstream in(a.CaFile, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        ca_pem = ss.str();
        if (!in || ca_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
            fprintf(stderr, "wijkstem: %s is not a PEM certificate\n", a.CaFile.c_str());
            return 1;
        }
    }
    bool ok = wsync::EnrollDevice(*journal, a.Positional[1], code, ca_pem, &message);
    fprintf(ok ? stdout : stderr, "%s%s\n", ok ? "" : "wijkstem: ", message.c_str());
    return ok ? 0 : 1;
}

int Sync(const Args& a) {
    auto journal = OpenJournal(a);
    if (!journal)
        return 1;
    wsync::SyncReport r;
    bool ok = wsync::SyncRound(*journal, &r, wsync::DownloadedPackDir(a.Kiosk.DataDir));
    printf("sync: %d batch(es), %d stored, %d already stored, %d conflict(s), %d invalid; %lld still waiting\n",
           r.Batches, r.Stored, r.AlreadyStored, r.Conflicts, r.Invalid, (long long)r.Left);
    if (r.CampfireAcknowledged > 0 || r.CampfireRefused > 0 || r.CampfireLeft > 0)
        printf("sync: campfire data: %d item(s) taken by the store, %d refused; %lld still waiting\n",
               r.CampfireAcknowledged, r.CampfireRefused, (long long)r.CampfireLeft);
    if (!r.NewPack.empty())
        printf("sync: installed the pack %s from the store (used from the next start)\n", r.NewPack.c_str());
    if (!r.NewPlace.empty())
        printf("sync: the store says this is a %s (its texts say so from the next start)\n", r.NewPlace.c_str());
    if (!ok)
        fprintf(stderr, "wijkstem: sync failed: %s\n", r.Error.c_str());
    return ok && r.Left == 0 && r.CampfireLeft == 0 ? 0 : 1;
}

// The USB path: every waiting answer in one signed file. Marks nothing synced.
int Export(const Args& a) {
    if (a.Out.empty()) {
        fprintf(stderr, "wijkstem: export needs --out DIR (the USB stick's folder)\n");
        return 2;
    }
    auto journal = OpenJournal(a);
    if (!journal)
        return 1;
    wsync::StoreLink link;
    if (!journal->GetStore(&link))
        fprintf(stderr, "wijkstem: note: this kiosk is not enrolled at a store; a store refuses its file until it "
                        "is (wijkstem enroll)\n");
    std::string path, message;
    bool ok = wsync::WriteBatchFile(*journal, a.Out, &path, &message);
    fprintf(ok ? stdout : stderr, "%s%s\n", ok ? "" : "wijkstem: export failed, no file written: ", message.c_str());
    return ok ? 0 : 1;
}

// status: is the building open now (kiosk/opening_hours.hpp)? A bad file is reported, and
// the kiosk then stays on all day.
bool OpenNow(const Args& a, std::string* described, std::vector<std::string>* problems) {
    OpeningHours hours;
    if (!a.Kiosk.OpeningHoursPath.empty() && !ReadOpeningHours(a.Kiosk.OpeningHoursPath, &hours, problems))
        hours = OpeningHours{};
    int day = 0, minute = 0;
    LocalDayMinute((long long)time(nullptr), &day, &minute);
    *described = DescribeOpeningHours(hours);
    return IsOpen(hours, day, minute);
}

void AddOpeningHours(const Args& a, nlohmann::json* j) {
    std::string described;
    std::vector<std::string> problems;
    (*j)["open_now"] = OpenNow(a, &described, &problems);
    (*j)["opening_hours"] = described;
    if (!problems.empty())
        (*j)["opening_hours_error"] = problems.front();
}

void PrintOpeningHours(const Args& a) {
    std::string described;
    std::vector<std::string> problems;
    const bool open = OpenNow(a, &described, &problems);
    printf("open now:     %s (%s)\n", open ? "yes" : "no, the screen is dark until touched", described.c_str());
    for (const std::string& p : problems)
        printf("hours error:  %s\n", p.c_str());
}

int Status(const Args& a) {
    std::string error;
    if (!wsync::MakeDirs(a.Kiosk.DataDir, &error)) {
        fprintf(stderr, "wijkstem: %s\n", error.c_str());
        return 1;
    }
    auto journal = wsync::Journal::Open(wsync::JournalPath(a.Kiosk.DataDir), &error);
    wsync::JournalStatus st;
    if (!journal || !journal->Status(&st, &error)) {
        fprintf(stderr, "wijkstem: %s\n", error.c_str());
        return 1;
    }
    if (a.Json) {
        nlohmann::json j;
        j["device_id"] = st.DeviceId;
        j["answers"] = st.Answers;
        j["sessions"] = st.Sessions;
        j["waiting"] = st.Waiting;
        j["last_sync"] = st.LastSync.empty() ? nlohmann::json() : nlohmann::json(st.LastSync);
        j["last_sync_error"] = st.LastSyncError.empty() ? nlohmann::json() : nlohmann::json(st.LastSyncError);
        // Anti-stuffing, in the open: visits with an answer, and of those the flagged repeats.
        j["visits"] = st.Sessions;
        j["visits_counted"] = st.Sessions - st.SessionsFlagged;
        j["visits_flagged"] = st.SessionsFlagged;
        j["answers_flagged"] = st.AnswersFlagged;
        j["campfire_waiting"] = st.CampfireWaiting; // campfire sessions, results and agreements not yet at a store
        AddOpeningHours(a, &j);
        printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    printf("device:       %s\n", st.DeviceId.c_str());
    printf("answers:      %lld in %lld visit(s)\n", (long long)st.Answers, (long long)st.Sessions);
    printf("visits:       %lld counted, %lld flagged as a repeat (%lld flagged answer(s))\n",
           (long long)(st.Sessions - st.SessionsFlagged), (long long)st.SessionsFlagged, (long long)st.AnswersFlagged);
    printf("waiting:      %lld not yet at a store\n", (long long)st.Waiting);
    if (st.CampfireWaiting > 0)
        printf("campfire:     %lld item(s) not yet at a store\n", (long long)st.CampfireWaiting);
    printf("last sync:    %s\n", st.LastSync.empty() ? "never" : st.LastSync.c_str());
    if (!st.LastSyncError.empty())
        printf("last error:   %s\n", st.LastSyncError.c_str());
    PrintOpeningHours(a);
    return 0;
}

// Reads one line from stdin; on a terminal without echo, after a prompt.
bool ReadSecretLine(const char* prompt, bool terminal, std::string* out) {
    struct termios old {};
    if (terminal) {
        fprintf(stderr, "%s", prompt);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        struct termios quiet = old;
        quiet.c_lflag &= tcflag_t(~ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    out->clear();
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        *out += char(c);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fprintf(stderr, "\n");
    }
    if (!out->empty() && out->back() == '\r')
        out->pop_back();
    return c != EOF || !out->empty();
}

// The facilitator's PIN: from stdin (twice on a terminal, once from a pipe for scripts),
// stored as a salted hash. Never an argument: it would show in the process list.
int SetPin(const Args& a) {
    const bool terminal = isatty(STDIN_FILENO);
    std::string pin, again, why, hash, error;
    if (!ReadSecretLine("New PIN (4 to 8 digits): ", terminal, &pin)) {
        fprintf(stderr, "wijkstem: set-pin reads the PIN from stdin, and it was empty; no PIN was set\n");
        return 2;
    }
    if (!ValidNewPin(pin, &why)) {
        fprintf(stderr, "wijkstem: %s; no PIN was set\n", why.c_str());
        return 2;
    }
    if (terminal && (!ReadSecretLine("The same PIN again: ", true, &again) || again != pin)) {
        fprintf(stderr, "wijkstem: the two PINs differ; no PIN was set\n");
        return 2;
    }
    auto journal = OpenJournal(a);
    if (!journal)
        return 1;
    if (!HashPin(pin, &hash, &error) || !journal->SetPinHash(hash, &error)) {
        fprintf(stderr, "wijkstem: %s; no PIN was set\n", error.c_str());
        return 1;
    }
    printf("PIN set. The admin screen opens with a 3-second press in the bottom-left corner of the start screen.\n");
    return 0;
}

} // namespace

int Main(int argc, char** argv) {
    Args a;
    std::string error;
    if (!ParseArgs(argc, argv, &a, &error)) {
        fprintf(stderr, "wijkstem: %s\n\n%s", error.c_str(), kUsage);
        return 2;
    }
    if (a.Help) {
        printf("%s", kUsage);
        return 0;
    }
    const std::string cmd = a.Positional.empty() ? "" : a.Positional[0];
    auto want_args = [&](size_t n) {
        if (a.Positional.size() == n + 1)
            return true;
        fprintf(stderr, "wijkstem: '%s' takes %zu argument(s)\n\n%s", cmd.c_str(), n, kUsage);
        return false;
    };
    if (cmd == "check-content")
        return want_args(1) ? CheckContent(a.Positional[1]) : 2;
    if (a.RootOnInstalledData) { // files made by root would lock the kiosk out of its journal
        fprintf(stderr, "wijkstem: run this as the kiosk's user: sudo -u wijkstem wijkstem %s ...\n", cmd.c_str());
        return 1;
    }
    if (cmd.empty())
        return RunKiosk(a.Kiosk);
    if (cmd == "status")
        return want_args(0) ? Status(a) : 2;
    if (cmd == "enroll") // URL, and the code from stdin (preferred) or as an argument
        return a.Positional.size() == 2 || want_args(2) ? Enroll(a) : 2;
    if (cmd == "sync")
        return want_args(0) ? Sync(a) : 2;
    if (cmd == "export")
        return want_args(0) ? Export(a) : 2;
    if (cmd == "set-pin")
        return want_args(0) ? SetPin(a) : 2;
    fprintf(stderr, "wijkstem: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
}

} // namespace kiosk
