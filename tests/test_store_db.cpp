// The store's database seam (store/db.hpp): reading rows on both engines. Runs on SQLite, and
// on PostgreSQL under ctest's store_tests_pg (fixtures::StoreTarget). The rows come from a
// recursive query, so that a streamed read spans several of PostgreSQL's FETCHes (2000 rows
// each) with the next one on its way while a batch is read.
#include "fixtures_store.hpp"
#include "store/db.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace db = store::db;

namespace {

// n rows: g, g as text, and a text of g's length in 'x's (NULL when g is a multiple of 1000).
std::string Numbers(int n) {
    return "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + std::to_string(n) +
           ") SELECT g, CAST(g AS TEXT), CASE WHEN g % 1000 = 0 THEN NULL ELSE substr('xxxxx', 1, length(CAST(g AS "
           "TEXT))) END FROM s";
}

// A query whose row `at` fails as it is made, on either engine (SQLite's integer division by
// zero is NULL, not an error; PostgreSQL's json is no function there).
std::string FailsAt(db::Conn* c, int n, int at) {
    const std::string bad = c->Kind() == db::Backend::Sqlite
                                ? "json(CASE WHEN g < " + std::to_string(at) + " THEN '1' ELSE 'no json' END)"
                                : "10 / (g - " + std::to_string(at) + ")";
    return "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + std::to_string(n) +
           ") SELECT g, " + bad + " FROM s";
}

} // namespace

TEST_CASE("store db: rows streamed over several fetches read as all at once; TextView as Text") {
    fixtures::TempDir dir("store-db-stream");
    fixtures::StoreTarget target(dir.Dir);
    std::string error;
    auto c = db::Open(target.Url, false, &error);
    REQUIRE_MESSAGE(c, error);
    std::vector<std::string> at_once, streamed;
    db::Stmt all(c.get(), Numbers(5001));
    REQUIRE(all.Each([&](db::Stmt& st) { at_once.push_back(st.Text(1) + "|" + st.Text(2)); }));
    db::Stmt st(c.get(), Numbers(5001), db::Rows::Streamed);
    int64_t sum = 0;
    REQUIRE(st.Each([&](db::Stmt& row) {
        const std::string_view a = row.TextView(1), b = row.TextView(2);
        CHECK(row.Text(1) == a); // the view and the copy say the same
        streamed.push_back(std::string(a) + "|" + std::string(b));
        sum += row.Int(0);
        CHECK(row.TextView(7).empty()); // no such column: "" as Text says
    }));
    CHECK(streamed.size() == 5001);
    CHECK(streamed == at_once);
    CHECK(sum == 5001LL * 5002 / 2);
    CHECK(streamed[999] == "1000|");   // NULL reads as ""
    CHECK(streamed[4999] == "5000|"); // in the third fetch
    CHECK(streamed[2000] == "2001|xxxx");

    // Read again from the start, stopped part-way (the next fetch on its way), then the
    // connection serves the next statement as if nothing happened.
    int taken = 0;
    while (taken < 2500 && st.Step() == db::kRow)
        taken++;
    CHECK(taken == 2500);
    st.Reset();
    db::Stmt one(c.get(), "SELECT 41 + 1");
    REQUIRE(one.Step() == db::kRow);
    CHECK(one.Int(0) == 42);
    CHECK(one.TextView(0) == "42");

    // While a stream is read on PostgreSQL, its next rows are on their way. Another statement
    // on the connection meanwhile gets its own answer, but libpq throws those rows away to
    // give it: the stream then fails, it never reads as shorter (db::Rows).
    if (c->Kind() == db::Backend::Postgres) {
        REQUIRE(st.Step() == db::kRow);
        db::Stmt meanwhile(c.get(), "SELECT 2");
        REQUIRE(meanwhile.Step() == db::kRow);
        CHECK(meanwhile.Int(0) == 2);
        int more = 0;
        CHECK_FALSE(st.Each([&](db::Stmt&) { more++; }));
        CHECK(more < 5000);
        CHECK_FALSE(c->Error().empty());
        db::Stmt then(c.get(), "SELECT 3");
        REQUIRE(then.Step() == db::kRow);
        CHECK(then.Int(0) == 3);
    }
}

TEST_CASE("store db: Each says false when a step fails part-way: a read that stopped is no shorter answer") {
    fixtures::TempDir dir("store-db-each");
    fixtures::StoreTarget target(dir.Dir);
    std::string error;
    auto c = db::Open(target.Url, false, &error);
    REQUIRE_MESSAGE(c, error);
    for (const db::Rows rows : {db::Rows::AtOnce, db::Rows::Streamed}) {
        CAPTURE(int(rows));
        int seen = 0;
        db::Stmt st(c.get(), FailsAt(c.get(), 5000, 3000), rows);
        REQUIRE(st);
        CHECK_FALSE(st.Each([&](db::Stmt&) { seen++; }));
        CHECK(st.Failed());
        CHECK(seen < 3000); // never the rows after the failure
        CHECK_FALSE(c->Error().empty());
        // The failure ended what it was part of; the connection reads on.
        db::Stmt after(c.get(), Numbers(3), rows);
        int n = 0;
        CHECK(after.Each([&](db::Stmt&) { n++; }));
        CHECK(n == 3);
    }
    // A statement that does not compile (PostgreSQL finds out at its first Step): false at once.
    db::Stmt bad(c.get(), "SELECT nothing FROM no_such_table");
    CHECK_FALSE(bad.Each([](db::Stmt&) { FAIL("no row"); }));
}
