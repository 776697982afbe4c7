// The facilitator's PIN: a salted slow hash, stored in a real journal with every attempt.
#include "kiosk/pin.hpp"
#include "sync/journal.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace wsync;

namespace {

struct TempJournal {
    std::string Dir;
    std::unique_ptr<Journal> J;
    TempJournal() {
        char tmpl[] = "/tmp/wijkstem-pin-XXXXXX";
        Dir = mkdtemp(tmpl);
        std::string error;
        J = Journal::Open(JournalPath(Dir), &error);
        REQUIRE_MESSAGE(J, error);
    }
    ~TempJournal() {
        J.reset();
        std::filesystem::remove_all(Dir);
    }
    std::string Text(const char* sql) {
        sqlite3_stmt* st = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(J->Handle(), sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_text(st, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return out;
    }
};

} // namespace

TEST_CASE("a PIN hash: salted, verifies the PIN and nothing else, never the PIN itself") {
    std::string hash, again, error;
    REQUIRE(kiosk::HashPin("482913", &hash, &error));
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("482913") == std::string::npos);
    CHECK(hash.find("m=65536,t=3") != std::string::npos); // the limits measured for this kiosk
    REQUIRE(kiosk::HashPin("482913", &again, &error));
    CHECK(again != hash); // a fresh salt each time
    CHECK(kiosk::VerifyPin("482913", hash));
    CHECK(kiosk::VerifyPin("482913", again));
    CHECK_FALSE(kiosk::VerifyPin("482914", hash));
    CHECK_FALSE(kiosk::VerifyPin("48291", hash));
    CHECK_FALSE(kiosk::VerifyPin("", hash));
    CHECK_FALSE(kiosk::VerifyPin("482913", ""));
    CHECK_FALSE(kiosk::VerifyPin("482913", hash.substr(0, hash.size() - 4))); // damaged
}

TEST_CASE("a PIN check: how long it takes (reported, never a failure: tests do not fail on time)") {
    std::string hash, error;
    REQUIRE(kiosk::HashPin("1234", &hash, &error));
    auto start = std::chrono::steady_clock::now();
    CHECK(kiosk::VerifyPin("1234", hash));
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("one PIN check: " << s * 1000 << " ms (about 70 ms on the 2-core build machine)");
}

TEST_CASE("the journal keeps the PIN's hash and every attempt, never the digits") {
    TempJournal t;
    std::string hash, error;
    CHECK_FALSE(t.J->GetPinHash(&hash)); // no PIN: the admin screen cannot open

    std::string stored;
    REQUIRE(kiosk::HashPin("2468", &stored, &error));
    REQUIRE(t.J->SetPinHash(stored, &error));
    REQUIRE(t.J->GetPinHash(&hash));
    CHECK(hash == stored);
    CHECK(t.Text("SELECT count(*) FROM admin_pin") == "1");

    for (const char* r : {"wrong", "wrong", "delayed", "wrong"})
        REQUIRE(t.J->LogPinAttempt(r, &error));
    PinAttemptCounts c;
    REQUIRE(t.J->PinAttempts(&c, &error));
    CHECK(c.Total == 4);
    CHECK(c.Wrong == 3);
    CHECK(c.WrongInARow == 3); // "delayed" was not checked: it does not count
    CHECK(t.Text("SELECT count(*) FROM pin_attempts WHERE ok") == "0");

    REQUIRE(t.J->LogPinAttempt("ok", &error));
    REQUIRE(t.J->LogPinAttempt("wrong", &error));
    REQUIRE(t.J->PinAttempts(&c, &error));
    CHECK(c.Total == 6);
    CHECK(c.Wrong == 4);
    CHECK(c.WrongInARow == 1); // counted from the last right one
    CHECK(t.Text("SELECT ok FROM pin_attempts WHERE result = 'ok'") == "1");

    // A new PIN from set-pin starts the count afresh and replaces the old one.
    std::string other;
    REQUIRE(kiosk::HashPin("1357", &other, &error));
    REQUIRE(t.J->SetPinHash(other, &error));
    REQUIRE(t.J->PinAttempts(&c, &error));
    CHECK(c.WrongInARow == 0);
    REQUIRE(t.J->GetPinHash(&hash));
    CHECK(kiosk::VerifyPin("1357", hash));
    CHECK_FALSE(kiosk::VerifyPin("2468", hash));
    CHECK(t.Text("SELECT count(*) FROM admin_pin") == "1");

    // Nowhere in the database file: the digits.
    for (const char* sql : {"SELECT group_concat(hash) FROM admin_pin", "SELECT group_concat(result) FROM pin_attempts"})
        CHECK(t.Text(sql).find("1357") == std::string::npos);
}

TEST_CASE("a flagged answer is stored flagged and counted in the status") {
    TempJournal t;
    std::string error;
    auto answer = [](const std::string& session, bool flagged) {
        AnswerRecord a{session, "gronings-model", "1", "prettig-wonen", "4", "nl", 1795000000000, flagged};
        return a;
    };
    std::vector<CommittedAnswer> done;
    REQUIRE(t.J->Commit({answer("s1", false), answer("s1", false)}, &done, &error));
    REQUIRE(t.J->Commit({answer("s2", true), answer("s2", true)}, &done, &error));
    REQUIRE(t.J->Commit({answer("s3", false)}, &done, &error));
    JournalStatus st;
    REQUIRE(t.J->Status(&st, &error));
    CHECK(st.Answers == 5);
    CHECK(st.Sessions == 3);
    CHECK(st.AnswersFlagged == 2);
    CHECK(st.SessionsFlagged == 1);
    std::vector<StoredAnswer> waiting;
    REQUIRE(t.J->Waiting(100, 1 << 20, &waiting, &error));
    REQUIRE(waiting.size() == 5);
    CHECK_FALSE(waiting[0].Flagged);
    CHECK(waiting[2].Flagged);
    CHECK(waiting[3].Flagged);
    CHECK_FALSE(waiting[4].Flagged);
}

// The PIN's pure rules: the delays after wrong PINs, and what a new PIN may be.
using kiosk::PinDelay;
using kiosk::ValidNewPin;

TEST_CASE("wrong PINs: none for the first two, then 5 s doubling, capped at 5 minutes") {
    CHECK(PinDelay(0) == 0.0);
    CHECK(PinDelay(1) == 0.0);
    CHECK(PinDelay(2) == 0.0);
    CHECK(PinDelay(3) == 5.0);
    CHECK(PinDelay(4) == 10.0);
    CHECK(PinDelay(5) == 20.0);
    CHECK(PinDelay(6) == 40.0);
    CHECK(PinDelay(7) == 80.0);
    CHECK(PinDelay(8) == 160.0);
    CHECK(PinDelay(9) == 300.0);
    CHECK(PinDelay(10) == 300.0);
    CHECK(PinDelay(1000000) == 300.0); // no overflow however long someone tries
    CHECK(PinDelay(-1) == 0.0);
    for (int n = 1; n < 50; n++) // it never shrinks while wrong PINs go on
        CHECK(PinDelay(n + 1) >= PinDelay(n));
}

TEST_CASE("a new PIN: 4 to 8 digits and nothing else") {
    std::string why;
    CHECK(ValidNewPin("1234", &why));
    CHECK(ValidNewPin("12345678", &why));
    CHECK(ValidNewPin("0000", &why));
    CHECK_FALSE(ValidNewPin("", &why));
    CHECK(why.find("4 to 8 digits") != std::string::npos);
    CHECK_FALSE(ValidNewPin("123", &why));
    CHECK(why.find("this one has 3") != std::string::npos);
    CHECK_FALSE(ValidNewPin("123456789", &why));
    CHECK_FALSE(ValidNewPin("12a4", &why));
    CHECK(why.find("only digits") != std::string::npos);
    CHECK_FALSE(ValidNewPin("12 34", &why));
    CHECK_FALSE(ValidNewPin("١٢٣٤", &why)); // Arabic-Indic digits: not on the keypad
}
