// The one CSV writer (sync/csv): what a Dutch spreadsheet makes of each field. Excel and
// LibreOffice in Dutch split on ';' and run a cell that starts with = + - @ as a formula.
#include "sync/csv.hpp"

#include <doctest/doctest.h>

using wsync::CsvField;
using wsync::CsvRow;

TEST_CASE("csv: a semicolon attack stays one text cell, never a formula") {
    // Split on ';' this would give a cell "=1+1" were it not quoted and marked as text.
    CHECK(CsvField("hallo;=1+1") == "\"hallo;=1+1\"");
    CHECK(CsvField("=1+1") == "'=1+1");
    CHECK(CsvField("=HYPERLINK(\"http://x\";\"klik\")") == "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"");
    CHECK(CsvField("+31 50 123") == "'+31 50 123");
    CHECK(CsvField("-1+1") == "'-1+1");
    CHECK(CsvField("-1-1") == "'-1-1");
    CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
    CHECK(CsvField("\t=1") == "'\t=1");
    CHECK(CsvField("\r=1") == "\"'\r=1\"");
    CHECK(CsvField("-") == "'-");
}

TEST_CASE("csv: quoted only when needed; numbers and plain words as they are") {
    CHECK(CsvField("") == "");
    CHECK(CsvField("Oosterpark") == "Oosterpark");
    CHECK(CsvField("-3") == "-3");
    CHECK(CsvField("12.5") == "12.5");
    CHECK(CsvField("2026-11-28") == "2026-11-28");
    CHECK(CsvField("a,b") == "\"a,b\"");
    CHECK(CsvField("a;b") == "\"a;b\"");
    CHECK(CsvField("zeg \"nee\"") == "\"zeg \"\"nee\"\"\"");
    CHECK(CsvField("a\nb") == "\"a\nb\"");
    CHECK(CsvField("a\r\nb") == "\"a\r\nb\"");
    CHECK(CsvField("één ü") == "één ü");
}

TEST_CASE("csv: a row is its fields, each written the same way") {
    CHECK(CsvRow({"a", "b;c", "=1", "4"}) == "a,\"b;c\",'=1,4\n");
    CHECK(CsvRow(std::vector<std::string>{"x"}) == "x\n");
    CHECK(CsvRow(std::vector<std::string>{}) == "\n");
    CHECK(CsvRow({"", ""}) == ",\n");
}
