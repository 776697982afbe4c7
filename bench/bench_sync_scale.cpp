// bench_sync parts 6 and 7 (bench/bench_sync_scale.hpp): what the store costs as it grows.
//
// [SECTION] A store of N answers, filled in-process (the bench-only shortcut)
// [SECTION] Part 6: content reply, export --csv, report, per size
// [SECTION] Part 7: N kiosks at once against the largest store
#include "bench_sync_scale.hpp"
#include "bench_store_process.hpp"
#include "bench_util.hpp"

#include "content/answer.hpp"
#include "content/pack_loader.hpp"
#include "store/store.hpp"
#include "sync/batch.hpp"
#include "sync/client.hpp"
#include "sync/iso_time.hpp"
#include "sync/signing.hpp"
#include "sync/uuid.hpp"

#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {
namespace {

using namespace wsync;
using namespace store;

//-----------------------------------------------------------------------------
// [SECTION] A store of N answers, filled in-process (the bench-only shortcut)
//-----------------------------------------------------------------------------

constexpr int64_t kFillStartMs = 1795852800000; // 2026-11-28 00:00 UTC

struct Kiosk {
    std::string Device, Token, Wijk;
};

struct ScaleStore {
    std::string Db;
    std::vector<Kiosk> Kiosks;
    int64_t Answers = 0; // stored
    double FillSeconds = 0;
};

// The bundled pack's choice questions and their options: answers the store checks and
// counts, as a real kiosk sends them.
struct Choices {
    std::string Version;
    std::vector<std::pair<std::string, std::vector<std::string>>> Questions;
};

bool LoadChoices(Choices* out) {
    content::LoadResult r = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model");
    if (!r.Ok()) {
        Progress("the bundled pack does not load");
        return false;
    }
    out->Version = r.Pack.Version;
    for (const char* id : {"prettig-wonen", "weet-wie-beslist", "wijkbudget-naar", "meer-zeggenschap", "gehoord"}) {
        const content::Question* q = content::QuestionOfAnswer(r.Pack, id);
        if (!q || q->Options.empty()) {
            Progress(Fmt("the bundled pack has no question %s with options", id));
            return false;
        }
        std::vector<std::string> options;
        for (const content::Option& o : q->Options)
            options.push_back(o.Id);
        out->Questions.emplace_back(id, options);
    }
    return true;
}

// Makes one kiosk's answers, visit by visit: the five questions, now and then free text,
// a flagged repeat, a changed answer (Terug).
struct VisitMaker {
    const Choices& C;
    std::mt19937 Rng{18};
    int64_t Ms = kFillStartMs;
    int Visits = 0;

    void Visit(const std::string& device, int64_t* seq, std::vector<StoredAnswer>* out) {
        const std::string session = NewUuidV4();
        const bool flagged = ++Visits % 40 == 0;
        auto add = [&](const std::string& question, const std::string& value) {
            StoredAnswer a{NewUuidV7(Ms), ++*seq, session, "gronings-model", C.Version, question, value,
                           IsoTimeMs(Ms)};
            Ms++;
            a.Flagged = flagged;
            out->push_back(a);
            return a.Id;
        };
        std::string first;
        for (const auto& [question, options] : C.Questions) {
            const std::string id = add(question, options[Rng() % options.size()]);
            if (first.empty())
                first = id;
        }
        (void)device;
        if (Visits % 30 == 0) { // the resident went back and changed the first answer
            add(C.Questions[0].first, C.Questions[0].second[Rng() % C.Questions[0].second.size()]);
            out->back().Replaces = first;
        }
        if (Visits % 50 == 0)
            add("nog-kwijt", Fmt("Meer bankjes bij de speeltuin, zegt bezoeker %d", Visits));
    }
};

// Stores batches of up to 1000 answers through StoreBatch ("file", so no hourly quota);
// every answer must come back stored.
bool StoreAll(Store& s, const std::string& device, std::vector<StoredAnswer>* answers, int64_t* stored) {
    for (size_t i = 0; i < answers->size(); i += kMaxBatchAnswers) {
        Batch b{device, {}};
        b.Answers.assign(answers->begin() + long(i), answers->begin() + long(std::min(answers->size(), i + kMaxBatchAnswers)));
        std::vector<AnswerResult> results;
        std::string error;
        if (!s.StoreBatch(b, "file", &results, &error)) {
            Progress("fill: " + error);
            return false;
        }
        for (const AnswerResult& r : results)
            if (r.Status != AnswerStatus::Stored) {
                Progress("fill: an answer was not stored: " + r.Reason);
                return false;
            }
        *stored += int64_t(results.size());
    }
    answers->clear();
    return true;
}

bool FillStore(const ScaleConfig& cfg, const Choices& choices, int64_t answers, ScaleStore* out) {
    std::string error, skipped;
    auto s = Store::Open(out->Db, &error);
    if (!s || !s->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped)) {
        Progress("fill: " + error);
        return false;
    }
    for (int d = 0; d < cfg.Devices; d++) {
        Kiosk k{NewUuidV4(), "", Fmt("Wijk-%02d", d % cfg.Wijken)};
        std::string code, wijk, pub, sec;
        bool forbidden = false;
        if (!s->NewEnrollCode(k.Wijk, &code, &error) || !NewSigningKey(&pub, &sec, &error) ||
            !s->Enroll(code, k.Device, pub, &k.Token, &wijk, &forbidden, &error)) {
            Progress("fill: cannot enrol: " + error);
            return false;
        }
        out->Kiosks.push_back(k);
    }
    VisitMaker visits{choices};
    const auto t0 = Clock::now();
    for (int d = 0; d < cfg.Devices && !g_stop; d++) {
        const int64_t n = answers / cfg.Devices + (d < answers % cfg.Devices ? 1 : 0);
        std::vector<StoredAnswer> pending;
        int64_t seq = 0;
        while (seq < n)
            visits.Visit(out->Kiosks[size_t(d)].Device, &seq, &pending);
        pending.resize(size_t(n)); // the last visit cut short (a changed answer may lose its pair)
        if (!StoreAll(*s, out->Kiosks[size_t(d)].Device, &pending, &out->Answers))
            return false;
        if (d % 100 == 99)
            Progress(Fmt("   %lld answers stored", (long long)out->Answers));
    }
    out->FillSeconds = SecondsSince(t0);
    return !g_stop;
}

// VmHWM of a running process in KiB (-1 when it is gone).
long PeakKib(pid_t pid) {
    const std::string status = ReadFileText(Fmt("/proc/%d/status", int(pid)));
    const size_t at = status.find("VmHWM:");
    return at == std::string::npos ? -1 : atol(status.c_str() + at + 6);
}

// One child process, its stdout to a file; wall time and peak RSS (KiB). The peak is the
// child's VmHWM read every 5 ms while it runs, the last reading before it ends: wait4's
// ru_maxrss would not do, as a child spawned (vfork) or forked from this bench counts the
// bench's own pages until its exec.
bool RunChild(const std::vector<std::string>& args, const std::string& out, double* secs, long* max_kib) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const auto t0 = Clock::now();
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        Progress(Fmt("cannot start %s: %s", argv[0], strerror(rc)));
        return false;
    }
    int status = 0;
    long peak = -1;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0) {
        peak = std::max(peak, PeakKib(pid)); // a zombie has no VmHWM any more: -1 changes nothing
        usleep(5000);
    }
    if (done != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        Progress(Fmt("%s %s failed (status %d)", args[0].c_str(), args[1].c_str(), status));
        return false;
    }
    *secs = SecondsSince(t0);
    *max_kib = peak;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Part 6: content reply, export --csv, report, per size
//-----------------------------------------------------------------------------

// The wijk's results in-process, the old way (one GROUP BY over the answers, as the store
// did before schema 6) and the new (answer_counts): median of 5 runs each, in ms.
void QueryTimes(const std::string& target, const std::string& wijk, double* old_ms, double* new_ms) {
    std::string error;
    std::unique_ptr<store::db::Conn> db = store::db::Open(target, true, &error);
    auto time_it = [&](const char* sql) {
        std::vector<double> ms;
        for (int i = 0; i < 5 && db; i++) {
            const auto t0 = Clock::now();
            store::db::Stmt st(db.get(), sql);
            st.Bind(wijk);
            while (st.Step() == store::db::kRow) {
            }
            ms.push_back(SecondsSince(t0) * 1000);
        }
        return ms.empty() ? -1.0 : Summarize(ms).P50;
    };
    *old_ms = time_it("SELECT a.pack_id, a.pack_version, a.question_id, a.value, count(*) FROM answers a "
                      "JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 AND a.flagged = 0 AND a.unverified = 0 "
                      "AND a.superseded = 0 GROUP BY a.pack_id, a.pack_version, a.question_id, a.value");
    // As Store::WijkTalliesLocked reads it on either engine.
    *new_ms = time_it(Postgres() ? "SELECT c.pack_id, c.pack_version, c.question_id, c.value, sum(c.n) FROM devices d "
                                   "CROSS JOIN LATERAL (SELECT * FROM answer_counts c WHERE c.device_id = d.id OFFSET 0) c "
                                   "WHERE d.wijk = ?1 GROUP BY c.pack_id, c.pack_version, c.question_id, c.value "
                                   "HAVING sum(c.n) > 0"
                                 : "SELECT c.pack_id, c.pack_version, c.question_id, c.value, sum(c.n) FROM answer_counts c "
                                   "JOIN devices d ON d.id = c.device_id WHERE d.wijk = ?1 "
                                   "GROUP BY c.pack_id, c.pack_version, c.question_id, c.value HAVING sum(c.n) > 0");
}

// GET /v1/content from the kiosks in turn (one request each at most: the rate per device);
// the first 20 warm the store up and are not counted. Every reply must carry results.
bool ContentLatency(const ScaleConfig& cfg, const ScaleStore& s, const std::string& log, Stats* out) {
    StoreProcess sp;
    if (!StartStore(cfg.StoreBin, s.Db, log, {}, &sp))
        return false;
    std::vector<double> ms;
    bool ok = true;
    for (int i = 0; i < cfg.Replies + 20 && ok && !g_stop; i++) {
        const Kiosk& k = s.Kiosks[size_t(i) % s.Kiosks.size()];
        const auto t0 = Clock::now();
        HttpResult r = GetJson(sp.Url + "/v1/content", k.Token, 30);
        const double took = SecondsSince(t0) * 1000;
        WijkContent c;
        std::string error;
        if (r.Status != 200 || !DecodeContent(r.Body, &c, &error) || c.Results.empty()) {
            Progress(Fmt("6. content reply: status %ld, %s%s", r.Status, error.c_str(), r.Error.c_str()));
            ok = false;
        }
        if (i >= 20)
            ms.push_back(took);
    }
    StopStore(sp);
    *out = Summarize(ms);
    return ok && !g_stop;
}

struct SizeFigures {
    int64_t Answers = 0;
    Stats Reply;
    double OldMs = 0, NewMs = 0, ExportS = 0, ReportS = 0;
    long ExportKib = 0, ReportKib = 0;
};

bool MeasureSize(const ScaleConfig& cfg, const Choices& choices, int64_t size, ScaleStore* s, SizeFigures* f) {
    s->Db = NewStoreDb(cfg.Tmp, Fmt("scale_%lld", (long long)size));
    Progress(Fmt("6. filling a store with %lld answers through Store::StoreBatch (in-process)", (long long)size));
    if (!FillStore(cfg, choices, size, s))
        return false;
    f->Answers = s->Answers;
    if (Postgres()) { // what autovacuum does soon after a bulk load; measured after it, not during
        std::string error;
        auto admin = store::db::Open(s->Db, false, &error);
        if (!admin || !admin->Exec("VACUUM ANALYZE", &error))
            Progress("6. VACUUM ANALYZE after the fill: " + error);
    }
    // The fill leaves hundreds of megabytes of dirty pages that the kernel writes out within
    // half a minute; until then every fsync (each content reply's note commits one) waits
    // behind them. Measured at rest: written out first.
    sync();
    AddRow(Fmt("6. a store of %s answers (%d kiosks in %d wijken), filled in-process by StoreBatch (bench only)",
               Thousands(double(s->Answers)).c_str(), cfg.Devices, cfg.Wijken),
           Fmt("%.1f s (%s answers/s)", s->FillSeconds, Thousands(double(s->Answers) / s->FillSeconds).c_str()), "",
           "info");
    Progress(Fmt("6. GET /v1/content x %d", cfg.Replies));
    if (!ContentLatency(cfg, *s, cfg.Tmp + "/scale-store.log", &f->Reply))
        return false;
    AddRow(Fmt("   GET /v1/content over HTTP, p50 / p99 (%zu requests)", f->Reply.N),
           Fmt("%.2f / %.2f ms", f->Reply.P50, f->Reply.P99));
    QueryTimes(s->Db, "Wijk-00", &f->OldMs, &f->NewMs);
    AddRow("   one wijk's results in-process: counted the old way (GROUP BY answers) / from answer_counts",
           Fmt("%.2f / %.2f ms", f->OldMs, f->NewMs), "", "info");
    Progress("6. export --csv and report --wijk");
    if (!RunChild({cfg.StoreBin, "export", "--db", s->Db, "--csv"}, "/dev/null", &f->ExportS, &f->ExportKib))
        return false;
    AddRow("   export --csv > /dev/null: peak RSS, time", Fmt("%.1f MB, %.2f s", f->ExportKib / 1024.0, f->ExportS));
    const std::string out = cfg.Tmp + Fmt("/report-%lld", (long long)size);
    if (!RunChild({cfg.StoreBin, "report", "--db", s->Db, "--wijk", "Wijk-00", "--out", out}, "/dev/null",
                  &f->ReportS, &f->ReportKib))
        return false;
    AddRow(Fmt("   report --wijk Wijk-00 (%s answers in it): time, peak RSS",
               Thousands(double(s->Answers) / cfg.Wijken).c_str()),
           Fmt("%.2f s, %.1f MB", f->ReportS, f->ReportKib / 1024.0), size >= 1000000 ? "< 2 s" : "",
           size >= 1000000 ? Verdict(f->ReportS < 2) : "");
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Part 7: N kiosks at once against the largest store
//-----------------------------------------------------------------------------

struct SyncingKiosk {
    Kiosk K;
    std::vector<Batch> Batches;
    std::vector<std::string> Bodies;
};

// Enrols cfg.Kiosks more kiosks in the store (before it serves) and makes their batches.
bool PrepareKiosks(const ScaleConfig& cfg, const Choices& choices, const std::string& db,
                   std::vector<SyncingKiosk>* out) {
    std::string error;
    auto s = Store::Open(db, &error);
    if (!s) {
        Progress("7. " + error);
        return false;
    }
    VisitMaker visits{choices};
    visits.Ms = kFillStartMs + 86400000 / 2;
    for (int k = 0; k < cfg.Kiosks; k++) {
        SyncingKiosk sk;
        sk.K = {NewUuidV4(), "", Fmt("Wijk-%02d", k % cfg.Wijken)};
        std::string code, wijk, pub, sec;
        bool forbidden = false;
        if (!s->NewEnrollCode(sk.K.Wijk, &code, &error) || !NewSigningKey(&pub, &sec, &error) ||
            !s->Enroll(code, sk.K.Device, pub, &sk.K.Token, &wijk, &forbidden, &error)) {
            Progress("7. cannot enrol: " + error);
            return false;
        }
        std::vector<StoredAnswer> answers;
        int64_t seq = 0;
        while (seq < cfg.PerKiosk)
            visits.Visit(sk.K.Device, &seq, &answers);
        answers.resize(size_t(cfg.PerKiosk));
        for (size_t i = 0; i < answers.size(); i += size_t(cfg.KioskBatch)) {
            Batch b{sk.K.Device, {}};
            b.Answers.assign(answers.begin() + long(i),
                             answers.begin() + long(std::min(answers.size(), i + size_t(cfg.KioskBatch))));
            sk.Bodies.push_back(EncodeBatch(b));
            sk.Batches.push_back(std::move(b));
        }
        out->push_back(std::move(sk));
    }
    return true;
}

struct KioskTally {
    std::mutex M;
    std::vector<double> Batch, Content;
    std::map<std::string, int> Failures; // what went wrong, in words
    std::atomic<int> Acked{0}, Errors{0};

    void Fail(const std::string& what) {
        Errors++;
        std::lock_guard<std::mutex> lock(M);
        Failures[what.substr(0, 120)]++;
    }
};

// One kiosk's sync round: its batches one after another, then the content reply.
void SyncOnce(const std::string& url, const SyncingKiosk& sk, KioskTally* t) {
    for (size_t b = 0; b < sk.Bodies.size() && !g_stop; b++) {
        const auto t0 = Clock::now();
        HttpResult r = PostJson(url + "/v1/answers", sk.K.Token, sk.Bodies[b], 60);
        const double ms = SecondsSince(t0) * 1000;
        std::vector<AnswerResult> results;
        std::string error;
        if (r.Status != 200 || !DecodeReply(r.Body, sk.Batches[b], &results, &error)) {
            t->Fail(Fmt("POST status %ld: ", r.Status) + (r.Error.size() ? r.Error : error.size() ? error : r.Body));
            continue;
        }
        int acked = 0;
        for (const AnswerResult& a : results)
            acked += a.Status == AnswerStatus::Stored || a.Status == AnswerStatus::AlreadyStored;
        if (acked != int(results.size()))
            t->Fail("answers not acknowledged");
        t->Acked += acked;
        std::lock_guard<std::mutex> lock(t->M);
        t->Batch.push_back(ms);
    }
    const auto t0 = Clock::now();
    HttpResult r = GetJson(url + "/v1/content", sk.K.Token, 60);
    const double ms = SecondsSince(t0) * 1000;
    WijkContent c;
    std::string error;
    if (r.Status != 200 || !DecodeContent(r.Body, &c, &error)) {
        t->Fail(Fmt("GET status %ld: ", r.Status) + (r.Error.size() ? r.Error : error.size() ? error : r.Body));
        return;
    }
    std::lock_guard<std::mutex> lock(t->M);
    t->Content.push_back(ms);
}

bool BenchKiosksAtScale(const ScaleConfig& cfg, const Choices& choices, const ScaleStore& s) {
    std::vector<SyncingKiosk> kiosks;
    Progress(Fmt("7. enrolling %d kiosks, then all syncing at once against %lld answers", cfg.Kiosks,
                 (long long)s.Answers));
    if (!PrepareKiosks(cfg, choices, s.Db, &kiosks))
        return false;
    StoreProcess sp;
    if (!StartStore(cfg.StoreBin, s.Db, cfg.Tmp + "/scale-kiosks.log", {}, &sp))
        return false;
    KioskTally t;
    std::latch go(ptrdiff_t(kiosks.size()) + 1);
    std::vector<std::thread> threads;
    threads.reserve(kiosks.size());
    for (const SyncingKiosk& sk : kiosks)
        threads.emplace_back([&, p = &sk] {
            go.arrive_and_wait();
            SyncOnce(sp.Url, *p, &t);
        });
    const long long overflows0 = ListenOverflows();
    const double cpu0 = CpuSeconds(sp.Pid);
    const auto t0 = Clock::now();
    go.count_down();
    for (auto& th : threads)
        th.join();
    const double secs = SecondsSince(t0);
    const double cpu = CpuSeconds(sp.Pid) - cpu0;
    const long long overflows = ListenOverflows() - overflows0;
    StopStore(sp);
    const Stats b = Summarize(t.Batch), c = Summarize(t.Content);
    const int answers = cfg.Kiosks * cfg.PerKiosk;
    AddRow(Fmt("7. %d kiosks syncing at once against %s answers (%d answers each, batches of %d, then GET "
               "/v1/content): errors",
               cfg.Kiosks, Thousands(double(s.Answers)).c_str(), cfg.PerKiosk, cfg.KioskBatch),
           Fmt("%d", t.Errors.load()), "0", Verdict(t.Errors == 0));
    for (const auto& [what, n] : t.Failures)
        Progress(Fmt("7. %d x %s", n, what.c_str()));
    AddRow(Fmt("   batch latency p50 / p99 / max (%zu batches)", b.N), Fmt("%.0f / %.0f / %.0f ms", b.P50, b.P99, b.Max));
    AddRow(Fmt("   content reply p50 / p99 / max (%zu replies)", c.N), Fmt("%.0f / %.0f / %.0f ms", c.P50, c.P99, c.Max));
    AddRow(Fmt("   %d of %d answers acknowledged, in all", t.Acked.load(), answers),
           Fmt("%.2f s (%s answers/s)", secs, Thousands(answers / secs).c_str()));
    if (cpu0 >= 0)
        AddRow("   the store's CPU time for it (user + system)", Fmt("%.2f s", cpu), "", "info");
    if (overflows0 >= 0)
        AddRow("   listen queue overflows meanwhile (whole machine)", Fmt("%lld", overflows), "", "info");
    // Exactly once, afterwards.
    std::string error;
    auto st = Store::Open(s.Db, &error);
    const int64_t have = st ? st->AnswerCount() : -1;
    AddRow("   the store afterwards: answers / conflicts",
           Fmt("%lld / %lld (expected %lld / 0)", (long long)have, (long long)(st ? st->ConflictCount() : -1),
               (long long)(s.Answers + t.Acked.load())),
           "= filled + acknowledged", Verdict(st && have == s.Answers + t.Acked.load() && st->ConflictCount() == 0));
    return t.Errors == 0;
}

} // namespace

bool BenchScale(const ScaleConfig& cfg) {
    Choices choices;
    if (!LoadChoices(&choices))
        return false;
    std::vector<SizeFigures> figures;
    ScaleStore largest;
    bool ok = true;
    for (int64_t size : cfg.Sizes) {
        if (g_stop)
            return false;
        ScaleStore s;
        SizeFigures f;
        if (!MeasureSize(cfg, choices, size, &s, &f)) {
            AddRow(Fmt("6. a store of %lld answers", (long long)size), "NOT MEASURED (see above)");
            ok = false;
            continue;
        }
        figures.push_back(f);
        if (s.Answers >= largest.Answers)
            largest = s;
    }
    if (figures.size() >= 2) {
        const SizeFigures &a = figures.front(), &z = figures.back();
        const double ratio = z.Reply.P50 / a.Reply.P50;
        AddRow(Fmt("**content reply p50, %s / %s answers**", Thousands(double(z.Answers)).c_str(),
                   Thousands(double(a.Answers)).c_str()),
               Fmt("**%.2fx**", ratio), "<= 1.5x", Verdict(ratio <= 1.5));
        AddRow(Fmt("   export --csv peak RSS, %s / %s answers", Thousands(double(z.Answers)).c_str(),
                   Thousands(double(a.Answers)).c_str()),
               Fmt("%.2fx", double(z.ExportKib) / double(a.ExportKib)), "flat", "info");
    }
    if (cfg.Kiosks > 0 && !largest.Db.empty() && !g_stop && !BenchKiosksAtScale(cfg, choices, largest))
        ok = false;
    return ok;
}

} // namespace bench
