#include "sync/sync_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace wsync {

double BackoffDelay(const SyncSchedule& s, int failures, double jitter01) {
    double base = s.BackoffMin * std::pow(2.0, std::max(0, failures - 1));
    base = std::min(base, s.BackoffMax);
    return base * (0.5 + 0.5 * jitter01); // "equal jitter": at least half the delay
}

SyncWorker::SyncWorker(std::string journal_path, std::string pack_dir, SyncSchedule schedule)
    : Path(std::move(journal_path)), PackDir(std::move(pack_dir)), Schedule(schedule) {}

SyncWorker::~SyncWorker() { Stop(); }

void SyncWorker::Start() {
    if (!Thread.joinable())
        Thread = std::thread([this] { Run(); });
}

void SyncWorker::Stop() {
    {
        std::lock_guard<std::mutex> lock(Mutex);
        Stopping = true;
    }
    Cv.notify_all();
    if (Thread.joinable())
        Thread.join();
}

void SyncWorker::AnswersAdded() {
    {
        std::lock_guard<std::mutex> lock(Mutex);
        Nudged = true;
    }
    Cv.notify_all();
}

void SyncWorker::RoundNow() {
    {
        std::lock_guard<std::mutex> lock(Mutex);
        Urgent = true;
    }
    Cv.notify_all();
}

SyncReport SyncWorker::Last() {
    std::lock_guard<std::mutex> lock(Mutex);
    return LastReport;
}

int SyncWorker::Rounds() {
    std::lock_guard<std::mutex> lock(Mutex);
    return RoundCount;
}

void SyncWorker::Run() {
    using Clock = std::chrono::steady_clock;
    auto seconds = [](double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); };
    std::mt19937 rng(std::random_device{}());
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    std::string error;
    std::unique_ptr<Journal> journal = Journal::Open(Path, &error); // this thread's own connection
    int failures = 0;
    Clock::time_point next = Clock::now(); // a round at start-up

    std::unique_lock<std::mutex> lock(Mutex);
    while (!Stopping) {
        // Wait for the next round; new answers bring it forward to the debounce time,
        // but never ahead of a back-off.
        Cv.wait_until(lock, next, [&] { return Stopping || Nudged || Urgent || Clock::now() >= next; });
        if (Stopping)
            break;
        if (Urgent) { // asked for by a person: now, even during a back-off
            Urgent = false;
            Nudged = false;
            next = Clock::now();
        }
        if (Nudged) {
            Nudged = false;
            if (failures == 0)
                next = std::min(next, Clock::now() + seconds(Schedule.Debounce));
            if (Clock::now() < next)
                continue;
        }
        lock.unlock();
        SyncReport report;
        bool ok = false;
        if (!journal)
            journal = Journal::Open(Path, &error);
        StoreLink link;
        if (journal && journal->GetStore(&link))
            ok = SyncRound(*journal, &report, PackDir);
        else
            report.Error = journal ? "not enrolled at a store" : error;
        lock.lock();
        LastReport = report;
        RoundCount++;
        failures = ok || report.Error == "not enrolled at a store" ? 0 : failures + 1;
        next = Clock::now() + seconds(failures == 0 ? Schedule.Interval : BackoffDelay(Schedule, failures, jitter(rng)));
    }
}

} // namespace wsync
