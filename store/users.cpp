// The console's users and sessions, and the kiosks' last sync, in the store's database.
// Passwords arrive here already hashed (store/console/auth.cpp); session ids as hashes.
#include "store/store.hpp"
#include "store/users.hpp"

#include "sync/iso_time.hpp"

#include <algorithm>
#include <set>

namespace store {

using db::Exec;
using db::Stmt;

namespace {

const char* kConsoleSchema = R"sql(
CREATE TABLE IF NOT EXISTS console_users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,          -- "admin" or "gebiedsteam"
    password_hash TEXT NOT NULL,          -- argon2id (libsodium crypto_pwhash_str)
    created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_user_wijken (
    "user" TEXT NOT NULL REFERENCES console_users(name) ON DELETE CASCADE,
    wijk TEXT NOT NULL,
    PRIMARY KEY ("user", wijk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS console_sessions (
    id_hash    TEXT PRIMARY KEY,          -- BLAKE2b of the cookie's random id; the id itself is never stored
    "user"     TEXT NOT NULL REFERENCES console_users(name) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,          -- unix seconds
    last_seen  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS device_syncs (     -- when each kiosk last fetched its content
    device_id    TEXT PRIMARY KEY,
    last_sync_at TEXT NOT NULL
);
)sql";

} // namespace

bool CreateConsoleTables(db::Conn* db, std::string* error) { return Exec(db, kConsoleSchema, error); }

void NoteSync(db::Conn* db, const std::string& device_id) {
    // A missed note only makes the console's "last sync" older. So on PostgreSQL the note
    // does not wait for its WAL to reach the disk (a crash may lose the last few): that wait
    // was most of every content reply, 2 ms and more on a busy store (issue 18).
    const bool pg = db->Kind() == db::Backend::Postgres;
    if (pg && !db->Exec("BEGIN; SET LOCAL synchronous_commit TO off", nullptr))
        return;
    Stmt st(db, "INSERT INTO device_syncs(device_id, last_sync_at) VALUES(?1, ?2) "
                "ON CONFLICT(device_id) DO UPDATE SET last_sync_at = excluded.last_sync_at");
    st.BindOne(1, device_id);
    st.BindOne(2, wsync::IsoNowSeconds());
    const bool noted = st.Step() == db::kDone;
    if (pg)
        db->Exec(noted ? "COMMIT" : "ROLLBACK", nullptr);
}

bool Store::AddUser(const ConsoleUser& u, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    std::string err;
    db::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    Stmt user(Db, "INSERT INTO console_users(name, role, password_hash, created_at) VALUES(?1, ?2, ?3, ?4) "
                  "ON CONFLICT(name) DO NOTHING");
    user.BindOne(1, u.Name);
    user.BindOne(2, u.Role);
    user.BindOne(3, u.PasswordHash);
    user.BindOne(4, wsync::IsoNowSeconds());
    bool ok = user.Step() == db::kDone;
    if (ok && user.Changes() == 0) {
        *error = "there is already a user named " + u.Name;
        return false;
    }
    Stmt wijk(Db, "INSERT INTO console_user_wijken(\"user\", wijk) VALUES(?1, ?2) ON CONFLICT DO NOTHING");
    for (const std::string& w : u.Wijken) {
        if (!ok)
            break;
        wijk.Reset();
        wijk.BindOne(1, u.Name);
        wijk.BindOne(2, w);
        ok = wijk.Step() == db::kDone;
    }
    if (!ok || !tx.Commit(&err)) {
        *error = "cannot store the user: " + (err.empty() ? Db->Error() : err);
        return false;
    }
    return true;
}

bool Store::RemoveUser(const std::string& name, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "DELETE FROM console_users WHERE name = ?1"); // wijken and sessions go with it (CASCADE)
    st.BindOne(1, name);
    if (st.Step() != db::kDone || st.Changes() != 1) {
        *error = "there is no user named " + name;
        return false;
    }
    return true;
}

bool Store::Users(std::vector<ConsoleUser>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT u.name, u.role, u.created_at, coalesce(w.wijk, '') FROM console_users u "
                "LEFT JOIN console_user_wijken w ON w.\"user\" = u.name ORDER BY u.name, w.wijk");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    while (st.Step() == db::kRow) {
        if (out->empty() || out->back().Name != st.Text(0))
            out->push_back({st.Text(0), st.Text(1), {}, "", st.Text(2)}); // never the hash
        if (!st.Text(3).empty())
            out->back().Wijken.push_back(st.Text(3));
    }
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::FindUser(const std::string& name, ConsoleUser* out) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT name, role, password_hash, created_at FROM console_users WHERE name = ?1");
    st.BindOne(1, name);
    if (st.Step() != db::kRow)
        return false;
    *out = {st.Text(0), st.Text(1), {}, st.Text(2), st.Text(3)};
    Stmt w(Db, "SELECT wijk FROM console_user_wijken WHERE \"user\" = ?1 ORDER BY wijk");
    w.BindOne(1, name);
    while (w.Step() == db::kRow)
        out->Wijken.push_back(w.Text(0));
    return !w.Failed(); // a user whose wijken cannot be read is not found: no session on half a user
}

bool Store::SaveSession(const ConsoleSessionRow& row, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "INSERT INTO console_sessions(id_hash, \"user\", created_at, last_seen) VALUES(?1, ?2, ?3, ?4)");
    st.BindOne(1, row.IdHash);
    st.BindOne(2, row.User);
    st.BindOne(3, row.CreatedAt);
    st.BindOne(4, row.LastSeen);
    if (st.Step() != db::kDone) {
        *error = "cannot store the session: " + Db->Error();
        return false;
    }
    // Sessions left behind (never logged out) go after a day.
    Stmt old(Db, "DELETE FROM console_sessions WHERE last_seen < ?1");
    old.BindOne(1, row.LastSeen - 24 * 3600);
    old.Step();
    return true;
}

bool Store::FindSession(const std::string& id_hash, ConsoleSessionRow* out) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT id_hash, \"user\", created_at, last_seen FROM console_sessions WHERE id_hash = ?1");
    st.BindOne(1, id_hash);
    if (st.Step() != db::kRow)
        return false;
    *out = {st.Text(0), st.Text(1), st.Int(2), st.Int(3)};
    return true;
}

bool Store::TouchSession(const std::string& id_hash, int64_t now) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "UPDATE console_sessions SET last_seen = ?2 WHERE id_hash = ?1");
    st.BindOne(1, id_hash);
    st.BindOne(2, now);
    return st.Step() == db::kDone && st.Changes() == 1;
}

bool Store::DropSession(const std::string& id_hash) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "DELETE FROM console_sessions WHERE id_hash = ?1");
    st.BindOne(1, id_hash);
    return st.Step() == db::kDone;
}

bool Store::Wijken(std::vector<std::string>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT wijk FROM devices UNION SELECT wijk FROM packs UNION SELECT wijk FROM enroll_codes "
                "UNION SELECT wijk FROM console_user_wijken ORDER BY 1");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    while (st.Step() == db::kRow)
        out->push_back(st.Text(0));
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::KnowsWijk(const std::string& wijk, std::string* error) {
    std::vector<std::string> wijken;
    if (!Wijken(&wijken, error))
        return false;
    if (std::find(wijken.begin(), wijken.end(), wijk) == wijken.end()) {
        *error = "the store knows no wijk \"" + wijk + "\" (a wijk is known once it has a kiosk, a pack, "
                 "an enrolment code or a console user)";
        return false;
    }
    return true;
}

bool Store::Packs(std::vector<PublishedPack>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT wijk, pack_id, version, '', published_at FROM packs ORDER BY wijk"); // no bodies: a list
    if (!st) {
        *error = Db->Error();
        return false;
    }
    while (st.Step() == db::kRow)
        out->push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::PackOf(const std::string& wijk, PublishedPack* out) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT wijk, pack_id, version, body, published_at FROM packs WHERE wijk = ?1");
    st.BindOne(1, wijk);
    if (st.Step() != db::kRow)
        return false;
    *out = {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
    return true;
}

bool Store::DeviceExtras(std::vector<DeviceExtra>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT d.id, coalesce(s.last_sync_at, ''), coalesce((SELECT a.pack_version FROM answers a "
                "WHERE a.device_id = d.id ORDER BY a.seq DESC LIMIT 1), '') "
                "FROM devices d LEFT JOIN device_syncs s ON s.device_id = d.id");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    while (st.Step() == db::kRow)
        out->push_back({st.Text(0), st.Text(1), st.Text(2)});
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

} // namespace store
