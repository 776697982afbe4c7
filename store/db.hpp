// The store's one seam to its database (issue 18): a SQLite file or a PostgreSQL database,
// chosen by the target `wijkstem-store --db` names. Everything above it (store.cpp and its
// siblings, the report, the console) writes one SQL text with ?1, ?2, ... parameters, that
// both engines take, and reads rows through Stmt; only db_sqlite.cpp and db_postgres.cpp
// know an engine. Where the dialects differ (the schema, a trigger) the caller asks Backend().
// No exceptions leave this layer: libpqxx's become error values here.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace store::db {

enum class Backend { Sqlite, Postgres };

// What Stmt::Step says: a row is ready, the statement is done, or it failed (Conn::Error).
enum StepResult { kRow, kDone, kError };

// One engine's prepared statement (db_sqlite.cpp, db_postgres.cpp).
class StmtImpl {
public:
    virtual ~StmtImpl() = default;
    virtual void Reset() = 0; // before binding anew: bindings cleared, rows forgotten
    virtual void BindText(int i, std::string_view v) = 0;
    virtual void BindInt(int i, int64_t v) = 0;
    virtual void BindNull(int i) = 0;
    virtual StepResult Step() = 0;
    virtual std::string Text(int col) = 0; // NULL reads as ""
    // The text in place, no copy: valid until the next Step or Reset (a million rows read
    // without a std::string per field). NULL reads as "".
    virtual std::string_view TextView(int col) = 0;
    virtual int64_t Int(int col) = 0;      // NULL reads as 0; a PostgreSQL boolean as 0 or 1
    virtual bool IsNull(int col) = 0;
    virtual int64_t Changes() = 0; // rows the last run inserted, updated or deleted
};

// The values of rows for Conn::CopyIn: row after row, one per column, as text (a number too);
// nullopt is NULL. Views: the caller keeps the texts alive for the call.
using CopyValues = std::vector<std::optional<std::string_view>>;

// A transaction's kind. Write takes the database's one write lock at BEGIN (SQLite's BEGIN
// IMMEDIATE; on PostgreSQL a transaction-level advisory lock, so writers of every store
// process queue as SQLite's do), so a writer never fails half way on a busy database. Read
// is one consistent snapshot of several queries.
enum class TxMode { Write, Read };

class Conn {
public:
    virtual ~Conn() = default;
    virtual Backend Kind() const = 0;
    // Runs sql (one or more statements, no parameters); false with the engine's message.
    virtual bool Exec(const std::string& sql, std::string* error) = 0;
    // Null with the engine's message when the SQL does not compile. A Streamed statement
    // hands its rows over a few thousand at a time (an export of a million rows).
    virtual std::unique_ptr<StmtImpl> Prepare(const std::string& sql, bool streamed, std::string* error) = 0;
    // Adds rows to table in the engine's fastest way, in the current transaction: COPY on
    // PostgreSQL (one stream, no statement or parameter list per row), one compiled INSERT
    // run per row on SQLite. All or nothing: a row that breaks a constraint fails the call,
    // and the caller rolls back.
    virtual bool CopyIn(const std::string& table, const std::vector<std::string>& columns, const CopyValues& values,
                        std::string* error) = 0;
    // The last failure's message (for the log; a client gets a plainer one).
    virtual std::string Error() const = 0;
    virtual std::string BeginSql(TxMode mode) const = 0;
    // Whether the table (and, when column is given, its column) exists: the report reads
    // store databases of older schemas.
    virtual bool HasTable(const std::string& table, const std::string& column = {}) = 0;
    // The target without a password, for messages and the log.
    virtual std::string Name() const = 0;

    void NoteError(std::string e) { LastError = std::move(e); }

protected:
    std::string LastError;
};

// For the backends: the SQL cut at its parameters, outside quotes and comments. The SQL is
// Pieces[0], parameter Params[0], Pieces[1], ..., Pieces.back(); a ?N gives N, a bare ? the
// next number.
struct ParsedSql {
    std::vector<std::string> Pieces;
    std::vector<int> Params;
};
ParsedSql ParseParams(const std::string& sql);

// A postgresql:// or postgres:// URL (or "host=... dbname=..." keywords) is PostgreSQL;
// anything else a SQLite file.
bool IsPostgresTarget(const std::string& target);

// Opens the target: a SQLite file (made 0600 when new, WAL, synchronous FULL, foreign keys,
// a busy timeout) or a PostgreSQL database. read_only: SQLite opens the file read-only (the
// report); PostgreSQL sets default_transaction_read_only.
std::unique_ptr<Conn> Open(const std::string& target, bool read_only, std::string* error);

// The target as it may be shown: a URL's password replaced by ***.
std::string RedactedTarget(const std::string& target);

// A text stored as NULL when empty (an optional field): st.Bind(id, Optional{due}).
struct Optional {
    const std::string& Text;
};

// How a statement's rows come: all at once (SQLite always steps row by row; PostgreSQL
// sends the whole result), or Streamed: on PostgreSQL through a cursor, a few thousand rows
// at a time, so that memory stays flat however many rows there are. A streamed statement
// takes no parameters. On PostgreSQL its next rows are on their way while the caller reads
// these: run no other statement on its connection until it is read to the end, Reset or
// dropped. One that runs all the same makes libpq throw those rows away, and the stream then
// fails (Step says kError); it never reads as shorter (tests/test_store_db.cpp).
enum class Rows { AtOnce, Streamed };

// A prepared statement; S is null when the SQL did not compile (then Step says kError).
class Stmt {
public:
    Stmt(Conn* db, const std::string& sql, Rows rows = Rows::AtOnce);
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    explicit operator bool() const { return S != nullptr; }

    // Ready for a new use: bindings cleared.
    Stmt& Reset();
    void BindOne(int i, std::string_view v) { S ? S->BindText(i, v) : void(); }
    void BindOne(int i, const std::string& v) { BindOne(i, std::string_view(v)); }
    void BindOne(int i, const char* v) { BindOne(i, std::string_view(v)); }
    void BindOne(int i, Optional o) { o.Text.empty() ? BindNull(i) : BindOne(i, std::string_view(o.Text)); }
    void BindOne(int i, bool v) { S ? S->BindInt(i, v ? 1 : 0) : void(); }
    template <typename I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    void BindOne(int i, I v) { S ? S->BindInt(i, int64_t(v)) : void(); }
    void BindNull(int i) { S ? S->BindNull(i) : void(); }
    // Resets, then binds the values as ?1, ?2, ... in order.
    template <typename... T> Stmt& Bind(const T&... values) {
        Reset();
        int i = 0;
        (BindOne(++i, values), ...);
        return *this;
    }

    StepResult Step();
    // The last Step failed: a read loop that stopped on it read less than there is.
    bool Failed() const { return Last == kError; }
    // Calls row(*this) for every row left. False when a Step failed (Conn::Error says why):
    // a read that stopped early is an error for the caller to report, not a shorter answer.
    template <typename F> bool Each(F&& row) {
        StepResult rc;
        while ((rc = Step()) == kRow)
            row(*this);
        return rc == kDone;
    }
    // Binds the values and runs a statement that returns no rows; true when done.
    template <typename... T> bool Run(const T&... values) {
        Bind(values...);
        return Step() == kDone;
    }
    std::string Text(int col) { return S ? S->Text(col) : std::string(); }
    // The text in place: valid until the next Step or Reset (StmtImpl::TextView).
    std::string_view TextView(int col) { return S ? S->TextView(col) : std::string_view(); }
    int64_t Int(int col) { return S ? S->Int(col) : 0; }
    bool IsNull(int col) { return !S || S->IsNull(col); }
    int64_t Changes() { return S ? S->Changes() : 0; }

    // Reads the row's columns 0, 1, ... into the given places: text, number or bool.
    template <typename... T> void Cols(T*... out) {
        int i = 0;
        (ColOne(i++, out), ...);
    }

private:
    void ColOne(int i, std::string* out) { *out = Text(i); }
    void ColOne(int i, bool* out) { *out = Int(i) != 0; }
    template <typename I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    void ColOne(int i, I* out) { *out = static_cast<I>(Int(i)); }

    Conn* Db;
    std::unique_ptr<StmtImpl> S;
    StepResult Last = kDone;
};

// "(?F, ?F+1, ...), (...), ..." for rows rows of cols values, numbered from first: the VALUES
// of a many-row INSERT, or with one column an IN list. One statement for many rows is one
// round trip to PostgreSQL instead of many.
inline std::string Placeholders(size_t rows, size_t cols, int first = 1) {
    std::string out;
    int p = first;
    for (size_t r = 0; r < rows; r++) {
        out += r ? ", (" : "(";
        for (size_t c = 0; c < cols; c++)
            out += (c ? ", ?" : "?") + std::to_string(p++);
        out += ")";
    }
    return out;
}

// "column IN (...)" for a list of n texts bound from ?first on (BindTexts): on SQLite a ?
// per text; on PostgreSQL one array parameter, so the statement is one prepared statement
// whatever the list's length (a batch's ids: from 1 to 1000).
std::string InTexts(const Conn* db, const std::string& column, int first, size_t n);
void BindTexts(const Conn* db, Stmt* st, int first, const std::vector<std::string_view>& texts);
// A PostgreSQL array literal of texts ('{"a","b"}': each quoted, its " and \ escaped), for one
// parameter CAST to text[] or bigint[].
std::string ArrayLiteral(const std::vector<std::string_view>& texts);

// Runs sql without parameters; false with the engine's message in *error.
inline bool Exec(Conn* db, const std::string& sql, std::string* error) { return db->Exec(sql, error); }

// The one transaction guard (SQLiteCpp's Transaction): BEGIN on construction, ROLLBACK in
// the destructor unless Commit() succeeded.
class Transaction {
public:
    explicit Transaction(Conn* db, TxMode mode = TxMode::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // False when BEGIN failed; *error then says why.
    bool Begun(std::string* error = nullptr) const;
    // True once COMMIT returned; after that the destructor leaves the database alone.
    bool Commit(std::string* error = nullptr);

private:
    Conn* Db;
    bool Began = false, Done = false;
    std::string BeginError;
};

} // namespace store::db
