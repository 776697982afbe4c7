#include "store/db.hpp"

#include <cstdlib>

namespace store::db {

std::unique_ptr<Conn> OpenSqlite(const std::string& path, bool read_only, std::string* error);   // db_sqlite.cpp
std::unique_ptr<Conn> OpenPostgres(const std::string& target, bool read_only, std::string* error); // db_postgres.cpp

ParsedSql ParseParams(const std::string& sql) {
    ParsedSql out;
    out.Pieces.emplace_back();
    int next = 0;
    for (size_t i = 0; i < sql.size(); i++) {
        const char c = sql[i];
        size_t stop = i + 1; // the end of what is copied as it is
        if (c == '\'' || c == '"') { // a literal or a quoted name, whole
            const size_t end = sql.find(c, i + 1);
            stop = end == std::string::npos ? sql.size() : end + 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') { // a comment to the line's end
            const size_t end = sql.find('\n', i);
            stop = end == std::string::npos ? sql.size() : end;
        } else if (c == '?') {
            size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
                j++;
            out.Params.push_back(j > i + 1 ? std::atoi(sql.substr(i + 1, j - i - 1).c_str()) : ++next);
            out.Pieces.emplace_back();
            i = j - 1;
            continue;
        }
        out.Pieces.back().append(sql, i, stop - i);
        i = stop - 1;
    }
    return out;
}

bool IsPostgresTarget(const std::string& target) {
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0 ||
           target.find("dbname=") != std::string::npos;
}

std::string RedactedTarget(const std::string& target) {
    if (!IsPostgresTarget(target))
        return target;
    std::string t = target;
    // postgresql://user:secret@host/db: the secret sits between the first ':' after the
    // scheme and the '@'.
    const size_t scheme = t.find("://");
    const size_t at = t.find('@');
    if (scheme != std::string::npos && at != std::string::npos) {
        const size_t colon = t.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at)
            t.replace(colon + 1, at - colon - 1, "***");
    }
    const size_t pw = t.find("password=");
    if (pw != std::string::npos) {
        size_t end = t.find_first_of(" &", pw);
        t.replace(pw + 9, (end == std::string::npos ? t.size() : end) - pw - 9, "***");
    }
    return t;
}

std::unique_ptr<Conn> Open(const std::string& target, bool read_only, std::string* error) {
    if (IsPostgresTarget(target))
        return OpenPostgres(target, read_only, error);
    return OpenSqlite(target, read_only, error);
}

Stmt::Stmt(Conn* db, const std::string& sql, Rows rows) : Db(db) {
    std::string err;
    S = db->Prepare(sql, rows == Rows::Streamed, &err);
    if (!S)
        db->NoteError(err);
}

Stmt& Stmt::Reset() {
    if (S)
        S->Reset();
    return *this;
}

StepResult Stmt::Step() { return Last = S ? S->Step() : kError; }

Transaction::Transaction(Conn* db, TxMode mode) : Db(db) { Began = db->Exec(db->BeginSql(mode), &BeginError); }

Transaction::~Transaction() {
    if (Began && !Done) {
        std::string ignored; // nothing more to do: the transaction is gone either way
        Db->Exec("ROLLBACK", &ignored);
    }
}

bool Transaction::Begun(std::string* error) const {
    if (!Began && error)
        *error = BeginError;
    return Began;
}

bool Transaction::Commit(std::string* error) {
    Done = Began && Db->Exec("COMMIT", error);
    return Done;
}

std::string InTexts(const Conn* db, const std::string& column, int first, size_t n) {
    if (db->Kind() == Backend::Postgres)
        return column + " = ANY(CAST(?" + std::to_string(first) + " AS text[]))";
    return column + " IN (" + (n ? Placeholders(1, n, first).substr(1) : ")");
}

void BindTexts(const Conn* db, Stmt* st, int first, const std::vector<std::string_view>& texts) {
    if (db->Kind() == Backend::Postgres) {
        st->BindOne(first, ArrayLiteral(texts));
        return;
    }
    for (size_t i = 0; i < texts.size(); i++)
        st->BindOne(first + int(i), texts[i]);
}

std::string ArrayLiteral(const std::vector<std::string_view>& texts) {
    std::string array = "{";
    for (size_t i = 0; i < texts.size(); i++) {
        array += i ? ",\"" : "\"";
        for (char ch : texts[i]) {
            if (ch == '"' || ch == '\\')
                array += '\\';
            array += ch;
        }
        array += '"';
    }
    return array + "}";
}

} // namespace store::db
