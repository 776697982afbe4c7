// Reads one wijk's rows from the store's database for the report (read-only queries).
#pragma once
#include "report/report.hpp"

#include <string>

struct sqlite3;

namespace report {

// Fills in.Answers, Agreements, Groups and GroupResults for wijk, and *pack_body with the
// pack published for it ("" when none). false with a message on a database error.
bool ReadStore(sqlite3* db, const std::string& wijk, Input* in, std::string* pack_body, std::string* error);

} // namespace report
