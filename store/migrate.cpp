#include "store/migrate.hpp"
#include "store/db.hpp"
#include "store/store.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <optional>

namespace store {

namespace {

// Every table of the schema, parents before children (the foreign keys), and the order its
// rows are copied in. Kept beside schema_postgres.cpp: a new table goes in both.
struct TableSpec {
    const char* Name;
    const char* OrderBy;
};
const TableSpec kTables[] = {
    {"enroll_codes", "code_hash"},
    {"devices", "id"},
    {"answers", "rowid"},
    {"packs", "wijk"},
    {"conflicts", "rowid"},
    {"group_sessions", "id"},
    {"group_results", "group_session_id, question_id, value"},
    {"agreements", "id"},
    {"agreement_changes", "id"},
    {"group_notes", "group_session_id, question_id"},
    {"reenroll_allowed", "device_id"},
    {"published_packs", "pack_id, version"},
    {"campfire_sources", "device_id"},
    {"unverified_questions", "pack_id, version, question_id"},
    {"news", "rowid"},
    {"receipts", "code"},
    {"answer_counts", "device_id, pack_id, pack_version, question_id, value"},
    {"places", "wijk"},
    {"console_users", "name"},
    {"console_user_wijken", "\"user\", wijk"},
    {"console_sessions", "id_hash"},
    {"device_syncs", "device_id"},
    {"device_seqs", "device_id"},
};

// The table's columns as the target has them (the source has the same, after its
// migrations; news's rowid is SQLite's implicit one).
bool Columns(db::Conn* to, const std::string& table, std::vector<std::string>* out, std::string* error) {
    db::Stmt st(to, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = ?1 ORDER BY ordinal_position");
    st.Bind(table);
    db::StepResult rc;
    while ((rc = st.Step()) == db::kRow)
        out->push_back(st.Text(0));
    if (rc != db::kDone || out->empty()) {
        *error = "cannot read the columns of " + table + " at the target: " + to->Error();
        return false;
    }
    return true;
}

std::string ColumnList(const std::vector<std::string>& cols) {
    std::string out;
    for (const std::string& c : cols) // "user" is a reserved word in PostgreSQL
        out += (out.empty() ? "" : ", ") + (c == "user" ? "\"user\"" : c);
    return out;
}

// Rows and a checksum that does not depend on the order rows come in (the engines sort text
// differently): the sum of each row's BLAKE2b, taken over every column with NULL apart.
bool Checksum(db::Conn* d, const std::string& table, const std::vector<std::string>& cols, int64_t* rows,
              std::string* sum, std::string* error) {
    db::Stmt st(d, "SELECT " + ColumnList(cols) + " FROM " + table);
    uint64_t acc[4] = {0, 0, 0, 0};
    *rows = 0;
    db::StepResult rc;
    while ((rc = st.Step()) == db::kRow) {
        crypto_generichash_state h;
        crypto_generichash_init(&h, nullptr, 0, 32);
        for (size_t i = 0; i < cols.size(); i++) {
            const bool null = st.IsNull(int(i));
            const std::string v = null ? "" : st.Text(int(i));
            const unsigned char mark[1] = {static_cast<unsigned char>(null ? 0 : 1)};
            const uint64_t len = v.size();
            crypto_generichash_update(&h, mark, 1);
            crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(&len), sizeof len);
            crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(v.data()), v.size());
        }
        unsigned char out[32];
        crypto_generichash_final(&h, out, sizeof out);
        for (int k = 0; k < 4; k++) {
            uint64_t part;
            memcpy(&part, out + 8 * k, 8);
            acc[k] += part;
        }
        ++*rows;
    }
    if (rc != db::kDone) {
        *error = "cannot read " + table + " of " + d->Name() + ": " + d->Error();
        return false;
    }
    char hex[65];
    snprintf(hex, sizeof hex, "%016llx%016llx%016llx%016llx", (unsigned long long)acc[0], (unsigned long long)acc[1],
             (unsigned long long)acc[2], (unsigned long long)acc[3]);
    *sum = hex;
    return true;
}

// Copies one table with the target's bulk path (COPY), kRowsPerCopy rows at a time: a
// round trip per row would make a million answers slow, and memory stays flat.
bool CopyTable(db::Conn* from, db::Conn* to, const TableSpec& t, const std::vector<std::string>& cols,
               int64_t* copied, std::string* error) {
    constexpr size_t kRowsPerCopy = 10000;
    db::Stmt read(from, "SELECT " + ColumnList(cols) + " FROM " + t.Name + " ORDER BY " + t.OrderBy);
    std::vector<std::optional<std::string>> pending; // the rows' values; nullopt is NULL
    auto flush = [&] {
        db::CopyValues values(pending.begin(), pending.end());
        if (!to->CopyIn(t.Name, cols, values, error)) {
            *error = "cannot copy " + std::string(t.Name) + ": " + *error;
            return false;
        }
        pending.clear();
        return true;
    };
    *copied = 0;
    db::StepResult rc;
    while ((rc = read.Step()) == db::kRow) {
        for (size_t c = 0; c < cols.size(); c++)
            pending.push_back(read.IsNull(int(c)) ? std::nullopt : std::optional<std::string>(read.Text(int(c))));
        ++*copied;
        if (pending.size() == kRowsPerCopy * cols.size() && !flush())
            return false;
    }
    if (rc != db::kDone) {
        *error = "cannot read " + std::string(t.Name) + " of " + from->Name() + ": " + from->Error();
        return false;
    }
    return pending.empty() || flush();
}

} // namespace

bool Migrate(const std::string& from, const std::string& to, std::vector<TableCheck>* checks, std::string* error) {
    checks->clear();
    if (db::IsPostgresTarget(from) || !db::IsPostgresTarget(to)) {
        *error = "migrate copies a SQLite store (--from FILE) into PostgreSQL (--to postgresql://...)";
        return false;
    }
    // Both at the current schema, as any command would bring them (the source's migrations
    // change only its schema, never an answer).
    for (const std::string& target : {from, to}) {
        auto s = Store::Open(target, error);
        if (!s)
            return false;
    }
    std::unique_ptr<db::Conn> src = db::Open(from, true, error);
    std::unique_ptr<db::Conn> dst = src ? db::Open(to, false, error) : nullptr;
    if (!dst)
        return false;
    db::Transaction snapshot(src.get(), db::TxMode::Read);
    db::Transaction tx(dst.get()); // all or nothing: a failure leaves the target empty
    if (!snapshot.Begun(error) || !tx.Begun(error))
        return false;
    std::vector<std::vector<std::string>> columns;
    for (const TableSpec& t : kTables) {
        columns.emplace_back();
        if (!Columns(dst.get(), t.Name, &columns.back(), error))
            return false;
        db::Stmt any(dst.get(), std::string("SELECT 1 FROM ") + t.Name + " LIMIT 1");
        const db::StepResult rc = any.Step();
        if (rc != db::kDone) {
            *error = rc == db::kRow ? "the target " + dst->Name() + " is not empty (" + t.Name +
                                          " holds rows): migrate only copies into an empty store"
                                    : "cannot read the target: " + dst->Error();
            return false;
        }
    }
    for (size_t i = 0; i < std::size(kTables); i++) {
        int64_t copied = 0;
        if (!CopyTable(src.get(), dst.get(), kTables[i], columns[i], &copied, error))
            return false;
    }
    // The identity columns go on after the highest rowid copied.
    for (const char* table : {"answers", "conflicts", "news"})
        if (!dst->Exec(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'rowid'), " +
                           "coalesce((SELECT max(rowid) FROM " + table + "), 0) + 1, false)",
                       error))
            return false;
    if (!tx.Commit(error))
        return false;
    // Statistics now, not when autovacuum gets to it: without them the first reports after a
    // migration were planned as nested loops (3.1 s against 1.9 s, docs/performance.md).
    if (!dst->Exec("ANALYZE", error))
        return false;
    // Compared after the commit: what a new store process reads is what the file held.
    db::Transaction after(dst.get(), db::TxMode::Read);
    bool same = after.Begun(error);
    for (size_t i = 0; same && i < std::size(kTables); i++) {
        TableCheck c;
        c.Table = kTables[i].Name;
        if (!Checksum(src.get(), c.Table, columns[i], &c.FromRows, &c.FromSum, error) ||
            !Checksum(dst.get(), c.Table, columns[i], &c.ToRows, &c.ToSum, error))
            return false;
        checks->push_back(c);
        if (c.FromRows != c.ToRows || c.FromSum != c.ToSum) {
            *error = "after the copy, " + c.Table + " differs: " + std::to_string(c.FromRows) + " rows in " +
                     src->Name() + ", " + std::to_string(c.ToRows) + " at the target";
            same = false;
        }
    }
    return same;
}

} // namespace store
