#include "kiosk/audio_out.hpp"

#include <dlfcn.h>

namespace kiosk {

// pcaudiolib comes with espeak-ng (libpcaudio0), but Debian 12 has no -dev package
// installed here for its header, so the library is opened at run time and its six
// C functions are looked up by name. Their signatures follow pcaudiolib's public
// <pcaudiolib/audio.h> (version 1.x); with libpcaudio-dev installed this file can
// include that header instead. A missing library means "no sound", never a crash.
namespace {

struct audio_object; // opaque
constexpr int kFormatS16LE = 2; // enum audio_object_format: S8, U8, S16LE, ...

using CreateFn = audio_object* (*)(const char* device, const char* app, const char* description);
using OpenFn = int (*)(audio_object*, int format, uint32_t rate, uint8_t channels);
using CloseFn = void (*)(audio_object*);
using DestroyFn = void (*)(audio_object*);
using WriteFn = int (*)(audio_object*, const void* data, size_t bytes);
using DrainFn = int (*)(audio_object*);
using FlushFn = int (*)(audio_object*);
using StrErrorFn = const char* (*)(audio_object*, int error);

} // namespace

struct AudioOut::Impl {
    void* Lib = nullptr;
    CreateFn Create = nullptr;
    OpenFn OpenDevice = nullptr;
    CloseFn CloseDevice = nullptr;
    DestroyFn Destroy = nullptr;
    WriteFn WriteDevice = nullptr;
    DrainFn DrainDevice = nullptr;
    FlushFn FlushDevice = nullptr;
    StrErrorFn StrError = nullptr; // newer pcaudiolib only
    audio_object* Device = nullptr;
    int Rate = 0; // open at this rate; 0: closed

    std::string Why(int code) {
        const char* text = StrError && Device ? StrError(Device, code) : nullptr;
        return text && *text ? text : "error " + std::to_string(code);
    }
};

AudioOut::AudioOut() : I(std::make_unique<Impl>()) {}

AudioOut::~AudioOut() {
    Close();
    if (I->Device && I->Destroy)
        I->Destroy(I->Device);
    if (I->Lib)
        dlclose(I->Lib);
}

bool AudioOut::Open(int rate, std::string* error) {
    if (I->Rate == rate && I->Device)
        return true;
    if (!I->Lib) {
        I->Lib = dlopen("libpcaudio.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!I->Lib) {
            *error = "no sound: the audio library libpcaudio.so.0 is missing (" + std::string(dlerror()) + ")";
            return false;
        }
        I->Create = reinterpret_cast<CreateFn>(dlsym(I->Lib, "create_audio_device_object"));
        I->OpenDevice = reinterpret_cast<OpenFn>(dlsym(I->Lib, "audio_object_open"));
        I->CloseDevice = reinterpret_cast<CloseFn>(dlsym(I->Lib, "audio_object_close"));
        I->Destroy = reinterpret_cast<DestroyFn>(dlsym(I->Lib, "audio_object_destroy"));
        I->WriteDevice = reinterpret_cast<WriteFn>(dlsym(I->Lib, "audio_object_write"));
        I->DrainDevice = reinterpret_cast<DrainFn>(dlsym(I->Lib, "audio_object_drain"));
        I->FlushDevice = reinterpret_cast<FlushFn>(dlsym(I->Lib, "audio_object_flush"));
        I->StrError = reinterpret_cast<StrErrorFn>(dlsym(I->Lib, "audio_object_strerror"));
    }
    if (!I->Create || !I->OpenDevice || !I->CloseDevice || !I->Destroy || !I->WriteDevice || !I->DrainDevice ||
        !I->FlushDevice) {
        *error = "no sound: libpcaudio.so.0 lacks the functions Wijkstem needs";
        return false;
    }
    if (!I->Device)
        I->Device = I->Create(nullptr, "Wijkstem", "Wijkstem speech");
    if (!I->Device) {
        *error = "no sound device found (neither PulseAudio nor ALSA answered)";
        return false;
    }
    Close();
    int code = I->OpenDevice(I->Device, kFormatS16LE, uint32_t(rate), 1);
    if (code != 0) {
        *error = "the sound device cannot be opened: " + I->Why(code);
        return false;
    }
    I->Rate = rate;
    return true;
}

bool AudioOut::Write(const int16_t* samples, size_t count, std::string* error) {
    if (!I->Device || !I->Rate) {
        *error = "the sound device is not open";
        return false;
    }
    int code = I->WriteDevice(I->Device, samples, count * sizeof(int16_t));
    if (code != 0) {
        *error = "playing sound failed: " + I->Why(code);
        return false;
    }
    return true;
}

void AudioOut::Drain() {
    if (I->Device && I->Rate)
        I->DrainDevice(I->Device);
}

void AudioOut::Flush() {
    if (I->Device && I->Rate)
        I->FlushDevice(I->Device);
}

void AudioOut::Close() {
    if (I->Device && I->Rate)
        I->CloseDevice(I->Device);
    I->Rate = 0;
}

} // namespace kiosk
