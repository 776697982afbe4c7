// `wijkstem-store migrate --from FILE --to postgresql://...` (issue 18): a SQLite store's
// every table copied into an empty PostgreSQL store in one transaction, then compared table
// by table (rows and a checksum) on both sides.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace store {

struct TableCheck {
    std::string Table;
    int64_t FromRows = 0, ToRows = 0;
    std::string FromSum, ToSum; // hex; the same when every row arrived as it was
};

// Brings the SQLite store at from to the current schema (as any command would), creates the
// schema at to, refuses a target that holds any row, copies, commits, compares. False with
// the reason; *checks holds the comparison when the copy got that far.
bool Migrate(const std::string& from, const std::string& to, std::vector<TableCheck>* checks, std::string* error);

} // namespace store
