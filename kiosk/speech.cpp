#include "kiosk/speech.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <cstring>
#include <mutex>

namespace kiosk {

namespace {

// Pack language -> espeak-ng voice. Each was checked in Debian 12's espeak-ng-data
// (lang/gmw/nl, gmw/en, zlw/pl, trk/tr, zle/uk, sem/ar); tests/test_speech.cpp speaks
// a sentence with each. Other codes are tried as voice names as they are.
struct VoiceName {
    const char* Lang;
    const char* Voice;
};
const VoiceName kVoices[] = {
    {"nl", "nl"}, {"en", "en"}, {"pl", "pl"}, {"tr", "tr"}, {"uk", "uk"}, {"ar", "ar"},
};

std::mutex g_engine_mutex; // espeak-ng is one global engine: one synthesis at a time
bool g_initialised = false;
std::string g_init_error;
std::string g_current_voice; // espeak-ng keeps the voice between calls

struct Collect {
    Pcm* Out;
    const std::atomic<bool>* Cancel;
    bool Cancelled = false;
};

// espeak-ng calls this (in synchronous mode, on the calling thread) with each chunk.
int OnSamples(short* wav, int count, espeak_EVENT* events) {
    auto* c = events ? static_cast<Collect*>(events->user_data) : nullptr;
    if (!c)
        return 0;
    if (wav && count > 0)
        c->Out->Samples.insert(c->Out->Samples.end(), wav, wav + count);
    if (c->Cancel && c->Cancel->load()) {
        c->Cancelled = true;
        return 1; // stop this synthesis
    }
    return 0;
}

std::string StatusText(espeak_ng_STATUS status) {
    char buf[256] = {};
    espeak_ng_GetStatusCodeMessage(status, buf, sizeof buf);
    return buf;
}

// Under g_engine_mutex.
bool Initialise(std::string* error) {
    if (g_initialised)
        return true;
    if (!g_init_error.empty()) {
        *error = g_init_error;
        return false;
    }
    espeak_ng_InitializePath(nullptr); // Debian's espeak-ng-data
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status == ENS_OK) // to memory only: playing is the speaker's job
        status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    espeak_ng_ClearErrorContext(&context);
    if (status != ENS_OK) {
        g_init_error = "speech is not available: espeak-ng cannot start (" + StatusText(status) +
                       "); is the espeak-ng-data package installed?";
        *error = g_init_error;
        return false;
    }
    espeak_SetSynthCallback(OnSamples);
    g_initialised = true;
    return true;
}

} // namespace

double Pcm::Rms() const {
    if (Samples.empty())
        return 0.0;
    double sum = 0.0;
    for (int16_t s : Samples)
        sum += double(s) * double(s);
    return std::sqrt(sum / double(Samples.size()));
}

std::string VoiceForLanguage(const std::string& lang) {
    for (const VoiceName& v : kVoices)
        if (lang == v.Lang)
            return v.Voice;
    return lang;
}

bool VoiceSpeaks(const std::string& voice_language, const std::string& lang) {
    return !lang.empty() && (voice_language == lang || voice_language.rfind(lang + "-", 0) == 0);
}

bool Synthesize(const std::string& text, const std::string& lang, int volume, Pcm* out, std::string* error,
                const std::atomic<bool>* cancel) {
    std::lock_guard<std::mutex> lock(g_engine_mutex);
    *out = Pcm{};
    if (!Initialise(error))
        return false;

    const std::string voice = VoiceForLanguage(lang);
    if (voice != g_current_voice) {
        espeak_ng_STATUS status = espeak_ng_SetVoiceByName(voice.c_str());
        if (status != ENS_OK) {
            *error = "no speech voice for the language '" + lang + "' (" + StatusText(status) + ")";
            return false;
        }
        g_current_voice = voice;
    }
    const espeak_VOICE* current = espeak_GetCurrentVoice();
    // languages: a priority byte, then the language name, ...; the first is the main one.
    out->VoiceLanguage = current && current->languages ? current->languages + 1 : "";
    out->Voice = current && current->identifier ? current->identifier : voice;
    if (!VoiceSpeaks(out->VoiceLanguage, lang)) {
        *error = "the speech voice '" + out->Voice + "' speaks '" + out->VoiceLanguage + "', not '" + lang + "'";
        g_current_voice.clear();
        return false;
    }
    espeak_ng_SetParameter(espeakVOLUME, volume < 0 ? 0 : volume > 200 ? 200 : volume, 0);
    out->Rate = espeak_ng_GetSampleRate();

    Collect collect{out, cancel};
    // Plain UTF-8 text (no SSML: a "<" in a pack text stays a character).
    espeak_ng_STATUS status = espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                                   espeakCHARS_UTF8, nullptr, &collect);
    if (collect.Cancelled) {
        *error = "cancelled";
        return false;
    }
    if (status != ENS_OK) {
        *error = "speech synthesis failed for '" + text + "' in " + lang + ": " + StatusText(status);
        return false;
    }
    return true;
}

} // namespace kiosk
