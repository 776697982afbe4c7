// Plays 16-bit mono PCM on the default sound device, through pcaudiolib (the library
// espeak-ng itself plays with: PulseAudio, else ALSA). Blocking calls: use it from the
// speaker's own thread only, never from a frame.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

namespace kiosk {

class AudioOut {
public:
    AudioOut();
    ~AudioOut();
    AudioOut(const AudioOut&) = delete;
    AudioOut& operator=(const AudioOut&) = delete;

    // Opens the device for this sample rate (again only when the rate changes). False
    // with a reason in words when there is no sound device (CI, Xvfb, no speaker).
    bool Open(int rate, std::string* error);
    // Writes samples; blocks while the device's buffer is full.
    bool Write(const int16_t* samples, size_t count, std::string* error);
    void Drain(); // waits until everything written has played
    void Flush(); // drops what has not played yet (a new request, the end of a visit)
    void Close();

private:
    struct Impl;
    std::unique_ptr<Impl> I;
};

} // namespace kiosk
