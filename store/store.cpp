#include "store/store.hpp"
#include "store/agreements.hpp"
#include "store/schema_postgres.hpp"
#include "store/users.hpp"
#include "content/pack_loader.hpp"
#include "sync/csv.hpp"
#include "sync/iso_time.hpp"
#include "sync/private_file.hpp"
#include "sync/signing.hpp"
#include "sync/text_check.hpp"
#include "sync/uuid.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <tuple>

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
    // 2 -> 3: the penetration test's findings (docs/security.md): codes that expire and
    // can be listed and cancelled; re-enrolment only when an admin allowed it; every pack
    // version ever published, to check answers against; answers for an unknown pack
    // version marked unverified; a session id's owner found fast; how new each kiosk's
    // campfire data are, so that a replayed older USB file cannot roll them back.
    R"sql(
    ALTER TABLE enroll_codes ADD COLUMN expires_at TEXT;
    ALTER TABLE enroll_codes ADD COLUMN short_id TEXT;
    ALTER TABLE enroll_codes ADD COLUMN cancelled_at TEXT;
    UPDATE enroll_codes SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+7 days'),
                            short_id = substr(code_hash, 1, 8);
    CREATE TABLE reenroll_allowed (
        device_id  TEXT PRIMARY KEY REFERENCES devices(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE TABLE published_packs (             -- every version published, not only the current
        pack_id      TEXT NOT NULL,
        version      TEXT NOT NULL,
        body         TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, version)
    );
    INSERT OR IGNORE INTO published_packs SELECT pack_id, version, body, published_at FROM packs;
    ALTER TABLE answers ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0; -- 1: pack version unknown
    CREATE INDEX answers_session ON answers(session_id);
    CREATE TABLE campfire_sources (             -- per kiosk: how new its latest campfire data are
        device_id TEXT PRIMARY KEY REFERENCES devices(id),
        newest    TEXT NOT NULL                 -- a file's created_at, or when the network brought some
    );
    CREATE TABLE unverified_questions (         -- question ids seen under unknown pack versions
        pack_id     TEXT NOT NULL,
        version     TEXT NOT NULL,
        question_id TEXT NOT NULL,
        PRIMARY KEY (pack_id, version, question_id)
    ) WITHOUT ROWID;
    )sql",
    // "Terug" (docs/sync-protocol.md): an answer may name the one it replaces (same kiosk,
    // visit and question); the replaced one stays, superseded, and is counted nowhere.
    R"sql(
    ALTER TABLE answers ADD COLUMN replaces TEXT;
    ALTER TABLE answers ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conflicts ADD COLUMN replaces TEXT;
    CREATE INDEX answers_replaces ON answers(replaces) WHERE replaces IS NOT NULL;
    )sql",
    // 4 -> 5: updates for residents per wijk (issue 14; store/store_news.cpp), and the
    // receipts of visits that reached the store: only the code and the day, nothing that
    // links them to a kiosk, a visit or an answer.
    R"sql(
    CREATE TABLE IF NOT EXISTS news (
        id         TEXT PRIMARY KEY,            -- 8 hex digits, for news remove
        wijk       TEXT NOT NULL,
        title      TEXT NOT NULL,
        text       TEXT NOT NULL,
        date       TEXT NOT NULL,               -- YYYY-MM-DD, as the gebiedsteam gives it
        answers    TEXT NOT NULL DEFAULT '',    -- the question id or kompas point it answers
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS news_wijk ON news(wijk, date);
    CREATE TABLE IF NOT EXISTS receipts (
        code        TEXT PRIMARY KEY,           -- sync/receipt.hpp: "K7RM-2XQ9"
        received_on TEXT NOT NULL               -- YYYY-MM-DD: the first answer of the visit arrived
    ) WITHOUT ROWID;
    )sql",
    // 5 -> 6: running counts for the content reply (issue 18), so that a kiosk's down-sync
    // costs the same at 10 thousand answers as at a million. n = the answers with this key
    // that count (not flagged, not unverified, not superseded), exactly what the reply
    // counted anew before; per device, so a kiosk enrolled again in another wijk takes its
    // counts along. StoreBatch adds its new answers once per batch (store_batch.cpp); the
    // triggers keep n right when an answer changes or goes (Terug's superseded, an edit by
    // hand). Only an INSERT into answers outside StoreBatch must call RebuildAnswerCounts.
    R"sql(
    CREATE TABLE answer_counts (
        device_id    TEXT NOT NULL,
        pack_id      TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        value        TEXT NOT NULL,
        n            INTEGER NOT NULL,
        PRIMARY KEY (device_id, pack_id, pack_version, question_id, value)
    ) WITHOUT ROWID;
    INSERT INTO answer_counts SELECT device_id, pack_id, pack_version, question_id, value, count(*) FROM answers
        WHERE flagged = 0 AND unverified = 0 AND superseded = 0
        GROUP BY device_id, pack_id, pack_version, question_id, value;
    CREATE TRIGGER answer_counts_update
    AFTER UPDATE OF device_id, pack_id, pack_version, question_id, value, flagged, unverified, superseded ON answers
    BEGIN
        INSERT INTO answer_counts SELECT OLD.device_id, OLD.pack_id, OLD.pack_version, OLD.question_id, OLD.value, -1
            WHERE OLD.flagged = 0 AND OLD.unverified = 0 AND OLD.superseded = 0
            ON CONFLICT DO UPDATE SET n = n - 1;
        INSERT INTO answer_counts SELECT NEW.device_id, NEW.pack_id, NEW.pack_version, NEW.question_id, NEW.value, 1
            WHERE NEW.flagged = 0 AND NEW.unverified = 0 AND NEW.superseded = 0
            ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER answer_counts_delete AFTER DELETE ON answers
    WHEN OLD.flagged = 0 AND OLD.unverified = 0 AND OLD.superseded = 0
    BEGIN
        INSERT INTO answer_counts VALUES(OLD.device_id, OLD.pack_id, OLD.pack_version, OLD.question_id, OLD.value, -1)
            ON CONFLICT DO UPDATE SET n = n - 1;
    END;
    CREATE INDEX devices_wijk ON devices(wijk);
    )sql",
    // 6 -> 7: a wijk can be a dorp (issue 14 item 9); a wijk not listed is a wijk
    R"sql(
    CREATE TABLE places (
        wijk TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('wijk', 'dorp'))
    ) WITHOUT ROWID;
    )sql",
    // 7 -> 8: per kiosk, how many answers the store holds and its highest seq (issue 18):
    // the content reply tells the kiosk which numbers to send again without counting the
    // kiosk's answers anew. As answer_counts: StoreBatch adds a batch's new answers once per
    // batch (a row trigger on INSERT cost 11 us an answer, SQLite's statement journal), the
    // trigger takes an answer deleted away, and an INSERT into answers outside StoreBatch
    // must call RebuildAnswerCounts. An answer's device_id and seq never change.
    R"sql(
    CREATE TABLE device_seqs (
        device_id TEXT PRIMARY KEY,
        n         INTEGER NOT NULL,      -- the kiosk's answers in the store
        max_seq   INTEGER NOT NULL       -- the highest seq among them (0: none)
    ) WITHOUT ROWID;
    INSERT INTO device_seqs SELECT device_id, count(*), max(seq) FROM answers GROUP BY device_id;
    CREATE TRIGGER device_seqs_delete AFTER DELETE ON answers
    BEGIN
        UPDATE device_seqs SET n = n - 1,
            max_seq = coalesce((SELECT max(seq) FROM answers WHERE device_id = OLD.device_id), 0)
            WHERE device_id = OLD.device_id;
    END;
    CREATE TRIGGER answers_identity BEFORE UPDATE OF device_id, seq ON answers
    WHEN OLD.device_id IS NOT NEW.device_id OR OLD.seq IS NOT NEW.seq
    BEGIN
        SELECT RAISE(ABORT, 'an answer''s device_id and seq do not change');
    END;
    )sql",
};

constexpr int kStoreSchemaVersion = int(sizeof(kStoreMigrations) / sizeof(kStoreMigrations[0]));

using db::Exec;
using db::Optional;
using db::Stmt;

std::string Now() { return IsoNowSeconds(); }

// "2026-11-28T12:00:00Z", the store's format, for a moment days from now.
std::string IsoInDays(int days) { return IsoTimeSeconds(int64_t(time(nullptr)) + int64_t(days) * 86400); }

// What a client is told when the database fails: SQLite's words go to the log only.
bool Internal(const std::string& what, db::Conn* db, std::string* error) {
    fprintf(stderr, "wijkstem-store: %s: %s\n", what.c_str(), db->Error().c_str());
    *error = "the store could not " + what + "; try again later";
    return false;
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

// SQLite: the schema of version 0, then each migration up to the current one, all in one
// transaction; the console's and stap 3's tables (IF NOT EXISTS, no number).
static bool MigrateSqlite(db::Conn* db, std::string* error) {
    std::string err;
    if (!Exec(db, kSchema, error) || !CreateConsoleTables(db, error))
        return false;
    int64_t version = -1;
    {
        Stmt st(db, "PRAGMA user_version");
        if (st.Step() == db::kRow)
            version = st.Int(0);
    }
    if (version < 0 || version > kStoreSchemaVersion) {
        *error = "it has schema " + std::to_string(version) +
                 (version < 0 ? "" : ", made by a newer wijkstem-store (this one knows " +
                                         std::to_string(kStoreSchemaVersion) + ")");
        return false;
    }
    if (version < kStoreSchemaVersion) {
        db::Transaction tx(db);
        if (!tx.Begun(&err)) {
            *error = "it cannot be migrated: " + err;
            return false;
        }
        for (int v = int(version); v < kStoreSchemaVersion; v++)
            if (!Exec(db, kStoreMigrations[v], &err)) {
                *error = "it cannot be migrated to schema " + std::to_string(v + 1) + ": " + err;
                return false;
            }
        if (!Exec(db, "PRAGMA user_version=" + std::to_string(kStoreSchemaVersion), &err) || !tx.Commit(&err)) {
            *error = "it cannot be migrated: " + err;
            return false;
        }
    }
    return CreateAgreementTables(db, error);
}

std::unique_ptr<Store> Store::Open(const std::string& target, std::string* error) {
    std::unique_ptr<Store> s(new Store());
    s->Owned = db::Open(target, false, error);
    if (!s->Owned)
        return nullptr;
    s->Db = s->Owned.get();
    std::string err;
    const bool ok = s->Db->Kind() == db::Backend::Postgres ? MigratePostgres(s->Db, kStoreSchemaVersion, &err)
                                                           : MigrateSqlite(s->Db, &err);
    if (!ok || !s->LoadPublishedPacks(&err)) {
        *error = "the store database " + s->Db->Name() + " cannot be used: " + err;
        return nullptr;
    }
    return s;
}

// Mu held. A pack version this process has not seen may have been published since it
// started, by `wijkstem-store publish` or another store process on the same database. A
// version nobody published is asked for again after a minute, not for every answer.
bool Store::LoadPublishedPack(const std::string& pack_id, const std::string& version) {
    const auto now = std::chrono::steady_clock::now();
    if (LookedUp.size() > 10000) // versions made up by a kiosk: forget them, not grow
        LookedUp.clear();
    auto [it, fresh] = LookedUp.emplace(pack_id + '\n' + version, now);
    if (!fresh && now - it->second < std::chrono::minutes(1))
        return false;
    it->second = now;
    Stmt st(Db, "SELECT body FROM published_packs WHERE pack_id = ?1 AND version = ?2");
    if (st.Bind(pack_id, version).Step() != db::kRow)
        return false;
    content::LoadResult r = content::LoadPackText(st.Text(0), "the published pack " + pack_id);
    if (r.Pack.Id != pack_id || r.Pack.Version != version)
        return false;
    Catalog.Add(std::move(r.Pack));
    return true;
}

bool Store::LoadPublishedPacks(std::string* error) {
    Stmt st(Db, "SELECT pack_id, version, body FROM published_packs");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    while (st.Step() == db::kRow) {
        content::LoadResult r = content::LoadPackText(st.Text(2), "the published pack " + st.Text(0));
        if (!r.Pack.Id.empty() && r.Pack.Version == st.Text(1)) // a broken body checks nothing
            Catalog.Add(std::move(r.Pack));
    }
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::AddPackFolder(const std::string& dir, std::string* error, std::string* skipped) {
    std::lock_guard<std::mutex> lock(Mu);
    return Catalog.AddFolder(dir, error, skipped);
}

void Store::SetQuota(int64_t per_hour) {
    std::lock_guard<std::mutex> lock(QuotaMu);
    QuotaPerHour = per_hour;
}

// Fixed windows of an hour per device; pruned when many devices have been seen.
void Store::CountQuota(const std::string& device_id, int64_t n) {
    std::lock_guard<std::mutex> lock(QuotaMu);
    const auto now = std::chrono::steady_clock::now();
    const auto hour = std::chrono::hours(1);
    if (Quota.size() > 10000) // only enrolled devices get here; forget the quiet ones
        for (auto it = Quota.begin(); it != Quota.end();)
            it = now - it->second.Start >= hour ? Quota.erase(it) : std::next(it);
    QuotaWindow& w = Quota[device_id];
    if (w.Count == 0 || now - w.Start >= hour)
        w = {now, 0};
    w.Count += n;
}

bool Store::OverQuota(const std::string& device_id) {
    std::lock_guard<std::mutex> lock(QuotaMu);
    auto it = Quota.find(device_id);
    return it != Quota.end() && std::chrono::steady_clock::now() - it->second.Start < std::chrono::hours(1) &&
           it->second.Count >= QuotaPerHour;
}

bool CheckEnrollment(const std::string& device_id, const std::string& public_key, std::string* why) {
    if (!IsUuid(device_id)) {
        *why = "device_id must be a UUID (lowercase hex digits with dashes)";
        return false;
    }
    if (!IsLowerHex(public_key, 64)) {
        *why = "public_key must be 64 lowercase hex digits";
        return false;
    }
    unsigned char key[32];
    for (size_t i = 0; i < 32; i++)
        key[i] = static_cast<unsigned char>(std::stoi(public_key.substr(i * 2, 2), nullptr, 16));
    if (sodium_init() < 0 || crypto_core_ed25519_is_valid_point(key) != 1) {
        *why = "public_key is not an Ed25519 public key";
        return false;
    }
    return true;
}

bool PlausibleTime(const std::string& iso, int64_t now_unix, const std::string& field, std::string* why) {
    struct tm tm {};
    int y, mo, d, h, mi, sec;
    char t;
    if (iso.size() < 19 || sscanf(iso.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &t, &h, &mi, &sec) != 7 ||
        t != 'T') {
        *why = field + " is not an ISO 8601 time";
        return false;
    }
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec;
    const int64_t at = int64_t(timegm(&tm));
    if (y < 2020) {
        *why = field + " is before 2020";
        return false;
    }
    if (at > now_unix + 86400) {
        *why = field + " is more than a day after the store's clock";
        return false;
    }
    return true;
}

Store::~Store() = default;

bool Store::NewEnrollCode(const std::string& wijk, std::string* code, std::string* error, int valid_days) {
    std::lock_guard<std::mutex> lock(Mu);
    if (wijk.empty() || wijk.size() > 200 || !TextProblem(wijk, "wijk").empty()) {
        *error = "a wijk name is needed (--wijk NAME), without control characters";
        return false;
    }
    if (valid_days < 1 || valid_days > 365) {
        *error = "a code is valid for 1 to 365 days (--valid-days N)";
        return false;
    }
    *code = NewCode();
    Stmt st(Db, "INSERT INTO enroll_codes(code_hash, wijk, created_at, expires_at, short_id) "
                "VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    st.BindOne(1, HashToken(*code));
    st.BindOne(2, wijk);
    st.BindOne(3, Now());
    st.BindOne(4, IsoInDays(valid_days));
    st.BindOne(5, RandomToken(4));
    if (st.Step() != db::kDone) {
        *error = std::string("cannot store the code: ") + Db->Error();
        return false;
    }
    return true;
}

bool Store::EnrollCodes(std::vector<EnrollCodeInfo>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT short_id, wijk, created_at, expires_at FROM enroll_codes WHERE used_at IS NULL AND "
                "cancelled_at IS NULL AND expires_at > ?1 ORDER BY created_at, short_id");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    st.BindOne(1, Now());
    while (st.Step() == db::kRow)
        out->push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3)});
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::CancelCode(const std::string& short_id, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "UPDATE enroll_codes SET cancelled_at = ?2 WHERE short_id = ?1 AND used_at IS NULL AND "
                "cancelled_at IS NULL AND expires_at > ?2");
    st.BindOne(1, short_id);
    st.BindOne(2, Now());
    if (st.Step() != db::kDone || st.Changes() < 1) {
        *error = "no open enrolment code " + short_id + " (see enroll-codes)";
        return false;
    }
    return true;
}

bool Store::AllowReenroll(const std::string& device_id, int valid_days, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    if (valid_days < 1 || valid_days > 365) {
        *error = "an allowance is valid for 1 to 365 days (--valid-days N)";
        return false;
    }
    Stmt st(Db, "INSERT INTO reenroll_allowed(device_id, created_at, expires_at) SELECT id, ?2, ?3 FROM devices "
                "WHERE id = ?1 ON CONFLICT(device_id) DO UPDATE SET created_at = excluded.created_at, "
                "expires_at = excluded.expires_at");
    st.BindOne(1, device_id);
    st.BindOne(2, Now());
    st.BindOne(3, IsoInDays(valid_days));
    if (st.Step() != db::kDone || st.Changes() != 1) {
        *error = "no enrolled device " + device_id + " (see devices)";
        return false;
    }
    return true;
}

bool Store::Enroll(const std::string& code, const std::string& device_id, const std::string& public_key,
                   std::string* token, std::string* wijk, bool* forbidden, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    *forbidden = false;
    if (!CheckEnrollment(device_id, public_key, error)) {
        *forbidden = true;
        return false;
    }
    db::Transaction tx(Db);
    if (!tx.Begun())
        return Internal("enrol the device", Db, error);
    const std::string now = Now();
    {
        Stmt st(Db, "SELECT wijk FROM enroll_codes WHERE code_hash = ?1 AND used_at IS NULL AND cancelled_at IS NULL "
                    "AND expires_at > ?2");
        st.BindOne(1, HashToken(code));
        st.BindOne(2, now);
        if (st.Step() != db::kRow) { // unknown, used, cancelled, expired: answered alike
            *forbidden = true;
            *error = "this enrolment code is unknown or already used (or cancelled, or expired)";
            return false;
        }
        *wijk = st.Text(0);
    }
    // A device id is not secret (file names, status, the CSV): enrolling it again would
    // hand the kiosk's identity to whoever holds any code. Only an admin's allowance does.
    {
        Stmt known(Db, "SELECT 1 FROM devices WHERE id = ?1");
        known.BindOne(1, device_id);
        const bool exists = known.Step() == db::kRow;
        if (exists) {
            Stmt allowed(Db, "DELETE FROM reenroll_allowed WHERE device_id = ?1 AND expires_at > ?2");
            allowed.BindOne(1, device_id);
            allowed.BindOne(2, now);
            if (allowed.Step() != db::kDone)
                return Internal("enrol the device", Db, error);
            if (allowed.Changes() != 1) {
                *forbidden = true;
                *error = "this device is enrolled already; an admin must allow it to enrol again "
                         "(wijkstem-store allow-reenroll DEVICE_ID)";
                return false;
            }
        }
    }
    *token = RandomToken(32);
    Stmt dev(Db, "INSERT INTO devices(id, wijk, token_hash, public_key, enrolled_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                 "ON CONFLICT(id) DO UPDATE SET wijk = excluded.wijk, token_hash = excluded.token_hash, "
                 "public_key = excluded.public_key, enrolled_at = excluded.enrolled_at, revoked_at = NULL");
    dev.BindOne(1, device_id);
    dev.BindOne(2, *wijk);
    dev.BindOne(3, HashToken(*token));
    dev.BindOne(4, public_key);
    dev.BindOne(5, now);
    Stmt used(Db, "UPDATE enroll_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1");
    used.BindOne(1, HashToken(code));
    used.BindOne(2, now);
    used.BindOne(3, device_id);
    if (dev.Step() != db::kDone || used.Step() != db::kDone || !tx.Commit())
        return Internal("enrol the device", Db, error);
    return true;
}

bool Store::Authenticate(const std::string& token, std::string* device_id) {
    std::lock_guard<std::mutex> lock(Mu);
    if (token.empty())
        return false;
    Stmt st(Db, "SELECT id FROM devices WHERE token_hash = ?1 AND revoked_at IS NULL");
    st.BindOne(1, HashToken(token));
    if (st.Step() != db::kRow)
        return false;
    *device_id = st.Text(0);
    return true;
}

bool Store::Revoke(const std::string& device_id, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    st.BindOne(1, device_id);
    st.BindOne(2, Now());
    if (st.Step() != db::kDone || st.Changes() != 1) {
        *error = "no enrolled device " + device_id + " to revoke";
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
                "count(DISTINCT a.session_id), count(DISTINCT CASE WHEN a.flagged = 1 THEN a.session_id END), "
                "coalesce(sum(a.unverified), 0) "
                "FROM devices d LEFT JOIN answers a ON a.device_id = d.id GROUP BY d.id ORDER BY d.wijk, d.id");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    db::StepResult rc;
    while ((rc = st.Step()) == db::kRow) {
        DeviceInfo d{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Int(4) != 0,
                     st.Int(5), st.Int(6), 0};
        d.Missing = d.MaxSeq - st.Int(7); // gaps: numbers under the highest not seen
        d.Visits = st.Int(8);
        d.VisitsFlagged = st.Int(9);
        d.Unverified = st.Int(10);
        out->push_back(d);
    }
    if (rc != db::kDone) { // a failed read is no shorter list
        *error = "cannot read the devices: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::ExportCsv(std::string* csv, std::string* error) {
    csv->clear();
    return ExportCsv(
        [csv](const std::string& row) {
            *csv += row;
            return true;
        },
        error);
}

bool Store::ExportCsv(const std::function<bool(const std::string& row)>& write, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT a.id, a.device_id, a.seq, d.wijk, a.session_id, a.pack_id, a.pack_version, a.question_id, "
                "a.value, substr(a.answered_at, 1, 10), substr(a.received_at, 1, 10), a.via, a.flagged, a.superseded "
                "FROM answers a JOIN devices d ON d.id = a.device_id ORDER BY a.device_id, a.seq",
            db::Rows::Streamed); // a row at a time on both: the export's memory stays flat
    if (!st) {
        *error = Db->Error();
        return false;
    }
    // Coarse times in exports (the date only): promise 3, anonymous by design.
    if (!write("answer_id,device_id,device_seq,wijk,session_id,pack_id,pack_version,question_id,value,answered_at,"
               "received_at,via,flagged,superseded\n")) {
        *error = "the CSV could not be written";
        return false;
    }
    std::string row;
    int rc;
    while ((rc = st.Step()) == db::kRow) {
        row.clear();
        for (int i = 0; i < 14; i++)
            row += (i ? "," : "") + CsvField(st.Text(i));
        row += "\n";
        if (!write(row)) {
            *error = "the CSV could not be written";
            return false;
        }
    }
    if (rc != db::kDone) { // a part-way failure is not a shorter CSV
        *error = std::string("the export stopped part-way: ") + Db->Error();
        return false;
    }
    return true;
}

bool Store::RebuildAnswerCounts(std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    db::Transaction tx(Db);
    return tx.Begun(error) &&
           Exec(Db, "DELETE FROM answer_counts; "
                    "INSERT INTO answer_counts SELECT device_id, pack_id, pack_version, question_id, value, count(*) "
                    "FROM answers WHERE flagged = 0 AND unverified = 0 AND superseded = 0 "
                    "GROUP BY device_id, pack_id, pack_version, question_id, value; "
                    "DELETE FROM device_seqs; "
                    "INSERT INTO device_seqs SELECT device_id, count(*), max(seq) FROM answers GROUP BY device_id",
                error) &&
           tx.Commit(error);
}

int64_t Store::AnswerCount() {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT count(*) FROM answers");
    return st.Step() == db::kRow ? st.Int(0) : -1;
}

int64_t Store::ConflictCount() {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT count(*) FROM conflicts");
    return st.Step() == db::kRow ? st.Int(0) : -1;
}

bool Store::Publish(const std::string& wijk, const std::string& pack_id, const std::string& version,
                    const std::string& body, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    content::LoadResult pack = content::LoadPackText(body, "the published pack");
    if (pack.Pack.Id != pack_id || pack.Pack.Version != version) {
        *error = "the pack's body does not hold " + pack_id + " " + version;
        return false;
    }
    std::string err;
    db::Transaction tx(Db);
    if (!tx.Begun(&err)) {
        *error = "cannot publish the pack: " + err;
        return false;
    }
    Stmt st(Db, "INSERT INTO packs(wijk, pack_id, version, body, published_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                "ON CONFLICT(wijk) DO UPDATE SET pack_id = excluded.pack_id, version = excluded.version, "
                "body = excluded.body, published_at = excluded.published_at");
    st.BindOne(1, wijk);
    st.BindOne(2, pack_id);
    st.BindOne(3, version);
    st.BindOne(4, body);
    st.BindOne(5, Now());
    // Every version ever published stays known: kiosks answer with older ones for a while.
    Stmt all(Db, "INSERT INTO published_packs(pack_id, version, body, published_at) VALUES(?1, ?2, ?3, ?4) "
                 "ON CONFLICT(pack_id, version) DO UPDATE SET body = excluded.body, published_at = excluded.published_at");
    all.BindOne(1, pack_id);
    all.BindOne(2, version);
    all.BindOne(3, body);
    all.BindOne(4, Now());
    if (st.Step() != db::kDone || all.Step() != db::kDone || !tx.Commit(&err)) {
        *error = "cannot publish the pack: " + (err.empty() ? Db->Error() : err);
        return false;
    }
    Catalog.Add(std::move(pack.Pack));
    return true;
}

bool Store::ContentFor(const std::string& device_id, WijkContent* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    *out = {};
    {
        Stmt st(Db, "SELECT wijk FROM devices WHERE id = ?1");
        st.BindOne(1, device_id);
        if (st.Step() != db::kRow) {
            *error = "unknown device";
            return false;
        }
        out->Wijk = st.Text(0);
    }
    NoteSync(Db, device_id); // the console's "last sync" (store/users.cpp)
    if (!ReadAgreements(Db, out->Wijk, &out->Agreements, &out->AgreementChanges, error)) // stap 3
        return false;
    out->HasAgreements = true;
    {
        Stmt st(Db, "SELECT pack_id, version, body FROM packs WHERE wijk = ?1");
        st.BindOne(1, out->Wijk);
        if (st.Step() == db::kRow) {
            out->PackId = st.Text(0);
            out->PackVersion = st.Text(1);
            out->PackBody = st.Text(2);
        }
    }
    {
        // Kept running (schema 8): one row, however long the kiosk's history.
        Stmt st(Db, "SELECT max_seq, n FROM device_seqs WHERE device_id = ?1");
        st.BindOne(1, device_id);
        int64_t stored = 0;
        if (st.Step() == db::kRow) {
            out->DeviceMaxSeq = st.Int(0);
            stored = st.Int(1);
        }
        // The numbers under the highest that the store has not seen: looked for only when
        // some are missing (the usual kiosk has none), so a kiosk with a long history costs
        // one row, not a walk through every number it ever used.
        if (stored < out->DeviceMaxSeq) {
            Stmt gaps(Db, "WITH RECURSIVE n(s) AS (SELECT 1 UNION ALL SELECT s + 1 FROM n WHERE s < ?2) "
                          "SELECT s FROM n WHERE NOT EXISTS (SELECT 1 FROM answers WHERE device_id = ?1 AND seq = n.s) "
                          "LIMIT 1000");
            gaps.BindOne(1, device_id);
            gaps.BindOne(2, out->DeviceMaxSeq);
            while (gaps.Step() == db::kRow)
                out->MissingSeqs.push_back(gaps.Int(0));
        }
    }
    WijkTalliesLocked(out->Wijk, &out->Results);
    NewsLocked(out->Wijk, &out->News); // store/store_news.cpp
    out->Place = content::PlaceKindName(PlaceLocked(out->Wijk)); // store/store_places.cpp
    return true;
}

// Mu held.
void Store::WijkTalliesLocked(const std::string& wijk, std::vector<Tally>* out) {
    // The whole wijk's answers, counted per question and value (every kiosk of the wijk).
    // A visit that repeated the one before (flagged) is kept but not counted, nor an answer
    // changed on the way back (superseded). Only
    // questions with choices in a pack version the store knows go out (a free-text value
    // is a resident's own words), and a question with fewer than kMinGroup answers not
    // at all: these figures end up in every kiosk of the wijk.
    // The running counts (schema 6) hold per kiosk what this once counted over answers,
    // grouped the same way: rows as many as the wijk's kiosks have distinct values, however
    // many answers there are (issue 18; tests/test_store_counts.cpp compares the two).
    // PostgreSQL's planner joined the whole of answer_counts (a hash join over every kiosk's
    // rows) where the wijk's ten kiosks' rows do: 2.9 ms against 0.27 ms for 500 kiosks, and
    // growing with the store. The LATERAL ... OFFSET 0 keeps its lookup per kiosk, by the key.
    const char* rows = Db->Kind() == db::Backend::Postgres
                           ? "devices d CROSS JOIN LATERAL (SELECT * FROM answer_counts c WHERE c.device_id = d.id "
                             "OFFSET 0) c"
                           : "answer_counts c JOIN devices d ON d.id = c.device_id";
    Stmt st(Db, std::string("SELECT c.pack_id, c.pack_version, c.question_id, c.value, sum(c.n) FROM ") + rows +
                    " WHERE d.wijk = ?1 GROUP BY c.pack_id, c.pack_version, c.question_id, c.value HAVING sum(c.n) > 0");
    st.BindOne(1, wijk);
    std::map<std::pair<std::string, std::string>, int64_t> counts; // (question, value) -> answers
    std::map<std::string, int64_t> per_question;
    while (st.Step() == db::kRow) {
        const std::string question = st.Text(2);
        if (!Catalog.IsChoice(st.Text(0), st.Text(1), question))
            continue;
        const int64_t n = st.Int(4);
        counts[{question, st.Text(3)}] += n;
        per_question[question] += n;
    }
    for (const auto& [key, n] : counts)
        if (per_question[key.first] >= kMinGroup)
            out->push_back({key.first, key.second, n});
}

} // namespace store
namespace store {

bool Store::ChangeAgreement(wsync::AgreementChangeRecord c, const std::vector<std::string>& wijken, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    if (c.Id.empty())
        c.Id = wsync::NewUuidV4();
    if (c.At.empty())
        c.At = IsoNowSeconds();
    std::string wijk;
    {
        Stmt st(Db, "SELECT wijk FROM agreements WHERE id = ?1");
        st.BindOne(1, c.AgreementId);
        if (st.Step() != db::kRow) {
            *error = "there is no agreement " + c.AgreementId + " (wijkstem-store agreement list shows them)";
            return false;
        }
        wijk = st.Text(0);
    }
    if (!wijken.empty() && std::find(wijken.begin(), wijken.end(), wijk) == wijken.end()) {
        *error = "this agreement is of a wijk you do not look after";
        return false;
    }
    db::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    ChangeResult result;
    std::string reason;
    if (!PutAgreementChange(Db, c, wijk, &result, &reason)) {
        *error = reason;
        return false;
    }
    if (result != ChangeResult::Stored) {
        *error = reason.empty() ? "this change was stored before" : reason;
        return false;
    }
    return tx.Commit(error);
}

bool Store::Agreements(const std::string& wijk, std::vector<wsync::AgreementRecord>* list,
                       std::vector<wsync::AgreementChangeRecord>* history, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    return ReadAgreements(Db, wijk, list, history, error);
}

} // namespace store
