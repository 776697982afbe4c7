// The kiosk's voice: a thread of its own that synthesizes (kiosk/speech.hpp) and plays
// (kiosk/audio_out.hpp), so a frame never waits for speech. A new request replaces
// whatever is still queued and cuts off what is playing: the resident moved on.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

struct SpeechRequest {
    std::string Lang;
    std::vector<std::string> Texts; // spoken in order, one utterance each
    int Volume = 100;               // espeak-ng scale, 100 = default
};

class Speaker {
public:
    using LogFn = std::function<void(const std::string&)>;
    explicit Speaker(LogFn log); // log: called from the speaker's thread
    ~Speaker();                  // stops and joins (waits at most for one short chunk)
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    void Say(SpeechRequest request); // never blocks
    void Stop();                     // silence now, nothing queued (the end of a visit)

    // For tests: requests finished (played, failed or cut off) and utterances played.
    int Finished() const { return FinishedCount.load(); }
    int Played() const { return PlayedCount.load(); }

private:
    void Run();

    LogFn Log;
    std::mutex Mutex;
    std::condition_variable Wake;
    SpeechRequest Pending;
    bool HasPending = false;
    bool Quit = false;
    std::atomic<bool> Cancel{false};
    std::atomic<int> FinishedCount{0};
    std::atomic<int> PlayedCount{0};
    bool DeviceFailed = false;     // logged once; tried again after a pause
    double DeviceRetryAt = 0.0;    // seconds on the steady clock
    std::thread Thread;            // last: starts after everything above exists
};

} // namespace kiosk
