// Small SQLite helpers shared by the journal (sync/journal*.cpp) and the store
// (store/*.cpp): binding and reading text, a statement that finalizes itself, SQL
// execution with a message, and the one transaction guard. Times: sync/iso_time.hpp.
#pragma once
#include <sqlite3.h>

#include <string>
#include <type_traits>

namespace wsync::sql {

inline void Bind(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_TRANSIENT);
}

// An empty text is stored as NULL (an optional field).
inline void BindOptional(sqlite3_stmt* st, int i, const std::string& s) {
    if (s.empty())
        sqlite3_bind_null(st, i);
    else
        Bind(st, i, s);
}

// A text that is stored as NULL when empty, for BindAll: BindAll(st, id, Optional{due}).
struct Optional {
    const std::string& Text;
};

inline void BindOne(sqlite3_stmt* st, int i, const std::string& s) { Bind(st, i, s); }
inline void BindOne(sqlite3_stmt* st, int i, const char* s) { sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT); }
inline void BindOne(sqlite3_stmt* st, int i, Optional o) { BindOptional(st, i, o.Text); }
template <typename I>
    requires std::is_integral_v<I>
inline void BindOne(sqlite3_stmt* st, int i, I v) { sqlite3_bind_int64(st, i, static_cast<sqlite3_int64>(v)); }

// Binds the values as ?1, ?2, ... in order: a text, an Optional text, a number or a bool.
template <typename... T> void BindAll(sqlite3_stmt* st, const T&... values) {
    int i = 0;
    (BindOne(st, ++i, values), ...);
}

// A column as text; NULL reads as "".
inline std::string Col(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

// Reads the row's columns 0, 1, ... into the given places in order: text (NULL reads as
// ""), a number, or a bool (not 0). The mirror of BindAll.
inline void ColOne(sqlite3_stmt* st, int i, std::string* out) { *out = Col(st, i); }
inline void ColOne(sqlite3_stmt* st, int i, bool* out) { *out = sqlite3_column_int64(st, i) != 0; }
template <typename I>
    requires std::is_integral_v<I>
inline void ColOne(sqlite3_stmt* st, int i, I* out) { *out = static_cast<I>(sqlite3_column_int64(st, i)); }
template <typename... T> void Cols(sqlite3_stmt* st, T*... out) {
    int i = 0;
    (ColOne(st, i++, out), ...);
}

// A prepared statement that finalizes itself (S is null when the SQL did not compile).
struct Stmt {
    sqlite3_stmt* S = nullptr;
    Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &S, nullptr); }
    ~Stmt() { sqlite3_finalize(S); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    explicit operator bool() const { return S != nullptr; }
    // Ready for a new use (the caller binds anew).
    sqlite3_stmt* Reset() {
        sqlite3_reset(S);
        sqlite3_clear_bindings(S);
        return S;
    }
    // Runs a statement that returns no rows once with these values (BindAll); true when done.
    template <typename... T> bool Run(const T&... values) {
        BindAll(Reset(), values...);
        return sqlite3_step(S) == SQLITE_DONE;
    }
};

// Runs sql (one or more statements); false with SQLite's message in *error.
inline bool Exec(sqlite3* db, const char* sql, std::string* error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    return false;
}

// The one transaction guard (SQLiteCpp's Transaction): BEGIN on construction, ROLLBACK in
// the destructor unless Commit() succeeded. IMMEDIATE takes the write lock at once, so a
// writer never fails half way on a busy database; a reader that wants one consistent
// snapshot of several queries uses Deferred.
class Transaction {
public:
    enum class Mode { Immediate, Deferred };
    explicit Transaction(sqlite3* db, Mode mode = Mode::Immediate) : Db(db) {
        Began = Exec(db, mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN", &BeginError);
    }
    ~Transaction() {
        if (Began && !Done)
            sqlite3_exec(Db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // False when BEGIN failed; *error then says why.
    bool Begun(std::string* error = nullptr) const {
        if (!Began && error)
            *error = BeginError;
        return Began;
    }
    // True once COMMIT returned; after that the destructor leaves the database alone.
    bool Commit(std::string* error = nullptr) {
        Done = Began && Exec(Db, "COMMIT", error);
        return Done;
    }

private:
    sqlite3* Db;
    bool Began = false, Done = false;
    std::string BeginError;
};

} // namespace wsync::sql
