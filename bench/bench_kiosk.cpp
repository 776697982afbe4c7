// bench_kiosk: the kiosk's performance figures in one run (`make bench`). A benchmark,
// not a test: it measures and prints, and exits 1 only when it could not measure.
//
//   1. tap-to-committed: Journal::Commit next to a bare SQLite commit (WAL + FULL)
//   2. ImGui CPU per frame, NewFrame -> Render, headless, for every screen
//   3. idle CPU of the real binary on the attract screen under Xvfb (30 s)
//   4. start to first frame under Xvfb (median of 5 starts)
//   5. peak RSS (VmHWM) of the kiosk process
//
// Usage: bench_kiosk [--kiosk PATH] [--content DIR] [--tmp DIR] [--commits N]
//                    [--frames N] [--idle SECONDS] [--starts N] [--no-kiosk]
// Environment: WIJKSTEM_BIN (the kiosk binary, default: `wijkstem` next to this one),
// WIJKSTEM_CONTENT (the pack, default: the bundled gronings-model), TMPDIR.
#include "content/pack_loader.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/screens.hpp"
#include "sync/journal.hpp"
#include "sync/uuid.hpp"
#include "widgets/registry.hpp"
#include "widgets/fonts.hpp"
#include "widgets/theme.hpp"

#include "bench_util.hpp"

#include <imgui.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using namespace bench; // bench/bench_util.hpp
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

volatile sig_atomic_t g_runner_campfire = 0; // xvfb-run's group, while one runs
volatile sig_atomic_t g_kiosk_pid = 0;
volatile sig_atomic_t g_stop = 0; // Ctrl-C: stop the kiosk, clean up, print what we have

double MsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

//-----------------------------------------------------------------------------
// Small helpers: files, the machine, /proc
//-----------------------------------------------------------------------------

std::string FsType(const std::string& path) {
    struct statfs st;
    if (statfs(path.c_str(), &st) != 0)
        return "unknown";
    switch (unsigned(st.f_type)) {
    case 0xEF53: return "ext4";
    case 0x01021994: return "tmpfs (fsync is free: commit figures mean little)";
    case 0x58465342: return "xfs";
    case 0x9123683E: return "btrfs";
    case 0x794C7630: return "overlayfs";
    default: return Fmt("fs 0x%lx", (unsigned long)st.f_type);
    }
}

bool FindInPath(const std::string& name, std::string* out) {
    const char* path = getenv("PATH");
    std::stringstream ss(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(ss, dir, ':')) {
        std::string p = (dir.empty() ? "." : dir) + "/" + name;
        if (access(p.c_str(), X_OK) == 0) {
            if (out)
                *out = p;
            return true;
        }
    }
    return false;
}

struct ProcStat {
    bool Ok = false;
    std::string Comm;
    pid_t PPid = 0;
    long long Ticks = 0; // utime + stime, all threads of the process
};

ProcStat ReadProcStat(pid_t pid) {
    ProcStat ps;
    std::string s = ReadFileText("/proc/" + std::to_string(pid) + "/stat");
    size_t open = s.find('('), close = s.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return ps;
    ps.Comm = s.substr(open + 1, close - open - 1);
    std::istringstream rest(s.substr(close + 2));
    std::vector<std::string> f; // f[0] is field 3 (state)
    std::string tok;
    while (rest >> tok)
        f.push_back(tok);
    if (f.size() < 13)
        return ps;
    ps.PPid = pid_t(std::stol(f[1]));
    ps.Ticks = std::stoll(f[11]) + std::stoll(f[12]); // fields 14 utime, 15 stime
    ps.Ok = true;
    return ps;
}

// A number from /proc/PID/status (kB for the Vm lines), -1 when absent.
long long StatusField(const std::string& status_path, const std::string& key) {
    std::ifstream in(status_path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0)
            return std::atoll(line.c_str() + key.size() + 1);
    return -1;
}

long long StatusField(pid_t pid, const std::string& key) {
    return StatusField("/proc/" + std::to_string(pid) + "/status", key);
}

// Voluntary context switches of all threads: how often the process went to sleep,
// i.e. roughly how often it woke up.
long long Wakeups(pid_t pid) {
    long long total = 0;
    std::string dir = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        long long v = StatusField(e.path().string() + "/status", "voluntary_ctxt_switches");
        if (v > 0)
            total += v;
    }
    return total;
}

// The first child of parent whose comm is comm; 0 if none.
pid_t FindChild(pid_t parent, const std::string& comm) {
    DIR* d = opendir("/proc");
    if (!d)
        return 0;
    pid_t found = 0;
    while (dirent* e = readdir(d)) {
        char* end = nullptr;
        long pid = strtol(e->d_name, &end, 10);
        if (pid <= 0 || *end)
            continue;
        ProcStat ps = ReadProcStat(pid_t(pid));
        if (ps.Ok && ps.PPid == parent && ps.Comm == comm) {
            found = pid_t(pid);
            break;
        }
    }
    closedir(d);
    return found;
}

std::vector<std::string> CmdLine(pid_t pid) {
    std::string s = ReadFileText("/proc/" + std::to_string(pid) + "/cmdline");
    std::vector<std::string> out;
    size_t at = 0;
    while (at < s.size()) {
        size_t z = s.find('\0', at);
        if (z == std::string::npos)
            z = s.size();
        out.push_back(s.substr(at, z - at));
        at = z + 1;
    }
    return out;
}

//-----------------------------------------------------------------------------
// 1. Tap-to-committed: the journal next to a bare SQLite commit
//-----------------------------------------------------------------------------

bool Exec(sqlite3* db, const char* sql, std::string* error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    *error = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    return false;
}

std::string PragmaText(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    std::string v = "?";
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

struct Bare {
    sqlite3* Db = nullptr;
    sqlite3_stmt* Begin = nullptr;
    sqlite3_stmt* Insert = nullptr;
    sqlite3_stmt* Commit = nullptr;
    ~Bare() {
        sqlite3_finalize(Begin);
        sqlite3_finalize(Insert);
        sqlite3_finalize(Commit);
        sqlite3_close(Db);
    }
    bool Open(const std::string& path, std::string* error) {
        if (sqlite3_open_v2(path.c_str(), &Db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
            *error = "cannot open " + path;
            return false;
        }
        if (!Exec(Db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                      "CREATE TABLE answers(id INTEGER PRIMARY KEY, value TEXT NOT NULL);",
                  error))
            return false;
        const char* sqls[] = {"BEGIN IMMEDIATE", "INSERT INTO answers(value) VALUES(?1)", "COMMIT"};
        sqlite3_stmt** stmts[] = {&Begin, &Insert, &Commit};
        for (int i = 0; i < 3; i++)
            if (sqlite3_prepare_v2(Db, sqls[i], -1, stmts[i], nullptr) != SQLITE_OK) {
                *error = sqlite3_errmsg(Db);
                return false;
            }
        return true;
    }
    // One row in its own transaction.
    bool InsertOne(const std::string& value, std::string* error) {
        sqlite3_reset(Begin);
        sqlite3_reset(Insert);
        sqlite3_reset(Commit);
        sqlite3_bind_text(Insert, 1, value.data(), int(value.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(Begin) != SQLITE_DONE || sqlite3_step(Insert) != SQLITE_DONE ||
            sqlite3_step(Commit) != SQLITE_DONE) {
            *error = sqlite3_errmsg(Db);
            Exec(Db, "ROLLBACK", error);
            return false;
        }
        return true;
    }
};

int64_t WallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool BenchJournal(const std::string& dir, int n) {
    std::string error;
    if (!wsync::MakeDirs(dir, &error)) {
        fprintf(stderr, "bench: %s\n", error.c_str());
        return false;
    }
    Progress(Fmt("journal: %d commits, interleaved with %d bare SQLite commits, in %s (%s)", n, n, dir.c_str(),
                 FsType(dir).c_str()));
    auto journal = wsync::Journal::Open(wsync::JournalPath(dir), &error);
    if (!journal) {
        fprintf(stderr, "bench: %s\n", error.c_str());
        return false;
    }
    Bare bare;
    if (!bare.Open(dir + "/bare.sqlite", &error)) {
        fprintf(stderr, "bench: the bare SQLite database: %s\n", error.c_str());
        return false;
    }
    // Both must really be WAL + FULL (synchronous 2), or the comparison means nothing.
    const std::string jmode = PragmaText(journal->Handle(), "PRAGMA journal_mode");
    const std::string jsync = PragmaText(journal->Handle(), "PRAGMA synchronous");
    const std::string bmode = PragmaText(bare.Db, "PRAGMA journal_mode");
    const std::string bsync = PragmaText(bare.Db, "PRAGMA synchronous");
    Progress("journal: journal_mode=" + jmode + " synchronous=" + jsync + "; bare: journal_mode=" + bmode +
             " synchronous=" + bsync);
    if (jmode != "wal" || jsync != "2" || bmode != "wal" || bsync != "2") {
        fprintf(stderr, "bench: the journal and the baseline are not both WAL + synchronous=FULL\n");
        return false;
    }

    wsync::AnswerRecord rec;
    rec.PackId = "gronings-model";
    rec.PackVersion = "1";
    rec.QuestionId = "prettig-wonen";
    rec.Value = "3";
    rec.Lang = "nl";
    std::vector<double> jt, bt;
    jt.reserve(size_t(n));
    bt.reserve(size_t(n));
    const int warmup = 20; // the first commits create the WAL file and warm the caches
    for (int i = 0; i < warmup + n; i++) {
        if (g_stop)
            return false;
        if (i % 4 == 0)
            rec.SessionId = wsync::NewUuidV4(); // a visit of four answers
        rec.AnsweredAtMs = WallMs();
        wsync::CommittedAnswer done;
        auto t0 = Clock::now();
        bool ok = journal->Commit(rec, &done, &error);
        auto t1 = Clock::now();
        if (!ok) {
            fprintf(stderr, "bench: Journal::Commit failed: %s\n", error.c_str());
            return false;
        }
        auto t2 = Clock::now();
        ok = bare.InsertOne(rec.Value, &error);
        auto t3 = Clock::now();
        if (!ok) {
            fprintf(stderr, "bench: the bare insert failed: %s\n", error.c_str());
            return false;
        }
        if (i >= warmup) {
            jt.push_back(MsBetween(t0, t1));
            bt.push_back(MsBetween(t2, t3));
        }
    }
    Stats j = Summarize(jt), b = Summarize(bt);
    double ratio = j.P99 / b.P99;
    Progress(Fmt("journal: Journal::Commit p50 %.3f ms p99 %.3f ms max %.3f ms; bare p50 %.3f ms p99 %.3f ms max %.3f ms",
                 j.P50, j.P99, j.Max, b.P50, b.P99, b.Max));
    AddRow(Fmt("Journal::Commit p50 (n=%zu)", j.N), Fmt("%.3f ms", j.P50));
    AddRow(Fmt("Journal::Commit p99 (n=%zu)", j.N), Fmt("%.3f ms", j.P99));
    AddRow(Fmt("bare SQLite commit p50 (n=%zu)", b.N), Fmt("%.3f ms", b.P50), "FACTS: 0.27 ms");
    AddRow(Fmt("bare SQLite commit p99 (n=%zu)", b.N), Fmt("%.3f ms", b.P99), "FACTS: 1.27 ms");
    AddRow("p99 journal / p99 bare", Fmt("%.2fx", ratio), "<= 2x", Verdict(ratio <= 2.0));
    AddRow("p50 journal / p50 bare", Fmt("%.2fx", j.P50 / b.P50));
    return true;
}

//-----------------------------------------------------------------------------
// 2. ImGui CPU per frame, headless (example_null)
//-----------------------------------------------------------------------------

struct NamedState {
    std::string Name;
    kiosk::FlowState State;
    double Now = 0.0; // the clock the screen is drawn at
    kiosk::Screen Expect = kiosk::Screen::Attract;
};

bool BuildStates(const kiosk::FlowContext& flow, std::vector<NamedState>* out, std::string* error) {
    using kiosk::Action;
    using kiosk::CommonKind;
    using kiosk::VisitKind;
    using kiosk::Screen;
    const content::Pack& pack = *flow.Pack;
    std::vector<kiosk::Effect> fx;
    const double t0 = 1000.0;
    const kiosk::FlowState attract = kiosk::InitialState(flow, "", t0);
    out->push_back({"attract", attract, t0, Screen::Attract});

    kiosk::FlowState started = kiosk::Step(flow, attract, kiosk::VisitAction{VisitKind::Start, "bench-session"}, t0, &fx);
    if (started.Screen != Screen::Question) {
        *error = "the pack's start poll has no question";
        return false;
    }
    // One question of each type, from the start poll first, then any poll or zone. Drafts
    // are filled in (every option chosen, every matrix row set): the busiest frame.
    std::vector<const content::Poll*> polls;
    if (const content::Poll* sp = pack.FindPoll(pack.StartPoll))
        polls.push_back(sp);
    for (const auto* list : {&pack.Polls, &pack.Zones})
        for (const content::Poll& p : *list)
            if (p.Id != pack.StartPoll)
                polls.push_back(&p);
    using QT = content::QuestionType;
    for (QT type :
         {QT::Smiley, QT::YesNo, QT::Single, QT::Agree, QT::Multiple, QT::Top, QT::Budget, QT::Matrix, QT::Text}) {
        bool found = false;
        for (const content::Poll* p : polls) {
            for (size_t i = 0; i < p->Questions.size() && !found; i++)
                if (p->Questions[i].Type == type) {
                    const content::Question& q = p->Questions[i];
                    kiosk::FlowState s = started;
                    s.PollId = p->Id;
                    s.Praatplaat = p->Kind != content::PollKind::Poll;
                    s.QuestionIndex = int(i);
                    for (const content::Option& o : q.Options) {
                        s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::Toggle, o.Id}, t0, &fx);
                        s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::Increase, o.Id}, t0, &fx);
                    }
                    for (const content::Option& row : q.Rows)
                        s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::SetCell, row.Id + "=" + q.Options.back().Id}, t0, &fx);
                    if (type == QT::Text) // the keyboard on screen, and a long text above it
                        for (int k = 0; k < 40; k++)
                            for (const char* c : {"m", "e", "é", "r", " ", "ł", "ş", "Ü"})
                                s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::TypeText, c}, t0, &fx);
                    out->push_back({std::string("question ") + content::QuestionTypeName(type) + " (" + q.Id + ")", s,
                                    t0, Screen::Question});
                    found = true;
                }
            if (found)
                break;
        }
        if (!found)
            Progress(std::string("frames: the pack has no question of type ") + content::QuestionTypeName(type) +
                     "; skipped");
    }

    if (pack.HasPraatplaat()) {
        kiosk::FlowState pp = kiosk::Step(flow, attract, kiosk::VisitAction{VisitKind::StartPraatplaat, "bench-session"}, t0, &fx);
        out->push_back({"intro", pp, t0, Screen::Intro});
        pp = kiosk::Step(flow, pp, kiosk::VisitAction{VisitKind::Next, {}}, t0, &fx);
        for (size_t z = 0; z + 1 < pack.Zones.size(); z += 2) // half the zones finished
            pp.DoneZones.push_back(pack.Zones[z].Id);
        out->push_back({"poster", pp, t0, Screen::Poster});
        // The outcome with a lean and witte vlekken: "wijk" everywhere, the weakest answers.
        kiosk::FlowState oc = kiosk::Step(flow, pp, kiosk::VisitAction{VisitKind::ShowOutcome, {}}, t0, &fx);
        for (const content::Poll& z : pack.Zones)
            for (const content::Question& q : z.Questions) {
                if (q.Type == QT::Matrix)
                    for (const content::Option& row : q.Rows)
                        oc.Given.push_back({content::MatrixAnswerId(q, row.Id), q.Options.back().Id});
                else if (!q.Options.empty())
                    oc.Given.push_back({q.Id, q.Type == QT::Single ? q.Options.back().Id : q.Options[1 % q.Options.size()].Id});
            }
        out->push_back({"outcome", oc, t0, Screen::Outcome});
        // Results: a chart of the first zone's first question, with made-up counts.
        kiosk::FlowState rs = pp;
        rs.Screen = Screen::Results;
        const content::Question& first = pack.Zones.front().Questions.front();
        kiosk::Chart chart;
        chart.AnswerId = first.Type == QT::Matrix && !first.Rows.empty() ? content::MatrixAnswerId(first, first.Rows[0].Id)
                                                                         : first.Id;
        for (size_t k = 0; k < first.Options.size(); k++)
            chart.Counts.push_back({first.Options[k].Id, (long long)(k * 7 + 3)});
        chart.Respondents = 40;
        rs.Charts.push_back(chart);
        out->push_back({"results", rs, t0, Screen::Results});
    }

    // Arabic: every line shaped and ordered by FriBidi, the layout mirrored, on each frame.
    if (std::find(pack.Languages.begin(), pack.Languages.end(), "ar") != pack.Languages.end()) {
        kiosk::FlowState ar = kiosk::Step(flow, attract, kiosk::VisitAction{VisitKind::SetLanguage, "ar"}, t0, &fx);
        out->push_back({"attract in Arabic", ar, t0, Screen::Attract});
        ar = kiosk::Step(flow, ar, kiosk::VisitAction{VisitKind::Start, "bench-session"}, t0, &fx);
        out->push_back({"question smiley in Arabic", ar, t0, Screen::Question});
    }

    // Thanks: answer the first question, let it commit, stop.
    const content::Question* q = kiosk::CurrentQuestion(flow, started);
    kiosk::FlowState s = kiosk::Step(flow, started, kiosk::VisitAction{VisitKind::Answer, q->Options.front().Id}, t0, &fx);
    kiosk::FlowState answered = s;
    s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::Committed, {}}, t0, &fx);
    s = kiosk::Step(flow, s, kiosk::VisitAction{VisitKind::Stop, {}}, t0, &fx);
    out->push_back({"thanks", s, t0, Screen::Thanks});

    // Still there: no input for the idle time-out; drawn 5 s into its countdown.
    const double idle = t0 + flow.Config.IdleTimeout + 0.01;
    s = kiosk::Step(flow, started, kiosk::CommonAction{CommonKind::Tick}, idle, &fx);
    out->push_back({"still-there", s, idle + 5.0, Screen::StillThere});

    // Error: the commit failed.
    s = kiosk::Step(flow, answered, kiosk::VisitAction{VisitKind::CommitFailed, "bench"}, t0, &fx);
    out->push_back({"error", s, t0, Screen::Error});

    for (const NamedState& ns : *out)
        if (ns.State.Screen != ns.Expect) {
            *error = "could not bring the flow to the " + ns.Name + " screen (it shows " +
                     kiosk::ScreenName(ns.State.Screen) + ")";
            return false;
        }
    return true;
}

bool BenchFrames(const std::string& content_dir, int frames) {
    content::LoadResult loaded = content::LoadPack(content_dir);
    if (!loaded.Ok()) {
        for (const content::Problem& p : loaded.Problems)
            fprintf(stderr, "%s\n", p.Format().c_str());
        fprintf(stderr, "bench: the content pack in %s has problems (set WIJKSTEM_CONTENT or --content)\n",
                content_dir.c_str());
        return false;
    }
    kiosk::FlowContext flow;
    flow.Pack = &loaded.Pack;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    widgets::Theme theme = widgets::MakeTheme(1920, 1080, 96.0f / 25.4f);
    std::string error;
    // Baseline in the same run: the Latin letters alone (what a Dutch and English pack needs).
    std::string latin_row, latin_ms;
    auto b0 = Clock::now();
    if (widgets::LoadFonts(&theme, &error)) {
        unsigned char* latin_pixels = nullptr;
        int lw = 0, lh = 0;
        io.Fonts->GetTexDataAsRGBA32(&latin_pixels, &lw, &lh);
        latin_row = Fmt("  baseline: the same 4 fonts, Latin only (%dx%d)", lw, lh);
        latin_ms = Fmt("%.1f ms", MsBetween(b0, Clock::now()));
    }
    auto a0 = Clock::now();
    // Every language's glyphs, as the kiosk loads them (Arabic joined).
    const widgets::GlyphSet glyphs = widgets::GlyphsFor(content::AllTexts(loaded.Pack));
    bool fonts = widgets::LoadFonts(&theme, glyphs, &error);
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    if (fonts)
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th); // as a renderer would ask
    auto a1 = Clock::now();
    if (!fonts) {
        fprintf(stderr, "bench: %s\n", error.c_str());
        ImGui::DestroyContext();
        return false;
    }
    widgets::ApplyStyle(theme);
    Progress(Fmt("frames: font atlas %dx%d built in %.1f ms (LoadFonts + GetTexDataAsRGBA32)", tw, th,
                 MsBetween(a0, a1)));
    AddRow(Fmt("font atlas build, 4 fonts, all %zu languages' glyphs (%dx%d)", loaded.Pack.Languages.size(), tw, th),
           Fmt("%.1f ms", MsBetween(a0, a1)),
           "FACTS: 1.6 ms (1 font)");
    if (!latin_row.empty())
        AddRow(latin_row, latin_ms);

    std::vector<NamedState> states;
    if (!BuildStates(flow, &states, &error)) {
        fprintf(stderr, "bench: %s\n", error.c_str());
        ImGui::DestroyContext();
        return false;
    }
    const int warmup = 30; // ImGui lays a new window out over its first frames
    std::vector<kiosk::Action> actions;
    for (const NamedState& ns : states) {
        if (g_stop) {
            ImGui::DestroyContext();
            return false;
        }
        std::vector<double> t;
        t.reserve(size_t(frames));
        theme.Rtl = content::IsRightToLeft(ns.State.Lang); // as the kiosk sets it for each frame
        kiosk::ScreenContext sc{&flow, &theme, io.DisplaySize, ns.Now};
        int vtx = 0;
        size_t targets = 0, texts = 0;
        for (int i = 0; i < warmup + frames; i++) {
            io.DisplaySize = ImVec2(1920, 1080);
            io.DeltaTime = 1.0f / 60.0f;
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); // nobody touches: the kiosk waits
            io.MouseDown[0] = false;
            actions.clear();
            auto t0 = Clock::now();
            ImGui::NewFrame();
            widgets::BeginRecord();
            kiosk::DrawScreen(sc, ns.State, &actions);
            ImGui::Render();
            auto t1 = Clock::now();
            if (i >= warmup)
                t.push_back(MsBetween(t0, t1));
            vtx = ImGui::GetDrawData()->TotalVtxCount;
            targets = widgets::Record().Targets.size();
            texts = widgets::Record().Texts.size();
        }
        if (!actions.empty())
            Progress("frames: the " + ns.Name + " screen emitted actions without input (unexpected)");
        Stats s = Summarize(t);
        bool pass = s.P99 < 1.0;
        Progress(Fmt("frames: %-34s median %.3f ms  p99 %.3f ms  max %.3f ms  (%d vertices, %zu targets, %zu texts)",
                     ns.Name.c_str(), s.P50, s.P99, s.Max, vtx, targets, texts));
        AddRow("ImGui frame " + ns.Name, Fmt("%.3f / %.3f ms", s.P50, s.P99), "p99 < 1 ms", Verdict(pass));
    }
    ImGui::DestroyContext();
    return true;
}

//-----------------------------------------------------------------------------
// 3-5. The real binary under Xvfb
//-----------------------------------------------------------------------------


// First Ctrl-C: SIGTERM to the kiosk (xvfb-run then stops its Xvfb and removes its
// auth folder), and the bench unwinds. A second one: the whole group, and out.
void OnInterrupt(int sig) {
    if (g_stop) {
        if (g_runner_campfire > 0)
            kill(-pid_t(g_runner_campfire), SIGTERM);
        _exit(128 + sig);
    }
    g_stop = 1;
    if (g_kiosk_pid > 0)
        kill(pid_t(g_kiosk_pid), SIGTERM);
    else if (g_runner_campfire > 0)
        kill(-pid_t(g_runner_campfire), SIGTERM);
}

// Sleeps, but wakes for Ctrl-C. False when interrupted.
bool Nap(double seconds) {
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (!g_stop && Clock::now() < end)
        std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), std::chrono::milliseconds(50)));
    return !g_stop;
}

// Reaps every exited child (the bench is a subreaper, so the kiosk and Xvfb come back
// to it when xvfb-run ends first).
void ReapAll() {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
}

// Waits until no child is left (ECHILD): xvfb-run's Xvfb and kiosk are ours once
// xvfb-run is gone. After timeout_s, SIGKILL to group (if any) and one more wait.
// False if children are still there.
bool DrainChildren(double timeout_s, pid_t group) {
    const auto end = Clock::now() + std::chrono::duration<double>(timeout_s);
    for (bool killed = false;;) {
        pid_t r;
        while ((r = waitpid(-1, nullptr, WNOHANG)) > 0) {
        }
        if (r < 0 && errno == ECHILD)
            return true;
        if (Clock::now() >= end) {
            if (killed || group <= 0)
                return false;
            kill(-group, SIGKILL);
            killed = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

bool Alive(pid_t pid) {
    ReapAll();
    return pid > 0 && kill(pid, 0) == 0;
}

struct Kiosk {
    pid_t Runner = 0; // xvfb-run, leader of its own process group
    int Out = -1;     // the kiosk's stdout (--trace)
    std::string ErrPath;
    std::string Buffer;
    pid_t Pid = 0;  // wijkstem
    pid_t Xvfb = 0; // the X server
    std::string AuthDir;
    Clock::time_point Spawned;
};

std::string Tail(const std::string& path) {
    std::string s = ReadFileText(path);
    if (s.empty())
        return "(empty)\n";
    if (s.size() > 2000)
        s = "..." + s.substr(s.size() - 2000);
    return s;
}

bool Spawn(const std::vector<std::string>& args, const std::string& err_path, pid_t* pid, int* out_fd,
           std::string* error) {
    int fds[2] = {-1, -1};
    if (out_fd && pipe2(fds, O_CLOEXEC) != 0) {
        *error = std::string("pipe: ") + strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (out_fd)
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    else
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0); // its own group, so it can be stopped whole
    std::vector<char*> argv;
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int rc = posix_spawnp(pid, argv[0], &fa, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (out_fd)
        close(fds[1]);
    if (rc != 0) {
        if (out_fd)
            close(fds[0]);
        *error = "cannot start " + args[0] + ": " + strerror(rc);
        return false;
    }
    if (out_fd)
        *out_fd = fds[0];
    return true;
}

bool StartKiosk(const std::string& binary, const std::string& data_dir, Kiosk* k, std::string* error) {
    k->ErrPath = data_dir + ".stderr";
    std::vector<std::string> args = {"xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", binary, "--windowed",
                                     "1920x1080", "--data", data_dir, "--trace"};
    k->Spawned = Clock::now();
    if (!Spawn(args, k->ErrPath, &k->Runner, &k->Out, error))
        return false;
    g_runner_campfire = k->Runner;
    return true;
}

// Reads the kiosk's stdout until the line want; the time it came in *at.
bool WaitForLine(Kiosk* k, const std::string& want, double timeout_s, Clock::time_point* at, std::string* error) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeout_s);
    for (;;) {
        size_t nl;
        while ((nl = k->Buffer.find('\n')) != std::string::npos) {
            std::string line = k->Buffer.substr(0, nl);
            k->Buffer.erase(0, nl + 1);
            if (line == want) {
                *at = Clock::now();
                return true;
            }
        }
        double left = std::chrono::duration<double, std::milli>(deadline - Clock::now()).count();
        if (left <= 0) {
            *error = Fmt("no '%s' line from the kiosk within %.0f s; its stderr:\n", want.c_str(), timeout_s) +
                     Tail(k->ErrPath);
            return false;
        }
        if (g_stop) {
            *error = "interrupted";
            return false;
        }
        pollfd p{k->Out, POLLIN, 0};
        int r = poll(&p, 1, int(std::ceil(left)));
        if (r < 0 && errno != EINTR) {
            *error = std::string("poll: ") + strerror(errno);
            return false;
        }
        if (r <= 0)
            continue;
        char buf[4096];
        ssize_t n = read(k->Out, buf, sizeof buf);
        if (n > 0) {
            k->Buffer.append(buf, size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (g_stop) {
            *error = "interrupted";
            return false;
        }
        // End of file: the kiosk (or xvfb-run) is gone.
        int status = 0;
        waitpid(k->Runner, &status, 0);
        DrainChildren(3.0, k->Runner);
        k->Runner = 0;
        g_runner_campfire = 0;
        *error = Fmt("the kiosk ended before '%s' (xvfb-run %s %d); its stderr:\n", want.c_str(),
                     WIFEXITED(status) ? "exit status" : "signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status)) +
                 Tail(k->ErrPath);
        return false;
    }
}

// After the first frame: the kiosk and Xvfb processes, children of xvfb-run.
bool FindKioskProcesses(const std::string& binary, Kiosk* k, std::string* error) {
    std::string comm = fs::path(binary).filename().string().substr(0, 15); // TASK_COMM_LEN
    k->Pid = FindChild(k->Runner, comm);
    k->Xvfb = FindChild(k->Runner, "Xvfb");
    g_kiosk_pid = k->Pid;
    if (!k->Pid) {
        *error = "cannot find the " + comm + " process under xvfb-run (pid " + std::to_string(k->Runner) + ")";
        return false;
    }
    if (k->Xvfb) {
        std::vector<std::string> cmd = CmdLine(k->Xvfb);
        for (size_t i = 0; i + 1 < cmd.size(); i++)
            if (cmd[i] == "-auth")
                k->AuthDir = fs::path(cmd[i + 1]).parent_path().string();
    }
    return true;
}

// SIGTERM to the kiosk, so xvfb-run stops its Xvfb and removes its auth folder
// itself; then SIGTERM (and at last SIGKILL) to the whole xvfb-run group for
// whatever is left. Reports what it had to do; false if an Xvfb survived.
bool StopKiosk(Kiosk* k, std::string* note) {
    auto wait_runner = [&](double secs) {
        const auto end = Clock::now() + std::chrono::duration<double>(secs);
        while (k->Runner && Clock::now() < end) {
            int status = 0;
            if (waitpid(k->Runner, &status, WNOHANG) == k->Runner) {
                k->Runner = 0;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return k->Runner == 0;
    };
    const pid_t group = k->Runner;
    g_kiosk_pid = 0;
    if (k->Pid > 0)
        kill(k->Pid, SIGTERM);
    if (k->Runner && !wait_runner(5.0)) {
        *note += "xvfb-run did not end after the kiosk's SIGTERM; SIGTERM to its group. ";
        kill(-group, SIGTERM);
        if (!wait_runner(3.0)) {
            *note += "SIGKILL to its group. ";
            kill(-group, SIGKILL);
            wait_runner(3.0);
        }
    }
    if (!DrainChildren(3.0, group)) // Xvfb and the kiosk come back to us when xvfb-run ends first
        *note += "processes of the xvfb-run group were still running after SIGKILL. ";
    g_runner_campfire = 0;
    if (k->Out >= 0)
        close(k->Out);
    k->Out = -1;
    bool xvfb_gone = true;
    const auto end = Clock::now() + std::chrono::seconds(3);
    while (Alive(k->Xvfb) && Clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (Alive(k->Xvfb)) {
        *note += "Xvfb (pid " + std::to_string(k->Xvfb) + ") survived; SIGKILL. ";
        kill(k->Xvfb, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        xvfb_gone = !Alive(k->Xvfb);
    }
    std::error_code ec;
    if (!k->AuthDir.empty() && k->AuthDir.rfind("/tmp/xvfb-run.", 0) == 0 && fs::exists(k->AuthDir, ec)) {
        *note += "xvfb-run left " + k->AuthDir + "; removed. ";
        fs::remove_all(k->AuthDir, ec);
    }
    return xvfb_gone;
}

struct CpuSample {
    long long Ticks = 0;
    long long Wakeups = 0;
    bool Ok = false;
};

CpuSample SampleCpu(pid_t pid) {
    CpuSample s;
    ProcStat ps = ReadProcStat(pid);
    s.Ok = ps.Ok;
    s.Ticks = ps.Ticks;
    s.Wakeups = Wakeups(pid);
    return s;
}

// The baseline for the kiosk's memory: bench/bare_window.cpp (a GLFW + ImGui window with
// the same fonts at the same sizes) under xvfb-run, its VmHWM 2 s after its first frame.
// -1 when it cannot run (the reason in *error).
long long BareWindowPeakKb(const std::string& bare, const std::string& tmp, std::string* error) {
    Kiosk k;
    if (!fs::exists(bare)) {
        *error = bare + " is not there (build the bare_window target)";
        return -1;
    }
    if (!StartKiosk(bare, tmp + "/bare", &k, error))
        return -1;
    Clock::time_point at;
    long long kb = -1;
    if (WaitForLine(&k, "screen attract", 60.0, &at, error) && FindKioskProcesses(bare, &k, error)) {
        Nap(2.0);
        kb = StatusField(k.Pid, "VmHWM");
    }
    std::string note;
    StopKiosk(&k, &note);
    return kb;
}

bool BenchKiosk(const std::string& binary, const std::string& tmp, int starts, double idle_s) {
    std::string xvfb_run;
    if (!FindInPath("xvfb-run", &xvfb_run)) {
        fprintf(stderr, "bench: xvfb-run is not installed (Debian package xvfb); the kiosk figures need it\n");
        return false;
    }
    if (!FindInPath("xauth", nullptr)) {
        fprintf(stderr, "bench: xauth is not installed (Debian package xauth); xvfb-run needs it\n");
        return false;
    }
    if (access(binary.c_str(), X_OK) != 0) {
        fprintf(stderr,
                "bench: the kiosk binary %s is not there (build the wijkstem target, or give --kiosk PATH or "
                "WIJKSTEM_BIN)\n",
                binary.c_str());
        return false;
    }
    const long tck = sysconf(_SC_CLK_TCK);
    std::vector<double> start_ms;
    std::vector<long long> hwm_kb;
    double idle_pct = NAN, xvfb_pct = NAN, sleep_pct = NAN, wake_per_s = NAN;
    long long idle_hwm = -1, idle_rss = -1;
    int threads = -1;
    std::string notes;
    for (int run = 0; run < starts; run++) {
        const bool idle_run = run == starts - 1;
        Kiosk k;
        std::string error;
        std::string data = tmp + "/kiosk-" + std::to_string(run);
        if (!StartKiosk(binary, data, &k, &error)) {
            fprintf(stderr, "bench: %s\n", error.c_str());
            return false;
        }
        Clock::time_point at;
        bool ok = WaitForLine(&k, "screen attract", 60.0, &at, &error) && FindKioskProcesses(binary, &k, &error);
        if (!ok) {
            std::string note;
            StopKiosk(&k, &note);
            fprintf(stderr, "bench: start %d: %s\n", run + 1, error.c_str());
            return false;
        }
        start_ms.push_back(MsBetween(k.Spawned, at));
        Progress(Fmt("kiosk: start %d/%d: 'screen attract' after %.0f ms (kiosk pid %d, Xvfb pid %d)", run + 1,
                     starts, start_ms.back(), int(k.Pid), int(k.Xvfb)));

        if (idle_run) {
            // Let the start settle (the second frame, Mesa's threads), then measure.
            Nap(2.0);
            pid_t sleeper = 0;
            std::string serr;
            const std::string secs = std::to_string(int(std::ceil(idle_s)) + 10);
            if (!Spawn({"sleep", secs}, "/dev/null", &sleeper, nullptr, &serr))
                Progress("kiosk: no sleep baseline: " + serr);
            threads = int(StatusField(k.Pid, "Threads"));
            Progress(Fmt("kiosk: idle on the attract screen for %.0f s (%d threads)...", idle_s, threads));
            CpuSample a0 = SampleCpu(k.Pid), x0 = SampleCpu(k.Xvfb), s0 = SampleCpu(sleeper);
            auto w0 = Clock::now();
            Nap(idle_s);
            CpuSample a1 = SampleCpu(k.Pid), x1 = SampleCpu(k.Xvfb), s1 = SampleCpu(sleeper);
            double wall = std::chrono::duration<double>(Clock::now() - w0).count();
            auto pct = [&](const CpuSample& b, const CpuSample& e) {
                return b.Ok && e.Ok ? 100.0 * double(e.Ticks - b.Ticks) / double(tck) / wall : NAN;
            };
            idle_pct = pct(a0, a1);
            xvfb_pct = pct(x0, x1);
            sleep_pct = pct(s0, s1);
            wake_per_s = a1.Ok && a0.Ok ? double(a1.Wakeups - a0.Wakeups) / wall : NAN;
            if (sleeper > 0) {
                kill(sleeper, SIGTERM);
                waitpid(sleeper, nullptr, 0);
            }
            if (g_stop) {
                std::string note;
                StopKiosk(&k, &note);
                fprintf(stderr, "bench: interrupted\n");
                return false;
            }
            if (!a1.Ok) {
                std::string note;
                StopKiosk(&k, &note);
                fprintf(stderr, "bench: the kiosk died while idle; its stderr:\n%s\n", Tail(k.ErrPath).c_str());
                return false;
            }
            Progress(Fmt("kiosk: idle CPU %.3f%% of a core (%lld ticks of 1/%ld s in %.1f s), %.2f wake-ups/s; "
                         "Xvfb %.3f%%, sleep %.3f%%",
                         idle_pct, a1.Ticks - a0.Ticks, tck, wall, wake_per_s, xvfb_pct, sleep_pct));
            idle_hwm = StatusField(k.Pid, "VmHWM");
            idle_rss = StatusField(k.Pid, "VmRSS");
            hwm_kb.push_back(idle_hwm);
        } else {
            Nap(0.5);
            hwm_kb.push_back(StatusField(k.Pid, "VmHWM"));
        }
        std::string note;
        const bool stopped = StopKiosk(&k, &note);
        if (g_stop) {
            fprintf(stderr, "bench: interrupted\n");
            return false;
        }
        if (!stopped) {
            fprintf(stderr, "bench: an Xvfb was left behind: %s\n", note.c_str());
            return false;
        }
        if (!note.empty())
            notes += note;
    }
    if (!notes.empty())
        Progress("kiosk: stopping needed: " + notes);
    else
        Progress("kiosk: every run stopped cleanly (SIGTERM; xvfb-run stopped its Xvfb)");
    std::string bare_error;
    const long long bare_hwm = BareWindowPeakKb(SelfDir() + "/bare_window", tmp, &bare_error);
    if (bare_hwm < 0)
        Progress("kiosk: no bare-window baseline: " + bare_error);

    std::vector<double> sorted = start_ms;
    std::sort(sorted.begin(), sorted.end());
    Stats st = Summarize(start_ms);
    AddRow(Fmt("idle CPU, attract screen, %.0f s", idle_s), Fmt("%.3f %% of a core", idle_pct), "< 1 %",
           Verdict(idle_pct < 1.0));
    AddRow("  resolution (one clock tick in the window)", Fmt("%.3f %% of a core", 100.0 / double(tck) / idle_s));
    AddRow("  wake-ups of the kiosk (all threads)", Fmt("%.2f /s", wake_per_s));
    AddRow("  baseline: idle Xvfb, same window", Fmt("%.3f %% of a core", xvfb_pct));
    AddRow("  baseline: sleep, same window", Fmt("%.3f %% of a core", sleep_pct));
    AddRow(Fmt("start to first frame, median of %zu", start_ms.size()), Fmt("%.0f ms", st.P50),
           "FACTS: about 500 ms", "info");
    AddRow("  fastest / slowest start", Fmt("%.0f / %.0f ms", sorted.front(), sorted.back()));
    long long hmin = *std::min_element(hwm_kb.begin(), hwm_kb.end());
    long long hmax = *std::max_element(hwm_kb.begin(), hwm_kb.end());
    AddRow("peak RSS (VmHWM) of the idled kiosk", Fmt("%.1f MiB", double(idle_hwm) / 1024.0), "FACTS: about 113 MB",
           "info");
    if (bare_hwm > 0) { // issue 15: within 30 MB of a bare window with the same fonts, same run
        const double over_mb = double(idle_hwm - bare_hwm) * 1024.0 / 1e6;
        AddRow("  baseline: bare GLFW + ImGui window, same 4 fonts and sizes", Fmt("%.1f MiB", double(bare_hwm) / 1024.0));
        AddRow("  kiosk above the bare window", Fmt("%.1f MB", over_mb), "<= 30 MB", Verdict(over_mb <= 30.0));
    }
    AddRow(Fmt("  VmHWM over all %zu starts", hwm_kb.size()),
           Fmt("%.1f - %.1f MiB", double(hmin) / 1024.0, double(hmax) / 1024.0));
    AddRow("RSS (VmRSS) of the idled kiosk, after 30 s", Fmt("%.1f MiB", double(idle_rss) / 1024.0), "", "info");
    return true;
}

//-----------------------------------------------------------------------------
// main
//-----------------------------------------------------------------------------

std::string DefaultContent() {
    if (const char* env = getenv("WIJKSTEM_CONTENT"); env && *env)
        return env;
    std::error_code ec;
    // The source tree this file was compiled from, then next to the binary's tree.
    fs::path src = fs::path(__FILE__).parent_path().parent_path() / "content/packs/gronings-model";
    if (fs::exists(src / "pack.json", ec))
        return src.string();
    fs::path near = fs::path(SelfDir()).parent_path() / "content/packs/gronings-model";
    if (fs::exists(near / "pack.json", ec))
        return near.string();
    return "content/packs/gronings-model";
}

void Usage() {
    fprintf(stderr, "usage: bench_kiosk [--kiosk PATH] [--content DIR] [--tmp DIR] [--commits N] [--frames N]\n"
                    "                   [--idle SECONDS] [--starts N] [--no-kiosk]\n");
}

} // namespace

int main(int argc, char** argv) {
    std::string binary = EnvOr("WIJKSTEM_BIN", SelfDir() + "/wijkstem");
    std::string content_dir = DefaultContent();
    std::string tmp_root = EnvOr("TMPDIR", "/tmp");
    int commits = 2000, frames = 2000, starts = 5;
    double idle_s = 30.0;
    bool with_kiosk = true;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&] { return OptionValue(argc, argv, &i, "bench_kiosk", Usage); };
        if (a == "--kiosk")
            binary = next();
        else if (a == "--content")
            content_dir = next();
        else if (a == "--tmp")
            tmp_root = next();
        else if (a == "--commits")
            commits = std::max(10, atoi(next()));
        else if (a == "--frames")
            frames = std::max(10, atoi(next()));
        else if (a == "--idle")
            idle_s = std::max(1.0, atof(next()));
        else if (a == "--starts")
            starts = std::max(1, atoi(next()));
        else if (a == "--no-kiosk")
            with_kiosk = false;
        else {
            Usage();
            return 2;
        }
    }

    // Children of xvfb-run come back to us when it ends first, so none is left behind.
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    HandleInterrupts(OnInterrupt);
    std::string tmp;
    if (!MakeTempDir(tmp_root, "wijkstem-bench", &tmp))
        return 1;
    const std::string machine = MachineLine();
    Progress(machine);
    Progress("content " + content_dir + "; kiosk " + binary + "; temp " + tmp);

    auto t0 = Clock::now();
    bool ok = true;
    if (!BenchJournal(tmp + "/journal", commits)) {
        AddRow("journal figures", "NOT MEASURED (see above)");
        ok = false;
    }
    if (!g_stop && !BenchFrames(content_dir, frames)) {
        AddRow("ImGui frame figures", "NOT MEASURED (see above)");
        ok = false;
    }
    if (!g_stop && with_kiosk && !BenchKiosk(binary, tmp, starts, idle_s)) {
        AddRow("kiosk figures (idle CPU, start, RSS)", "NOT MEASURED (see above)");
        ok = false;
    }
    const double total_s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!DrainChildren(3.0, 0)) {
        fprintf(stderr, "bench: child processes are still running at the end\n");
        ok = false;
    }

    std::error_code ec;
    fs::remove_all(tmp, ec);

    printf("\nWijkstem bench: %s\n", machine.c_str());
    printf("SQLite %s, Dear ImGui %s; commits in %s; %.0f s in all\n\n", sqlite3_libversion(), IMGUI_VERSION,
           FsType(tmp_root).c_str(), total_s);
    PrintTable();
    printf("\nImGui frame values are median / p99 of %d frames each (after 30 warm-up frames), headless at "
           "1920x1080.\nJournal and bare commits alternate, one each, after 20 warm-up commits each.\n"
           "One run on a shared machine: compare figures within a run.\n",
           frames);
    fflush(stdout);
    if (g_stop) {
        fprintf(stderr, "bench: interrupted; the figures above are incomplete\n");
        return 130;
    }
    return ok ? 0 : 1;
}
