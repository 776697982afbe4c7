// The store on PostgreSQL (libpqxx 6.4 from Debian 12): for a municipality whose DBAs back
// up, replicate and watch PostgreSQL already, and for several store processes on one
// database (docs/postgresql.md). The SQL arrives with ?1, ?2, ... as SQLite takes it; here
// it becomes $1, $2, ... and a prepared statement of this connection.
#include "store/db.hpp"

#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

namespace store::db {

namespace {

// The key of the advisory lock every writing transaction takes: one writer at a time over
// all store processes, as on SQLite (docs/postgresql.md, "How the promises hold").
constexpr long long kWriteLock = 0x5769'6a6b; // "Wijk"

// A statement with more parameters than this (an IN list of a batch's ids, a many-row
// INSERT) is sent unnamed each time, not kept prepared: its text changes with the list's
// length, and a connection that kept one per length would hold thousands of plans.
constexpr int kMaxKeptParams = 64;

// ?N -> $M: PostgreSQL wants every $M from 1 up used (SQLite lets a statement skip ?11),
// so the numbers used are renumbered densely: (*slots)[N] = M, 0 for an N the SQL does not use.
std::string ToPostgresSql(const std::string& sql, std::vector<int>* slots) {
    const ParsedSql parsed = ParseParams(sql);
    int highest = 0;
    for (int n : parsed.Params)
        highest = std::max(highest, n);
    slots->assign(size_t(highest) + 1, 0);
    for (int n : parsed.Params)
        (*slots)[size_t(n)] = 1;
    int m = 0;
    for (size_t n = 1; n < slots->size(); n++)
        if ((*slots)[n])
            (*slots)[n] = ++m;
    std::string out = parsed.Pieces[0];
    for (size_t k = 0; k < parsed.Params.size(); k++)
        out += '$' + std::to_string((*slots)[size_t(parsed.Params[k])]) + parsed.Pieces[k + 1];
    return out;
}

// One value in COPY's text format: NULL is \N; a backslash, tab, newline or carriage
// return inside a value is escaped, so it cannot end the field or the row.
void AppendCopyField(std::string* line, const std::optional<std::string_view>& v) {
    if (!v) {
        *line += "\\N";
        return;
    }
    for (char ch : *v) {
        switch (ch) {
        case '\\': *line += "\\\\"; break;
        case '\t': *line += "\\t"; break;
        case '\n': *line += "\\n"; break;
        case '\r': *line += "\\r"; break;
        default: *line += ch;
        }
    }
}

class PgConn;

class PgStmt final : public StmtImpl {
public:
    // name: a statement prepared on the connection; or none, and sql is sent with each run.
    PgStmt(PgConn* c, std::string name, std::vector<int> slots, std::string sql = {})
        : C(c), Name(std::move(name)), Sql(std::move(sql)), Slots(std::move(slots)) {
        int n = 0;
        for (int m : Slots)
            n = std::max(n, m);
        Values.resize(size_t(n));
    }
    // Streamed: rows come through the cursor, kFetch at a time.
    PgStmt(PgConn* c, std::string cursor, std::string sql) : C(c), Cursor(std::move(cursor)), Sql(std::move(sql)) {}
    ~PgStmt() override { EndCursor(false); }
    void Reset() override {
        Field.reset();
        for (auto& v : Values)
            v.reset();
        EndCursor(false);
        Ran = false;
        R = pqxx::result();
    }
    void BindText(int i, std::string_view v) override { At(i) = std::string(v); }
    void BindInt(int i, int64_t v) override { At(i) = std::to_string(v); }
    void BindNull(int i) override { At(i).reset(); }
    StepResult Step() override;
    std::string Text(int col) override { return std::string(TextView(col)); }
    // Points into R, which lives until the next Step or Reset. A NULL reads as libpq gives
    // it: "" of length 0.
    std::string_view TextView(int col) override {
        if (!HasRow())
            return {};
        // One field a row, moved from column to column: libpqxx's row and field each copy R's
        // shared pointers, and a field per column cost a sixth of the report's time (perf).
        if (!Field) {
            Columns = int(R.columns());
            Field.emplace(R[Row], 0);
        }
        if (col < 0 || col >= Columns)
            return {};
        *Field += col - int(Field->num());
        return std::string_view(Field->c_str(), Field->size());
    }
    int64_t Int(int col) override {
        const std::string_view t = TextView(col);
        if (t == "t")
            return 1;
        if (t == "f")
            return 0;
        int64_t v = 0; // "" (NULL): 0
        if (!t.empty() && std::from_chars(t.data(), t.data() + t.size(), v).ec != std::errc())
            return std::strtoll(std::string(t).c_str(), nullptr, 10); // " 5", "+5", too large: as before
        return v;
    }
    bool IsNull(int col) override { return !HasRow() || col >= int(R.columns()) || R[Row][col].is_null(); }
    int64_t Changes() override { return Changed; }

private:
    std::optional<std::string>& At(int i) {
        Ignored.reset(); // a parameter the SQL does not use
        return i >= 1 && i < int(Slots.size()) && Slots[size_t(i)] > 0 ? Values[size_t(Slots[size_t(i)] - 1)] : Ignored;
    }
    bool HasRow() const { return Ran && Row >= 0 && Row < long(R.size()); }
    StepResult StepStreamed();
    // Sends the next FETCH without waiting for its rows (FetchAhead), and takes them when the
    // rows before are read (TakeFetched): the server makes the next rows while the caller
    // counts these. A wijk of a million answers: the server takes about 4 ms a FETCH, the
    // report 0.6 ms to count one (strace), so this hides only the smaller part. False with
    // the message kept.
    bool FetchAhead();
    bool TakeFetched();
    // Closes a cursor left open (a reader that stopped early), and ends the transaction it
    // opened for it; false when that failed.
    bool EndCursor(bool done);

    static constexpr int kFetch = 2000;
    PgConn* C;
    std::string Name;
    std::string Cursor; // streamed only
    std::string Sql;    // streamed, or unnamed
    bool OwnTx = false, More = false;
    std::vector<int> Slots; // ?N -> $M
    std::vector<std::optional<std::string>> Values;
    std::optional<std::string> Ignored;
    // Streamed: the FETCH on its way. A statement run on the connection meanwhile makes libpq
    // throw its rows away; retrieve then fails, so the stream fails rather than skip rows.
    std::unique_ptr<pqxx::pipeline> Ahead;
    pqxx::pipeline::query_id Fetching = 0;
    bool InFlight = false;
    pqxx::result R;
    std::optional<pqxx::const_row_iterator> Field; // in R's row Row, made by the first TextView after a Step
    int Columns = 0;
    long Row = -1;
    bool Ran = false;
    int64_t Changed = 0;
};

class PgConn final : public Conn {
public:
    PgConn(std::string target) : Target(std::move(target)) {}
    Backend Kind() const override { return Backend::Postgres; }

    bool Exec(const std::string& sql, std::string* error) override {
        // PostgreSQL answers COMMIT of a transaction that failed half way with a ROLLBACK, not
        // an error: the failure is remembered here, so that Commit says false as on SQLite.
        const bool commit = sql == "COMMIT";
        if (commit && Aborted) {
            const std::string why = LastError;
            Exec("ROLLBACK", nullptr);
            LastError = "the transaction was rolled back after an earlier failure: " + why;
            if (error)
                *error = LastError;
            return false;
        }
        try {
            N->exec(sql);
            if (sql.rfind("BEGIN", 0) == 0)
                InTx = true, Aborted = false;
            else if (commit || sql == "ROLLBACK")
                InTx = false, Aborted = false;
            return true;
        } catch (const std::exception& e) {
            if (commit || sql == "ROLLBACK")
                InTx = false, Aborted = false;
            return Failed(e, error);
        }
    }

    std::unique_ptr<StmtImpl> Prepare(const std::string& sql, bool streamed, std::string* error) override {
        auto it = Names.find(sql);
        std::vector<int> slots;
        const std::string pg = ToPostgresSql(sql, &slots);
        if (streamed) {
            if (slots.size() > 1) {
                *error = LastError = "a streamed statement takes no parameters";
                return nullptr;
            }
            return std::make_unique<PgStmt>(this, "wijkstem_rows_" + std::to_string(++Cursors), pg);
        }
        if (slots.size() > size_t(kMaxKeptParams) + 1) { // Run sends it by its text
            return std::make_unique<PgStmt>(this, std::string(), std::move(slots), pg);
        }
        if (it == Names.end()) {
            const std::string name = "s" + std::to_string(Names.size() + 1);
            try {
                C->prepare(name, pg); // sent with its first use
            } catch (const std::exception& e) {
                Failed(e, error);
                return nullptr;
            }
            it = Names.emplace(sql, name).first;
        }
        return std::make_unique<PgStmt>(this, it->second, std::move(slots));
    }

    bool CopyIn(const std::string& table, const std::vector<std::string>& columns, const CopyValues& values,
                std::string* error) override {
        const size_t n = columns.size();
        if (n == 0 || values.size() % n != 0) {
            LastError = "rows for " + table + " do not fit its " + std::to_string(n) + " columns";
            if (error)
                *error = LastError;
            return false;
        }
        try {
            // libpqxx 6.4's stream_to takes only tuples of fixed types and keeps its line writer
            // private; tablewriter's write_raw_line is its public way to send lines made here
            // (deprecated there; libpqxx 7's stream_to::write_row takes its place).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
            std::vector<std::string> quoted; // "user" is a reserved word here
            for (const std::string& c : columns)
                quoted.push_back(N->quote_name(c));
            pqxx::tablewriter copy(*N, table, quoted.begin(), quoted.end());
#pragma GCC diagnostic pop
            std::string line;
            for (size_t at = 0; at < values.size(); at += n) {
                line.clear();
                for (size_t c = 0; c < n; c++) {
                    if (c)
                        line += '\t';
                    AppendCopyField(&line, values[at + c]);
                }
                copy.write_raw_line(line);
            }
            copy.complete();
            return true;
        } catch (const std::exception& e) {
            return Failed(e, error);
        }
    }

    std::string Error() const override { return LastError; }
    std::string BeginSql(TxMode mode) const override {
        return mode == TxMode::Write ? "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLock) + ")"
                                     : "BEGIN ISOLATION LEVEL REPEATABLE READ";
    }
    bool HasTable(const std::string& table, const std::string& column) override {
        try {
            const pqxx::result r =
                column.empty()
                    ? N->exec_params("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                                     "AND table_name = $1",
                                     table)
                    : N->exec_params("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                                     "AND table_name = $1 AND column_name = $2",
                                     table, column);
            return !r.empty();
        } catch (const std::exception& e) {
            Failed(e, nullptr);
            return false;
        }
    }
    std::string Name() const override { return RedactedTarget(Target); }

    // Runs a prepared statement (name), or sql unnamed; false with the message kept.
    bool Run(const std::string& name, const std::string& sql, const std::vector<std::optional<std::string>>& values,
             pqxx::result* out) {
        try {
            std::vector<const char*> params;
            params.reserve(values.size());
            for (const auto& v : values)
                params.push_back(v ? v->c_str() : nullptr);
            *out = name.empty() ? N->exec_params(sql, pqxx::prepare::make_dynamic_params(params))
                                : N->exec_prepared(name, pqxx::prepare::make_dynamic_params(params));
            return true;
        } catch (const std::exception& e) {
            return Failed(e, nullptr);
        }
    }

    bool Failed(const std::exception& e, std::string* error) {
        Aborted = InTx;
        LastError = e.what();
        while (!LastError.empty() && (LastError.back() == '\n' || LastError.back() == ' '))
            LastError.pop_back();
        if (error)
            *error = LastError;
        return false;
    }

    std::string Target;
    std::unique_ptr<pqxx::connection> C;
    std::unique_ptr<pqxx::nontransaction> N; // BEGIN and COMMIT are ours (Transaction)
    std::map<std::string, std::string> Names; // SQL text -> prepared statement name
    bool InTx = false, Aborted = false;
    int Cursors = 0;
};

StepResult PgStmt::Step() {
    Field.reset();
    if (!Cursor.empty())
        return StepStreamed();
    if (!Ran) {
        if (!C->Run(Name, Sql, Values, &R))
            return kError;
        Ran = true;
        Row = -1;
        Changed = int64_t(R.affected_rows());
    }
    if (++Row < long(R.size()))
        return kRow;
    Ran = false; // the next Step runs it again, as after a Reset
    R = pqxx::result();
    return kDone;
}

// A cursor lives in a transaction: the caller's, or one of its own (a consistent snapshot).
StepResult PgStmt::StepStreamed() {
    if (!Ran) {
        OwnTx = !C->InTx;
        if (OwnTx && !C->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", nullptr))
            return kError;
        if (!C->Exec("DECLARE " + Cursor + " NO SCROLL CURSOR FOR " + Sql, nullptr)) {
            if (OwnTx)
                C->Exec("ROLLBACK", nullptr);
            return kError;
        }
        Ran = true;
        More = true;
        Row = -1;
        R = pqxx::result();
        if (!FetchAhead()) {
            EndCursor(false);
            return kError;
        }
    }
    if (++Row < long(R.size()))
        return kRow;
    if (InFlight) {
        if (!TakeFetched()) {
            EndCursor(false);
            return kError;
        }
        Row = 0;
        if (Row < long(R.size()))
            return kRow;
    }
    return EndCursor(true) ? kDone : kError;
}

bool PgStmt::FetchAhead() {
    try {
        if (!Ahead)
            Ahead = std::make_unique<pqxx::pipeline>(*C->N, "wijkstem-fetch");
        Fetching = Ahead->insert("FETCH FORWARD " + std::to_string(kFetch) + " FROM " + Cursor); // sent now
        InFlight = true;
        return true;
    } catch (const std::exception& e) {
        return C->Failed(e, nullptr);
    }
}

bool PgStmt::TakeFetched() {
    try {
        InFlight = false;
        R = Ahead->retrieve(Fetching);
    } catch (const std::exception& e) {
        return C->Failed(e, nullptr);
    }
    More = long(R.size()) == kFetch;
    if (More)
        return FetchAhead();
    Ahead.reset(); // nothing on its way: the connection is free for CLOSE and what comes next
    return true;
}

bool PgStmt::EndCursor(bool done) {
    if (Cursor.empty() || !Ran)
        return true;
    Ran = false;
    R = pqxx::result();
    if (InFlight) { // rows no one wants, but they must arrive before the connection runs CLOSE
        try {
            Ahead->retrieve(Fetching);
        } catch (const std::exception& e) {
            C->Failed(e, nullptr);
        }
        InFlight = false;
    }
    Ahead.reset();
    bool ok = C->Aborted || C->Exec("CLOSE " + Cursor, nullptr);
    if (OwnTx)
        ok = C->Exec(done && ok ? "COMMIT" : "ROLLBACK", nullptr) && ok;
    OwnTx = false;
    return ok;
}

} // namespace

std::unique_ptr<Conn> OpenPostgres(const std::string& target, bool read_only, std::string* error) {
    auto c = std::make_unique<PgConn>(target);
    try {
        c->C = std::make_unique<pqxx::connection>(target);
        c->N = std::make_unique<pqxx::nontransaction>(*c->C, "wijkstem-store");
        c->N->exec(std::string("SET client_min_messages TO warning") +
                   (read_only ? "; SET default_transaction_read_only TO on" : ""));
        // An answer is acknowledged only once it is safe: with synchronous_commit off a crash
        // of the server could lose what a kiosk was told is stored.
        const pqxx::result sc = c->N->exec("SHOW synchronous_commit");
        if (!read_only && !sc.empty() && std::string(sc[0][0].c_str()) == "off") {
            *error = "the store database " + RedactedTarget(target) +
                     " has synchronous_commit off: a crash could lose answers the kiosks were told are stored; "
                     "set it to on (the default) for the store's user or database";
            return nullptr;
        }
    } catch (const std::exception& e) {
        std::string why = e.what();
        while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
            why.pop_back();
        *error = "the store database " + RedactedTarget(target) + " cannot be opened: " + why;
        return nullptr;
    }
    return c;
}

} // namespace store::db
