#include "store/db.hpp"

namespace store::db {

std::unique_ptr<Conn> OpenSqlite(const std::string& path, bool read_only, std::string* error);   // db_sqlite.cpp
std::unique_ptr<Conn> OpenPostgres(const std::string& target, bool read_only, std::string* error); // db_postgres.cpp

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

} // namespace store::db
