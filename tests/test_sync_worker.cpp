// The background sync schedule, and a worker against a store that is not there.
#include "sync/sync_worker.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace wsync;

TEST_CASE("back-off doubles from the minimum, stops at the cap, and jitters by at most half") {
    SyncSchedule s;
    s.BackoffMin = 5;
    s.BackoffMax = 600;
    CHECK(BackoffDelay(s, 1, 0.999999) == doctest::Approx(5.0).epsilon(0.001));
    CHECK(BackoffDelay(s, 1, 0.0) == doctest::Approx(2.5));
    CHECK(BackoffDelay(s, 2, 0.999999) == doctest::Approx(10.0).epsilon(0.001));
    CHECK(BackoffDelay(s, 5, 0.999999) == doctest::Approx(80.0).epsilon(0.001));
    CHECK(BackoffDelay(s, 8, 0.999999) == doctest::Approx(600.0).epsilon(0.001)); // 640 capped
    CHECK(BackoffDelay(s, 1000, 0.5) == doctest::Approx(450.0));                  // never gives up, never overflows
    for (int f = 1; f < 50; f++)
        CHECK(BackoffDelay(s, f, 0.3) > 0.0);
}

TEST_CASE("a worker with an unreachable store keeps the answers and says why") {
    char tmpl[] = "/tmp/wijkstem-worker-XXXXXX";
    std::string dir = mkdtemp(tmpl);
    std::string path = JournalPath(dir), error;
    {
        auto j = Journal::Open(path, &error);
        REQUIRE(j);
        AnswerRecord a{"s", "p", "1", "q", "v", "nl", 1795000000000};
        CommittedAnswer c;
        REQUIRE(j->Commit(a, &c, &error));
        REQUIRE(j->SetStore({"http://127.0.0.1:9", "token", "Selwerd", ""}, &error)); // port 9: nobody listens
    }
    SyncSchedule s;
    s.Interval = 3600;
    s.BackoffMin = 3600; // one round only within this test
    SyncWorker w(path, dir + "/pack", s);
    w.Start();
    for (int i = 0; i < 200 && w.Rounds() == 0; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    REQUIRE(w.Rounds() >= 1);
    SyncReport r = w.Last();
    CHECK(r.Error.find("cannot be reached") != std::string::npos);
    CHECK(r.Left == 1);
    w.Stop();
    auto j = Journal::Open(path, &error);
    JournalStatus st;
    REQUIRE(j->Status(&st, &error));
    CHECK(st.Waiting == 1);
    CHECK(st.LastSyncError.find("cannot be reached") != std::string::npos);
    std::filesystem::remove_all(dir);
}
