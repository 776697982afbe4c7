// Speech synthesis with espeak-ng, at the edge: a text in a pack language becomes PCM
// samples in memory. Nothing here plays sound (kiosk/speaker.hpp does) and nothing here
// knows the flow or the pack, so tests render every text to a buffer without a sound card.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// One synthesized utterance: 16-bit mono samples.
struct Pcm {
    std::vector<int16_t> Samples;
    int Rate = 0;              // samples per second (espeak-ng: 22050)
    std::string Voice;         // the espeak-ng voice that spoke, e.g. "gmw/nl"
    std::string VoiceLanguage; // the voice's first language, e.g. "nl", "en-gb"

    double Seconds() const { return Rate > 0 ? double(Samples.size()) / Rate : 0.0; }
    double Rms() const;        // loudness; silence is 0
};

// The espeak-ng voice for a pack language code ("nl" -> "nl"), or "" when there is none.
std::string VoiceForLanguage(const std::string& lang);
// True if a voice language such as "en-gb" speaks the pack language "en".
bool VoiceSpeaks(const std::string& voice_language, const std::string& lang);

// Volume in espeak-ng's scale (100 = its default, 0..200).
constexpr int kDefaultSpeechVolume = 100;

// Synthesizes text in lang into *out (replacing it). Thread-safe: one synthesis at a time
// in the process (espeak-ng is a global engine), initialised on first use. When *cancel
// turns true the synthesis stops early and the call returns false with "cancelled".
// Errors come back in words in *error.
bool Synthesize(const std::string& text, const std::string& lang, int volume, Pcm* out, std::string* error,
                const std::atomic<bool>* cancel = nullptr);

} // namespace kiosk
