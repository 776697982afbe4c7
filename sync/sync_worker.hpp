// Background sync in the kiosk: its own thread and its own journal connection, so no
// frame ever waits on the network. A round at start-up, soon after new answers
// (debounced), and every few minutes; after a failure it backs off exponentially with
// jitter, up to a cap, and never gives up.
#pragma once
#include "sync/client.hpp"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace wsync {

struct SyncSchedule {
    double Interval = 300.0;  // seconds between rounds when all is well
    double Debounce = 10.0;   // after new answers, wait this long for more
    double BackoffMin = 5.0;  // after the first failure
    double BackoffMax = 600.0;
};

// Seconds to wait after `failures` failed rounds in a row (1 = the first failure);
// jitter01 in [0, 1) spreads kiosks that failed together. Pure, for tests.
double BackoffDelay(const SyncSchedule& s, int failures, double jitter01);

class SyncWorker {
public:
    // pack_dir: where a pack the store sends is installed (see SyncRound).
    SyncWorker(std::string journal_path, std::string pack_dir, SyncSchedule schedule);
    ~SyncWorker(); // stops the thread
    void Start();
    void Stop();
    void AnswersAdded(); // new answers are waiting: a round soon
    void RoundNow();     // the facilitator asked for a round ("Nu synchroniseren"): no debounce
    SyncReport Last();   // the last round's report (a copy)
    int Rounds();

private:
    void Run();
    std::string Path;
    std::string PackDir;
    SyncSchedule Schedule;
    std::thread Thread;
    std::mutex Mutex;
    std::condition_variable Cv;
    bool Stopping = false;
    bool Nudged = false;
    bool Urgent = false; // RoundNow
    SyncReport LastReport;
    int RoundCount = 0;
};

} // namespace wsync
