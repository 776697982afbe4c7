// bench_sync: the sync figures of issue 4 in one run (`make bench`). A benchmark, not a
// test: it measures and prints, and exits 1 only when it could not measure.
//
//   1. batched: answers/s from a real kiosk journal to a real `wijkstem-store serve` on
//      loopback, with SyncRound (batches of at most 1000) until nothing waits
//   2. one request per answer: the same kiosk path with batches of 1 (Waiting(1) ->
//      POST /v1/answers -> DecodeReply -> MarkSynced), the way most offline survey apps send
//  1c. the store's intake (issue 18's "ingest"): 4 kiosks post full batches of 1000, encoded
//      beforehand, at once, so the store sets the pace, not a kiosk's journal; answers/s
//   3. a bare bulk insert of the same rows into the store's own answers table (made by
//      Store::Open: its keys, indexes and foreign key), one transaction: SQLite's prepared
//      INSERT (WAL + FULL), or with --pg PostgreSQL's COPY
//   4. the store under 200 simulated kiosks syncing at once: 200 enrolled devices, one
//      thread each, every thread POSTs its batches with libcurl; errors, batch latency
//      p50/p99, total answers/s
//   5. a kiosk's sync round while 500 connections trickle their headers a byte a second,
//      as a ratio to the same round with none (issue 12 item 5; goal <= 2x)
//   6. issue 18, per store size (10 thousand and 1 million answers, filled in-process):
//      GET /v1/content latency (goal: within 1.5x), export --csv peak RSS, report --wijk
//      time (goal < 2 s at 1 million); bench/bench_sync_scale.cpp
//   7. 1000 kiosks syncing at once against the 1-million-answer store: errors, latency
//
// Afterwards the store must hold every answer exactly once (checked, printed).
//
// Usage: bench_sync [--store PATH] [--tmp DIR] [--answers N] [--ingest N] [--single N] [--bulk N]
//                   [--kiosks N] [--per-kiosk N] [--kiosk-batch N] [--slow N] [--store-arg ARG]...
//                   [--scale-sizes N,N...] [--scale-kiosks N] [--scale-replies N] [--pg]
//   --pg: every store of the run on PostgreSQL ($WIJKSTEM_PG_URL; run it under
//         tests/pg_cluster.sh run), part 3 a bare COPY instead of SQLite's bulk insert.
// Environment: WIJKSTEM_STORE_BIN (default: `wijkstem-store` next to this binary), TMPDIR.
#include "sync/batch.hpp"
#include "sync/client.hpp"
#include "sync/journal.hpp"
#include "sync/signing.hpp"
#include "store/store.hpp"
#include "sync/iso_time.hpp"
#include "sync/uuid.hpp"

#include "bench_store_process.hpp"
#include "bench_sync_scale.hpp"
#include "bench_util.hpp"

#include <pqxx/pqxx>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
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
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using namespace bench; // bench/bench_util.hpp
namespace fs = std::filesystem;
using namespace wsync;
using namespace store;


//-----------------------------------------------------------------------------
// Answers
//-----------------------------------------------------------------------------

const char* kQuestions[] = {"prettig-wonen", "weet-wie-beslist", "wijkbudget-naar", "meer-zeggenschap", "gehoord"};
const char* kValues[] = {"4", "ja", "groen", "nee", "3"};
constexpr int64_t kStartMs = 1795852800000; // 2026-11-28 00:00 UTC

// Commits n answers into a journal in sessions of 5 (one transaction per session, as
// the kiosk's flow does for a matrix; single answers take one each).
bool FillJournal(Journal& j, int n, int64_t* clock_ms, std::string* error) {
    for (int done = 0; done < n;) {
        std::vector<AnswerRecord> session;
        const std::string sid = NewUuidV4();
        for (int q = 0; q < 5 && done < n; q++, done++) {
            AnswerRecord a;
            a.SessionId = sid;
            a.PackId = "gronings-model";
            a.PackVersion = "2.0.1";
            a.QuestionId = kQuestions[q];
            a.Value = kValues[q];
            a.Lang = "nl";
            a.AnsweredAtMs = (*clock_ms)++;
            session.push_back(a);
        }
        std::vector<CommittedAnswer> out;
        if (!j.Commit(session, &out, error))
            return false;
    }
    return true;
}

StoredAnswer MakeAnswer(int64_t seq, const std::string& session, int64_t ms) {
    StoredAnswer a;
    a.Id = NewUuidV7(ms);
    a.Seq = seq;
    a.SessionId = session;
    a.PackId = "gronings-model";
    a.PackVersion = "2.0.1";
    a.QuestionId = kQuestions[seq % 5];
    a.Value = kValues[seq % 5];
    a.AnsweredAt = IsoTimeMs(ms);
    return a;
}

//-----------------------------------------------------------------------------
// The benchmark parts
//-----------------------------------------------------------------------------

struct Config {
    std::string StoreBin, Tmp;
    std::vector<std::string> StoreArgs; // more options for `wijkstem-store serve`
    int Answers = 20000;   // part 1
    int Ingest = 40000;    // part 1c, over kIngestKiosks kiosks
    int Single = 2000;     // part 2
    int Bulk = 100000;     // part 3
    int Kiosks = 200;      // part 4
    int PerKiosk = 200;
    int KioskBatch = 50;
    int Slow = 500;        // part 5
};

// Part 1c: kiosks posting at once; four keep the store busy while a reply is on its way.
constexpr int kIngestKiosks = 4;

// Part 2 spreads its answers over devices so the store's rate limit per device (20/s,
// burst 40) never answers 429: this many answers per device.
constexpr int kSinglePerDevice = 20;

struct SimKiosk {
    std::string DeviceId, Token;
    std::vector<std::string> Bodies; // encoded batches
    std::vector<Batch> Batches;
};

struct Setup {
    std::string MainCode;                          // part 1 enrols over HTTP with this
    std::vector<SimKiosk> Ingest;                  // part 1c
    std::vector<std::unique_ptr<Journal>> Singles; // part 2: enrolled through the Store API
    std::vector<StoreLink> SingleLinks;
    std::vector<SimKiosk> Kiosks; // part 4
    std::unique_ptr<Journal> Breakdown; // part 1b
    std::string BreakdownToken;
    std::unique_ptr<Journal> SlowKiosk; // part 5
    std::string SlowToken;
};

// Before the server runs: codes, enrolments and the kiosks' answers, through the Store API.
bool Prepare(const Config& cfg, const std::string& db, Setup* s, int64_t* clock_ms) {
    std::string error;
    auto store = Store::Open(db, &error);
    if (!store) {
        Progress(error);
        return false;
    }
    if (!store->NewEnrollCode("Oosterpark", &s->MainCode, &error)) {
        Progress(error);
        return false;
    }
    auto enroll = [&](const std::string& device, const std::string& pub, std::string* token) {
        std::string code, wijk;
        bool forbidden = false;
        if (!store->NewEnrollCode("Oosterpark", &code, &error) ||
            !store->Enroll(code, device, pub, token, &wijk, &forbidden, &error)) {
            Progress("cannot enrol a device: " + error);
            return false;
        }
        return true;
    };
    {
        const std::string dir = cfg.Tmp + "/breakdown";
        std::string pub, sec;
        if (!MakeDirs(dir, &error) || !(s->Breakdown = Journal::Open(JournalPath(dir), &error)) ||
            !s->Breakdown->SigningKey(&pub, &sec, &error)) {
            Progress("journal: " + error);
            return false;
        }
        if (!enroll(s->Breakdown->DeviceId(), pub, &s->BreakdownToken))
            return false;
    }
    {
        const std::string dir = cfg.Tmp + "/slow";
        std::string pub, sec;
        if (!MakeDirs(dir, &error) || !(s->SlowKiosk = Journal::Open(JournalPath(dir), &error)) ||
            !s->SlowKiosk->SigningKey(&pub, &sec, &error)) {
            Progress("journal: " + error);
            return false;
        }
        if (!enroll(s->SlowKiosk->DeviceId(), pub, &s->SlowToken))
            return false;
    }
    const int single_devices = (cfg.Single + kSinglePerDevice - 1) / kSinglePerDevice;
    for (int d = 0; d < single_devices; d++) {
        const std::string dir = cfg.Tmp + Fmt("/single/%03d", d);
        if (!MakeDirs(dir, &error)) {
            Progress(error);
            return false;
        }
        auto j = Journal::Open(JournalPath(dir), &error);
        std::string pub, sec, token;
        if (!j || !j->SigningKey(&pub, &sec, &error)) {
            Progress("journal: " + error);
            return false;
        }
        if (!enroll(j->DeviceId(), pub, &token))
            return false;
        const int n = std::min(kSinglePerDevice, cfg.Single - d * kSinglePerDevice);
        if (!FillJournal(*j, n, clock_ms, &error)) {
            Progress("journal: " + error);
            return false;
        }
        s->SingleLinks.push_back({"", token, "Oosterpark", ""});
        s->Singles.push_back(std::move(j));
    }
    // An enrolled device with its answers in encoded batches.
    auto sim_kiosk = [&](int answers, int per_batch, std::vector<SimKiosk>* out) {
        SimKiosk sk;
        sk.DeviceId = NewUuidV4();
        std::string pub, sec;
        if (!NewSigningKey(&pub, &sec, &error)) {
            Progress(error);
            return false;
        }
        if (!enroll(sk.DeviceId, pub, &sk.Token))
            return false;
        std::string session = NewUuidV4();
        for (int i = 0; i < answers; i += per_batch) {
            Batch b;
            b.DeviceId = sk.DeviceId;
            for (int seq = i + 1; seq <= std::min(answers, i + per_batch); seq++) {
                if (seq % 5 == 1)
                    session = NewUuidV4();
                b.Answers.push_back(MakeAnswer(seq, session, (*clock_ms)++));
            }
            sk.Bodies.push_back(EncodeBatch(b));
            sk.Batches.push_back(std::move(b));
        }
        out->push_back(std::move(sk));
        return true;
    };
    for (int k = 0; k < kIngestKiosks; k++)
        if (!sim_kiosk(cfg.Ingest / kIngestKiosks, int(kMaxBatchAnswers), &s->Ingest))
            return false;
    for (int k = 0; k < cfg.Kiosks; k++)
        if (!sim_kiosk(cfg.PerKiosk, cfg.KioskBatch, &s->Kiosks))
            return false;
    return true;
}

// 1. Batched: a real journal, enrolled over HTTP, SyncRound until nothing waits.
bool BenchBatched(const Config& cfg, const StoreProcess& sp, const std::string& code, int64_t* clock_ms,
                  double* rate) {
    std::string error, message;
    const std::string dir = cfg.Tmp + "/kiosk";
    if (!MakeDirs(dir, &error)) {
        Progress(error);
        return false;
    }
    auto j = Journal::Open(JournalPath(dir), &error);
    if (!j) {
        Progress("journal: " + error);
        return false;
    }
    if (!EnrollDevice(*j, sp.Url, code, "", &message)) {
        Progress("enrol over HTTP: " + message);
        return false;
    }
    Progress(Fmt("1. committing %d answers into a kiosk journal", cfg.Answers));
    if (!FillJournal(*j, cfg.Answers, clock_ms, &error)) {
        Progress("journal: " + error);
        return false;
    }
    Progress("1. SyncRound until nothing waits");
    int rounds = 0, batches = 0, stored = 0;
    SyncReport rep;
    auto t0 = Clock::now();
    do {
        if (!SyncRound(*j, &rep) && rep.Error.size())
            Progress("   round failed: " + rep.Error);
        batches += rep.Batches;
        stored += rep.Stored;
    } while (rep.Left > 0 && ++rounds < 20 && !g_stop);
    const double secs = SecondsSince(t0);
    if (rep.Left > 0 || stored != cfg.Answers) {
        Progress(Fmt("1. %lld answers still waiting, %d stored of %d", (long long)rep.Left, stored, cfg.Answers));
        return false;
    }
    *rate = cfg.Answers / secs;
    AddRow(Fmt("1. batched, journal -> store (%d answers, %d batches, %d round%s)", cfg.Answers, batches,
               rounds + 1, rounds ? "s" : ""),
           Fmt("%s answers/s (%.2f s)", Thousands(*rate).c_str(), secs), "", "");
    return true;
}

// 1c. The store's intake: kIngestKiosks devices post their batches of 1000, encoded before
// the clock starts, one after another, all at once. A kiosk's own work (reading and marking
// its journal, part 1b) happens on the kiosk in a real roll-out, not on the store's machine;
// here it would take the store's cores. Every answer must come back acknowledged.
bool BenchIngest(const StoreProcess& sp, const Setup& s, double* rate, int* acked) {
    const int n = int(s.Ingest.size());
    int total = 0;
    for (const SimKiosk& sk : s.Ingest)
        for (const Batch& b : sk.Batches)
            total += int(b.Answers.size());
    Progress(Fmt("1c. %d kiosks posting %d answers in batches of 1000, at once", n, total));
    std::atomic<int> acknowledged{0};
    std::mutex m;
    std::string failure;
    std::latch go(n + 1);
    std::vector<std::thread> threads;
    for (int k = 0; k < n; k++)
        threads.emplace_back([&, k] {
            const SimKiosk& sk = s.Ingest[size_t(k)];
            go.arrive_and_wait();
            for (size_t b = 0; b < sk.Bodies.size() && !g_stop; b++) {
                HttpResult r = PostJson(sp.Url + "/v1/answers", sk.Token, sk.Bodies[b], 60);
                std::vector<AnswerResult> results;
                std::string error;
                if (r.Status != 200 || !DecodeReply(r.Body, sk.Batches[b], &results, &error)) {
                    std::lock_guard<std::mutex> lock(m);
                    failure = Fmt("status %ld: %s", r.Status, (r.Error + error + r.Body).substr(0, 200).c_str());
                    continue;
                }
                for (const AnswerResult& a : results)
                    if (a.Status == AnswerStatus::Stored)
                        acknowledged++;
            }
        });
    const auto t0 = Clock::now();
    go.count_down();
    for (auto& t : threads)
        t.join();
    const double secs = SecondsSince(t0);
    *acked = acknowledged;
    if (acknowledged != total) {
        Progress(Fmt("1c. %d of %d answers stored; last failure: %s", acknowledged.load(), total, failure.c_str()));
        return false;
    }
    *rate = total / secs;
    AddRow(Fmt("1c. the store's intake: %d kiosks posting batches of 1000 at once (%d answers)", n, total),
           Fmt("%s answers/s (%.2f s)", Thousands(*rate).c_str(), secs), "", "");
    return true;
}

// 1b. Where a batch's time goes: SyncRound's steps by hand, timed one by one, on a
// second journal with the same number of answers (the figure of 1 is SyncRound itself).
bool BenchBreakdown(const Config& cfg, const StoreProcess& sp, Setup& s, int64_t* clock_ms) {
    std::string error;
    Journal& j = *s.Breakdown;
    Progress(Fmt("1b. the same path step by step, %d answers", cfg.Answers));
    if (!FillJournal(j, cfg.Answers, clock_ms, &error)) {
        Progress("journal: " + error);
        return false;
    }
    double waiting = 0, encode = 0, post = 0, decode = 0, mark = 0;
    int batches = 0;
    auto lap = [](Clock::time_point* t) {
        auto now = Clock::now();
        double ms = std::chrono::duration<double, std::milli>(now - *t).count();
        *t = now;
        return ms;
    };
    for (;;) {
        Batch b;
        b.DeviceId = j.DeviceId();
        auto t = Clock::now();
        if (!j.Waiting(kMaxBatchAnswers, kMaxBatchBytes - 4096, &b.Answers, &error)) {
            Progress("journal: " + error);
            return false;
        }
        waiting += lap(&t);
        if (b.Answers.empty())
            break;
        const std::string body = EncodeBatch(b);
        encode += lap(&t);
        HttpResult r = PostJson(sp.Url + "/v1/answers", s.BreakdownToken, body, 60);
        post += lap(&t);
        std::vector<AnswerResult> results;
        if (r.Status != 200 || !DecodeReply(r.Body, b, &results, &error)) {
            Progress(Fmt("1b. status %ld: %s", r.Status, (r.Error + error + r.Body).substr(0, 200).c_str()));
            return false;
        }
        std::unordered_map<std::string_view, int64_t> seq_of; // as SyncRound: acknowledged ids -> their seqs
        for (const StoredAnswer& a : b.Answers)
            seq_of.emplace(a.Id, a.Seq);
        std::vector<int64_t> ids;
        for (const AnswerResult& a : results)
            if (a.Status == AnswerStatus::Stored || a.Status == AnswerStatus::AlreadyStored)
                ids.push_back(seq_of.at(a.Id));
        decode += lap(&t);
        if (!j.MarkSynced(ids, &error)) {
            Progress("journal: " + error);
            return false;
        }
        mark += lap(&t);
        batches++;
    }
    const double n = std::max(1, batches);
    AddRow(Fmt("1b. per batch of 1000, by hand (%d batches): journal read / encode / POST / decode / mark", batches),
           Fmt("%.1f / %.1f / %.1f / %.1f / %.1f ms", waiting / n, encode / n, post / n, decode / n, mark / n), "",
           "");
    return true;
}

// 2. One request per answer: the kiosk path with batches of one.
bool BenchSingle(const StoreProcess& sp, Setup& s, int total, double* rate, int* errors) {
    Progress(Fmt("2. %d answers, one POST each, over %zu devices", total, s.Singles.size()));
    std::vector<double> lat;
    int sent = 0;
    *errors = 0;
    std::map<long, int> statuses;
    auto t0 = Clock::now();
    for (size_t d = 0; d < s.Singles.size() && !g_stop; d++) {
        Journal& j = *s.Singles[d];
        const std::string& token = s.SingleLinks[d].Token;
        for (;;) {
            Batch b;
            b.DeviceId = j.DeviceId();
            std::string error;
            if (!j.Waiting(1, kMaxBatchBytes - 4096, &b.Answers, &error)) {
                Progress("journal: " + error);
                return false;
            }
            if (b.Answers.empty())
                break;
            auto r0 = Clock::now();
            HttpResult r = PostJson(sp.Url + "/v1/answers", token, EncodeBatch(b), 60);
            lat.push_back(SecondsSince(r0) * 1000);
            sent++;
            std::vector<AnswerResult> results;
            if (r.Status != 200 || !DecodeReply(r.Body, b, &results, &error) ||
                (results[0].Status != AnswerStatus::Stored && results[0].Status != AnswerStatus::AlreadyStored)) {
                statuses[r.Status]++;
                if (++*errors > 20) {
                    Progress("2. too many failures; last: " + (r.Error.empty() ? r.Body : r.Error));
                    return false;
                }
                continue;
            }
            if (!j.MarkSynced({b.Answers[0].Seq}, &error)) {
                Progress("journal: " + error);
                return false;
            }
        }
    }
    const double secs = SecondsSince(t0);
    if (g_stop)
        return false;
    *rate = total / secs;
    Stats st = Summarize(lat);
    AddRow(Fmt("2. one request per answer (%d answers, %zu devices)", total, s.Singles.size()),
           Fmt("%s answers/s (%.2f s)", Thousands(*rate).c_str(), secs), "", "");
    AddRow("   its request latency p50 / p99", Fmt("%.2f / %.2f ms", st.P50, st.P99), "", "");
    if (*errors) {
        std::string what;
        for (auto& [code, n] : statuses)
            what += Fmt(" %d x status %ld", n, code);
        AddRow("   its failed requests (retried)", Fmt("%d:%s", *errors, what.c_str()), "", "");
    }
    return true;
}

// Part 3's rows: n answers of one device, five to a visit.
std::vector<StoredAnswer> BulkRows(int n) {
    std::vector<StoredAnswer> rows;
    rows.reserve(size_t(n));
    std::string session;
    int64_t ms = kStartMs;
    for (int i = 1; i <= n; i++) {
        if (i % 5 == 1)
            session = NewUuidV4();
        rows.push_back(MakeAnswer(i, session, ms++));
    }
    return rows;
}

// Part 3's table: the store's own answers table as Store::Open makes it (its unique id,
// indexes, foreign key and triggers), in a new store with one enrolled device.
bool BareStore(const Config& cfg, std::string* db, std::string* device) {
    std::string error, code, token, wijk, pub, sec;
    *db = NewStoreDb(cfg.Tmp, "bare");
    *device = NewUuidV4();
    bool forbidden = false;
    auto store = Store::Open(*db, &error);
    if (!store || !store->NewEnrollCode("Oosterpark", &code, &error) || !NewSigningKey(&pub, &sec, &error) ||
        !store->Enroll(code, *device, pub, &token, &wijk, &forbidden, &error)) {
        Progress("3. the bare store: " + error);
        return false;
    }
    return true;
}

// 3. A bare SQLite bulk insert into the store's answers table: one prepared INSERT run
// per row, one transaction, WAL + FULL, the columns the store writes.
bool BenchBulk(const Config& cfg, double* rate) {
    Progress(Fmt("3. bare SQLite: %d rows in one transaction", cfg.Bulk));
    std::string path, device;
    if (!BareStore(cfg, &path, &device))
        return false;
    sqlite3* db = nullptr;
    auto fail = [&](const char* what) {
        Progress(Fmt("bare SQLite, %s: %s", what, db ? sqlite3_errmsg(db) : "cannot open"));
        sqlite3_close(db);
        return false;
    };
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        return fail("open");
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr,
                     nullptr, nullptr) != SQLITE_OK)
        return fail("pragmas");
    // Rows made before the clock starts, as the store has them decoded before its transaction.
    const std::vector<StoredAnswer> rows = BulkRows(cfg.Bulk);
    const std::string received = IsoTimeMs(kStartMs + 86400000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO answers(id, device_id, seq, session_id, pack_id, pack_version, question_id, "
                           "value, answered_at, received_at, via, flagged, unverified, replaces, superseded) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 0, NULL, 0)",
                           -1, &st, nullptr) != SQLITE_OK)
        return fail("prepare");
    auto text = [&](int i, const std::string& v) { sqlite3_bind_text(st, i, v.data(), int(v.size()), SQLITE_STATIC); };
    auto t0 = Clock::now();
    bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    for (const StoredAnswer& a : rows) {
        if (!ok)
            break;
        sqlite3_reset(st);
        text(1, a.Id);
        text(2, device);
        sqlite3_bind_int64(st, 3, a.Seq);
        text(4, a.SessionId);
        text(5, a.PackId);
        text(6, a.PackVersion);
        text(7, a.QuestionId);
        text(8, a.Value);
        text(9, a.AnsweredAt);
        text(10, received);
        text(11, "network");
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    const double secs = SecondsSince(t0);
    sqlite3_finalize(st);
    if (!ok)
        return fail("insert");
    sqlite3_close(db);
    *rate = cfg.Bulk / secs;
    AddRow(Fmt("3. bare SQLite bulk insert into the store's answers table (%d rows, 1 transaction)", cfg.Bulk),
           Fmt("%s rows/s (%.2f s)", Thousands(*rate).c_str(), secs), "", "");
    return true;
}

// 3 on PostgreSQL. A bare COPY of the same rows into the store's answers table, in one
// transaction: PostgreSQL's fastest way in, the baseline of issue 18's 50 % goal.
bool BenchCopy(const Config& cfg, double* rate) {
    Progress(Fmt("3. bare PostgreSQL COPY: %d rows in one transaction", cfg.Bulk));
    std::string url, device;
    if (!BareStore(cfg, &url, &device))
        return false;
    const std::vector<StoredAnswer> rows = BulkRows(cfg.Bulk);
    const std::string received = IsoTimeMs(kStartMs + 86400000);
    double secs = 0;
    try {
        pqxx::connection c(url);
        const auto t0 = Clock::now();
        pqxx::work w(c);
        pqxx::stream_to copy(w, "answers",
                             std::vector<std::string>{"id", "device_id", "seq", "session_id", "pack_id", "pack_version",
                                                      "question_id", "value", "answered_at", "received_at", "via",
                                                      "flagged", "unverified", "replaces", "superseded"});
        for (const StoredAnswer& a : rows)
            copy << std::make_tuple(a.Id, device, a.Seq, a.SessionId, a.PackId, a.PackVersion, a.QuestionId, a.Value,
                                    a.AnsweredAt, received, std::string("network"), 0, 0, nullptr, 0);
        copy.complete();
        w.commit();
        secs = SecondsSince(t0);
    } catch (const std::exception& e) {
        Progress(Fmt("bare PostgreSQL COPY: %s", e.what()));
        return false;
    }
    *rate = cfg.Bulk / secs;
    AddRow(Fmt("3. bare PostgreSQL COPY into the store's answers table (%d rows, 1 transaction)", cfg.Bulk),
           Fmt("%s rows/s (%.2f s)", Thousands(*rate).c_str(), secs), "", "");
    return true;
}

// The engines of the run, for the table's heading.
std::string BackendLine() {
    std::string line = Fmt("SQLite %s (kiosk journals", sqlite3_libversion());
    if (!Postgres())
        return line + " and the store)";
    std::string version = "?";
    try {
        pqxx::connection c(g_pg_url);
        pqxx::nontransaction n(c);
        version = n.exec("SHOW server_version")[0][0].c_str();
    } catch (const std::exception&) {
    }
    return line + "); the store on PostgreSQL " + version + " (tests/pg_cluster.sh, Unix socket)";
}

// 4. 200 kiosks at once: one thread each, all released together.
// A request that takes longer counts as failed; no batch starts after the deadline (the
// run stays bounded even when the store stalls).
constexpr long kKioskTimeoutS = 20;
constexpr double kKioskDeadlineS = 60;

bool BenchKiosks(const Config& cfg, const StoreProcess& sp, const Setup& s, int* errors, int* acked) {
    const int n = int(s.Kiosks.size());
    Progress(Fmt("4. %d kiosks at once, %d answers each in batches of %d", n, cfg.PerKiosk, cfg.KioskBatch));
    std::vector<std::vector<double>> lat(static_cast<size_t>(n));
    std::atomic<int> failed_requests{0}, unacknowledged{0}, acknowledged{0}, unsent{0};
    Clock::time_point start;
    std::mutex m;
    std::map<long, int> statuses;
    std::map<std::string, int> transport_errors; // status 0: no answer (curl's words)
    std::string last_error;
    std::latch go(n + 1);
    std::vector<std::thread> threads;
    threads.reserve(size_t(n));
    for (int k = 0; k < n; k++) {
        threads.emplace_back([&, k] {
            const SimKiosk& sk = s.Kiosks[size_t(k)];
            go.arrive_and_wait();
            for (size_t b = 0; b < sk.Bodies.size(); b++) {
                if (SecondsSince(start) > kKioskDeadlineS || g_stop) {
                    unsent += int(sk.Batches[b].Answers.size());
                    continue;
                }
                auto r0 = Clock::now();
                HttpResult r = PostJson(sp.Url + "/v1/answers", sk.Token, sk.Bodies[b], kKioskTimeoutS);
                lat[size_t(k)].push_back(SecondsSince(r0) * 1000);
                std::vector<AnswerResult> results;
                std::string error;
                if (r.Status != 200 || !DecodeReply(r.Body, sk.Batches[b], &results, &error)) {
                    failed_requests++;
                    unacknowledged += int(sk.Batches[b].Answers.size());
                    std::lock_guard<std::mutex> lock(m);
                    statuses[r.Status]++;
                    if (r.Status == 0)
                        transport_errors[r.Error]++;
                    last_error = r.Error.size() ? r.Error : error.size() ? error : r.Body;
                    continue;
                }
                for (const AnswerResult& a : results)
                    (a.Status == AnswerStatus::Stored || a.Status == AnswerStatus::AlreadyStored ? acknowledged : unacknowledged)++;
            }
        });
    }
    const long long overflows0 = ListenOverflows();
    const double cpu0 = CpuSeconds(sp.Pid);
    auto t0 = start = Clock::now();
    go.count_down();
    for (auto& t : threads)
        t.join();
    const double secs = SecondsSince(t0);
    const long long overflows = ListenOverflows() - overflows0;
    const double cpu = CpuSeconds(sp.Pid) - cpu0;
    std::vector<double> all;
    for (auto& v : lat)
        all.insert(all.end(), v.begin(), v.end());
    Stats st = Summarize(all);
    *errors = failed_requests + unacknowledged + unsent;
    *acked = acknowledged;
    const int total = n * cfg.PerKiosk;
    std::string what;
    for (auto& [code, c] : statuses)
        what += Fmt(", %d x status %ld", c, code);
    AddRow(Fmt("4. %d kiosks at once: errors (failed requests + unacknowledged answers)", n),
           Fmt("%d + %d%s", failed_requests.load(), unacknowledged.load(), what.c_str()), "0",
           Verdict(*errors == 0));
    if (unsent)
        AddRow(Fmt("   answers not sent: past the %.0f s deadline", kKioskDeadlineS), Fmt("%d", unsent.load()), "0",
               "FAIL");
    if (!last_error.empty()) {
        Progress("4. last failure: " + last_error);
        // What the store said about it (its stderr), each different line once.
        std::istringstream log(ReadFileText(sp.Log));
        std::map<std::string, int> lines;
        for (std::string line; std::getline(log, line);)
            if (line.find("listening") == std::string::npos)
                lines[line]++;
        for (auto& [line, c] : lines)
            Progress(Fmt("4. store log, %d x: %s", c, line.c_str()));
        for (auto& [e, c] : transport_errors)
            Progress(Fmt("4. no answer, %d x: %s", c, e.c_str()));
    }
    AddRow(Fmt("   batch latency p50 / p99 / max (%zu batches of %d)", st.N, cfg.KioskBatch),
           Fmt("%.0f / %.0f / %.0f ms", st.P50, st.P99, st.Max), "", "");
    AddRow(Fmt("   total, %d answers acknowledged of %d", acknowledged.load(), total),
           Fmt("%s answers/s (%.2f s)", Thousands(total / secs).c_str(), secs), "", "");
    if (cpu0 >= 0)
        AddRow("   the store's CPU time for them (user + system, all threads)",
               Fmt("%.2f s, %.0f us a request", cpu, 1e6 * cpu / std::max<size_t>(1, st.N)), "", "info");
    if (overflows0 >= 0)
        AddRow("   listen queue overflows meanwhile (TcpExt ListenOverflows, whole machine)",
               Fmt("%lld", overflows), "", "info");
    return true;
}

//-----------------------------------------------------------------------------
// 5. A kiosk's round beside slow clients
//-----------------------------------------------------------------------------

int ConnectLoopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(uint16_t(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

// Connections that send a request header a byte a second and never finish it (a
// slowloris). One the store closes (its header deadline) is opened again, so about n stay
// open all the time. Its own thread, until Stop().
struct SlowClients {
    std::atomic<bool> Quit{false}, Ready{false};
    std::atomic<int> Open{0}, Reopened{0};
    std::thread T;

    void Start(int port, int n) {
        T = std::thread([this, port, n] { Run(port, n); });
        while (!Ready)
            usleep(10000);
    }
    void Stop() {
        Quit = true;
        if (T.joinable())
            T.join();
    }
    void Run(int port, int n) {
        const std::string header =
            "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(4000, 'a') + "\r\n\r\n";
        std::vector<std::pair<int, size_t>> conns; // socket, bytes sent
        auto open_one = [&] {
            int fd = ConnectLoopback(port);
            if (fd >= 0 && send(fd, header.data(), 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1)
                conns.emplace_back(fd, 1);
            else if (fd >= 0)
                close(fd);
        };
        for (int i = 0; i < n && !Quit; i++)
            open_one();
        Open = int(conns.size());
        Ready = true;
        while (!Quit) {
            for (int i = 0; i < 10 && !Quit; i++) // a second between bytes, in steps so Stop() is quick
                usleep(100000);
            for (auto& [fd, sent] : conns) {
                char b;
                ssize_t r = recv(fd, &b, 1, MSG_DONTWAIT);
                const bool closed = r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
                const size_t next = std::min(sent, header.size() - 5); // never the blank line
                if (!closed && send(fd, header.data() + next, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1) {
                    sent = next + 1;
                    continue;
                }
                close(fd);
                fd = -1;
            }
            std::erase_if(conns, [](const auto& c) { return c.first < 0; });
            for (int i = int(conns.size()); i < n && !Quit; i++, Reopened++)
                open_one();
            Open = int(conns.size());
        }
        for (auto& c : conns)
            close(c.first);
        Open = 0;
    }
};

// A round of kPerRound answers, timed; the commits and a pause (the store's rate per
// device, 20/s, and a round is two requests) come before the clock starts.
bool TimedRound(Journal& j, int per_round, int64_t* clock_ms, std::vector<double>* ms, int* stored) {
    std::string error;
    if (!FillJournal(j, per_round, clock_ms, &error)) {
        Progress("5. journal: " + error);
        return false;
    }
    usleep(250000);
    SyncReport rep;
    auto t = Clock::now();
    const bool ok = SyncRound(j, &rep) && rep.Left == 0;
    ms->push_back(SecondsSince(t) * 1000);
    *stored += rep.Stored;
    if (!ok)
        Progress("5. round failed: " + rep.Error);
    return ok;
}

bool BenchSlow(const Config& cfg, const StoreProcess& sp, Setup& s, int64_t* clock_ms, int* stored, int* sent) {
    constexpr int kRounds = 8, kPerRound = 200;
    const int port = atoi(sp.Url.substr(sp.Url.rfind(':') + 1).c_str());
    Journal& j = *s.SlowKiosk;
    std::string error;
    if (!j.SetStore({sp.Url, s.SlowToken, "Oosterpark", ""}, &error)) {
        Progress("5. journal: " + error);
        return false;
    }
    Progress(Fmt("5. %d rounds of %d answers with none, %d or more (12 s) beside %d slow connections, %d with "
                 "none again", kRounds, kPerRound, kRounds, cfg.Slow, kRounds));
    std::vector<double> quiet, busy;
    bool ok = true;
    for (int i = 0; i < kRounds && ok && !g_stop; i++)
        ok = TimedRound(j, kPerRound, clock_ms, &quiet, stored);
    SlowClients slow;
    slow.Start(port, cfg.Slow);
    usleep(500000); // the store accepts them all before the first round
    int open_min = slow.Open;
    // Past the store's header deadline (10 s) too, so some rounds meet the slow clients
    // being cut off and coming back.
    const auto busy_from = Clock::now();
    for (int i = 0; (i < kRounds || SecondsSince(busy_from) < 12) && ok && !g_stop; i++) {
        open_min = std::min(open_min, slow.Open.load());
        ok = TimedRound(j, kPerRound, clock_ms, &busy, stored);
    }
    slow.Stop();
    for (int i = 0; i < kRounds && ok && !g_stop; i++)
        ok = TimedRound(j, kPerRound, clock_ms, &quiet, stored);
    *sent = int(quiet.size() + busy.size()) * kPerRound;
    if (!ok)
        return false;
    const Stats q = Summarize(quiet), b = Summarize(busy);
    AddRow(Fmt("5. a kiosk's sync round of %d answers, median / max: no slow connections (%zu rounds)", kPerRound,
               q.N),
           Fmt("%.1f / %.1f ms", q.P50, q.Max));
    AddRow(Fmt("   the same beside %d connections trickling their headers (%zu rounds)", cfg.Slow, b.N),
           Fmt("%.1f / %.1f ms", b.P50, b.Max));
    AddRow("   slow connections open during those rounds, at least / opened again after the store cut them",
           Fmt("%d / %d", open_min, slow.Reopened.load()), "", "info");
    AddRow("**ratio of the medians, with slow connections / without**", Fmt("%.2fx", b.P50 / q.P50), "<= 2x",
           Verdict(b.P50 <= 2 * q.P50));
    return true;
}

void Usage() {
    fprintf(stderr, "usage: bench_sync [--store PATH] [--tmp DIR] [--answers N] [--ingest N] [--single N] [--bulk N]\n"
                    "                  [--kiosks N] [--per-kiosk N] [--kiosk-batch N] [--slow N]\n"
                    "                  [--store-arg ARG]...   one more option for wijkstem-store serve\n"
                    "                  [--scale-sizes N,N...] (default 10000,1000000; \"\" skips parts 6 and 7)\n"
                    "                  [--scale-kiosks N] (default 1000; 0 skips part 7) [--scale-replies N]\n"
                    "                  [--pg]  the stores on PostgreSQL (under tests/pg_cluster.sh run)\n");
}

} // namespace

int main(int argc, char** argv) {
    Config cfg;
    ScaleConfig scale;
    cfg.StoreBin = EnvOr("WIJKSTEM_STORE_BIN", SelfDir() + "/wijkstem-store");
    std::string tmp_root = EnvOr("TMPDIR", "/tmp");
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&] { return OptionValue(argc, argv, &i, "bench_sync", Usage); };
        if (a == "--store")
            cfg.StoreBin = next();
        else if (a == "--tmp")
            tmp_root = next();
        else if (a == "--answers")
            cfg.Answers = std::max(10, atoi(next()));
        else if (a == "--ingest")
            cfg.Ingest = std::max(kIngestKiosks * 10, atoi(next()));
        else if (a == "--single")
            cfg.Single = std::max(10, atoi(next()));
        else if (a == "--bulk")
            cfg.Bulk = std::max(10, atoi(next()));
        else if (a == "--kiosks")
            cfg.Kiosks = std::max(1, atoi(next()));
        else if (a == "--per-kiosk")
            cfg.PerKiosk = std::max(1, atoi(next()));
        else if (a == "--kiosk-batch")
            cfg.KioskBatch = std::clamp(atoi(next()), 1, int(kMaxBatchAnswers));
        else if (a == "--store-arg")
            cfg.StoreArgs.push_back(next());
        else if (a == "--slow")
            cfg.Slow = std::clamp(atoi(next()), 1, 3000);
        else if (a == "--scale-sizes") { // e.g. 10000,1000000; "" skips parts 6 and 7
            scale.Sizes.clear();
            std::istringstream list(next());
            for (std::string n; std::getline(list, n, ',');)
                if (atoll(n.c_str()) >= 1000)
                    scale.Sizes.push_back(atoll(n.c_str()));
        } else if (a == "--scale-kiosks")
            scale.Kiosks = std::max(0, atoi(next()));
        else if (a == "--scale-replies")
            scale.Replies = std::max(10, atoi(next()));
        else if (a == "--pg") { // every store in PostgreSQL: run under tests/pg_cluster.sh run
            const char* url = getenv("WIJKSTEM_PG_URL");
            if (!url || !*url) {
                fprintf(stderr, "bench: --pg needs WIJKSTEM_PG_URL (run: tests/pg_cluster.sh run %s --pg ...)\n", argv[0]);
                return 2;
            }
            g_pg_url = url;
        }
        else {
            Usage();
            return 2;
        }
    }
    if (access(cfg.StoreBin.c_str(), X_OK) != 0) {
        fprintf(stderr, "bench: no store binary at %s (build the wijkstem-store target, or give --store PATH)\n",
                cfg.StoreBin.c_str());
        return 1;
    }

    HandleInterrupts(OnInterrupt);
    if (!MakeTempDir(tmp_root, "wijkstem-bench-sync", &cfg.Tmp))
        return 1;
    scale.StoreBin = cfg.StoreBin;
    scale.Tmp = cfg.Tmp;
    const std::string machine = MachineLine();
    Progress(machine);
    Progress("store " + cfg.StoreBin + "; temp " + cfg.Tmp);

    auto t0 = Clock::now();
    bool ok = true;
    const std::string db = NewStoreDb(cfg.Tmp, "store");
    int64_t clock_ms = kStartMs;
    Setup setup;
    StoreProcess sp;
    double batched = 0, ingest = 0, single = 0, bulk = 0;
    int single_errors = 0, kiosk_errors = -1, kiosk_acked = 0;
    int64_t acknowledged = 0; // answers the store acknowledged, all parts
    int slow_stored = 0, slow_sent = 0; // part 5
    Progress(Fmt("enrolling %d + %d + %d devices through the Store API",
                 (cfg.Single + kSinglePerDevice - 1) / kSinglePerDevice, kIngestKiosks, cfg.Kiosks));
    if (!Prepare(cfg, db, &setup, &clock_ms) || !StartStore(cfg.StoreBin, db, cfg.Tmp + "/store.log", cfg.StoreArgs, &sp)) {
        AddRow("sync figures", "NOT MEASURED (see above)");
        ok = false;
    } else {
        Progress("store listening at " + sp.Url);
        for (auto& link : setup.SingleLinks)
            link.Url = sp.Url;
        if (!BenchBatched(cfg, sp, setup.MainCode, &clock_ms, &batched)) {
            AddRow("1. batched", "NOT MEASURED (see above)");
            ok = false;
        } else {
            acknowledged += cfg.Answers;
        }
        int ingest_acked = 0;
        if (!g_stop && !BenchIngest(sp, setup, &ingest, &ingest_acked)) {
            AddRow("1c. the store's intake", "NOT MEASURED (see above)");
            ok = false;
        }
        acknowledged += ingest_acked;
        if (!g_stop && !BenchBreakdown(cfg, sp, setup, &clock_ms)) {
            AddRow("1b. per batch, by hand", "NOT MEASURED (see above)");
            ok = false;
        } else {
            acknowledged += cfg.Answers;
        }
        if (!g_stop && !BenchSingle(sp, setup, cfg.Single, &single, &single_errors)) {
            AddRow("2. one request per answer", "NOT MEASURED (see above)");
            ok = false;
        } else {
            acknowledged += cfg.Single;
        }
        if (batched > 0 && single > 0)
            AddRow("**ratio batched / one request per answer**", Fmt("%.1fx", batched / single), ">= 50x",
                   Verdict(batched / single >= 50));
        if (!g_stop && !BenchKiosks(cfg, sp, setup, &kiosk_errors, &kiosk_acked))
            ok = false;
        acknowledged += kiosk_acked;
        if (!g_stop && !BenchSlow(cfg, sp, setup, &clock_ms, &slow_stored, &slow_sent)) {
            AddRow("5. beside slow connections", "NOT MEASURED (see above)");
            ok = false;
        }
        acknowledged += slow_stored;
        StopStore(sp);
    }
    if (!g_stop && !(Postgres() ? BenchCopy(cfg, &bulk) : BenchBulk(cfg, &bulk))) {
        AddRow(Postgres() ? "3. bare PostgreSQL COPY" : "3. bare SQLite bulk insert", "NOT MEASURED (see above)");
        ok = false;
    }
    // issue 18: ingest as a share of the engine's own bulk speed, same run (SQLite's bulk
    // insert: goal 25 %; PostgreSQL's COPY: goal 50 %). Ingest is the store's intake (1c);
    // one kiosk alone (1) is shown beside it, set by that kiosk's own journal as much.
    if (batched > 0 && bulk > 0)
        AddRow("   one kiosk alone: batched sync (1) / bare bulk (3)", Fmt("%.0f %%", 100 * batched / bulk), "",
               "info");
    if (ingest > 0 && bulk > 0)
        AddRow(Postgres() ? "**ingest: the store's intake (1c) / bare COPY (3)**"
                          : "**ingest: the store's intake (1c) / bare bulk insert (3)**",
               Fmt("**%.0f %%**", 100 * ingest / bulk), Postgres() ? ">= 50 %" : ">= 25 %",
               Verdict(ingest / bulk >= (Postgres() ? 0.5 : 0.25)));

    // Exactly once: every acknowledged answer is in the store once, none in conflict, and
    // nothing the store refused (a 500 says "nothing was stored") crept in.
    if (!g_stop && ok) {
        std::string error;
        auto store = Store::Open(db, &error);
        const int64_t expected = acknowledged;
        const int64_t sent = 2 * int64_t(cfg.Answers) + cfg.Ingest / kIngestKiosks * kIngestKiosks + cfg.Single + int64_t(cfg.Kiosks) * cfg.PerKiosk + slow_sent;
        int64_t have = store ? store->AnswerCount() : -1, conflicts = store ? store->ConflictCount() : -1;
        int64_t distinct = -1;
        if (store) {
            store::db::Stmt st(store->Handle(), "SELECT count(DISTINCT id) FROM answers");
            if (st.Step() == store::db::kRow)
                distinct = st.Int(0);
        }
        AddRow("store afterwards: distinct ids / rows / conflicts",
               Fmt("%lld / %lld / %lld (acknowledged %lld of %lld)", (long long)distinct, (long long)have,
                   (long long)conflicts, (long long)expected, (long long)sent),
               "= acknowledged", Verdict(have == expected && distinct == expected && conflicts == 0));
    }
    if (!g_stop && scale.Sizes.size() && !BenchScale(scale)) // parts 6 and 7 (bench/bench_sync_scale.cpp)
        ok = false;
    const double total_s = SecondsSince(t0);
    std::error_code ec;
    fs::remove_all(cfg.Tmp, ec);

    printf("\nWijkstem sync bench: %s\n", machine.c_str());
    printf("%s; store %s on loopback; %.0f s in all\n\n", BackendLine().c_str(), cfg.StoreBin.c_str(), total_s);
    PrintTable();
    printf("\nCommand: %s", argv[0]);
    for (int i = 1; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\nPart 2 spreads its answers over devices, %d each, so the store's rate limit per device (20/s, burst "
           "40)\nnever answers 429; one kiosk sending one request per answer would be held to 20 answers/s.\n"
           "One run on a shared machine: compare figures within a run.\n",
           kSinglePerDevice);
    fflush(stdout);
    if (g_stop) {
        fprintf(stderr, "bench: interrupted; the figures above are incomplete\n");
        return 130;
    }
    return ok ? 0 : 1;
}
