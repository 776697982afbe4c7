#include "sync/journal.hpp"
#include "sync/batch.hpp"
#include "sync/iso_time.hpp"
#include "sync/private_file.hpp"
#include "sync/signing.hpp"
#include "sync/uuid.hpp"

#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/stat.h>

namespace wsync { // not "sync": that is a POSIX function in <unistd.h>

namespace {

// Each entry moves the schema one version up. Never edit a shipped entry: add one.
const char* const kMigrations[] = {
    // 0 -> 1
    R"sql(
    CREATE TABLE device (
        id              TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        last_seq        INTEGER NOT NULL DEFAULT 0,
        last_sync       TEXT,
        last_sync_error TEXT
    );
    CREATE TABLE sessions (
        id           TEXT PRIMARY KEY,
        started_at   TEXT NOT NULL,
        pack_id      TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        lang         TEXT NOT NULL
    );
    CREATE TABLE answers (
        seq          INTEGER PRIMARY KEY,   -- the device's sequence number, no gaps
        id           TEXT NOT NULL UNIQUE,  -- UUIDv7
        session_id   TEXT NOT NULL REFERENCES sessions(id),
        pack_id      TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        value        TEXT NOT NULL,
        answered_at  TEXT NOT NULL,
        synced_at    TEXT                   -- NULL until a store acknowledged it
    );
    CREATE INDEX answers_waiting ON answers(seq) WHERE synced_at IS NULL;
    )sql",
    // 1 -> 2: the store this kiosk is enrolled at, and its signing key
    R"sql(
    CREATE TABLE store (
        url        TEXT NOT NULL,
        token      TEXT NOT NULL,
        wijk       TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
    );
    ALTER TABLE device ADD COLUMN public_key TEXT;
    ALTER TABLE device ADD COLUMN secret_key TEXT;
    )sql",
    // 2 -> 3: the whole wijk's results, as the store last sent them
    R"sql(
    CREATE TABLE wijk_results (
        question_id TEXT NOT NULL,
        value       TEXT NOT NULL,
        count       INTEGER NOT NULL,
        PRIMARY KEY (question_id, value)
    ) WITHOUT ROWID;
    )sql",
    // 3 -> 4: the certificate to trust for a store with its own (municipal) CA
    R"sql(
    ALTER TABLE store ADD COLUMN ca_pem TEXT;
    )sql",
    // 4 -> 5: tallies per question (results screens, the attract screen) read an index,
    // not the whole table
    R"sql(
    CREATE INDEX answers_question ON answers(question_id, value, synced_at);
    )sql",
    // 5 -> 6: the facilitator's PIN (a salted hash, never the PIN), every attempt at it,
    // and the anti-stuffing flag on answers of a visit that repeats the one before
    R"sql(
    CREATE TABLE admin_pin (
        id      INTEGER PRIMARY KEY CHECK (id = 1),  -- one PIN per kiosk
        hash    TEXT NOT NULL,                       -- crypto_pwhash_str (Argon2id, salted)
        set_at  TEXT NOT NULL
    );
    CREATE TABLE pin_attempts (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        ok      INTEGER NOT NULL,                    -- 1: the right PIN
        result  TEXT NOT NULL                        -- "ok", "wrong", "delayed" (not checked)
    );
    ALTER TABLE answers ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 6 -> 7: campfire meetings (docs/campfire.md): group sessions, their counted results
    // and the agreements made in them. Never in the answers table, so walk-in tallies stay
    // the residents' own. Rows change after they are synced (a count, a status), so each
    // has a revision: rev goes up with every change, synced_rev is the one a store
    // acknowledged; a row waits while rev > synced_rev.
    R"sql(
    CREATE TABLE group_sessions (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        wijk         TEXT NOT NULL,
        held_on      TEXT NOT NULL,                    -- YYYY-MM-DD
        present      INTEGER NOT NULL CHECK (present BETWEEN 1 AND 99),
        pack_id      TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        ended_at     TEXT,
        rev          INTEGER NOT NULL DEFAULT 1,
        synced_rev   INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE group_results (
        group_session_id TEXT NOT NULL REFERENCES group_sessions(id),
        question_id      TEXT NOT NULL,                -- question id, or QUESTION.ROW
        value            TEXT NOT NULL,                -- option id
        count            INTEGER NOT NULL CHECK (count >= 0),
        method           TEXT NOT NULL CHECK (method IN ('taps', 'hands')),
        updated_at       TEXT NOT NULL,
        rev              INTEGER NOT NULL DEFAULT 1,
        synced_rev       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (group_session_id, question_id, value)
    ) WITHOUT ROWID;
    CREATE TABLE agreements (
        id               TEXT PRIMARY KEY,
        group_session_id TEXT REFERENCES group_sessions(id),
        wijk             TEXT NOT NULL,
        what             TEXT NOT NULL,
        who              TEXT NOT NULL,
        due              TEXT,
        answers          TEXT,
        status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'bezig', 'klaar')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        rev              INTEGER NOT NULL DEFAULT 1,
        synced_rev       INTEGER NOT NULL DEFAULT 0
    );
    )sql",
    // 7 -> 8: "Terug": a changed answer names the one it replaces, which stays, superseded
    // (counted nowhere, still sent to the store, which marks it too).
    R"sql(
    ALTER TABLE answers ADD COLUMN replaces TEXT;
    ALTER TABLE answers ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 8 -> 9: the wijk's updates for residents, as the store last sent them (sync/news.hpp)
    R"sql(
    CREATE TABLE IF NOT EXISTS news (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,    -- the store's order: newest first
        title    TEXT NOT NULL,
        text     TEXT NOT NULL,
        date     TEXT NOT NULL,
        answers  TEXT NOT NULL
    );
    )sql",
};
using namespace sql; // sync/sqlite_util.hpp

constexpr int kMigrationCount = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
static_assert(kMigrationCount == Journal::kSchemaVersion);

int64_t QueryInt(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

// Replaces every row of a table in one transaction: DELETE, then insert_sql once per row
// (bind(st, i) binds row i). False with the reason in *err; then nothing changed.
bool ReplaceRows(sqlite3* db, const std::string& table, const char* insert_sql, size_t rows,
                 const std::function<void(sqlite3_stmt*, size_t)>& bind, std::string* err) {
    Transaction tx(db);
    if (!tx.Begun(err) || !Exec(db, ("DELETE FROM " + table).c_str(), err))
        return false;
    {
        Stmt st(db, insert_sql);
        bool ok = bool(st);
        for (size_t i = 0; ok && i < rows; i++) {
            bind(st.Reset(), i);
            ok = sqlite3_step(st.S) == SQLITE_DONE;
        }
        if (!ok) {
            *err = sqlite3_errmsg(db);
            return false;
        }
    }
    return tx.Commit(err);
}

} // namespace

std::string DefaultDataDir() {
    if (const char* xdg = getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/wijkstem";
    const char* home = getenv("HOME");
    return std::string(home && *home ? home : ".") + "/.local/share/wijkstem";
}

bool MakeDirs(const std::string& dir, std::string* error) {
    for (size_t i = 1; i <= dir.size(); i++) {
        if (i != dir.size() && dir[i] != '/')
            continue;
        std::string part = dir.substr(0, i);
        if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
            if (error)
                *error = "cannot create folder " + part + ": " + strerror(errno);
            return false;
        }
    }
    return true;
}

std::string JournalPath(const std::string& data_dir) { return data_dir + "/journal.sqlite"; }

std::unique_ptr<Journal> Journal::Open(const std::string& path, std::string* error) {
    std::unique_ptr<Journal> j(new Journal());
    auto fail = [&](const std::string& what) -> std::unique_ptr<Journal> {
        if (error)
            *error = "the journal " + path + " " + what;
        return nullptr;
    };
    // Private before SQLite touches it: the journal holds the signing key and the token.
    if (std::string why; !PrepareDatabaseFile(path, &why))
        return fail("cannot be opened: " + why);
    if (sqlite3_open_v2(path.c_str(), &j->Db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return fail(std::string("cannot be opened: ") + (j->Db ? sqlite3_errmsg(j->Db) : "out of memory"));
    sqlite3_busy_timeout(j->Db, 5000);
    sqlite3_extended_result_codes(j->Db, 1);

    std::string err;
    // WAL + FULL: a commit that returned survives power loss (promise 1).
    if (!Exec(j->Db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &err))
        return fail("cannot be used: " + err);

    int64_t version = QueryInt(j->Db, "PRAGMA user_version");
    if (version < 0)
        return fail(std::string("is not a readable database: ") + sqlite3_errmsg(j->Db));
    if (version > kSchemaVersion)
        return fail("was made by a newer Wijkstem (schema " + std::to_string(version) + ", this one knows " +
                    std::to_string(kSchemaVersion) + ")");
    if (version < kSchemaVersion) {
        Transaction tx(j->Db);
        if (!tx.Begun(&err))
            return fail("cannot be migrated: " + err);
        for (int v = int(version); v < kSchemaVersion; v++)
            if (!Exec(j->Db, kMigrations[v], &err))
                return fail("cannot be migrated to schema " + std::to_string(v + 1) + ": " + err);
        if (!Exec(j->Db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str(), &err))
            return fail("cannot be migrated: " + err);
        if (QueryInt(j->Db, "SELECT count(*) FROM device") == 0) {
            std::string sql = "INSERT INTO device(id, created_at) VALUES('" + NewUuidV4() + "', '" +
                              IsoTimeMs(NowMs()) + "')";
            if (!Exec(j->Db, sql.c_str(), &err))
                return fail("cannot store the device id: " + err);
        }
        if (!tx.Commit(&err))
            return fail("cannot be migrated: " + err);
    }

    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(j->Db, "SELECT id FROM device LIMIT 1", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        j->Device = sql::Col(st, 0);
    sqlite3_finalize(st);
    if (!IsUuid(j->Device))
        return fail("has no valid device id");
    if (!j->Prepare(&err))
        return fail("cannot be used: " + err);
    return j;
}

bool Journal::Prepare(std::string* error) {
    struct {
        sqlite3_stmt** Stmt;
        const char* Sql;
    } stmts[] = {
        {&NextSeq, "UPDATE device SET last_seq = last_seq + 1 RETURNING last_seq"},
        {&InsertSession, "INSERT OR IGNORE INTO sessions(id, started_at, pack_id, pack_version, lang) "
                         "VALUES(?1, ?2, ?3, ?4, ?5)"},
        {&InsertAnswer, "INSERT INTO answers(seq, id, session_id, pack_id, pack_version, question_id, value, "
                        "answered_at, flagged, replaces) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
    };
    for (auto& s : stmts)
        if (sqlite3_prepare_v3(Db, s.Sql, -1, SQLITE_PREPARE_PERSISTENT, s.Stmt, nullptr) != SQLITE_OK) {
            *error = sqlite3_errmsg(Db);
            return false;
        }
    return true;
}

Journal::~Journal() {
    sqlite3_finalize(NextSeq);
    sqlite3_finalize(InsertSession);
    sqlite3_finalize(InsertAnswer);
    sqlite3_close(Db);
}

bool Journal::Commit(const AnswerRecord& a, CommittedAnswer* out, std::string* error) {
    std::vector<CommittedAnswer> done;
    if (!Commit(std::vector<AnswerRecord>{a}, &done, error))
        return false;
    if (out)
        *out = done.front();
    return true;
}

bool Journal::Commit(const std::vector<AnswerRecord>& answers, std::vector<CommittedAnswer>* out,
                     std::string* error) {
    std::string err;
    auto fail = [&](const std::string& msg) {
        if (error)
            *error = "the answer could not be stored: " + msg;
        return false;
    };
    Transaction tx(Db);
    if (!tx.Begun(&err))
        return fail(err);
    std::vector<CommittedAnswer> done;
    for (const AnswerRecord& a : answers) {
        sqlite3_reset(NextSeq);
        if (sqlite3_step(NextSeq) != SQLITE_ROW)
            return fail(sqlite3_errmsg(Db));
        int64_t seq = sqlite3_column_int64(NextSeq, 0);
        sqlite3_reset(NextSeq);

        const std::string when = IsoTimeMs(a.AnsweredAtMs);
        sqlite3_reset(InsertSession);
        BindAll(InsertSession, a.SessionId, when, a.PackId, a.PackVersion, a.Lang);
        if (sqlite3_step(InsertSession) != SQLITE_DONE)
            return fail(sqlite3_errmsg(Db));

        const std::string id = NewUuidV7(a.AnsweredAtMs);
        sqlite3_reset(InsertAnswer);
        BindAll(InsertAnswer, seq, id, a.SessionId, a.PackId, a.PackVersion, a.QuestionId, a.Value, when,
                (a.Flagged ? 1 : 0), Optional{a.Replaces});
        if (sqlite3_step(InsertAnswer) != SQLITE_DONE)
            return fail(sqlite3_errmsg(Db));
        if (!a.Replaces.empty()) { // rare (the resident went back): no prepared statement kept for it
            Stmt old(Db, "UPDATE answers SET superseded = 1 WHERE id = ?1 AND session_id = ?2 AND question_id = ?3");
            if (!old)
                return fail(sqlite3_errmsg(Db));
            BindAll(old.S, a.Replaces, a.SessionId, a.QuestionId);
            if (sqlite3_step(old.S) != SQLITE_DONE)
                return fail(sqlite3_errmsg(Db));
        }
        done.push_back({id, seq});
    }
    if (!tx.Commit(&err))
        return fail(err);
    if (out)
        *out = std::move(done);
    return true;
}

bool Journal::Status(JournalStatus* out, std::string* error) {
    out->DeviceId = Device;
    out->Answers = QueryInt(Db, "SELECT count(*) FROM answers");
    out->Sessions = QueryInt(Db, "SELECT count(*) FROM sessions");
    out->Waiting = QueryInt(Db, "SELECT count(*) FROM answers WHERE synced_at IS NULL");
    out->AnswersFlagged = QueryInt(Db, "SELECT count(*) FROM answers WHERE flagged");
    out->SessionsFlagged = QueryInt(Db, "SELECT count(DISTINCT session_id) FROM answers WHERE flagged");
    out->CampfireWaiting = QueryInt(Db, "SELECT (SELECT count(*) FROM group_sessions WHERE rev > synced_rev) + "
                                     "(SELECT count(*) FROM group_results WHERE rev > synced_rev) + "
                                     "(SELECT count(*) FROM agreements WHERE rev > synced_rev)");
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Db, "SELECT last_sync, last_sync_error FROM device LIMIT 1", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        out->LastSync = sql::Col(st, 0);
        out->LastSyncError = sql::Col(st, 1);
    }
    sqlite3_finalize(st);
    if (out->Answers < 0 || out->Sessions < 0 || out->Waiting < 0 || out->AnswersFlagged < 0 ||
        out->SessionsFlagged < 0 || out->CampfireWaiting < 0) {
        if (error)
            *error = std::string("cannot read the journal: ") + sqlite3_errmsg(Db);
        return false;
    }
    return true;
}

bool Journal::Tally(const std::string& question_id, std::vector<std::pair<std::string, int64_t>>* out,
                    std::string* error) {
    out->clear();
    sqlite3_stmt* st = nullptr;
    // With the store's figures for this question: those (they hold this kiosk's synced
    // answers too) plus what has not reached the store yet. Without them: this kiosk's own.
    // Answers of a visit that repeated the one before (flagged) are kept, never counted; nor
    // is an answer the resident changed on the way back (superseded).
    if (sqlite3_prepare_v2(Db,
                           "SELECT value, sum(n) FROM ("
                           "  SELECT value, count AS n FROM wijk_results WHERE question_id = ?1"
                           "  UNION ALL"
                           "  SELECT value, count(*) AS n FROM answers WHERE question_id = ?1 AND flagged = 0 AND superseded = 0 AND"
                           "    (synced_at IS NULL OR"
                           "    NOT EXISTS (SELECT 1 FROM wijk_results WHERE question_id = ?1)) GROUP BY value"
                           ") GROUP BY value ORDER BY sum(n) DESC, value",
                           -1, &st, nullptr) != SQLITE_OK) {
        if (error)
            *error = std::string("cannot read the journal: ") + sqlite3_errmsg(Db);
        return false;
    }
    Bind(st, 1, question_id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        out->emplace_back(sql::Col(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        if (error)
            *error = std::string("cannot read the journal: ") + sqlite3_errmsg(Db);
        return false;
    }
    return true;
}

bool Journal::Waiting(size_t max_count, size_t max_bytes, std::vector<StoredAnswer>* out, std::string* error) {
    out->clear();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Db,
                           "SELECT id, seq, session_id, pack_id, pack_version, question_id, value, answered_at, "
                           "flagged, coalesce(replaces, '') FROM answers WHERE synced_at IS NULL ORDER BY seq LIMIT ?1",
                           -1, &st, nullptr) != SQLITE_OK) {
        if (error)
            *error = std::string("cannot read the journal: ") + sqlite3_errmsg(Db);
        return false;
    }
    sqlite3_bind_int64(st, 1, int64_t(max_count));
    size_t bytes = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        StoredAnswer a{sql::Col(st, 0), sqlite3_column_int64(st, 1), sql::Col(st, 2), sql::Col(st, 3),
                       sql::Col(st, 4), sql::Col(st, 5), sql::Col(st, 6), sql::Col(st, 7)};
        a.Flagged = sqlite3_column_int(st, 8) != 0;
        a.Replaces = sql::Col(st, 9);
        size_t size = 200 + a.Id.size() + a.SessionId.size() + a.PackId.size() + a.PackVersion.size() +
                      a.QuestionId.size() + a.Value.size() + a.AnsweredAt.size() +
                      a.Replaces.size(); // JSON overhead included
        if (!out->empty() && bytes + size > max_bytes)
            break;
        bytes += size;
        out->push_back(std::move(a));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        if (error)
            *error = std::string("cannot read the journal: ") + sqlite3_errmsg(Db);
        return false;
    }
    return true;
}

bool Journal::MarkSynced(std::vector<int64_t> seqs, std::string* error) {
    std::sort(seqs.begin(), seqs.end());
    std::string err;
    Transaction tx(Db);
    if (!tx.Begun(&err)) {
        if (error)
            *error = "cannot mark answers synced: " + err;
        return false;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Db, "UPDATE answers SET synced_at = ?3 WHERE seq BETWEEN ?1 AND ?2 AND synced_at IS NULL",
                           -1, &st, nullptr) != SQLITE_OK) {
        if (error)
            *error = std::string("cannot mark answers synced: ") + sqlite3_errmsg(Db);
        return false;
    }
    const std::string now = IsoTimeMs(NowMs());
    for (size_t i = 0; i < seqs.size();) {
        size_t end = i + 1; // the run seqs[i] .. seqs[end - 1] has no holes
        while (end < seqs.size() && seqs[end] <= seqs[end - 1] + 1)
            end++;
        sqlite3_reset(st);
        BindAll(st, seqs[i], seqs[end - 1], now);
        if (sqlite3_step(st) != SQLITE_DONE) {
            if (error)
                *error = std::string("cannot mark answers synced: ") + sqlite3_errmsg(Db);
            sqlite3_finalize(st);
            return false;
        }
        i = end;
    }
    sqlite3_finalize(st);
    if (!tx.Commit(&err)) {
        if (error)
            *error = "cannot mark answers synced: " + err;
        return false;
    }
    return true;
}

bool Journal::RecordSync(bool ok, const std::string& error_text, std::string* error) {
    sqlite3_stmt* st = nullptr;
    const char* sql = ok ? "UPDATE device SET last_sync = ?1, last_sync_error = NULL"
                         : "UPDATE device SET last_sync_error = ?1";
    if (sqlite3_prepare_v2(Db, sql, -1, &st, nullptr) != SQLITE_OK) {
        if (error)
            *error = sqlite3_errmsg(Db);
        return false;
    }
    Bind(st, 1, ok ? IsoTimeMs(NowMs()) : error_text);
    bool done = sqlite3_step(st) == SQLITE_DONE;
    if (!done && error)
        *error = sqlite3_errmsg(Db);
    sqlite3_finalize(st);
    return done;
}

bool Journal::SetStore(const StoreLink& link, std::string* error) {
    std::string err;
    if (ReplaceRows(Db, "store", "INSERT INTO store(url, token, wijk, enrolled_at, ca_pem) VALUES(?1, ?2, ?3, ?4, ?5)",
                    1,
                    [&](sqlite3_stmt* st, size_t) {
                        BindAll(st, link.Url, link.Token, link.Wijk, IsoTimeMs(NowMs()), link.CaPem);
                    },
                    &err))
        return true;
    if (error)
        *error = "cannot store the enrolment: " + err;
    return false;
}

bool Journal::GetStore(StoreLink* out) {
    sqlite3_stmt* st = nullptr;
    bool found = false;
    if (sqlite3_prepare_v2(Db, "SELECT url, token, wijk, ca_pem FROM store LIMIT 1", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *out = {sql::Col(st, 0), sql::Col(st, 1), sql::Col(st, 2), sql::Col(st, 3)};
        found = true;
    }
    sqlite3_finalize(st);
    return found;
}

bool Journal::SigningKey(std::string* public_hex, std::string* secret_hex, std::string* error) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Db, "SELECT public_key, secret_key FROM device", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *public_hex = sql::Col(st, 0);
        *secret_hex = sql::Col(st, 1);
    }
    sqlite3_finalize(st);
    if (!public_hex->empty() && !secret_hex->empty())
        return true;
    if (!NewSigningKey(public_hex, secret_hex, error))
        return false;
    if (sqlite3_prepare_v2(Db, "UPDATE device SET public_key = ?1, secret_key = ?2", -1, &st, nullptr) != SQLITE_OK) {
        if (error)
            *error = sqlite3_errmsg(Db);
        return false;
    }
    Bind(st, 1, *public_hex);
    Bind(st, 2, *secret_hex);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    if (!ok && error)
        *error = std::string("cannot store the device key: ") + sqlite3_errmsg(Db);
    sqlite3_finalize(st);
    return ok;
}

bool Journal::SetWijkResults(const std::vector<wsync::Tally>& results, std::string* error) {
    std::string err;
    if (ReplaceRows(Db, "wijk_results", "INSERT INTO wijk_results(question_id, value, count) VALUES(?1, ?2, ?3)",
                    results.size(),
                    [&](sqlite3_stmt* st, size_t i) {
                        BindAll(st, results[i].QuestionId, results[i].Value, results[i].Count);
                    },
                    &err))
        return true;
    if (error)
        *error = "cannot keep the wijk's results: " + err;
    return false;
}

int64_t Journal::ResendMissing(int64_t have_up_to, const std::vector<int64_t>& missing, std::string* error) {
    std::string err;
    Transaction tx(Db);
    if (!tx.Begun(error))
        return -1;
    int64_t changed = 0;
    sqlite3_stmt* st = nullptr;
    bool ok = sqlite3_prepare_v2(Db, "UPDATE answers SET synced_at = NULL WHERE synced_at IS NOT NULL AND seq > ?1",
                                 -1, &st, nullptr) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(st, 1, have_up_to);
        ok = sqlite3_step(st) == SQLITE_DONE;
        changed += sqlite3_changes(Db);
    }
    sqlite3_finalize(st);
    st = nullptr;
    ok = ok && sqlite3_prepare_v2(Db, "UPDATE answers SET synced_at = NULL WHERE synced_at IS NOT NULL AND seq = ?1",
                                  -1, &st, nullptr) == SQLITE_OK;
    for (size_t i = 0; ok && i < missing.size(); i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, missing[i]);
        ok = sqlite3_step(st) == SQLITE_DONE;
        changed += sqlite3_changes(Db);
    }
    sqlite3_finalize(st);
    if (!ok || !tx.Commit(&err)) {
        if (error)
            *error = "cannot mark answers for sending again: " + (err.empty() ? std::string(sqlite3_errmsg(Db)) : err);
        return -1;
    }
    return changed;
}

int64_t Journal::PruneSynced(int days, std::string* error) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Db, "DELETE FROM answers WHERE synced_at IS NOT NULL AND synced_at < ?1", -1, &st,
                           nullptr) != SQLITE_OK) {
        if (error)
            *error = sqlite3_errmsg(Db);
        return -1;
    }
    Bind(st, 1, IsoTimeMs(NowMs() - int64_t(days) * 86400 * 1000));
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    int64_t n = ok ? sqlite3_changes(Db) : -1;
    if (!ok && error)
        *error = sqlite3_errmsg(Db);
    sqlite3_finalize(st);
    return n;
}

} // namespace wsync