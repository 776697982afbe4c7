#include "kiosk/speaker.hpp"
#include "kiosk/audio_out.hpp"
#include "kiosk/speech.hpp"

#include <algorithm>
#include <chrono>

namespace kiosk {

namespace {

double SteadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr double kDeviceRetry = 60.0; // a speaker plugged in later is found within a minute

} // namespace

Speaker::Speaker(LogFn log) : Log(std::move(log)), Thread([this] { Run(); }) {}

Speaker::~Speaker() {
    {
        std::lock_guard<std::mutex> lock(Mutex);
        Quit = true;
        HasPending = false;
        Cancel = true;
    }
    Wake.notify_all();
    Thread.join();
}

void Speaker::Say(SpeechRequest request) {
    {
        std::lock_guard<std::mutex> lock(Mutex);
        Pending = std::move(request);
        HasPending = true;
        Cancel = true; // cut off what is playing now
    }
    Wake.notify_all();
}

void Speaker::Stop() {
    std::lock_guard<std::mutex> lock(Mutex);
    HasPending = false;
    Cancel = true;
}

void Speaker::Run() {
    AudioOut audio;
    for (;;) {
        SpeechRequest request;
        {
            std::unique_lock<std::mutex> lock(Mutex);
            Wake.wait(lock, [&] { return Quit || HasPending; });
            if (Quit)
                break;
            request = std::move(Pending);
            HasPending = false;
            Cancel = false; // set again by any later Say or Stop
        }
        if (DeviceFailed && SteadySeconds() < DeviceRetryAt) { // no sound device: quietly skip
            FinishedCount++;
            continue;
        }
        for (const std::string& text : request.Texts) {
            if (Cancel)
                break;
            Pcm pcm;
            std::string error;
            if (!Synthesize(text, request.Lang, request.Volume, &pcm, &error, &Cancel)) {
                if (!Cancel)
                    Log(error);
                continue;
            }
            if (!audio.Open(pcm.Rate, &error)) {
                if (!DeviceFailed) // once in words, then carry on without sound
                    Log("speech stays silent: " + error);
                DeviceFailed = true;
                DeviceRetryAt = SteadySeconds() + kDeviceRetry;
                break;
            }
            if (DeviceFailed) {
                Log("speech: a sound device is there again");
                DeviceFailed = false;
            }
            // Small chunks, so a new request or the end of a visit cuts in within 0.1 s.
            const size_t chunk = size_t(std::max(1, pcm.Rate / 10));
            bool ok = true;
            for (size_t at = 0; at < pcm.Samples.size() && ok && !Cancel; at += chunk)
                ok = audio.Write(pcm.Samples.data() + at, std::min(chunk, pcm.Samples.size() - at), &error);
            if (!ok) {
                Log("speech stays silent: " + error);
                audio.Close();
                DeviceFailed = true;
                DeviceRetryAt = SteadySeconds() + kDeviceRetry;
                break;
            }
            if (Cancel) {
                audio.Flush();
                break;
            }
            PlayedCount++;
        }
        FinishedCount++;
    }
    audio.Flush();
    audio.Close();
}

} // namespace kiosk
