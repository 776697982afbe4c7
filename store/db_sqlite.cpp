// The store on a SQLite file: the engine the store was built on, and the one a single
// wijkcentrum's store needs.
#include "store/db.hpp"

#include "sync/private_file.hpp"

#include <sqlite3.h>

namespace store::db {

namespace {

// The SQL's ?N become plain ?s: SQLite looks a numbered parameter up in a list as it
// compiles, which made a many-row INSERT of 3750 parameters cost more to compile than to
// run (perf: sqlite3VListNumToName). Slots[N] holds the plain ?s that ?N became.
std::string ToPlainParams(const std::string& sql, std::vector<std::vector<int>>* slots) {
    const ParsedSql parsed = ParseParams(sql);
    std::string out = parsed.Pieces[0];
    for (size_t k = 0; k < parsed.Params.size(); k++) {
        const size_t n = size_t(parsed.Params[k]);
        if (n >= slots->size())
            slots->resize(n + 1);
        (*slots)[n].push_back(int(k + 1));
        out += "?" + parsed.Pieces[k + 1];
    }
    return out;
}

class SqliteStmt final : public StmtImpl {
public:
    SqliteStmt(sqlite3* db, sqlite3_stmt* st, std::vector<std::vector<int>> slots)
        : Db(db), S(st), Slots(std::move(slots)) {}
    ~SqliteStmt() override { sqlite3_finalize(S); }
    void Reset() override {
        sqlite3_reset(S);
        sqlite3_clear_bindings(S);
    }
    void BindText(int i, std::string_view v) override {
        for (int at : At(i))
            sqlite3_bind_text(S, at, v.data(), int(v.size()), SQLITE_TRANSIENT);
    }
    void BindInt(int i, int64_t v) override {
        for (int at : At(i))
            sqlite3_bind_int64(S, at, sqlite3_int64(v));
    }
    void BindNull(int i) override {
        for (int at : At(i))
            sqlite3_bind_null(S, at);
    }
    StepResult Step() override {
        const int rc = sqlite3_step(S);
        if (rc == SQLITE_ROW)
            return kRow;
        if (rc == SQLITE_DONE) {
            Changed = sqlite3_changes(Db);
            sqlite3_reset(S); // the next Step runs it again, as after a Reset
            return kDone;
        }
        sqlite3_reset(S);
        return kError;
    }
    std::string Text(int col) override { return std::string(TextView(col)); }
    std::string_view TextView(int col) override { // SQLite keeps it until the next step or reset
        const unsigned char* t = sqlite3_column_text(S, col);
        return t ? std::string_view(reinterpret_cast<const char*>(t), size_t(sqlite3_column_bytes(S, col)))
                 : std::string_view();
    }
    int64_t Int(int col) override { return sqlite3_column_int64(S, col); }
    bool IsNull(int col) override { return sqlite3_column_type(S, col) == SQLITE_NULL; }
    int64_t Changes() override { return Changed; }

private:
    const std::vector<int>& At(int i) const {
        static const std::vector<int> none; // a parameter the SQL does not use
        return i >= 0 && i < int(Slots.size()) ? Slots[size_t(i)] : none;
    }
    sqlite3* Db;
    sqlite3_stmt* S;
    std::vector<std::vector<int>> Slots;
    int64_t Changed = 0;
};

class SqliteConn final : public Conn {
public:
    explicit SqliteConn(std::string path) : Path(std::move(path)) {}
    ~SqliteConn() override { sqlite3_close(H); }
    Backend Kind() const override { return Backend::Sqlite; }
    bool Exec(const std::string& sql, std::string* error) override {
        char* msg = nullptr;
        if (sqlite3_exec(H, sql.c_str(), nullptr, nullptr, &msg) == SQLITE_OK)
            return true;
        LastError = msg ? msg : sqlite3_errmsg(H);
        sqlite3_free(msg);
        if (error)
            *error = LastError;
        return false;
    }
    std::unique_ptr<StmtImpl> Prepare(const std::string& sql, bool, std::string* error) override { // always a row at a time
        std::vector<std::vector<int>> slots;
        const std::string plain = ToPlainParams(sql, &slots);
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(H, plain.c_str(), int(plain.size()), &st, nullptr) != SQLITE_OK || !st) {
            sqlite3_finalize(st);
            *error = LastError = sqlite3_errmsg(H);
            return nullptr;
        }
        return std::make_unique<SqliteStmt>(H, st, std::move(slots));
    }
    bool CopyIn(const std::string& table, const std::vector<std::string>& columns, const CopyValues& values,
                std::string* error) override {
        const size_t n = columns.size();
        if (n == 0 || values.size() % n != 0)
            return Fail("rows for " + table + " do not fit its " + std::to_string(n) + " columns", error);
        std::string sql = "INSERT INTO " + table + "(", marks;
        for (size_t c = 0; c < n; c++) {
            sql += (c ? ", " : "") + columns[c];
            marks += c ? ", ?" : "?";
        }
        sql += ") VALUES(" + marks + ")";
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(H, sql.c_str(), int(sql.size()), &st, nullptr) != SQLITE_OK || !st) {
            sqlite3_finalize(st);
            return Fail(sqlite3_errmsg(H), error);
        }
        for (size_t at = 0; at < values.size(); at += n) {
            for (size_t c = 0; c < n; c++) { // the column's affinity makes a number of a number's text
                const std::optional<std::string_view>& v = values[at + c];
                v ? sqlite3_bind_text(st, int(c + 1), v->data(), int(v->size()), SQLITE_STATIC)
                  : sqlite3_bind_null(st, int(c + 1));
            }
            if (sqlite3_step(st) != SQLITE_DONE) {
                const std::string why = sqlite3_errmsg(H);
                sqlite3_finalize(st);
                return Fail(why, error);
            }
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        return true;
    }
    std::string Error() const override {
        const char* now = sqlite3_errmsg(H); // a failed step leaves its message here
        return sqlite3_errcode(H) != SQLITE_OK && now ? std::string(now) : LastError;
    }
    std::string BeginSql(TxMode mode) const override { return mode == TxMode::Write ? "BEGIN IMMEDIATE" : "BEGIN"; }
    bool HasTable(const std::string& table, const std::string& column) override {
        sqlite3_stmt* st = nullptr;
        const std::string sql = column.empty()
                                    ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1"
                                    : "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2";
        if (sqlite3_prepare_v2(H, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            return false;
        sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
        if (!column.empty())
            sqlite3_bind_text(st, 2, column.c_str(), -1, SQLITE_TRANSIENT);
        const bool has = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        return has;
    }
    std::string Name() const override { return Path; }

    bool Fail(std::string why, std::string* error) {
        LastError = std::move(why);
        if (error)
            *error = LastError;
        return false;
    }

    std::string Path;
    sqlite3* H = nullptr;
};

} // namespace

std::unique_ptr<Conn> OpenSqlite(const std::string& path, bool read_only, std::string* error) {
    auto c = std::make_unique<SqliteConn>(path);
    if (!read_only && !wsync::PrepareDatabaseFile(path, error)) // 0600, and its -wal and -shm with it
        return nullptr;
    const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &c->H, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        *error = "the store database " + path + " cannot be opened: " + (c->H ? sqlite3_errmsg(c->H) : "no memory");
        return nullptr;
    }
    sqlite3_busy_timeout(c->H, 5000);
    std::string err;
    if (!read_only && !c->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", &err)) {
        *error = "the store database " + path + " cannot be used: " + err;
        return nullptr;
    }
    return c;
}

} // namespace store::db
