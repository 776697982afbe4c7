#include "store/store.hpp"
#include "store/users.hpp"
#include "sync/csv.hpp"
#include "sync/iso_time.hpp"
#include "sync/signing.hpp"

#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

// The columns an answer has in answers and in conflicts alike: one text, so the two
// tables never differ.
const char* kAnswerColumns = R"sql(
    seq          INTEGER NOT NULL,
    session_id   TEXT NOT NULL,
    pack_id      TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL)sql";

const std::string kSchema = R"sql(
CREATE TABLE IF NOT EXISTS enroll_codes (
    code_hash  TEXT PRIMARY KEY,
    wijk       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT,
    device_id  TEXT
);
CREATE TABLE IF NOT EXISTS devices (
    id          TEXT PRIMARY KEY,
    wijk        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    public_key  TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE TABLE IF NOT EXISTS answers (
    rowid        INTEGER PRIMARY KEY,     -- time-ordered inserts stay fast
    id           TEXT NOT NULL UNIQUE,    -- the kiosk's UUID: each answer once
    device_id    TEXT NOT NULL REFERENCES devices(id),)sql" + std::string(kAnswerColumns) + R"sql(,
    via          TEXT NOT NULL            -- "network" or "file"
);
CREATE INDEX IF NOT EXISTS answers_device_seq ON answers(device_id, seq);
CREATE TABLE IF NOT EXISTS packs (             -- the content pack published for each wijk
    wijk         TEXT PRIMARY KEY,
    pack_id      TEXT NOT NULL,
    version      TEXT NOT NULL,
    body         TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS conflicts (         -- same id, other content: kept, never overwritten
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    device_id    TEXT NOT NULL,)sql" + kAnswerColumns + R"sql(
);
)sql";

// The schema above is version 0 (it shipped without a version). Each entry here moves a
// store database one version up (PRAGMA user_version); never edit a shipped entry.
const char* const kStoreMigrations[] = {
    // 0 -> 1: the kiosk's anti-stuffing flag (a repeat of the visit before, stored all the same)
    R"sql(
    ALTER TABLE answers ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conflicts ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 1 -> 2: campfire meetings (kampvuur): the group sessions a facilitator runs, their
    // results (never mixed with walk-in answers) and the agreements (afspraken) they make
    R"sql(
    CREATE TABLE group_sessions (
        id           TEXT PRIMARY KEY,       -- UUID made at the kiosk
        device_id    TEXT NOT NULL REFERENCES devices(id),
        wijk         TEXT NOT NULL,
        name         TEXT NOT NULL,
        held_on      TEXT NOT NULL,          -- YYYY-MM-DD
        present      INTEGER NOT NULL,       -- people present
        pack_id      TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        ended_at     TEXT,
        received_at  TEXT NOT NULL
    );
    CREATE TABLE group_results (
        group_session_id TEXT NOT NULL REFERENCES group_sessions(id),
        question_id      TEXT NOT NULL,      -- question id, or QUESTION.ROW for a matrix row
        value            TEXT NOT NULL,      -- option id
        count            INTEGER NOT NULL,   -- votes (taps) or hands counted
        method           TEXT NOT NULL,      -- "taps" or "hands"
        PRIMARY KEY (group_session_id, question_id, value)
    ) WITHOUT ROWID;
    CREATE TABLE agreements (
        id               TEXT PRIMARY KEY,   -- UUID made at the kiosk
        group_session_id TEXT,               -- NULL: recorded outside a session
        device_id        TEXT NOT NULL REFERENCES devices(id),
        wijk             TEXT NOT NULL,
        what             TEXT NOT NULL,
        who              TEXT NOT NULL,      -- "wijk", "gemeente", "samen" or a named group
        due              TEXT,               -- YYYY-MM-DD, or NULL
        answers          TEXT,               -- the kompas point or witte vlek it answers, or NULL
        status           TEXT NOT NULL DEFAULT 'open', -- "open", "bezig" (under way), "klaar" (done)
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        received_at      TEXT NOT NULL
    );
    CREATE INDEX agreements_wijk ON agreements(wijk);
    CREATE INDEX group_sessions_wijk ON group_sessions(wijk);
    )sql",
};
constexpr int kStoreSchemaVersion = int(sizeof(kStoreMigrations) / sizeof(kStoreMigrations[0]));

using namespace sql; // sync/sqlite_util.hpp

std::string Now() { return IsoNowSeconds(); }

// Without a copy: for strings that outlive the statement's next step.
void BindStatic(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_STATIC);
}

// Resets st and binds an answer as ?1..?10 (the column order of answers and conflicts).
void BindAnswer(sqlite3_stmt* st, const std::string& device, const StoredAnswer& a, const std::string& now) {
    sqlite3_reset(st);
    BindStatic(st, 1, a.Id);
    BindStatic(st, 2, device);
    sqlite3_bind_int64(st, 3, a.Seq);
    BindStatic(st, 4, a.SessionId);
    BindStatic(st, 5, a.PackId);
    BindStatic(st, 6, a.PackVersion);
    BindStatic(st, 7, a.QuestionId);
    BindStatic(st, 8, a.Value);
    BindStatic(st, 9, a.AnsweredAt);
    BindStatic(st, 10, now);
}

// Codes people read off a screen and type: no 0/O or 1/I/L.
std::string NewCode() {
    static const char* alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    std::string hex = RandomToken(10), code;
    for (size_t i = 0; i < 10; i++) {
        if (i == 5)
            code += '-';
        code += alphabet[std::stoi(hex.substr(i * 2, 2), nullptr, 16) % 31];
    }
    return code;
}

} // namespace

std::unique_ptr<Store> Store::Open(const std::string& path, std::string* error) {
    std::unique_ptr<Store> s(new Store());
    if (sqlite3_open_v2(path.c_str(), &s->Db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        *error = "the store database " + path + " cannot be opened: " + (s->Db ? sqlite3_errmsg(s->Db) : "no memory");
        return nullptr;
    }
    sqlite3_busy_timeout(s->Db, 5000);
    std::string err;
    if (!Exec(s->Db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &err) ||
        !Exec(s->Db, kSchema.c_str(), &err) || !CreateConsoleTables(s->Db, &err)) {
        *error = "the store database " + path + " cannot be used: " + err;
        return nullptr;
    }
    // Migrations, all in one transaction: an old store database gains the new columns.
    int64_t version = -1;
    {
        Stmt st(s->Db, "PRAGMA user_version");
        if (st && sqlite3_step(st.S) == SQLITE_ROW)
            version = sqlite3_column_int64(st.S, 0);
    }
    if (version < 0 || version > kStoreSchemaVersion) {
        *error = "the store database " + path + " has schema " + std::to_string(version) +
                 (version < 0 ? "" : ", made by a newer wijkstem-store (this one knows " +
                                         std::to_string(kStoreSchemaVersion) + ")");
        return nullptr;
    }
    if (version < kStoreSchemaVersion) {
        sql::Transaction tx(s->Db);
        if (!tx.Begun(&err)) {
            *error = "the store database " + path + " cannot be migrated: " + err;
            return nullptr;
        }
        for (int v = int(version); v < kStoreSchemaVersion; v++)
            if (!Exec(s->Db, kStoreMigrations[v], &err)) {
                *error = "the store database " + path + " cannot be migrated to schema " + std::to_string(v + 1) +
                         ": " + err;
                return nullptr;
            }
        if (!Exec(s->Db, ("PRAGMA user_version=" + std::to_string(kStoreSchemaVersion)).c_str(), &err) ||
            !tx.Commit(&err)) {
            *error = "the store database " + path + " cannot be migrated: " + err;
            return nullptr;
        }
    }
    return s;
}

Store::~Store() { sqlite3_close(Db); }

bool Store::NewEnrollCode(const std::string& wijk, std::string* code, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    if (wijk.empty()) {
        *error = "a wijk name is needed (--wijk NAME)";
        return false;
    }
    *code = NewCode();
    Stmt st(Db, "INSERT INTO enroll_codes(code_hash, wijk, created_at) VALUES(?1, ?2, ?3)");
    if (!st) {
        *error = sqlite3_errmsg(Db);
        return false;
    }
    BindAll(st.S, HashToken(*code), wijk, Now());
    if (sqlite3_step(st.S) != SQLITE_DONE) {
        *error = std::string("cannot store the code: ") + sqlite3_errmsg(Db);
        return false;
    }
    return true;
}

bool Store::Enroll(const std::string& code, const std::string& device_id, const std::string& public_key,
                   std::string* token, std::string* wijk, bool* forbidden, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    *forbidden = false;
    std::string err;
    sql::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    {
        Stmt st(Db, "SELECT wijk FROM enroll_codes WHERE code_hash = ?1 AND used_at IS NULL");
        Bind(st.S, 1, HashToken(code));
        if (sqlite3_step(st.S) != SQLITE_ROW) {
            *forbidden = true;
            *error = "this enrolment code is unknown or already used";
            return false;
        }
        *wijk = Col(st.S, 0);
    }
    *token = RandomToken(32);
    Stmt dev(Db, "INSERT INTO devices(id, wijk, token_hash, public_key, enrolled_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                 "ON CONFLICT(id) DO UPDATE SET wijk = excluded.wijk, token_hash = excluded.token_hash, "
                 "public_key = excluded.public_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL");
    BindAll(dev.S, device_id, *wijk, HashToken(*token), public_key, Now());
    Stmt used(Db, "UPDATE enroll_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1");
    BindAll(used.S, HashToken(code), Now(), device_id);
    if (sqlite3_step(dev.S) != SQLITE_DONE || sqlite3_step(used.S) != SQLITE_DONE || !tx.Commit(&err)) {
        *error = "cannot enrol the device: " + (err.empty() ? std::string(sqlite3_errmsg(Db)) : err);
        return false;
    }
    return true;
}

bool Store::Authenticate(const std::string& token, std::string* device_id) {
    std::lock_guard<std::mutex> lock(Mu);
    if (token.empty())
        return false;
    Stmt st(Db, "SELECT id FROM devices WHERE token_hash = ?1 AND revoked_at IS NULL");
    Bind(st.S, 1, HashToken(token));
    if (sqlite3_step(st.S) != SQLITE_ROW)
        return false;
    *device_id = Col(st.S, 0);
    return true;
}

bool Store::Revoke(const std::string& device_id, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    Bind(st.S, 1, device_id);
    Bind(st.S, 2, Now());
    if (sqlite3_step(st.S) != SQLITE_DONE || sqlite3_changes(Db) != 1) {
        *error = "no enrolled device " + device_id + " to revoke";
        return false;
    }
    return true;
}

bool Store::StoreBatch(const Batch& b, const std::string& via, std::vector<AnswerResult>* results, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    results->clear();
    std::string err;
    sql::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    Stmt find(Db, "SELECT device_id, seq, session_id, pack_id, pack_version, question_id, value, answered_at, "
                  "flagged FROM answers WHERE id = ?1");
    Stmt insert(Db, "INSERT INTO answers(id, device_id, seq, session_id, pack_id, pack_version, question_id, value, "
                    "answered_at, received_at, via, flagged) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                    "ON CONFLICT(id) DO NOTHING");
    Stmt conflict(Db, "INSERT INTO conflicts(id, device_id, seq, session_id, pack_id, pack_version, question_id, "
                      "value, answered_at, received_at, flagged) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)");
    const std::string now = Now();
    for (const StoredAnswer& a : b.Answers) {
        AnswerResult r{a.Id, AnswerStatus::Invalid, {}};
        if (!ValidAnswer(a, &r.Reason)) {
            results->push_back(r);
            continue;
        }
        // Insert first: a new id (the usual case) costs one index lookup, not two.
        BindAnswer(insert.S, b.DeviceId, a, now);
        BindStatic(insert.S, 11, via);
        sqlite3_bind_int(insert.S, 12, a.Flagged ? 1 : 0);
        if (sqlite3_step(insert.S) != SQLITE_DONE) {
            *error = std::string("cannot store an answer: ") + sqlite3_errmsg(Db);
            return false;
        }
        if (sqlite3_changes(Db) == 0) { // the id is there already: same content, or a conflict
            sqlite3_reset(find.S);
            Bind(find.S, 1, a.Id);
            if (sqlite3_step(find.S) != SQLITE_ROW) {
                *error = std::string("cannot read a stored answer: ") + sqlite3_errmsg(Db);
                return false;
            }
            bool same = Col(find.S, 0) == b.DeviceId && sqlite3_column_int64(find.S, 1) == a.Seq &&
                        Col(find.S, 2) == a.SessionId && Col(find.S, 3) == a.PackId && Col(find.S, 4) == a.PackVersion &&
                        Col(find.S, 5) == a.QuestionId && Col(find.S, 6) == a.Value && Col(find.S, 7) == a.AnsweredAt &&
                        (sqlite3_column_int(find.S, 8) != 0) == a.Flagged;
            r.Status = same ? AnswerStatus::AlreadyStored : AnswerStatus::Conflict;
            if (!same) { // keep both, overwrite nothing
                BindAnswer(conflict.S, b.DeviceId, a, now);
                sqlite3_bind_int(conflict.S, 12, a.Flagged ? 1 : 0);
                if (sqlite3_step(conflict.S) != SQLITE_DONE) {
                    *error = sqlite3_errmsg(Db);
                    return false;
                }
            }
            results->push_back(r);
            continue;
        }
        r.Status = AnswerStatus::Stored;
        results->push_back(r);
    }
    if (!tx.Commit(&err)) { // the statuses mean something only after this
        *error = "cannot commit the batch: " + err;
        results->clear();
        return false;
    }
    return true;
}

bool Store::Device(const std::string& device_id, DeviceInfo* out) {
    std::vector<DeviceInfo> all;
    std::string err;
    if (!Devices(&all, &err))
        return false;
    for (DeviceInfo& d : all)
        if (d.Id == device_id) {
            *out = d;
            return true;
        }
    return false;
}

bool Store::Devices(std::vector<DeviceInfo>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT d.id, d.wijk, d.public_key, d.enrolled_at, d.revoked_at IS NOT NULL, "
                "count(a.id), coalesce(max(a.seq), 0), count(DISTINCT a.seq), "
                "count(DISTINCT a.session_id), count(DISTINCT CASE WHEN a.flagged THEN a.session_id END) "
                "FROM devices d LEFT JOIN answers a ON a.device_id = d.id GROUP BY d.id ORDER BY d.wijk, d.id");
    if (!st) {
        *error = sqlite3_errmsg(Db);
        return false;
    }
    while (sqlite3_step(st.S) == SQLITE_ROW) {
        DeviceInfo d{Col(st.S, 0), Col(st.S, 1), Col(st.S, 2), Col(st.S, 3), sqlite3_column_int(st.S, 4) != 0,
                     sqlite3_column_int64(st.S, 5), sqlite3_column_int64(st.S, 6), 0};
        d.Missing = d.MaxSeq - sqlite3_column_int64(st.S, 7); // gaps: numbers under the highest not seen
        d.Visits = sqlite3_column_int64(st.S, 8);
        d.VisitsFlagged = sqlite3_column_int64(st.S, 9);
        out->push_back(d);
    }
    return true;
}

bool Store::ExportCsv(std::string* csv, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT a.id, a.device_id, a.seq, d.wijk, a.session_id, a.pack_id, a.pack_version, a.question_id, "
                "a.value, substr(a.answered_at, 1, 10), substr(a.received_at, 1, 10), a.via, a.flagged "
                "FROM answers a JOIN devices d ON d.id = a.device_id ORDER BY a.device_id, a.seq");
    if (!st) {
        *error = sqlite3_errmsg(Db);
        return false;
    }
    // Coarse times in exports (the date only): promise 3, anonymous by design.
    *csv = "answer_id,device_id,device_seq,wijk,session_id,pack_id,pack_version,question_id,value,answered_at,"
           "received_at,via,flagged\n";
    while (sqlite3_step(st.S) == SQLITE_ROW) {
        for (int i = 0; i < 13; i++)
            *csv += (i ? "," : "") + CsvField(Col(st.S, i));
        *csv += "\n";
    }
    return true;
}

int64_t Store::AnswerCount() {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT count(*) FROM answers");
    return sqlite3_step(st.S) == SQLITE_ROW ? sqlite3_column_int64(st.S, 0) : -1;
}

int64_t Store::ConflictCount() {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT count(*) FROM conflicts");
    return sqlite3_step(st.S) == SQLITE_ROW ? sqlite3_column_int64(st.S, 0) : -1;
}

bool Store::Publish(const std::string& wijk, const std::string& pack_id, const std::string& version,
                    const std::string& body, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "INSERT INTO packs(wijk, pack_id, version, body, published_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                "ON CONFLICT(wijk) DO UPDATE SET pack_id = excluded.pack_id, version = excluded.version, "
                "body = excluded.body, published_at = excluded.published_at");
    BindAll(st.S, wijk, pack_id, version, body, Now());
    if (sqlite3_step(st.S) != SQLITE_DONE) {
        *error = std::string("cannot publish the pack: ") + sqlite3_errmsg(Db);
        return false;
    }
    return true;
}

bool Store::ContentFor(const std::string& device_id, WijkContent* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    *out = {};
    {
        Stmt st(Db, "SELECT wijk FROM devices WHERE id = ?1");
        Bind(st.S, 1, device_id);
        if (sqlite3_step(st.S) != SQLITE_ROW) {
            *error = "unknown device";
            return false;
        }
        out->Wijk = Col(st.S, 0);
    }
    NoteSync(Db, device_id); // the console's "last sync" (store/users.cpp)
    {
        Stmt st(Db, "SELECT pack_id, version, body FROM packs WHERE wijk = ?1");
        Bind(st.S, 1, out->Wijk);
        if (sqlite3_step(st.S) == SQLITE_ROW) {
            out->PackId = Col(st.S, 0);
            out->PackVersion = Col(st.S, 1);
            out->PackBody = Col(st.S, 2);
        }
    }
    {
        Stmt st(Db, "SELECT coalesce(max(seq), 0) FROM answers WHERE device_id = ?1");
        Bind(st.S, 1, device_id);
        if (sqlite3_step(st.S) == SQLITE_ROW)
            out->DeviceMaxSeq = sqlite3_column_int64(st.S, 0);
        // The numbers under the highest that the store has not seen.
        Stmt gaps(Db, "WITH RECURSIVE n(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM n WHERE s < ?2) "
                      "SELECT s FROM n WHERE s NOT IN (SELECT seq FROM answers WHERE device_id = ?1) LIMIT 1000");
        Bind(gaps.S, 1, device_id);
        sqlite3_bind_int64(gaps.S, 2, out->DeviceMaxSeq);
        while (sqlite3_step(gaps.S) == SQLITE_ROW)
            out->MissingSeqs.push_back(sqlite3_column_int64(gaps.S, 0));
    }
    // The whole wijk's answers, counted per question and value (every kiosk of the wijk).
    // A visit that repeated the one before (flagged) is kept but not counted.
    Stmt st(Db, "SELECT a.question_id, a.value, count(*) FROM answers a JOIN devices d ON d.id = a.device_id "
                "WHERE d.wijk = ?1 AND a.flagged = 0 GROUP BY a.question_id, a.value");
    Bind(st.S, 1, out->Wijk);
    while (sqlite3_step(st.S) == SQLITE_ROW)
        out->Results.push_back({Col(st.S, 0), Col(st.S, 1), sqlite3_column_int64(st.S, 2)});
    return true;
}

} // namespace store