// Simulated power cuts (issue 17, promise 1 "nothing thanked is lost" and promise 2
// "exactly once at the store"). Each run copies a prepared database, does real work on it
// through the journal's or the store's own API under the power-cut VFS shim
// (tests/power_cut_vfs.hpp), and cuts the power at a random I/O event: walk-in visits,
// campfire writes, marking a batch synced, the retention prune, closing (checkpoint), or the
// store's batch insert. Then the files are put back as a disk would hold them, reopened
// with the real VFS and checked:
//   - PRAGMA integrity_check is "ok";
//   - every answer whose commit returned success (the resident saw "bedankt"; the store
//     sent its ack) is there exactly once;
//   - the device sequence never goes back: the next answer gets a higher seq than any
//     answer ever thanked;
//   - a batch marked synced stays marked; a campfire count or agreement holds the last
//     value saved (or one attempted after it, never an older one).
// The negative control runs the same visits with PRAGMA synchronous=OFF set through
// Journal::Handle() (test-only; the kiosk never does this) and must lose answers.
//
// Cuts: WIJKSTEM_POWER_CUTS (default 1000, make test-power: 5000), seed WIJKSTEM_POWER_SEED
// (default 17); every failure names its run, cut event and mode, so one run can be replayed.
#include "store/store.hpp"
#include "sync/journal.hpp"
#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"
#include "sync/uuid.hpp"
#include "tests/power_cut_vfs.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>

using namespace wsync;
namespace fs = std::filesystem;

namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoll(v, nullptr, 10) : fallback;
}

struct TempDir {
    std::string Path;
    TempDir() {
        // tmpfs where there is one: the shim models the disk, and the checks' own fsyncs
        // (real VFS) would only cost time.
        std::string tmpl = fs::is_directory("/dev/shm") ? "/dev/shm/wijkstem-power-XXXXXX" : "/tmp/wijkstem-power-XXXXXX";
        Path = mkdtemp(tmpl.data());
    }
    ~TempDir() { fs::remove_all(Path); }
};

int64_t Scalar(sqlite3* db, const std::string& sql, const std::string& arg = {}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        return -1;
    if (!arg.empty())
        sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
    sqlite3_finalize(st);
    return v;
}

std::string Text(sqlite3* db, const std::string& sql, const std::string& arg = {}) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        return "(prepare failed)";
    if (!arg.empty())
        sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
    std::string v = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
                        ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                        : "(no row)";
    sqlite3_finalize(st);
    return v;
}

AnswerRecord Answer(const std::string& session, const std::string& question, const std::string& value) {
    AnswerRecord a;
    a.SessionId = session;
    a.PackId = "gronings-model";
    a.PackVersion = "2.4.0";
    a.QuestionId = question;
    a.Value = value;
    a.Lang = "nl";
    a.AnsweredAtMs = NowMs();
    return a;
}

// What the code under test was told before the power went.
struct Promised {
    std::map<std::string, int64_t> Thanked;   // answer id -> seq: its commit returned true
    std::set<std::string> MayBePruned;         // acknowledged long ago: the prune may take them
    bool PruneDone = false;
    std::vector<int64_t> MarkedSynced;         // MarkSynced returned true for these seqs
    int64_t MaxSeq = 0;
    // Campfire: per key, the values in the order attempted and whether the save returned true.
    std::map<std::string, std::vector<std::pair<std::string, bool>>> Campfire;
};

void Thank(Promised* p, const std::vector<CommittedAnswer>& done) {
    for (const CommittedAnswer& c : done) {
        p->Thanked[c.Id] = c.Seq;
        p->MaxSeq = std::max(p->MaxSeq, c.Seq);
    }
}

// A prepared journal: 15 answers, 5 of them acknowledged in 2020 (the prune's work).
struct BaseJournal {
    TempDir Dir;
    Promised Before;
    std::string File() const { return JournalPath(Dir.Path); }
    BaseJournal() {
        std::string error;
        auto j = Journal::Open(File(), &error);
        REQUIRE_MESSAGE(j, error);
        std::vector<int64_t> old;
        for (int i = 0; i < 15; i++) {
            CommittedAnswer c;
            REQUIRE(j->Commit(Answer(NewUuidV4(), "buurt-gevoel", std::to_string(i % 5 + 1)), &c, &error));
            Thank(&Before, {c});
            if (i < 5) {
                old.push_back(c.Seq);
                Before.MayBePruned.insert(c.Id);
                Before.Thanked.erase(c.Id);
            }
        }
        REQUIRE(j->MarkSynced(old, &error));
        REQUIRE(sql::Exec(j->Handle(), "UPDATE answers SET synced_at = '2020-01-01T00:00:00.000Z' "
                                       "WHERE synced_at IS NOT NULL", &error));
    }
};

void SaveCampfire(Promised* p, const std::string& key, bool ok, const std::string& value) {
    p->Campfire[key].push_back({value, ok});
}

// The kiosk's work on its journal, in the order a day brings it.
void JournalDay(Journal& j, Promised* p, bool sync_off) {
    std::string error;
    if (sync_off) // the negative control only: the kiosk never does this
        sql::Exec(j.Handle(), "PRAGMA synchronous=OFF", &error);
    auto visits = [&](int n, const char* phase) {
        powercut::SetPhase(phase);
        for (int v = 0; v < n; v++) {
            const std::string session = NewUuidV4();
            if (v % 3 == 2) { // a who-decides matrix: its rows in one transaction
                std::vector<CommittedAnswer> done;
                if (j.Commit({Answer(session, "wie-beslist.groen", "wijk"), Answer(session, "wie-beslist.geld", "samen"),
                              Answer(session, "wie-beslist.veilig", "gemeente")},
                             &done, &error))
                    Thank(p, done);
                continue;
            }
            for (int q = 0; q < 2; q++) {
                CommittedAnswer c;
                if (j.Commit(Answer(session, q ? "ja-nee" : "buurt-gevoel", std::to_string(v + q)), &c, &error))
                    Thank(p, {c});
            }
        }
    };
    visits(6, "walk-in visits");

    powercut::SetPhase("campfire writes");
    CampfireSessionRecord s;
    s.Id = NewUuidV4();
    s.Name = "Buurtavond";
    s.Wijk = "Oosterpark";
    s.HeldOn = "2026-11-28";
    s.Present = 12;
    s.PackId = "gronings-model";
    s.PackVersion = "2.4.0";
    s.StartedAt = "2026-11-28T19:00:00.000Z";
    SaveCampfire(p, "session:" + s.Id, j.SaveCampfireSession(s, &error), "present");
    for (int n = 1; n <= 4; n++) {
        CampfireResultRecord r{s.Id, "prettig-wonen", "4", n, "taps", false, 0};
        SaveCampfire(p, "count:" + s.Id, j.SaveCampfireCounts({r}, &error), std::to_string(n));
    }
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = s.Id;
    a.Wijk = "Oosterpark";
    a.What = "Een wijkpanel samenstellen";
    a.Who = "wijkpanel";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    for (const char* status : {"open", "bezig", "klaar"}) {
        a.Status = status;
        SaveCampfire(p, "agreement:" + a.Id, j.SaveAgreement(a, &error), status);
    }
    j.EndCampfireSession(s.Id, "2026-11-28T21:00:00.000Z", &error);

    powercut::SetPhase("marking a batch synced");
    std::vector<StoredAnswer> waiting;
    if (j.Waiting(8, 1 << 20, &waiting, &error)) {
        std::vector<int64_t> seqs;
        for (const StoredAnswer& w : waiting)
            seqs.push_back(w.Seq);
        if (j.MarkSynced(seqs, &error))
            p->MarkedSynced = seqs;
    }
    CampfireBatch cb;
    if (j.CampfireWaiting(100, &cb, &error))
        j.MarkCampfireSynced(cb, &error);

    powercut::SetPhase("retention prune");
    p->PruneDone = j.PruneSynced(30, &error) >= 0;

    visits(3, "walk-in visits");
    powercut::SetPhase("closing (checkpoint)");
}

struct Verdict {
    bool Ok = true;
    int Lost = 0;
    std::string Why;
    void Fail(const std::string& why) {
        if (Ok)
            Why = why;
        Ok = false;
    }
};

// Reopens the journal with the real VFS and holds it to what was promised.
Verdict CheckJournal(const std::string& path, const Promised& p) {
    Verdict v;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        v.Fail("cannot reopen: " + std::string(sqlite3_errmsg(db)));
        sqlite3_close(db);
        return v;
    }
    const std::string integrity = Text(db, "PRAGMA integrity_check");
    if (integrity != "ok")
        v.Fail("integrity_check: " + integrity);
    for (const auto& [id, seq] : p.Thanked) {
        const int64_t n = Scalar(db, "SELECT count(*) FROM answers WHERE id = ?1", id);
        if (n != 1) {
            v.Lost += n == 0;
            v.Fail("thanked answer " + id + " (seq " + std::to_string(seq) + ") is there " + std::to_string(n) +
                   " times");
        }
    }
    for (const std::string& id : p.MayBePruned) {
        const int64_t n = Scalar(db, "SELECT count(*) FROM answers WHERE id = ?1", id);
        if (n > 1 || (p.PruneDone && n != 0))
            v.Fail("a pruned answer is there " + std::to_string(n) + " times after a prune that returned");
    }
    for (int64_t seq : p.MarkedSynced)
        if (Scalar(db, "SELECT count(*) FROM answers WHERE seq = " + std::to_string(seq) + " AND synced_at IS NOT NULL") != 1)
            v.Fail("seq " + std::to_string(seq) + " was marked synced and is not any more");
    const int64_t last_seq = Scalar(db, "SELECT last_seq FROM device");
    if (last_seq < p.MaxSeq)
        v.Fail("the device sequence went back: last_seq " + std::to_string(last_seq) + " < thanked " +
               std::to_string(p.MaxSeq));
    for (const auto& [key, tries] : p.Campfire) {
        const size_t colon = key.find(':');
        const std::string kind = key.substr(0, colon), id = key.substr(colon + 1);
        std::string now;
        if (kind == "session")
            now = Scalar(db, "SELECT count(*) FROM group_sessions WHERE id = ?1", id) == 1 ? "present" : "(no row)";
        else if (kind == "count")
            now = Text(db, "SELECT count FROM group_results WHERE group_session_id = ?1", id);
        else
            now = Text(db, "SELECT status FROM agreements WHERE id = ?1", id);
        // Allowed: the last value whose save returned, or any attempted after it.
        std::set<std::string> allowed;
        bool any_ok = false;
        for (const auto& [value, ok] : tries) {
            if (ok) {
                allowed.clear();
                any_ok = true;
            }
            allowed.insert(value);
        }
        if (!any_ok)
            allowed.insert("(no row)");
        if (!allowed.count(now))
            v.Fail("campfire " + kind + " holds " + now + ", not what was saved last");
    }
    sqlite3_close(db);
    // The next answer must get a seq above every thanked one.
    std::string error;
    auto j = Journal::Open(path, &error);
    if (!j) {
        v.Fail("Journal::Open after the cut: " + error);
        return v;
    }
    CommittedAnswer next;
    if (!j->Commit(Answer(NewUuidV4(), "buurt-gevoel", "3"), &next, &error))
        v.Fail("cannot commit after the cut: " + error);
    else if (next.Seq <= p.MaxSeq)
        v.Fail("the next seq " + std::to_string(next.Seq) + " is not above " + std::to_string(p.MaxSeq));
    return v;
}

StoredAnswer StoreAnswer(int i, const std::vector<std::string>& ids, const std::vector<std::string>& sessions) {
    StoredAnswer a;
    a.Id = ids[size_t(i)];
    a.Seq = i + 1;
    a.SessionId = sessions[size_t(i / 2)];
    a.PackId = "gronings-model";
    a.PackVersion = "2.4.0";
    a.QuestionId = "buurt-gevoel";
    a.Value = std::to_string(i % 5 + 1);
    a.AnsweredAt = IsoTimeMs(NowMs() - 60000);
    return a;
}

// The store's work: new answers, an overlapping batch and a repeat, each acknowledged only
// when StoreBatch returned. Returns the acknowledged ids.
std::set<std::string> StoreDay(store::Store& s, const std::string& device) {
    powercut::SetPhase("store batch insert");
    std::vector<std::string> ids, sessions;
    for (int i = 0; i < 60; i++)
        ids.push_back(NewUuidV7(NowMs() + i));
    for (int i = 0; i < 30; i++)
        sessions.push_back(NewUuidV4());
    std::vector<StoredAnswer> answers;
    for (int i = 0; i < 60; i++)
        answers.push_back(StoreAnswer(i, ids, sessions));
    std::set<std::string> acked;
    for (auto [from, to] : {std::pair{0, 20}, {10, 30}, {30, 60}, {0, 20}}) {
        Batch b{device, {}};
        for (int i = from; i < to; i++)
            b.Answers.push_back(answers[size_t(i)]);
        std::vector<AnswerResult> results;
        std::string error;
        if (!s.StoreBatch(b, "network", &results, &error))
            continue;
        for (const AnswerResult& r : results)
            if (r.Status == AnswerStatus::Stored || r.Status == AnswerStatus::AlreadyStored)
                acked.insert(r.Id);
    }
    powercut::SetPhase("closing (checkpoint)");
    return acked;
}

Verdict CheckStore(const std::string& path, const std::set<std::string>& acked) {
    Verdict v;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        v.Fail("cannot reopen the store: " + std::string(sqlite3_errmsg(db)));
        sqlite3_close(db);
        return v;
    }
    const std::string integrity = Text(db, "PRAGMA integrity_check");
    if (integrity != "ok")
        v.Fail("integrity_check: " + integrity);
    for (const std::string& id : acked) {
        const int64_t n = Scalar(db, "SELECT count(*) FROM answers WHERE id = ?1", id);
        if (n != 1) {
            v.Lost += n == 0;
            v.Fail("acknowledged answer " + id + " is there " + std::to_string(n) + " times");
        }
    }
    if (Scalar(db, "SELECT count(*) FROM conflicts") != 0)
        v.Fail("a repeat became a conflict");
    sqlite3_close(db);
    std::string error;
    if (!store::Store::Open(path, &error))
        v.Fail("Store::Open after the cut: " + error);
    return v;
}

enum class Work { Journal, Store };
constexpr const char* kStoreDevice = "6c81b0a2-3d4e-4f50-8a1b-2c3d4e5f6a7b"; // enrolled in the base store

struct Run {
    Work What;
    int64_t CutAt;
    powercut::Mode Mode;
    bool SyncOff = false;
};

// One run: fresh copy of the base, the work under the shim with a cut, restore, check.
Verdict OneRun(const Run& run, const std::string& base, const Promised& before, const std::string& dir,
               std::string* phase, int64_t* events) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string file = dir + "/db.sqlite";
    fs::copy_file(base, file);
    powercut::Install();
    powercut::Arm(run.CutAt, run.Mode);
    Promised p = before;
    std::set<std::string> acked;
    std::string error;
    if (run.What == Work::Journal) {
        auto j = Journal::Open(file, &error);
        if (j)
            JournalDay(*j, &p, run.SyncOff);
    } else {
        auto s = store::Store::Open(file, &error);
        if (s)
            acked = StoreDay(*s, kStoreDevice);
    }
    *events = powercut::Events();
    *phase = powercut::PowerIsOut() ? powercut::CutPhase() : "(no cut)";
    powercut::Restore();
    powercut::Uninstall();
    return run.What == Work::Journal ? CheckJournal(file, p) : CheckStore(file, acked);
}

std::string Describe(const Run& r, int i) {
    return "run " + std::to_string(i) + " (" + (r.What == Work::Journal ? "journal" : "store") + ", cut at event " +
           std::to_string(r.CutAt) + ", " + (r.Mode == powercut::Mode::Torn ? "torn sector" : "synced only") +
           (r.SyncOff ? ", synchronous=OFF" : "") + ")";
}

} // namespace

TEST_CASE("power cuts at random moments lose no thanked answer and keep the store's acks") {
    BaseJournal journal_base;
    TempDir store_base, work;
    const std::string store_file = store_base.Path + "/store.sqlite";
    {
        std::string error, code, token, wijk;
        bool forbidden = false;
        auto s = store::Store::Open(store_file, &error);
        REQUIRE_MESSAGE(s, error);
        REQUIRE(s->NewEnrollCode("Oosterpark", &code, &error));
        REQUIRE_MESSAGE(s->Enroll(code, kStoreDevice, std::string(64, 'a'), &token, &wijk, &forbidden, &error), error);
    }
    // Events of an uncut day, to draw the cut among.
    std::string phase;
    int64_t journal_events = 0, store_events = 0;
    REQUIRE(OneRun({Work::Journal, 0, powercut::Mode::Synced}, journal_base.File(), journal_base.Before,
                   work.Path + "/r", &phase, &journal_events).Ok);
    REQUIRE(OneRun({Work::Store, 0, powercut::Mode::Synced}, store_file, {}, work.Path + "/r", &phase,
                   &store_events).Ok);
    REQUIRE(journal_events > 20);
    REQUIRE(store_events > 4);

    const int64_t cuts = EnvInt("WIJKSTEM_POWER_CUTS", 1000);
    std::mt19937_64 rng(uint64_t(EnvInt("WIJKSTEM_POWER_SEED", 17)));
    std::map<std::string, int> per_phase;
    int failures = 0;
    for (int64_t i = 0; i < cuts; i++) {
        // Two journal runs to one store run: the journal has more kinds of work.
        const Work what = i % 3 == 2 ? Work::Store : Work::Journal;
        const int64_t events = what == Work::Journal ? journal_events : store_events;
        Run run{what, std::uniform_int_distribution<int64_t>(1, events)(rng),
                (i / 3) % 2 ? powercut::Mode::Torn : powercut::Mode::Synced};
        int64_t ran = 0;
        Verdict v = OneRun(run, what == Work::Journal ? journal_base.File() : store_file,
                           what == Work::Journal ? journal_base.Before : Promised{}, work.Path + "/r", &phase, &ran);
        per_phase[phase]++;
        if (!v.Ok && ++failures <= 5)
            FAIL_CHECK(Describe(run, int(i)) << " in " << phase << ": " << v.Why);
    }
    std::string summary;
    for (const auto& [name, n] : per_phase)
        summary += "\n  " + name + ": " + std::to_string(n);
    MESSAGE(cuts << " power cuts (seed " << EnvInt("WIJKSTEM_POWER_SEED", 17) << "), " << failures
                 << " failed; cuts per phase:" << summary);
    CHECK(failures == 0);
    CHECK(per_phase.count("(no cut)") == 0);
}

TEST_CASE("power cuts: the harness sees a loss when the journal does not sync (negative control)") {
    BaseJournal journal_base;
    TempDir work;
    std::string phase;
    int64_t events = 0;
    REQUIRE(OneRun({Work::Journal, 0, powercut::Mode::Synced, true}, journal_base.File(), journal_base.Before,
                   work.Path + "/r", &phase, &events).Ok);
    std::mt19937_64 rng(uint64_t(EnvInt("WIJKSTEM_POWER_SEED", 17)));
    int runs = 0, lossy = 0, lost = 0;
    for (int i = 0; i < 100; i++) {
        Run run{Work::Journal, std::uniform_int_distribution<int64_t>(1, events)(rng),
                i % 2 ? powercut::Mode::Torn : powercut::Mode::Synced, true};
        int64_t ran = 0;
        Verdict v = OneRun(run, journal_base.File(), journal_base.Before, work.Path + "/r", &phase, &ran);
        runs++;
        lossy += v.Lost > 0;
        lost += v.Lost;
    }
    MESSAGE("synchronous=OFF: " << lossy << " of " << runs << " cuts lost thanked answers (" << lost << " in all)");
    CHECK(lossy > runs / 2);
}
